package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// hiddenRun is how many mask characters stand for the hidden part of an email's local part or a name, whatever
// its length, so that the length is not revealed either.
const hiddenRun = 3

// mask hides value of type t as spec says, never revealing more than the type's limit, and never more than half
// of the value's letters and digits. ok is false when t has no masking or value does not look like a t.
func mask(t, value string, spec MaskSpec) (string, bool) {
	lim, ok := maskLimits[t]
	if !ok {
		return "", false
	}
	first := max(0, min(spec.KeepFirst, lim.KeepFirst))
	last := max(0, min(spec.KeepLast, lim.KeepLast))
	char := spec.Char
	if !validMaskChar(char) {
		char = defaultMaskChar
	}
	switch t {
	case "EMAIL":
		return maskEmail(value, first, char)
	case "PERSON":
		return maskName(value, first, char)
	default:
		return maskChars(value, first, last, char)
	}
}

// maskChars replaces every letter and digit of value with char except the first and last ones kept; other
// characters (spaces, dashes, '+') stay, so the value keeps its layout: "**** **** **** 1111".
func maskChars(value string, first, last int, char string) (string, bool) {
	n := 0
	for _, r := range value {
		if isAlnum(r) {
			n++
		}
	}
	if n == 0 {
		return "", false
	}
	if first+last > n/2 {
		first, last = 0, 0
	}
	var b strings.Builder
	b.Grow(len(value) + n*(len(char)-1))
	i := 0
	for _, r := range value {
		if !isAlnum(r) {
			b.WriteRune(r)
			continue
		}
		if i < first || i >= n-last {
			b.WriteRune(r)
		} else {
			b.WriteString(char)
		}
		i++
	}
	return b.String(), true
}

// maskEmail keeps the first first characters of the local part (when it has more than twice as many) and the
// domain: "j***@example.com".
func maskEmail(value string, first int, char string) (string, bool) {
	v := strings.TrimSpace(value)
	at := strings.LastIndexByte(v, '@')
	if at <= 0 || at == len(v)-1 {
		return "", false
	}
	local := v[:at]
	if first > utf8.RuneCountInString(local)/2 {
		first = 0
	}
	keep := 0
	for i := 0; i < first; i++ {
		_, size := utf8.DecodeRuneInString(local[keep:])
		keep += size
	}
	return local[:keep] + strings.Repeat(char, hiddenRun) + v[at:], true
}

// maskName keeps the name's first letter (when it has more than one) and nothing else: "J***".
func maskName(value string, first int, char string) (string, bool) {
	var initial rune
	letters := 0
	for _, r := range value {
		if unicode.IsLetter(r) {
			if letters == 0 {
				initial = r
			}
			letters++
		}
	}
	if letters == 0 {
		return "", false
	}
	if first >= 1 && letters > 1 {
		return string(initial) + strings.Repeat(char, hiddenRun), true
	}
	return strings.Repeat(char, hiddenRun), true
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
