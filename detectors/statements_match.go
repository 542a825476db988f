package detectors

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// altMatcher runs an RE2 pattern as its top-level alternatives, each compiled alone and tried only when the
// text holds one of the literals that alternative cannot match without. Statement patterns are long alternations
// of phrasings ("… dürfen sie das aufzeichnen|… keine aufzeichnung|…"); Go's regexp costs about the size of the
// whole program times the text, so a sentence usually pays for the one or two alternatives whose words it has.
// It reports the same matches as the whole pattern (not necessarily in order), which is all statements need.
type altMatcher struct {
	alts []alternative
}

var _ matcher = (*altMatcher)(nil)

// alternative is one branch of a pattern: its regexp and the literals one of which every match contains.
type alternative struct {
	re   *regexp.Regexp
	lits []string // nil: no literal is required
}

// newAltMatcher compiles pattern split at its top-level alternation. The split is made on the pattern's text, and
// only alternatives without large character classes go through the parsed tree (distribute): re-serialising a
// tree that holds a class such as [^\p{L}] costs regexp/syntax whole seconds, which every start-up would pay.
func newAltMatcher(pattern string) (*altMatcher, error) {
	if _, err := regexp.Compile(pattern); err != nil {
		return nil, err
	}
	m := &altMatcher{}
	for _, text := range splitTopLevel(pattern) {
		sub, err := syntax.Parse(text, syntax.Perl)
		if err != nil {
			return nil, err
		}
		if hasLargeClass(sub) {
			for _, d := range distributeText(text) {
				re, err := regexp.Compile(d)
				if err != nil {
					return nil, err
				}
				tree, err := syntax.Parse(d, syntax.Perl)
				if err != nil {
					return nil, err
				}
				m.alts = append(m.alts, alternative{re: re, lits: requiredLiterals(tree)})
			}
			continue
		}
		for _, d := range distribute(sub) {
			re, err := regexp.Compile(d.String())
			if err != nil {
				return nil, err
			}
			m.alts = append(m.alts, alternative{re: re, lits: requiredLiterals(d)})
		}
	}
	return m, nil
}

// splitTopLevel splits a pattern at the '|' that stand outside every group and class. A leading flag group such
// as "(?i)" applies to every part, so it is repeated on each.
func splitTopLevel(p string) []string {
	flags := ""
	if strings.HasPrefix(p, "(?") {
		if end := strings.IndexByte(p, ')'); end > 2 && !strings.ContainsAny(p[2:end], ":(|") {
			flags, p = p[:end+1], p[end+1:]
		}
	}
	var parts []string
	depth, inClass, start := 0, false, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(p) && p[i+1] == '^' {
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				i++ // a ']' right after '[' or '[^' is a literal
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			parts = append(parts, flags+p[start:i])
			start = i + 1
		}
	}
	return append(parts, flags+p[start:])
}

// distributeText is distribute on a pattern's text: "(?:lösch|entfern)\S* daten" becomes "lösch\S* daten" and
// "entfern\S* daten" when the leading group is a choice of plain literals; otherwise the text stays whole.
func distributeText(alt string) []string {
	flags := ""
	if strings.HasPrefix(alt, "(?") && !strings.HasPrefix(alt, "(?:") {
		if end := strings.IndexByte(alt, ')'); end > 2 && !strings.ContainsAny(alt[2:end], ":(|") {
			flags, alt = alt[:end+1], alt[end+1:]
		}
	}
	if !strings.HasPrefix(alt, "(?:") {
		return []string{flags + alt}
	}
	end := strings.IndexByte(alt, ')')
	if end < 0 {
		return []string{flags + alt}
	}
	choices := strings.Split(alt[3:end], "|")
	if len(choices) < 2 || len(choices) > maxDistribute {
		return []string{flags + alt}
	}
	for _, c := range choices {
		if c == "" || strings.ContainsAny(c, `\.[]()*+?{}^$|`) {
			return []string{flags + alt}
		}
	}
	rest := alt[end+1:]
	out := make([]string, len(choices))
	for i, c := range choices {
		out[i] = flags + c + rest
	}
	return out
}

// hasLargeClass reports whether re holds a character class that covers many runes (a Unicode property, a negated
// class such as [^a-z]): re-serialising it folds the case of every rune it covers.
func hasLargeClass(re *syntax.Regexp) bool {
	if re.Op == syntax.OpCharClass {
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if n > 1024 {
			return true
		}
	}
	if re.Op == syntax.OpAnyChar || re.Op == syntax.OpAnyCharNotNL {
		return true
	}
	for _, sub := range re.Sub {
		if hasLargeClass(sub) {
			return true
		}
	}
	return false
}

// maxDistribute bounds how many literal-led alternatives one alternative may become.
const maxDistribute = 12

// distribute turns an alternative that starts with a choice of literals ("(?:lösch|entfern)\S* …") into one
// alternative per literal ("lösch\S* …", "entfern\S* …"): a regexp that starts with a literal skips to its
// occurrences instead of trying every position of the text.
func distribute(re *syntax.Regexp) []*syntax.Regexp {
	var first *syntax.Regexp
	var rest []*syntax.Regexp
	if re.Op == syntax.OpConcat && len(re.Sub) > 0 {
		first, rest = re.Sub[0], re.Sub[1:]
	} else {
		first = re
	}
	for first.Op == syntax.OpCapture {
		first = first.Sub[0]
	}
	if first.Op != syntax.OpAlternate || len(first.Sub) > maxDistribute {
		return []*syntax.Regexp{re}
	}
	for _, alt := range first.Sub {
		if prefixLiteral(alt) == "" {
			return []*syntax.Regexp{re}
		}
	}
	out := make([]*syntax.Regexp, 0, len(first.Sub))
	for _, alt := range first.Sub {
		out = append(out, &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags,
			Sub: append([]*syntax.Regexp{alt}, rest...)})
	}
	return out
}

// prefixLiteral returns the literal a regexp starts with, or "".
func prefixLiteral(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return ""
		}
		return string(re.Rune)
	case syntax.OpConcat:
		if len(re.Sub) > 0 {
			return prefixLiteral(re.Sub[0])
		}
	case syntax.OpCapture:
		return prefixLiteral(re.Sub[0])
	}
	return ""
}

// first returns the first match of any alternative (the leftmost of those found), or ok false.
func (m *altMatcher) first(w string) (int, int, bool) {
	s, e := -1, -1
	for _, a := range m.alts {
		if a.lits != nil && !containsAny(w, a.lits) {
			continue
		}
		if loc := a.re.FindStringIndex(w); loc != nil && loc[1] > loc[0] && (s < 0 || loc[0] < s) {
			s, e = loc[0], loc[1]
		}
	}
	return s, e, s >= 0
}

func (m *altMatcher) find(w string, emit func(s, e int)) error {
	for _, a := range m.alts {
		if a.lits != nil && !containsAny(w, a.lits) {
			continue
		}
		for _, loc := range a.re.FindAllStringIndex(w, -1) {
			if loc[1] > loc[0] {
				emit(loc[0], loc[1])
			}
		}
	}
	return nil
}

func containsAny(w string, lits []string) bool {
	for _, l := range lits {
		if strings.Contains(w, l) {
			return true
		}
	}
	return false
}

// maxLiterals bounds the literal set of one alternative; a larger set gates too little to pay for itself.
const maxLiterals = 16

// requiredLiterals returns literals one of which every match of re contains, or nil when there is no such set.
// Of a concatenation's parts it keeps the set whose shortest literal is longest (the most selective).
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return []string{strings.ToLower(string(re.Rune))}
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			lits := requiredLiterals(sub)
			if n := shortest(lits); lits != nil && n > bestLen {
				best, bestLen = lits, n
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			lits := requiredLiterals(sub)
			if lits == nil || len(all)+len(lits) > maxLiterals {
				return nil
			}
			all = append(all, lits...)
		}
		return all
	}
	return nil
}

// shortest returns the length in runes of the shortest literal (0 for none).
func shortest(lits []string) int {
	n := 0
	for i, l := range lits {
		if c := utf8.RuneCountInString(l); i == 0 || c < n {
			n = c
		}
	}
	return n
}
