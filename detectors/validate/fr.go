package validate

// frNIR reports whether the candidate is a French NIR (numéro de sécurité sociale): sex digit
// 1, 2, 3, 4, 7 or 8; year; month 01..12 or a fictitious 20, 30..42 or 50..99; department
// (digits, or 2A/2B for Corsica); commune and serial; and the key 97 − (n mod 97), with 2A read
// as 19 and 2B as 18.
func frNIR(candidate string) bool {
	s := compact(candidate)
	if len(s) != 15 || !allDigits(s[:5]) || !allDigits(s[7:]) {
		return false
	}
	switch s[0] {
	case '1', '2', '3', '4', '7', '8':
	default:
		return false
	}
	if m := atoi(s[3:5]); m == 0 || (m > 12 && m != 20 && m < 30) || (m > 42 && m < 50) {
		return false
	}
	var dept string
	switch s[5:7] {
	case "2A":
		dept = "19"
	case "2B":
		dept = "18"
	case "00":
		return false
	default:
		if !allDigits(s[5:7]) {
			return false
		}
		dept = s[5:7]
	}
	n := 0
	for _, part := range []string{s[:5], dept, s[7:13]} {
		for i := 0; i < len(part); i++ {
			n = (n*10 + int(part[i]-'0')) % 97
		}
	}
	return 97-n == atoi(s[13:15])
}
