// Package validate holds the validators that rules call by name after their regex matched a
// candidate: checksums (Luhn, IBAN mod-97, national ID check digits), calendar dates, phone
// number metadata and address syntax. Every validator is a pure function of its input.
package validate

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Func reports whether candidate — the text a rule's regex matched, possibly with separators
// (spaces, '-', '.', '/', '(', ')'), possibly lower-cased (speech-to-text output is all lower
// case) — is a valid value.
type Func func(candidate string) bool

// registry maps each validator name, as rules spell it, to its Func.
var registry = map[string]Func{
	"luhn":            luhnValid,
	"credit_card":     creditCard,
	"iban":            iban,
	"de_tax_id":       deTaxID,
	"dk_cpr":          dkCPR,
	"it_fiscal_code":  itFiscalCode,
	"uk_nino":         ukNINO,
	"es_dni":          esDNI,
	"es_nie":          esNIE,
	"fr_nir":          frNIR,
	"nl_bsn":          nlBSN,
	"se_personnummer": sePersonnummer,
	"no_fnr":          noFnr,
	"fi_hetu":         fiHetu,
	"pl_pesel":        plPESEL,
	"us_ssn":          usSSN,
	"phone":           phone,
	"ipv4":            ipv4,
	"ipv6":            ipv6,
	"date":            date,
	"email":           email,
}

// Lookup returns the validator registered under name.
func Lookup(name string) (Func, bool) {
	f, ok := registry[name]
	return f, ok
}

// Names lists every validator name, sorted.
func Names() []string {
	names := make([]string, 0, len(registry))
	for name := range registry {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Digits returns only the ASCII digits of s (a helper other packages use to normalise).
func Digits(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	if n == len(s) {
		return s
	}
	b := make([]byte, 0, n)
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// compact drops the separators a candidate may carry (white space, '-', '.', '/', '(', ')')
// and upper-cases ASCII letters, so "de89 3704-0044" becomes "DE8937040044".
func compact(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || ('\t' <= c && c <= '\r'):
			case 'a' <= c && c <= 'z':
				b = append(b, c-'a'+'A')
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

// isSeparator reports whether r is one of the characters a written or spoken number is
// grouped with.
func isSeparator(r rune) bool {
	switch r {
	case '-', '.', '/', '(', ')':
		return true
	}
	return unicode.IsSpace(r)
}

// compactDigits returns the candidate without separators when what remains is only ASCII
// digits, and false otherwise.
func compactDigits(s string) (string, bool) {
	c := compact(s)
	return c, c != "" && allDigits(c)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// allSame reports whether every byte of a non-empty s is the same.
func allSame(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return s != ""
}

// atoi parses a short run of ASCII digits the caller already checked.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
