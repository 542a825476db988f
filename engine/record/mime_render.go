package record

import (
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"strconv"
	"strings"
)

// entEdits are the replaced texts of one entity.
type entEdits struct {
	fields map[int]string         // unstructured header field → new text
	names  map[int]map[int]string // address field → mailbox → new display name
	addrs  map[int]map[int]string // address field → mailbox → new address
	params map[int]string         // Content-Type / Content-Disposition field → new file name
	body   *string
	html   map[int]string
	pre    *string
	epi    *string
}

// mimeRenderer renders one message with a set of replacements.
type mimeRenderer struct {
	edits map[*entity]*entEdits
	dirty map[*entity]bool // the entity or one below it has a replaced text
}

// Render returns the message with the texts at the given indexes replaced. Untouched parts and headers are
// copied byte for byte; dropped attachments are left out even when nothing is replaced.
func (d *mimeDoc) Render(repl map[int]string) (string, error) {
	if len(repl) == 0 && !d.root.hasDrop {
		return d.src, nil
	}
	r := &mimeRenderer{edits: map[*entity]*entEdits{}, dirty: map[*entity]bool{}}
	for i, v := range repl {
		if i < 0 || i >= len(d.slots) {
			return "", errMIME()
		}
		s := d.slots[i]
		ed := r.edits[s.e]
		if ed == nil {
			ed = &entEdits{}
			r.edits[s.e] = ed
		}
		switch s.kind {
		case slotHeader:
			ed.fields = setIn(ed.fields, s.field, v)
		case slotName:
			ed.names = setIn2(ed.names, s.field, s.sub, v)
		case slotAddress:
			ed.addrs = setIn2(ed.addrs, s.field, s.sub, v)
		case slotParam:
			ed.params = setIn(ed.params, s.field, v)
		case slotBody:
			ed.body = &v
		case slotHTML:
			ed.html = setIn(ed.html, s.sub, v)
		case slotPreamble:
			ed.pre = &v
		case slotEpilogue:
			ed.epi = &v
		}
		for x := s.e; x != nil && !r.dirty[x]; x = x.parent {
			r.dirty[x] = true
		}
	}
	return r.entity(d.root)
}

func setIn(m map[int]string, k int, v string) map[int]string {
	if m == nil {
		m = map[int]string{}
	}
	m[k] = v
	return m
}

func setIn2(m map[int]map[int]string, k, j int, v string) map[int]map[int]string {
	if m == nil {
		m = map[int]map[int]string{}
	}
	m[k] = setIn(m[k], j, v)
	return m
}

// entity renders one entity: its headers, then its body.
func (r *mimeRenderer) entity(e *entity) (string, error) {
	if !r.dirty[e] && !e.hasDrop {
		return e.src[e.start:e.end], nil
	}
	ed := r.edits[e]
	if ed == nil {
		ed = &entEdits{}
	}
	raw := e.src[e.bodyStart:e.end]
	body := raw
	ctParams := map[string]string{} // Content-Type parameters to change
	newCTE := ""
	addDrop := false
	switch e.kind {
	case kindMultipart:
		b, boundary, err := r.multipart(e, ed)
		if err != nil {
			return "", err
		}
		body = b
		if boundary != e.boundary {
			ctParams["boundary"] = boundary
		}
	case kindMessage:
		inner, err := r.entity(e.inner)
		if err != nil {
			return "", err
		}
		switch e.cte {
		case cteBase64, cteQP:
			body = encodeTransfer(inner, e.cte, e.eol, strings.HasSuffix(raw, "\n"))
		default:
			body = inner
			if e.cte == cte7bit && !isASCII(inner) {
				newCTE = cte8bit
			}
		}
	case kindText, kindHTML:
		text, changed := e.text, false
		if ed.body != nil {
			text, changed = *ed.body, true
		}
		if len(ed.html) > 0 {
			h, err := e.html.Render(ed.html)
			if err != nil {
				return "", errMIME()
			}
			text, changed = h, true
		}
		if changed {
			cte := e.cte
			if (cte == cte7bit || cte == cte8bit || cte == cteBinary) && needsQP(text) {
				cte, newCTE = cteQP, cteQP
			}
			body = encodeTransfer(text, cte, e.eol, e.bodyEOL)
			label := strings.ToLower(strings.TrimSpace(e.params["charset"]))
			if label != "utf-8" && !(isUTF8Label(label) && isASCII(text)) {
				ctParams["charset"] = "utf-8"
			}
		}
	case kindBinary:
		if e.drop {
			body, addDrop = "", !e.dropField
		}
	}
	head, err := r.headers(e, ed, ctParams, newCTE, addDrop)
	if err != nil {
		return "", err
	}
	return head + e.src[e.hdrEnd:e.bodyStart] + body, nil
}

// headers renders the header block of e (without the empty line after it).
func (r *mimeRenderer) headers(e *entity, ed *entEdits, ctParams map[string]string, newCTE string,
	addDrop bool) (string, error) {
	var b strings.Builder
	open := false // the last field written lacks its line break
	write := func(s string) {
		if open {
			b.WriteString(e.eol)
		}
		b.WriteString(s)
		open = !strings.HasSuffix(s, "\n")
	}
	for i, f := range e.fields {
		raw := e.src[f.start:f.end]
		switch {
		case i == e.ctField && (len(ctParams) > 0 || hasKey(ed.params, i)):
			params := copyParams(e.params, f.params)
			for k, v := range ctParams {
				params[k] = v
			}
			if v, ok := ed.params[i]; ok && f.param != "" {
				params[f.param] = v
			}
			v := mime.FormatMediaType(e.mediatype, params)
			if v == "" {
				return "", errMIME()
			}
			write(foldHeader(f.name, v, e.eol))
		case i == e.cteField && newCTE != "":
			write(foldHeader(f.name, newCTE, e.eol))
		case f.role == roleParam && hasKey(ed.params, i) && f.param != "":
			params := copyParams(f.params, nil)
			params[f.param] = ed.params[i]
			v := mime.FormatMediaType(f.mediatype, params)
			if v == "" {
				return "", errMIME()
			}
			write(foldHeader(f.name, v, e.eol))
		case f.role == roleText && hasKey(ed.fields, i):
			write(foldHeader(f.name, encodeText(ed.fields[i]), e.eol))
		case f.role == roleAddress && (ed.names[i] != nil || ed.addrs[i] != nil):
			list := make([]string, len(f.addrs))
			for k, a := range f.addrs {
				name, addr := a.Name, a.Address
				if v, ok := ed.names[i][k]; ok {
					name = v
				}
				if v, ok := ed.addrs[i][k]; ok {
					addr = v
				}
				list[k] = formatAddress(name, addr)
			}
			write(foldHeader(f.name, strings.Join(list, ", "), e.eol))
		default:
			write(raw)
		}
	}
	hasMIMEVersion := false
	for _, f := range e.fields {
		hasMIMEVersion = hasMIMEVersion || f.lname == "mime-version"
	}
	added := false
	if len(ctParams) > 0 && e.ctField < 0 {
		params := map[string]string{}
		for k, v := range ctParams {
			params[k] = v
		}
		if e.root && !hasMIMEVersion {
			write("MIME-Version: 1.0" + e.eol)
		}
		added = true
		write(foldHeader("Content-Type", mime.FormatMediaType(e.mediatype, params), e.eol))
	}
	if newCTE != "" && e.cteField < 0 {
		if e.root && !hasMIMEVersion && !added {
			write("MIME-Version: 1.0" + e.eol)
		}
		write(foldHeader("Content-Transfer-Encoding", newCTE, e.eol))
	}
	if addDrop {
		write("X-Piiguard-Dropped: attachment" + e.eol)
	}
	return b.String(), nil
}

func hasKey(m map[int]string, k int) bool {
	_, ok := m[k]
	return ok
}

// copyParams copies the parameters of a media type; from wins over base.
func copyParams(base, from map[string]string) map[string]string {
	out := make(map[string]string, len(base)+len(from))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range from {
		out[k] = v
	}
	return out
}

// multipart renders the body of a multipart entity and returns it with the boundary it uses: the old one,
// unless a changed part now holds a line that starts with its delimiter.
func (r *mimeRenderer) multipart(e *entity, ed *entEdits) (string, string, error) {
	pre := e.src[e.pre[0]:e.pre[1]]
	epi := e.src[e.epi[0]:e.epi[1]]
	var changed []string
	if ed.pre != nil {
		pre = *ed.pre
		changed = append(changed, pre)
	}
	if ed.epi != nil {
		epi = *ed.epi
	}
	kids := make([]string, len(e.children))
	for i, c := range e.children {
		s, err := r.entity(c)
		if err != nil {
			return "", "", err
		}
		kids[i] = s
		if r.dirty[c] || c.hasDrop {
			changed = append(changed, s)
		}
	}
	boundary := e.boundary
	if hasDelimiter(boundary, changed) {
		all := append([]string{pre}, kids...)
		for n := 1; ; n++ {
			sum := sha256.Sum256([]byte(e.boundary + ":" + strconv.Itoa(n)))
			boundary = "piiguard-" + hex.EncodeToString(sum[:12])
			if !hasDelimiter(boundary, all) {
				break
			}
		}
	}
	delim := func(i int) string {
		d := e.src[e.delims[i][0]:e.delims[i][1]]
		if boundary != e.boundary {
			d = strings.Replace(d, "--"+e.boundary, "--"+boundary, 1)
		}
		return d
	}
	var b strings.Builder
	b.WriteString(pre)
	for i, k := range kids {
		b.WriteString(delim(i))
		b.WriteString(k)
	}
	b.WriteString(delim(len(kids)))
	b.WriteString(epi)
	return b.String(), boundary, nil
}

// hasDelimiter reports whether a line of one of the texts starts with "--" + boundary.
func hasDelimiter(boundary string, texts []string) bool {
	dash := "--" + boundary
	for _, t := range texts {
		for pos := 0; pos < len(t); {
			if strings.HasPrefix(t[pos:], dash) {
				return true
			}
			i := strings.IndexByte(t[pos:], '\n')
			if i < 0 {
				break
			}
			pos += i + 1
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
