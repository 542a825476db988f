// Package visible renders what a reader of a record sees, so that the accuracy report and the form tests can look
// for a labelled value where it would be read: an RFC 5322 message ("raw") decoded — headers with their RFC 2047
// encoded words, every part with its transfer encoding and charset undone, attachment file names — and an HTML
// body ("body_html") as text, with its attribute values (mailto: and tel: links, title, alt) and comments.
//
// The decoding is written here on its own, from the standard library (net/mail, mime, mime/multipart,
// mime/quotedprintable, encoding/base64) and golang.org/x/text and golang.org/x/net/html, independent of the
// engine's record package whose output it judges.
package visible
