package pseudonym

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// placeholder is one of the parts of a token a template puts between its literals.
type placeholder int

const (
	literal placeholder = iota
	typePart
	kidPart
	tokenPart
)

// placeholderNames maps each placeholder to how a template spells it.
var placeholderNames = map[string]placeholder{"{type}": typePart, "{kid}": kidPart, "{token}": tokenPart}

// segment is one literal or placeholder of a template.
type segment struct {
	kind placeholder
	text string // the literal, for kind == literal
}

// template is a parsed token template: its segments in order, the length of its literals,
// and a regular expression that matches a whole token and captures type, kid and token.
type template struct {
	segments   []segment
	literalLen int
	match      *regexp.Regexp
	groups     [tokenPart + 1]int // submatch index of each placeholder
}

// parseTemplate parses and checks t (see WithTemplate for the rules).
func parseTemplate(t string) (*template, error) {
	tpl := &template{}
	seen := map[placeholder]bool{}
	var re strings.Builder
	re.WriteString("^")
	rest := t
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			open = len(rest)
		}
		if open > 0 {
			lit := rest[:open]
			if strings.ContainsRune(lit, '}') {
				return nil, errors.New("template has a '}' outside a placeholder")
			}
			tpl.segments = append(tpl.segments, segment{kind: literal, text: lit})
			tpl.literalLen += len(lit)
			re.WriteString(regexp.QuoteMeta(lit))
			rest = rest[open:]
			continue
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return nil, errors.New("template has a '{' without '}'")
		}
		name := rest[:end+1]
		kind, ok := placeholderNames[name]
		if !ok {
			return nil, fmt.Errorf("template has unknown placeholder %q (want {type}, {kid}, {token})", name)
		}
		if seen[kind] {
			return nil, fmt.Errorf("template has %s more than once", name)
		}
		seen[kind] = true
		tpl.segments = append(tpl.segments, segment{kind: kind})
		tpl.groups[kind] = len(seen)
		switch kind {
		case typePart:
			re.WriteString(`([A-Z][A-Z0-9_]*)`)
		case kidPart:
			re.WriteString(`([a-z0-9_-]{1,16})`)
		case tokenPart:
			re.WriteString(`([0-9A-Z]{16,})`)
		}
		rest = rest[end+1:]
	}
	re.WriteString("$")
	for _, name := range []string{"{type}", "{kid}", "{token}"} {
		if !seen[placeholderNames[name]] {
			return nil, fmt.Errorf("template lacks %s", name)
		}
	}
	if err := tpl.checkDelimiters(); err != nil {
		return nil, err
	}
	tpl.match = regexp.MustCompile(re.String())
	return tpl, nil
}

// checkDelimiters makes sure a token cannot merge with the text around it or be split two
// ways: it starts and ends with a delimiter, and placeholders are separated by one.
func (t *template) checkDelimiters() error {
	first, last := t.segments[0], t.segments[len(t.segments)-1]
	if first.kind != literal {
		return errors.New("template must start with a delimiter such as '<'")
	}
	if r, _ := utf8.DecodeRuneInString(first.text); isWordRune(r) {
		return errors.New("template must start with a delimiter such as '<'")
	}
	if last.kind != literal {
		return errors.New("template must end with a delimiter such as '>'")
	}
	if r, _ := utf8.DecodeLastRuneInString(last.text); isWordRune(r) {
		return errors.New("template must end with a delimiter such as '>'")
	}
	for i := 1; i < len(t.segments)-1; i++ {
		s := t.segments[i]
		separated := s.kind == literal && strings.ContainsFunc(s.text, func(r rune) bool { return !isWordRune(r) })
		if s.kind == literal && !separated || s.kind != literal && t.segments[i-1].kind != literal {
			return errors.New("template must separate placeholders by a delimiter such as ':'")
		}
	}
	return nil
}

// render appends the token for entityType, kid and part to a builder sized to fit.
func (t *template) render(entityType, kid string, part []byte) string {
	var b strings.Builder
	b.Grow(t.literalLen + len(entityType) + len(kid) + len(part))
	for _, s := range t.segments {
		switch s.kind {
		case literal:
			b.WriteString(s.text)
		case typePart:
			b.WriteString(entityType)
		case kidPart:
			b.WriteString(kid)
		case tokenPart:
			b.Write(part)
		}
	}
	return b.String()
}

// parse splits a whole token into type, kid and token part.
func (t *template) parse(token string) (entityType, kid, part string, ok bool) {
	m := t.match.FindStringSubmatch(token)
	if m == nil {
		return "", "", "", false
	}
	return m[t.groups[typePart]], m[t.groups[kidPart]], m[t.groups[tokenPart]], true
}

// isWordRune reports whether r could continue a word or an id next to a token.
func isWordRune(r rune) bool {
	return r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
