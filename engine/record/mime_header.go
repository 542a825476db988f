package record

import (
	"mime"
	"net/mail"
	"strconv"
	"strings"
	"unicode"
)

// fieldRole says how a header field is scanned.
type fieldRole int

const (
	roleMeta    fieldRole = iota // structure or timestamps: not scanned
	roleText                     // one decoded text
	roleAddress                  // a list of addresses: a text per display name and per address
	roleParam                    // Content-Type or Content-Disposition: its file name parameter is a text
)

// hfield is one header field of an entity.
type hfield struct {
	start, end int    // the raw field in its entity's source, with its line break(s)
	name       string // as written
	lname      string // lower case
	value      string // unfolded and trimmed, not decoded
	role       fieldRole
	text       string          // roleText: the decoded value
	addrs      []*mail.Address // roleAddress: the parsed list
	mediatype  string          // roleParam: the media type or disposition
	params     map[string]string
	param      string // roleParam: the parameter that holds the file name ("" when there is none)
}

// metaHeaders are header fields that hold message structure or timestamps; they are not scanned.
var metaHeaders = map[string]bool{
	"content-transfer-encoding": true, "mime-version": true, "date": true, "resent-date": true,
	"content-length": true, "lines": true, "x-piiguard-dropped": true,
}

// addressHeaders are header fields that hold a list of mailboxes.
var addressHeaders = map[string]bool{
	"from": true, "to": true, "cc": true, "bcc": true, "reply-to": true, "sender": true,
	"resent-from": true, "resent-to": true, "resent-cc": true, "resent-bcc": true, "resent-sender": true,
	"resent-reply-to": true, "return-path": true, "delivered-to": true, "x-original-to": true,
	"disposition-notification-to": true, "errors-to": true, "return-receipt-to": true, "mail-followup-to": true,
	"mail-reply-to": true, "x-sender": true, "x-envelope-from": true, "x-envelope-to": true,
}

// wordDecoder decodes RFC 2047 encoded words in any charset lookupCharset knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

// parseHeaderBlock reads the header fields of the entity src[start:end]. It returns the end of the last field
// and the start of the body (after the empty line; end when there is none). A line that is neither a field
// nor the continuation of one is an error.
func parseHeaderBlock(src string, start, end int) (fields []hfield, hdrEnd, bodyStart int, ok bool) {
	var value strings.Builder
	flush := func() {
		if n := len(fields); n > 0 {
			fields[n-1].value = strings.Trim(value.String(), " \t")
		}
		value.Reset()
	}
	for pos := start; pos < end; {
		lineEnd, next := nextLine(src, pos, end)
		line := src[pos:lineEnd]
		switch {
		case line == "":
			flush()
			return fields, pos, next, true
		case line[0] == ' ' || line[0] == '\t':
			if len(fields) == 0 {
				return nil, 0, 0, false
			}
			value.WriteString(line)
			fields[len(fields)-1].end = next
		default:
			colon := strings.IndexByte(line, ':')
			if colon <= 0 {
				return nil, 0, 0, false
			}
			name := strings.TrimRight(line[:colon], " \t")
			if !validFieldName(name) {
				return nil, 0, 0, false
			}
			flush()
			fields = append(fields, hfield{start: pos, end: next, name: name, lname: strings.ToLower(name)})
			value.WriteString(line[colon+1:])
		}
		pos = next
	}
	flush()
	return fields, end, end, true
}

// validFieldName reports whether name is an RFC 5322 field name: printable ASCII except ':'.
func validFieldName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 33 || c > 126 {
			return false
		}
	}
	return true
}

// headerTexts classifies the header fields of e and adds their texts.
func (p *mimeParser) headerTexts(e *entity) error {
	keys := make([]string, len(e.fields))
	count := map[string]int{}
	for i, f := range e.fields {
		keys[i] = pathName(f.lname, "_"+strconv.Itoa(i))
		count[keys[i]]++
	}
	seen := map[string]int{}
	for i := range e.fields {
		f := &e.fields[i]
		path := e.path + "/headers/" + keys[i]
		if count[keys[i]] > 1 {
			path += "/" + strconv.Itoa(seen[keys[i]])
		}
		seen[keys[i]]++
		switch {
		case f.value == "" || metaHeaders[f.lname]:
			f.role = roleMeta
		case f.lname == "content-type" && i == e.ctField, f.lname == "content-disposition":
			if err := p.paramText(e, i, path); err != nil {
				return err
			}
		case addressHeaders[f.lname]:
			if err := p.addressTexts(e, i, path); err != nil {
				return err
			}
		default:
			text, err := wordDecoder.DecodeHeader(fixUTF8(f.value))
			if err != nil {
				return errMIME()
			}
			f.role, f.text = roleText, text
			p.add(DocText{Path: path, Value: text}, mimeSlot{e: e, kind: slotHeader, field: i})
		}
	}
	return nil
}

// paramText reads Content-Type or Content-Disposition field i and adds its file name as a text.
func (p *mimeParser) paramText(e *entity, i int, path string) error {
	f := &e.fields[i]
	mt, params, err := mime.ParseMediaType(fixUTF8(f.value))
	if err != nil {
		return errMIME()
	}
	f.role, f.mediatype, f.params = roleParam, mt, params
	key := "name"
	if f.lname == "content-disposition" {
		key = "filename"
	}
	v, ok := params[key]
	if !ok || strings.TrimSpace(v) == "" {
		return nil
	}
	if strings.Contains(v, "=?") {
		if v, err = wordDecoder.DecodeHeader(v); err != nil {
			return errMIME()
		}
		params[key] = v
	}
	f.param = key
	p.add(DocText{Path: path + "/" + key, Value: v}, mimeSlot{e: e, kind: slotParam, field: i})
	return nil
}

// addressTexts reads address field i: a display name and an address text per mailbox. A field that does not
// parse as an address list, or whose words the list does not all hold (comments, groups), is one text instead.
func (p *mimeParser) addressTexts(e *entity, i int, path string) error {
	f := &e.fields[i]
	raw := fixUTF8(f.value)
	text, err := wordDecoder.DecodeHeader(raw)
	if err != nil {
		return errMIME()
	}
	ap := mail.AddressParser{WordDecoder: wordDecoder}
	list, err := ap.ParseList(raw)
	if err != nil || len(list) == 0 || !covers(list, text) {
		f.role, f.text = roleText, text
		p.add(DocText{Path: path, Value: text}, mimeSlot{e: e, kind: slotHeader, field: i})
		return nil
	}
	f.role, f.addrs = roleAddress, list
	for k, a := range list {
		ap := path + "/" + strconv.Itoa(k)
		if strings.TrimSpace(a.Name) != "" {
			p.add(DocText{Path: ap + "/name", Value: a.Name, Hint: "PERSON"}, mimeSlot{e: e, kind: slotName, field: i, sub: k})
		}
		p.add(DocText{Path: ap + "/address", Value: a.Address, Hint: "EMAIL"}, mimeSlot{e: e, kind: slotAddress, field: i, sub: k})
	}
	return nil
}

// covers reports whether every word (run of letters and digits) of text occurs in a name or address of list,
// so that scanning the list scans the whole field.
func covers(list []*mail.Address, text string) bool {
	var hay strings.Builder
	for _, a := range list {
		hay.WriteString(a.Name)
		hay.WriteByte(0)
		hay.WriteString(a.Address)
		hay.WriteByte(0)
	}
	all := hay.String()
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !strings.Contains(all, w) {
			return false
		}
	}
	return true
}

// pathName returns a header, tag or attribute name as a path token when it is a plain identifier — at most 40
// lower-case letters, digits, '-', '_' or ':', starting with a letter, no two digits in a row — and fallback
// otherwise, so no address or number written as a name ("laurits@example.dk: x") reaches a path, which findings
// and compliance events carry.
func pathName(name, fallback string) string {
	if name == "" || len(name) > 40 || name[0] < 'a' || name[0] > 'z' {
		return fallback
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c == '-', c == '_', c == ':':
		case c >= '0' && c <= '9':
			if i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
				return fallback
			}
		default:
			return fallback
		}
	}
	return name
}

// foldHeader writes a header field, folded at spaces so lines stay within 78 characters where the value allows.
func foldHeader(name, value, eol string) string {
	line := name + ": " + value
	if len(line) <= 78 {
		return line + eol
	}
	words := strings.Split(line, " ")
	var b strings.Builder
	b.WriteString(words[0])
	cur := len(words[0])
	for _, w := range words[1:] {
		if w != "" && cur > len(name)+1 && cur+1+len(w) > 78 {
			b.WriteString(eol)
			cur = 0
		}
		b.WriteByte(' ')
		b.WriteString(w)
		cur += 1 + len(w)
	}
	b.WriteString(eol)
	return b.String()
}

// encodeText encodes an unstructured header value: RFC 2047 Q encoding when it holds anything but printable
// ASCII, or something that would read as an encoded word.
func encodeText(v string) string {
	if strings.Contains(v, "=?") {
		return forceQ(v)
	}
	return mime.QEncoding.Encode("utf-8", v)
}

// forceQ Q-encodes v even when it is printable ASCII (mime.QEncoding leaves such text alone).
func forceQ(v string) string {
	const marker = "\u00a0"
	enc := mime.QEncoding.Encode("utf-8", marker+v)
	// The marker is encoded as "=C2=A0" right after the first word's "?q?".
	return strings.Replace(enc, "?q?=C2=A0", "?q?", 1)
}

// formatAddress writes one mailbox of a changed address field. An address that is no longer an RFC 5322
// addr-spec (it was replaced by a token) becomes the quoted local part of the reserved domain "invalid", so the
// field still parses.
func formatAddress(name, addr string) string {
	a := &mail.Address{Name: name, Address: addr}
	if _, err := mail.ParseAddress("<" + addr + ">"); err != nil {
		a.Address = addr + "@invalid"
	}
	return a.String()
}
