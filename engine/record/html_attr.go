package record

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// skipAttrs are presentational or structural attributes; their values are not scanned. Every other attribute
// with a non-empty value is.
var skipAttrs = map[string]bool{
	"class": true, "style": true, "id": true, "width": true, "height": true, "align": true, "valign": true,
	"border": true, "cellpadding": true, "cellspacing": true, "bgcolor": true, "color": true, "face": true,
	"size": true, "dir": true, "lang": true, "xml:lang": true, "type": true, "rel": true, "target": true,
	"colspan": true, "rowspan": true, "role": true, "charset": true, "http-equiv": true, "method": true,
	"enctype": true, "span": true, "start": true, "scope": true, "hspace": true, "vspace": true, "nowrap": true,
	"frame": true, "rules": true, "tabindex": true, "bordercolor": true, "marginwidth": true,
	"marginheight": true, "leftmargin": true, "topmargin": true, "link": true, "vlink": true, "alink": true,
	"clear": true, "loading": true, "decoding": true, "crossorigin": true, "referrerpolicy": true,
	"media": true, "sizes": true, "shape": true, "xmlns": true,
}

// urlAttrs are attributes that hold a URL: their value is percent-decoded for scanning.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "cite": true, "background": true, "poster": true,
	"longdesc": true, "formaction": true, "data": true, "srcset": true,
}

// contactSchemes are URL schemes whose value is a contact address; only the part after the scheme is a text.
var contactSchemes = []string{"mailto:", "tel:", "sms:", "callto:", "fax:"}

// schemeHint returns the entity type a contact-link prefix ("mailto:", "tel:") implies for its value.
func schemeHint(prefix string) string {
	switch p := strings.ToLower(strings.TrimSpace(prefix)); p {
	case "mailto:":
		return "EMAIL"
	case "tel:", "sms:", "callto:", "fax:":
		return "PHONE"
	}
	return ""
}

// attrText decides whether an attribute is scanned, and returns the prefix kept in front of its value (a contact
// scheme) and the text to scan.
func attrText(key, val string) (prefix, text string, ok bool) {
	if strings.TrimSpace(val) == "" || skipAttrs[key] || strings.HasPrefix(key, "xmlns:") {
		return "", "", false
	}
	if !urlAttrs[key] {
		return "", val, true
	}
	text = val
	trimmed := strings.TrimLeft(val, " \t\r\n\f")
	for _, s := range contactSchemes {
		if len(trimmed) >= len(s) && strings.EqualFold(trimmed[:len(s)], s) {
			cut := len(val) - len(trimmed) + len(s)
			prefix, text = val[:cut], val[cut:]
			break
		}
	}
	if strings.Contains(text, "%") {
		if dec, err := url.PathUnescape(text); err == nil && utf8.ValidString(dec) {
			text = dec
		}
	}
	return prefix, text, strings.TrimSpace(text) != ""
}

// attrSpan locates an attribute in the source: its lower-cased key and the value between vs and ve (inside the
// quotes, if any).
type attrSpan struct {
	key    string
	vs, ve int
	quote  byte // '"', '\'' or 0 for an unquoted (or absent) value
}

// isTagSpace reports the white space of HTML tags.
func isTagSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

// scanAttrs finds the attribute spans of the raw start tag t, following golang.org/x/net/html's tokenizer
// (readTag): empty keys and repeated keys are dropped, as there. Offsets are into t.
func scanAttrs(t string) ([]attrSpan, bool) {
	if len(t) < 2 || t[0] != '<' {
		return nil, false
	}
	i := 1
	for i < len(t) { // the tag name
		c := t[i]
		if isTagSpace(c) {
			i++
			break
		}
		if c == '/' || c == '>' {
			break
		}
		i++
	}
	skip := func() {
		for i < len(t) && isTagSpace(t[i]) {
			i++
		}
	}
	skip()
	var out []attrSpan
	seen := map[string]bool{}
	for i < len(t) {
		if t[i] == '>' {
			break
		}
		ks := i // the key
		for i < len(t) {
			c := t[i]
			if c == '=' && i == ks {
				i++
				continue
			}
			if c == '=' || isTagSpace(c) || c == '/' || c == '>' {
				break
			}
			i++
		}
		ke := i
		sp := attrSpan{vs: i, ve: i}
		skip()
		if i < len(t) { // the value
			c := t[i]
			i++
			switch {
			case c == '/':
			case c != '=':
				i--
			default:
				skip()
				if i < len(t) {
					q := t[i]
					i++
					switch q {
					case '>':
						i--
					case '"', '\'':
						sp.vs, sp.quote = i, q
						for i < len(t) && t[i] != q {
							i++
						}
						sp.ve = i
						if i < len(t) {
							i++
						}
					default:
						sp.vs = i - 1
						for i < len(t) && !isTagSpace(t[i]) && t[i] != '>' {
							i++
						}
						sp.ve = i
						if i < len(t) && isTagSpace(t[i]) {
							i++
						}
					}
				}
			}
		}
		sp.key = strings.ReplaceAll(asciiLower(t[ks:ke]), "\x00", "\ufffd")
		if ks != ke && !seen[sp.key] {
			out = append(out, sp)
			seen[sp.key] = true
		}
		skip()
	}
	return out, true
}

// sameKeys reports whether the spans found in raw name the tokenizer's attributes, one for one.
func sameKeys(spans []attrSpan, raw string, attrs []html.Attribute) bool {
	if len(spans) != len(attrs) {
		return false
	}
	for i, s := range spans {
		if s.key != attrs[i].Key || s.ve > len(raw) || s.vs > s.ve {
			return false
		}
	}
	return true
}

// asciiLower lower-cases ASCII letters only, as the tokenizer does.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
