package validate

// esLetters maps a DNI or NIE number mod 23 to its control letter.
const esLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// esDNI reports whether the candidate is a Spanish DNI: eight digits, not all zero, and the
// control letter of the number mod 23.
func esDNI(candidate string) bool {
	s := compact(candidate)
	if len(s) != 9 || !allDigits(s[:8]) || s[:8] == "00000000" {
		return false
	}
	return esLetters[atoi(s[:8])%23] == s[8]
}

// esNIE reports whether the candidate is a Spanish NIE: X, Y or Z (read as 0, 1, 2), seven
// digits, and the control letter of that eight-digit number mod 23.
func esNIE(candidate string) bool {
	s := compact(candidate)
	if len(s) != 9 || !allDigits(s[1:8]) {
		return false
	}
	var lead int
	switch s[0] {
	case 'X':
		lead = 0
	case 'Y':
		lead = 1
	case 'Z':
		lead = 2
	default:
		return false
	}
	return esLetters[(lead*10_000_000+atoi(s[1:8]))%23] == s[8]
}
