package visible

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"slices"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// maxDepth bounds the nesting of multiparts and attached messages that MIME follows.
const maxDepth = 32

// words decodes RFC 2047 encoded words in any charset golang.org/x/text knows.
var words = &mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	enc, err := charsetEncoding(charset)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}}

// addressHeaders hold address lists, whose display names and addresses are also listed parsed.
var addressHeaders = []string{"From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Resent-From", "Resent-To"}

// MIME returns the text of an RFC 5322 message as a reader sees it: every header decoded (RFC 2047 encoded words
// in any charset, address lists also parsed into names and addresses), and for every entity of the MIME tree
// the parameters of Content-Type and Content-Disposition (file names, RFC 2231 and RFC 2047 decoded) and the
// body with its transfer encoding and charset undone; an HTML body also as its text (see HTML), an attached
// message/rfc822 recursively. The error says why the message is not valid MIME (a header block net/mail
// rejects, a malformed Content-Type, a multipart without its boundary or end, a body that does not decode);
// the text is returned as far as it got. An unknown charset is no error: such a body is read as it is. Errors
// name the problem, never the content.
func MIME(raw string) (string, error) {
	var w walker
	err := w.message([]byte(raw), 0)
	return w.text.String(), err
}

// Outline returns the media type of every entity of an RFC 5322 message, depth first ("multipart/mixed",
// "text/plain", "message/rfc822", "text/plain"…), so two messages can be compared for shape; the error is
// MIME's.
func Outline(raw string) ([]string, error) {
	var w walker
	err := w.message([]byte(raw), 0)
	return w.outline, err
}

// walker collects the visible text and the outline of a message.
type walker struct {
	text    strings.Builder
	outline []string
}

// message writes the visible text of one message.
func (w *walker) message(raw []byte, depth int) error {
	b := &w.text
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return errors.New("visible: header block does not parse")
	}
	keys := make([]string, 0, len(m.Header))
	for k := range m.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range m.Header[k] {
			b.WriteString(k + ": " + decodeWords(v) + "\n")
		}
	}
	parser := mail.AddressParser{WordDecoder: words}
	for _, k := range addressHeaders {
		for _, v := range m.Header[k] {
			list, err := parser.ParseList(v)
			if err != nil {
				return fmt.Errorf("visible: %s header is not an address list", k)
			}
			for _, a := range list {
				b.WriteString(k + ": " + a.Name + "\n" + k + ": " + a.Address + "\n")
			}
		}
	}
	body, err := io.ReadAll(m.Body)
	if err != nil {
		return errors.New("visible: body does not read")
	}
	return w.entity(textproto.MIMEHeader(m.Header), body, depth)
}

// entity writes the visible text of a MIME entity with header h and body (still transfer-encoded).
func (w *walker) entity(h textproto.MIMEHeader, body []byte, depth int) error {
	b := &w.text
	if depth > maxDepth {
		return errors.New("visible: MIME nesting too deep")
	}
	mediaType, params := "text/plain", map[string]string{}
	if ct := h.Get("Content-Type"); strings.TrimSpace(ct) != "" {
		var err error
		if mediaType, params, err = mediaParams(ct); err != nil {
			return errors.New("visible: Content-Type does not parse")
		}
	}
	w.outline = append(w.outline, mediaType)
	writeParams(b, params)
	if cd := h.Get("Content-Disposition"); strings.TrimSpace(cd) != "" {
		_, dp, err := mediaParams(cd)
		if err != nil {
			return errors.New("visible: Content-Disposition does not parse")
		}
		writeParams(b, dp)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		boundary := params["boundary"]
		if boundary == "" {
			return errors.New("visible: multipart without boundary")
		}
		r := multipart.NewReader(bytes.NewReader(body), boundary)
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return errors.New("visible: multipart does not parse")
			}
			pb, err := io.ReadAll(p)
			if err != nil {
				return errors.New("visible: multipart does not parse")
			}
			keys := make([]string, 0, len(p.Header))
			for k := range p.Header {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				for _, v := range p.Header[k] {
					b.WriteString(k + ": " + decodeWords(v) + "\n")
				}
			}
			if err := w.entity(p.Header, pb, depth+1); err != nil {
				return err
			}
		}
	}
	data, err := transferDecode(body, strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))))
	if err != nil {
		return err
	}
	if mediaType == "message/rfc822" || mediaType == "message/global" {
		return w.message(data, depth+1)
	}
	if cs := params["charset"]; cs != "" {
		if enc, err := charsetEncoding(cs); err == nil {
			if d, err := enc.NewDecoder().Bytes(data); err == nil {
				data = d
			}
		}
	}
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	b.WriteString(text)
	b.WriteByte('\n')
	if mediaType == "text/html" {
		t, _ := HTML(text)
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return nil
}

// writeParams writes the parameters of a Content-Type or Content-Disposition, RFC 2047 encoded words decoded
// (mime.ParseMediaType already undid RFC 2231), in name order.
func writeParams(b *strings.Builder, params map[string]string) {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.WriteString(k + ": " + decodeWords(params[k]) + "\n")
	}
}

// transferDecode undoes a Content-Transfer-Encoding (lower case); identity encodings and unknown ones return
// the body as it is.
func transferDecode(body []byte, cte string) ([]byte, error) {
	switch cte {
	case "quoted-printable":
		d, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
		if err != nil {
			return body, errors.New("visible: quoted-printable body does not decode")
		}
		return d, nil
	case "base64":
		var clean bytes.Buffer
		sc := bufio.NewScanner(bytes.NewReader(body))
		sc.Buffer(make([]byte, 0, 4096), len(body)+1)
		for sc.Scan() {
			clean.Write(bytes.TrimSpace(sc.Bytes()))
		}
		d, err := base64.StdEncoding.DecodeString(clean.String())
		if err != nil {
			return body, errors.New("visible: base64 body does not decode")
		}
		return d, nil
	}
	return body, nil
}

// decodeWords decodes the RFC 2047 encoded words of a header value; a value that does not decode is returned as
// it is.
func decodeWords(v string) string {
	d, err := words.DecodeHeader(v)
	if err != nil {
		return v
	}
	return d
}

// charsetEncoding returns the decoder of a charset label: the WHATWG names first (which read ISO-8859-1 as
// Windows-1252, as mail clients do), then the IANA ones.
func charsetEncoding(label string) (encoding.Encoding, error) {
	if enc, err := htmlindex.Get(label); err == nil {
		return enc, nil
	}
	enc, err := ianaindex.MIME.Encoding(label)
	if err != nil {
		return nil, err
	}
	if enc == nil {
		return nil, errors.New("visible: charset without decoder")
	}
	return enc, nil
}
