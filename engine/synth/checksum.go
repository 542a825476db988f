package synth

import "github.com/piiguard/piiguard/detectors/validate"

// The check-digit algorithms the generator needs to make valid identifiers, and to make sure a
// look-alike is not one by chance.

// luhnDigit returns the Luhn check digit to append to the ASCII digits d.
func luhnDigit(d string) byte { return validate.LuhnCheckDigit(d) }

// luhnValid reports whether the ASCII digits d pass Luhn.
func luhnValid(d string) bool {
	return len(d) >= 2 && luhnDigit(d[:len(d)-1]) == d[len(d)-1]
}

// iso7064 returns the ISO 7064 MOD 11,10 check digit of the ASCII digits d (the German
// Steuer-ID check), as an ASCII digit.
func iso7064(d string) byte { return '0' + validate.ISO7064Mod11x10(d) }

// mod97 returns an alphanumeric upper-case string read as a number (letters as 10..35) mod 97.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}

// weighted returns the sum of the digits of d times weights.
func weighted(d string, weights []int) int {
	sum := 0
	for i, w := range weights {
		sum += w * int(d[i]-'0')
	}
	return sum
}

// itOdd is the codice fiscale (and Italian CIN) value of 0..9 then A..Z at an odd position.
var itOdd = [36]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
}

// itCheckLetter returns the check letter of an upper-case alphanumeric string under the
// codice fiscale odd/even tables (also the CIN of an Italian BBAN).
func itCheckLetter(s string) byte {
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		idx := int(c - '0')
		if c >= 'A' {
			idx = int(c-'A') + 10
		}
		if i%2 == 0 {
			sum += itOdd[idx]
		} else if c >= 'A' {
			sum += int(c - 'A')
		} else {
			sum += int(c - '0')
		}
	}
	return byte('A' + sum%26)
}

// realDate reports whether day d of month m exists in year y.
func realDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
