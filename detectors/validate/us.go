package validate

// usSSN reports whether the candidate is a US Social Security number AAA-GG-SSSS: area not
// 000, 666 or 900..999, group not 00, serial not 0000, and not a well-known dummy (one digit
// repeated, 123-45-6789, or the advertising numbers 078-05-1120 and 219-09-9999).
func usSSN(candidate string) bool {
	d, ok := compactDigits(candidate)
	if !ok || len(d) != 9 || allSame(d) {
		return false
	}
	area := atoi(d[:3])
	if area == 0 || area == 666 || area >= 900 || d[3:5] == "00" || d[5:] == "0000" {
		return false
	}
	switch d {
	case "123456789", "078051120", "219099999":
		return false
	}
	return true
}
