package synth

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Templates are plain text with three kinds of markup:
//
//	{name}        a slot: a value of the record (a name, a phone number, an order number…)
//	{a|b|c}       alternatives: one is chosen at random; an alternative may be empty
//	[[TYPE:text]] a label: text is recorded as a value of TYPE (KEEP for a look-alike)
//
// Braces nest, so an alternative may hold slots and labels. A dialog is turns separated by a
// top-level '|', each turn starting with its speaker and a colon: "A:" agent, "C:" customer,
// "B:" bot.

// style says how the literal text of a template is written out.
type style int

const (
	// written keeps the text as it is.
	written style = iota
	// lowered writes literal text in lower case (a casual chat).
	lowered
	// spoken writes everything in lower case and drops punctuation from literal text, like
	// speech-to-text output.
	spoken
)

// keepType is the label type of a look-alike that must be kept.
const keepType = "KEEP"

// turn is one line of a dialog.
type turn struct {
	speaker byte // 'A', 'C' or 'B'
	text    string
}

// splitDialog splits a dialog template into its turns.
func splitDialog(d string) []turn {
	var turns []turn
	for _, part := range splitTop(d, '|') {
		part = strings.TrimSpace(part)
		if len(part) < 2 || part[1] != ':' {
			panic("synth: dialog turn without speaker")
		}
		turns = append(turns, turn{speaker: part[0], text: strings.TrimSpace(part[2:])})
	}
	return turns
}

// splitTop splits s at each sep that is outside braces and label brackets.
func splitTop(s string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{' || (c == '[' && i+1 < len(s) && s[i+1] == '['):
			depth++
			if c == '[' {
				i++
			}
		case c == '}' || (c == ']' && i+1 < len(s) && s[i+1] == ']' && depth > 0):
			depth--
			if c == ']' {
				i++
			}
		case c == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// closing returns the index just past the markup that opens at s[i] ('{' or "[["), matching
// nested markup, or panics on an unbalanced template.
func closing(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch {
		case s[j] == '{':
			depth++
		case s[j] == '[' && j+1 < len(s) && s[j+1] == '[':
			depth++
			j++
		case s[j] == '}':
			depth--
		case s[j] == ']' && j+1 < len(s) && s[j+1] == ']':
			depth--
			j++
		}
		if depth == 0 {
			return j + 1
		}
	}
	panic("synth: unbalanced template")
}

// isSlotName reports whether s names a slot: lower-case ASCII letters, digits and '_'.
func isSlotName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// fill expands a template into text, recording the labels it meets in b.
func (b *builder) fill(tpl string) string {
	var out strings.Builder
	b.expand(&out, tpl, true)
	return tidy(out.String())
}

// expand writes the expansion of tpl to out. literal is true for template text and false for
// slot values; in spoken style, punctuation is dropped only from literal text.
func (b *builder) expand(out *strings.Builder, tpl string, literal bool) {
	for i := 0; i < len(tpl); {
		c := tpl[i]
		switch {
		case c == '{':
			end := closing(tpl, i)
			inner := tpl[i+1 : end-1]
			if isSlotName(inner) {
				b.expand(out, b.slot(inner), false)
			} else {
				alts := splitTop(inner, '|')
				b.expand(out, alts[b.rng.IntN(len(alts))], literal)
			}
			i = end
		case c == '[' && i+1 < len(tpl) && tpl[i+1] == '[':
			end := closing(tpl, i)
			inner := tpl[i+2 : end-2]
			colon := strings.IndexByte(inner, ':')
			if colon < 0 {
				panic("synth: label without type")
			}
			var text strings.Builder
			b.expand(&text, inner[colon+1:], false)
			b.label(inner[:colon], text.String())
			out.WriteString(text.String())
			i = end
		default:
			r, size := utf8.DecodeRuneInString(tpl[i:])
			b.write(out, r, literal)
			i += size
		}
	}
}

// write writes one rune of a template in the builder's style.
func (b *builder) write(out *strings.Builder, r rune, literal bool) {
	switch b.style {
	case spoken:
		if literal && isPunct(r) {
			return
		}
		r = unicode.ToLower(r)
	case lowered:
		if literal {
			r = unicode.ToLower(r)
		}
	}
	out.WriteRune(r)
}

// isPunct reports whether r is punctuation a speech-to-text transcript leaves out.
func isPunct(r rune) bool {
	switch r {
	case ',', '.', '?', '!', ';', ':', '(', ')', '"', '„', '“', '”', '«', '»', '–':
		return true
	}
	return false
}

// tidy collapses runs of spaces (left by empty alternatives or dropped punctuation) and trims
// spaces at the ends of every line. Labelled texts never hold two spaces in a row, so they
// survive unchanged.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		for strings.Contains(l, "  ") {
			l = strings.ReplaceAll(l, "  ", " ")
		}
		l = strings.ReplaceAll(l, " ,", ",")
		l = strings.ReplaceAll(l, " .", ".")
		l = strings.ReplaceAll(l, "..", ".") // an amount in "kr." ending a sentence
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
