package validate

import "strings"

// itMonths are the codice fiscale month letters, January to December.
const itMonths = "ABCDEHLMPRST"

// itOmocodia are the letters that replace digits 0..9 in an omocodic codice fiscale.
const itOmocodia = "LMNPQRSTUV"

// itDigitPositions are the positions of a codice fiscale that hold digits (or their omocodia
// letters): year, day and the three digits of the municipality code.
var itDigitPositions = [...]int{6, 7, 9, 10, 12, 13, 14}

// itOdd is the value of each character (0..9 then A..Z, 36 entries) at an odd (1-based)
// position of a codice fiscale.
var itOdd = [36]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0..9
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // A..J
	2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23, // K..Z
}

// itFiscalCode reports whether the candidate is an Italian codice fiscale: six letters, year,
// month letter, day 1..31 (41..71 for women, within the month's length), a municipality code of
// one letter and three digits, and the check letter; digits may be replaced by omocodia letters
// LMNPQRSTUV.
func itFiscalCode(candidate string) bool {
	s := compact(candidate)
	if len(s) != 16 {
		return false
	}
	for i := 0; i < 16; i++ {
		if !isDigit(s[i]) && !isUpper(s[i]) {
			return false
		}
	}
	for _, i := range []int{0, 1, 2, 3, 4, 5, 8, 11, 15} {
		if !isUpper(s[i]) {
			return false
		}
	}
	// Undo omocodia so the date can be read; the check letter is over the original text.
	plain := []byte(s)
	for _, i := range itDigitPositions {
		if isDigit(plain[i]) {
			continue
		}
		k := strings.IndexByte(itOmocodia, plain[i])
		if k < 0 {
			return false
		}
		plain[i] = byte('0' + k)
	}
	month := strings.IndexByte(itMonths, s[8]) + 1
	if month == 0 {
		return false
	}
	day := atoi(string(plain[9:11]))
	if day > 40 {
		day -= 40
	}
	// The year has no century; allow 29 February whenever either century could be a leap year.
	if !validDate(2000+atoi(string(plain[6:8])), month, day) {
		return false
	}
	return itCheck(s) == s[15]
}

// itCheck returns the check letter of the first 15 characters of an upper-case codice fiscale.
func itCheck(s string) byte {
	sum := 0
	for i := 0; i < 15; i++ {
		c := s[i]
		switch {
		case i%2 == 0: // 1-based odd position
			sum += itOdd[itIndex(c)]
		case isDigit(c):
			sum += int(c - '0')
		default:
			sum += int(c - 'A')
		}
	}
	return byte('A' + sum%26)
}

// itIndex maps 0..9 to 0..9 and A..Z to 10..35, the index into itOdd.
func itIndex(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return int(c-'A') + 10
}
