package validate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// email reports whether the candidate is a plausible email address: a local part of 1 to 64
// bytes without spaces, a domain of dot-separated labels (letters, digits, inner hyphens) of at
// most 253 bytes, a top-level domain of 2 to 24 letters (or an "xn--" IDN label), and no empty
// label or consecutive dots anywhere.
func email(candidate string) bool {
	s := strings.TrimSpace(candidate)
	at := strings.LastIndexByte(s, '@')
	if at < 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	return emailLocal(local) && emailDomain(domain)
}

// emailLocal checks the part before '@': 1..64 bytes, no white space, quotes or '@', and no
// leading, trailing or doubled dot.
func emailLocal(l string) bool {
	if l == "" || len(l) > 64 || l[0] == '.' || l[len(l)-1] == '.' || strings.Contains(l, "..") {
		return false
	}
	for _, r := range l {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '@' || r == '"' || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// emailDomain checks the part after '@': at least two labels, each 1..63 bytes of letters,
// digits and inner hyphens, and an alphabetic top-level domain of 2..24 letters.
func emailDomain(d string) bool {
	if len(d) > 253 {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !domainLabel(l) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if strings.HasPrefix(strings.ToLower(tld), "xn--") {
		return len(tld) > 4
	}
	n := 0
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 24
}

// domainLabel reports whether l is one DNS label: 1..63 bytes of letters, digits and hyphens,
// not starting or ending with a hyphen.
func domainLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for _, r := range l {
		if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
