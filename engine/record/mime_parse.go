package record

import (
	"mime"
	"strconv"
	"strings"
)

// maxMIMEDepth is the deepest nesting of multiparts and attached messages accepted.
const maxMIMEDepth = 32

// entKind says how the body of an entity is read.
type entKind int

const (
	kindText      entKind = iota // scanned as one text
	kindHTML                     // expanded with the HTML document
	kindMultipart                // split into parts
	kindMessage                  // an attached message (message/rfc822)
	kindBinary                   // not text: dropped or kept unscanned
)

// entity is a message or a body part. Offsets are into src: the message, or the decoded body of an attached
// message whose transfer encoding had to be undone.
type entity struct {
	parent     *entity
	src        string
	eol        string // the line ending the entity's source uses
	start, end int
	fields     []hfield
	hdrEnd     int // end of the last header field
	bodyStart  int
	path       string // JSON Pointer prefix of the entity's texts
	msgPath    string // JSON Pointer prefix of the message the entity belongs to
	section    string // IMAP-style part number ("" for a message's root)
	root       bool   // the root entity of a message (the place for MIME-Version)

	mediatype string
	params    map[string]string
	ctField   int // index of the Content-Type field, or -1
	cteField  int // index of the Content-Transfer-Encoding field, or -1
	cte       string
	kind      entKind

	// multipart
	boundary string
	pre, epi [2]int
	delims   [][2]int // before each child, then the close delimiter
	children []*entity

	// attached message
	inner *entity

	// text and HTML
	text      string
	html      *htmlDoc
	bodyEOL   bool // the raw body ends with a line break
	drop      bool // a binary body that Render leaves out
	hasDrop   bool // drop is set here or below
	dropField bool // the entity already carries X-Piiguard-Dropped
}

// mimeParser builds the entity tree and the texts of one message.
type mimeParser struct {
	opts MIMEOptions
	doc  *mimeDoc
}

func parseMIME(value string, opts MIMEOptions) (Document, error) {
	p := &mimeParser{opts: opts, doc: &mimeDoc{src: value}}
	root, err := p.entity(nil, value, 0, len(value), "", "", false, 0)
	if err != nil {
		return nil, err
	}
	root.root = true
	p.doc.root = root
	return p.doc, nil
}

// entity parses src[start:end] as an entity of the message at msgPath, with part number section.
func (p *mimeParser) entity(parent *entity, src string, start, end int, msgPath, section string, digest bool,
	depth int) (*entity, error) {
	if depth > maxMIMEDepth {
		return nil, errMIME()
	}
	e := &entity{parent: parent, src: src, eol: lineEnding(src), start: start, end: end, msgPath: msgPath,
		section: section, ctField: -1, cteField: -1, root: section == ""}
	e.path = msgPath
	if section != "" {
		e.path += "/parts/" + section
	}
	var ok bool
	if e.fields, e.hdrEnd, e.bodyStart, ok = parseHeaderBlock(src, start, end); !ok {
		return nil, errMIME()
	}
	if err := p.structure(e, digest); err != nil {
		return nil, err
	}
	if err := p.headerTexts(e); err != nil {
		return nil, err
	}
	if err := p.body(e, depth); err != nil {
		return nil, err
	}
	if e.drop {
		for x := e; x != nil && !x.hasDrop; x = x.parent {
			x.hasDrop = true
		}
	}
	return e, nil
}

// structure reads Content-Type and Content-Transfer-Encoding and decides how the body is read.
func (p *mimeParser) structure(e *entity, digest bool) error {
	e.mediatype, e.params = "text/plain", map[string]string{}
	if digest {
		e.mediatype = "message/rfc822"
	}
	e.cte = cte7bit
	for i, f := range e.fields {
		switch f.lname {
		case "content-type":
			if e.ctField >= 0 {
				continue // the first one counts, as in net/textproto
			}
			mt, params, err := mime.ParseMediaType(f.value)
			if err != nil {
				return errMIME()
			}
			e.ctField, e.mediatype, e.params = i, mt, params
		case "content-transfer-encoding":
			if e.cteField >= 0 {
				continue
			}
			e.cteField, e.cte = i, strings.ToLower(strings.TrimSpace(f.value))
			if !knownCTE(e.cte) {
				return errMIME()
			}
		case "x-piiguard-dropped":
			e.dropField = true
		}
	}
	e.kind = kindOf(e.mediatype)
	return nil
}

// kindOf classifies a media type (lower case).
func kindOf(mt string) entKind {
	typ, sub, _ := strings.Cut(mt, "/")
	switch {
	case typ == "multipart":
		return kindMultipart
	case mt == "message/rfc822" || mt == "message/global":
		return kindMessage
	case mt == "text/html" || mt == "application/xhtml+xml":
		return kindHTML
	case typ == "text", mt == "message/delivery-status", mt == "message/disposition-notification",
		mt == "message/global-delivery-status", mt == "message/global-disposition-notification":
		return kindText
	case typ == "application":
		switch sub {
		case "json", "xml", "ld+json", "x-ndjson", "ndjson", "yaml", "x-yaml", "csv", "javascript",
			"x-javascript", "ecmascript", "rtf", "x-sh", "sql", "x-www-form-urlencoded", "pgp-signature",
			"pgp-encrypted", "ics", "vcard", "mbox":
			return kindText
		}
		if strings.HasSuffix(sub, "+json") || strings.HasSuffix(sub, "+xml") {
			return kindText
		}
	}
	return kindBinary
}

// body reads the body of e according to its kind.
func (p *mimeParser) body(e *entity, depth int) error {
	raw := e.src[e.bodyStart:e.end]
	switch e.kind {
	case kindMultipart:
		return p.multipart(e, depth)
	case kindMessage:
		if e.cte == cte7bit || e.cte == cte8bit || e.cte == cteBinary {
			inner, err := p.entity(e, e.src, e.bodyStart, e.end, e.path+"/message", "", false, depth+1)
			e.inner = inner
			return err
		}
		b, ok := decodeTransfer(raw, e.cte)
		if !ok {
			return errMIME()
		}
		inner, err := p.entity(e, string(b), 0, len(b), e.path+"/message", "", false, depth+1)
		e.inner = inner
		return err
	case kindBinary:
		e.drop = !p.opts.KeepBinaryAttachments && e.bodyStart < e.end
		return nil
	}
	b, ok := decodeTransfer(raw, e.cte)
	if !ok {
		return errMIME()
	}
	text, ok := decodeCharset(b, e.params["charset"])
	if !ok {
		return errMIME()
	}
	e.text = text
	e.bodyEOL = strings.HasSuffix(raw, "\n")
	if e.kind == kindHTML {
		h, err := parseHTMLDoc(text)
		if err != nil {
			return errMIME()
		}
		e.html = h
		for i, t := range h.texts {
			t.Path = e.path + "/html" + t.Path
			p.add(t, mimeSlot{e: e, kind: slotHTML, sub: i})
		}
		return nil
	}
	if strings.TrimSpace(text) != "" {
		p.add(DocText{Path: e.path + "/body"}.with(text), mimeSlot{e: e, kind: slotBody})
	}
	return nil
}

// multipart splits the body of e at its boundary and parses each part.
func (p *mimeParser) multipart(e *entity, depth int) error {
	b := e.params["boundary"]
	if b == "" || len(b) > 200 || e.cte == cteQP || e.cte == cteBase64 {
		return errMIME()
	}
	e.boundary = b
	sp, ok := splitMultipart(e.src, e.bodyStart, e.end, b)
	if !ok {
		return errMIME()
	}
	e.pre, e.epi, e.delims = sp.pre, sp.epi, sp.delims
	if t := e.src[sp.pre[0]:sp.pre[1]]; strings.TrimSpace(t) != "" {
		p.add(DocText{Path: e.path + "/preamble"}.with(fixUTF8(t)), mimeSlot{e: e, kind: slotPreamble})
	}
	digest := e.mediatype == "multipart/digest"
	for i, part := range sp.parts {
		sec := strconv.Itoa(i + 1)
		if e.section != "" {
			sec = e.section + "." + sec
		}
		c, err := p.entity(e, e.src, part[0], part[1], e.msgPath, sec, digest, depth+1)
		if err != nil {
			return err
		}
		e.children = append(e.children, c)
	}
	if t := e.src[sp.epi[0]:sp.epi[1]]; strings.TrimSpace(t) != "" {
		p.add(DocText{Path: e.path + "/epilogue"}.with(fixUTF8(t)), mimeSlot{e: e, kind: slotEpilogue})
	}
	return nil
}

func (p *mimeParser) add(t DocText, s mimeSlot) {
	p.doc.texts = append(p.doc.texts, t)
	p.doc.slots = append(p.doc.slots, s)
}

// with returns t with Value v.
func (t DocText) with(v string) DocText {
	t.Value = v
	return t
}

// fixUTF8 reads raw header or preamble bytes: UTF-8 as is, anything else as Windows-1252.
func fixUTF8(s string) string {
	out, _ := decodeCharset([]byte(s), "")
	return out
}

// lineEnding returns the line ending src uses: CRLF when its first line ends so, LF otherwise.
func lineEnding(src string) string {
	if i := strings.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	if strings.IndexByte(src, '\n') < 0 {
		return "\r\n"
	}
	return "\n"
}

// nextLine returns the end of the line at pos (before its line break) and the start of the next line.
func nextLine(src string, pos, end int) (lineEnd, next int) {
	i := strings.IndexByte(src[pos:end], '\n')
	if i < 0 {
		return end, end
	}
	lineEnd, next = pos+i, pos+i+1
	if lineEnd > pos && src[lineEnd-1] == '\r' {
		lineEnd--
	}
	return lineEnd, next
}

// multipartSplit is where the parts of a multipart body lie.
type multipartSplit struct {
	pre, epi [2]int
	parts    [][2]int
	delims   [][2]int // each delimiter with the line break before it; the last is the close delimiter
}

// splitMultipart finds the parts of the multipart body src[start:end] (RFC 2046 section 5.1.1): a delimiter is a
// line "--boundary", optionally followed by white space, and the line break before it belongs to it. It fails
// when no delimiter or no close delimiter is found.
func splitMultipart(src string, start, end int, boundary string) (multipartSplit, bool) {
	var sp multipartSplit
	dash := "--" + boundary
	partStart := -1 // -1 while in the preamble
	for pos := start; pos < end; {
		lineEnd, next := nextLine(src, pos, end)
		line := src[pos:lineEnd]
		closing, ok := delimiterLine(line, dash)
		if !ok {
			pos = next
			continue
		}
		from := start
		if partStart >= 0 {
			from = partStart
		}
		ds := pos
		if pos > from { // the line break before the delimiter is part of it
			ds = pos - 1
			if ds > from && src[ds-1] == '\r' {
				ds--
			}
		}
		if partStart < 0 {
			sp.pre = [2]int{start, ds}
		} else {
			sp.parts = append(sp.parts, [2]int{partStart, ds})
		}
		sp.delims = append(sp.delims, [2]int{ds, next})
		if closing {
			sp.epi = [2]int{next, end}
			return sp, true
		}
		partStart = next
		pos = next
	}
	return sp, false
}

// delimiterLine reports whether line is a delimiter of dash ("--boundary") and whether it closes the multipart.
func delimiterLine(line, dash string) (closing, ok bool) {
	if !strings.HasPrefix(line, dash) {
		return false, false
	}
	rest := line[len(dash):]
	if strings.HasPrefix(rest, "--") {
		closing, rest = true, rest[2:]
	}
	if strings.Trim(rest, " \t") != "" {
		return false, false
	}
	return closing, true
}
