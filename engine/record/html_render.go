package record

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// htmlEdit replaces src[start:end] with text.
type htmlEdit struct {
	start, end int
	text       string
}

// Render returns the document with the texts at the given indexes replaced; every other byte stays as written.
func (d *htmlDoc) Render(repl map[int]string) (string, error) {
	if len(repl) == 0 {
		return d.src, nil
	}
	var edits []htmlEdit
	rewrite := map[int]map[int]string{} // tags without spans: tag → attribute index → new value
	for i, v := range repl {
		if i < 0 || i >= len(d.slots) {
			return "", errHTML()
		}
		s := d.slots[i]
		switch s.kind {
		case htmlText, htmlTail:
			edits = append(edits, htmlEdit{s.start, s.end, html.EscapeString(v)})
		case htmlComment:
			edits = append(edits, htmlEdit{s.start, s.end, "<!--" + commentText(v) + "-->"})
		case htmlAttr:
			tag := d.tags[s.tag]
			if tag.spans == nil {
				if rewrite[s.tag] == nil {
					rewrite[s.tag] = map[int]string{}
				}
				rewrite[s.tag][s.attr] = s.prefix + v
				continue
			}
			sp := tag.spans[s.attr]
			val := html.EscapeString(s.prefix + v)
			if sp.quote == 0 {
				val = `"` + val + `"`
			}
			edits = append(edits, htmlEdit{sp.vs, sp.ve, val})
		}
	}
	for ti, vals := range rewrite {
		tag := d.tags[ti]
		edits = append(edits, htmlEdit{tag.start, tag.end, tag.render(vals)})
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	b.Grow(len(d.src) + len(d.src)/8)
	last := 0
	for _, e := range edits {
		if e.start < last {
			return "", errHTML()
		}
		b.WriteString(d.src[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.WriteString(d.src[last:])
	return b.String(), nil
}

// render writes the tag anew with the given attribute values replaced, every value quoted and escaped.
func (t htmlTag) render(vals map[int]string) string {
	var b strings.Builder
	b.WriteString("<")
	b.WriteString(t.name)
	for i, a := range t.attrs {
		if a.Key == "" || strings.ContainsAny(a.Key, "\"'<>=/ \t\r\n\f") {
			continue // a key that cannot be written back as it was read is dropped, with its value
		}
		v := a.Val
		if nv, ok := vals[i]; ok {
			v = nv
		}
		b.WriteString(" ")
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(v))
		b.WriteString(`"`)
	}
	if t.selfClosing {
		b.WriteString("/")
	}
	b.WriteString(">")
	return b.String()
}

// commentText makes v safe inside <!-- -->: it can neither close the comment early nor start with ">".
func commentText(v string) string {
	v = strings.ReplaceAll(v, "--", "- -")
	v = strings.ReplaceAll(v, "--", "- -") // "---" leaves one pair after the first pass
	if strings.HasPrefix(v, ">") || strings.HasPrefix(v, "->") {
		v = " " + v
	}
	if strings.HasSuffix(v, "-") || strings.HasSuffix(v, "<!") {
		v += " "
	}
	return v
}
