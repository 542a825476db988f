package record

// Reason codes of documents that cannot be parsed.
const (
	// ReasonMIME marks a malformed email message: a broken or unterminated multipart boundary, bad base64, an
	// unknown charset or transfer encoding, a malformed header or Content-Type.
	ReasonMIME = "mime"
	// ReasonHTML marks an HTML document that cannot be tokenized.
	ReasonHTML = "html"
)

// errMIME returns the error of every malformed message; it never says more, so it never holds message content.
func errMIME() error { return &Error{Reason: ReasonMIME, Offset: -1} }

// MIMEOptions configure ParseMIMEWith.
type MIMEOptions struct {
	// KeepBinaryAttachments keeps the bodies of non-text parts (PDFs, images, archives…) byte for byte, unscanned.
	// Default false: such a body is dropped from the output, and its part keeps its (scanned) headers plus
	// "X-Piiguard-Dropped: attachment", so the message keeps its structure.
	KeepBinaryAttachments bool
}

// ParseMIME parses the `raw` member of an email record, an RFC 5322 message, with the default MIMEOptions.
//
// Its texts are, in message order: the headers (From, To, Cc, Reply-To and the other address headers as one text
// per display name and one per address, "/headers/to/0/name", "/headers/to/0/address"; Subject and every other
// header that is not MIME structure or Date as one decoded text, "/headers/subject"; attachment file names,
// "/parts/2/headers/content-disposition/filename" and ".../content-type/name"), then the body: a text part is one
// text ("/body" for a single-part message, "/parts/1.2/body" inside a multipart, numbered like IMAP sections), an
// HTML part is expanded with ParseHTML ("/parts/1/html/text/0"), a message/rfc822 part nests
// ("/parts/2/message/headers/subject"), and a multipart's preamble and epilogue are texts of their own. Encoded
// words, transfer encodings and charsets are undone. A repeated header gets an occurrence index
// ("/headers/received/0"); a header whose name is not a plain identifier is named by its position ("/headers/_3").
//
// Render keeps every byte it does not have to change: an untouched part or header is copied as it was. A changed
// header is re-encoded (RFC 2047 where needed), a changed text part is re-encoded as UTF-8 in its own transfer
// encoding (7bit and 8bit turn quoted-printable when the text needs it), and a boundary is replaced only when a
// new text would collide with it.
func ParseMIME(value string) (Document, error) { return parseMIME(value, MIMEOptions{}) }

// ParseMIMEWith returns a MIME Parser with the given options; see ParseMIME.
func ParseMIMEWith(opts MIMEOptions) Parser {
	return func(value string) (Document, error) { return parseMIME(value, opts) }
}

// mimeDoc is a parsed email message.
type mimeDoc struct {
	src   string
	root  *entity
	texts []DocText
	slots []mimeSlot
}

var _ Document = (*mimeDoc)(nil)

// Texts returns the message's texts in message order.
func (d *mimeDoc) Texts() []DocText { return d.texts }

// slotKind says what a text of a message is.
type slotKind int

const (
	slotHeader   slotKind = iota // an unstructured header, or an address header that is not a plain list
	slotName                     // a display name in an address header
	slotAddress                  // an address in an address header
	slotParam                    // a file name parameter of Content-Type or Content-Disposition
	slotBody                     // a text body
	slotHTML                     // a text of an HTML body
	slotPreamble                 // a multipart's preamble
	slotEpilogue                 // a multipart's epilogue
)

// mimeSlot locates a text of a message: its entity, and where in it.
type mimeSlot struct {
	e     *entity
	kind  slotKind
	field int // header field index (header, name, address, param)
	sub   int // address index, or text index in the HTML document
}
