package visible

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Contains reports whether text occurs in s as a whole: where text begins (ends) with a letter or digit, the
// character before (after) it must not be one. So a first name "Jan" is not found in "Januar", nor an order
// number inside a longer number or a pseudonym token.
func Contains(s, text string) bool { return WholeCount(s, text) > 0 }

// WholeCount counts the whole occurrences of text in s (see Contains).
func WholeCount(s, text string) int {
	if text == "" {
		return 0
	}
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	n := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], text)
		if j < 0 {
			break
		}
		start, end := i+j, i+j+len(text)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !IsWord(first) || !IsWord(before)) && (end == len(s) || !IsWord(last) || !IsWord(after)) {
			n++
		}
		_, size := utf8.DecodeRuneInString(s[start:])
		i = start + size
	}
	return n
}

// IsWord reports whether r is a letter or a digit.
func IsWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
