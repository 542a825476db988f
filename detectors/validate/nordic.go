package validate

import (
	"strings"
	"unicode"
)

// sePersonnummer reports whether the candidate is a Swedish personnummer or
// samordningsnummer: YYMMDD-NNNC, YYMMDD+NNNC (a person aged 100 or more), YYMMDDNNNC or
// YYYYMMDD[-]NNNC; a real date (the day plus 60 for a samordningsnummer); and the Luhn check
// over the ten-digit form.
func sePersonnummer(candidate string) bool {
	s := stripSpaces(candidate)
	if n := len(s); n == 11 || n == 13 {
		if s[n-5] != '-' && s[n-5] != '+' {
			return false
		}
		s = s[:n-5] + s[n-4:]
	}
	if !allDigits(s) {
		return false
	}
	var year int
	switch len(s) {
	case 10:
		// No century: 00 is read as 2000, a leap year.
		year = 2000 + atoi(s[:2])
	case 12:
		year = atoi(s[:4])
		if year < 1800 || year > 2099 {
			return false
		}
		s = s[2:]
	default:
		return false
	}
	day := atoi(s[4:6])
	if day > 60 {
		day -= 60
	}
	return validDate(year, atoi(s[2:4]), day) && luhn(s)
}

// noFnrWeights1 and noFnrWeights2 weight the first nine and ten digits of a Norwegian
// fødselsnummer for its two mod-11 check digits.
var (
	noFnrWeights1 = [...]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	noFnrWeights2 = [...]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// noFnr reports whether the candidate is a Norwegian fødselsnummer DDMMYYIIIKK: a real birth
// date (the day plus 40 for a D-number, the month plus 40 for an H-number) in the century the
// individual number III gives, and two mod-11 check digits.
func noFnr(candidate string) bool {
	d, ok := compactDigits(candidate)
	if !ok || len(d) != 11 {
		return false
	}
	day, month, yy := atoi(d[0:2]), atoi(d[2:4]), atoi(d[4:6])
	if day > 40 {
		day -= 40
	}
	if month > 40 {
		month -= 40
	}
	century := noCentury(atoi(d[6:9]), yy)
	if century == 0 || !validDate(century+yy, month, day) {
		return false
	}
	return mod11Check(d[:9], noFnrWeights1[:]) == int(d[9]-'0') &&
		mod11Check(d[:10], noFnrWeights2[:]) == int(d[10]-'0')
}

// noCentury returns the century of a fødselsnummer from its individual number and two-digit
// year, or 0 when the pair was never issued.
func noCentury(individual, yy int) int {
	switch {
	case individual < 500:
		return 1900
	case individual < 750 && yy >= 54:
		return 1800
	case yy < 40:
		return 2000
	case individual >= 900:
		return 1900
	}
	return 0
}

// mod11Check returns the mod-11 check digit of the ASCII digits d under weights, or -1 when
// the remainder gives 10 (no valid digit).
func mod11Check(d string, weights []int) int {
	sum := 0
	for i, w := range weights {
		sum += w * int(d[i]-'0')
	}
	k := (11 - sum%11) % 11
	if k == 10 {
		return -1
	}
	return k
}

// fiHetuChecks maps a henkilötunnus number mod 31 to its check character.
const fiHetuChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// fiHetu reports whether the candidate is a Finnish henkilötunnus DDMMYYCZZZQ: a real birth
// date in the century the sign C gives ('+' 1800s; '-', U..Y 1900s; A..F 2000s), individual
// number 002..999, and the check character of DDMMYYZZZ mod 31.
func fiHetu(candidate string) bool {
	s := strings.ToUpper(stripSpaces(candidate))
	if len(s) != 11 || !allDigits(s[:6]) || !allDigits(s[7:10]) {
		return false
	}
	var century int
	switch s[6] {
	case '+':
		century = 1800
	case '-', 'U', 'V', 'W', 'X', 'Y':
		century = 1900
	case 'A', 'B', 'C', 'D', 'E', 'F':
		century = 2000
	default:
		return false
	}
	if !validDate(century+atoi(s[4:6]), atoi(s[2:4]), atoi(s[0:2])) || atoi(s[7:10]) < 2 {
		return false
	}
	return fiHetuChecks[atoi(s[:6]+s[7:10])%31] == s[10]
}

// stripSpaces returns s without white space, keeping every other separator.
func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
