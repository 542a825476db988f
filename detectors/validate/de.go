package validate

// deTaxID reports whether the candidate is a German Steuerliche Identifikationsnummer: 11
// digits, the first not 0; among the first ten digits exactly one digit appears twice or three
// times (three times never in a row), every other at most once; and an ISO 7064 MOD 11,10 check
// digit.
func deTaxID(candidate string) bool {
	d, ok := compactDigits(candidate)
	if !ok || len(d) != 11 || d[0] == '0' {
		return false
	}
	var count [10]int
	for i := 0; i < 10; i++ {
		count[d[i]-'0']++
	}
	repeated := 0
	for digit, n := range count {
		switch {
		case n <= 1:
		case n == 2:
			repeated++
		case n == 3:
			repeated++
			if threeInARow(d[:10], byte('0'+digit)) {
				return false
			}
		default:
			return false
		}
	}
	return repeated == 1 && ISO7064Mod11x10(d[:10]) == d[10]-'0'
}

// threeInARow reports whether c appears three times in direct succession in s.
func threeInARow(s string, c byte) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == c && s[i+1] == c && s[i+2] == c {
			return true
		}
	}
	return false
}

// ISO7064Mod11x10 returns the ISO 7064 MOD 11,10 check digit (0–9, as a number) of the ASCII digits d: the
// check of the German Steuer-ID. Test-data generators use it to make valid ones.
func ISO7064Mod11x10(d string) byte {
	product := 10
	for i := 0; i < len(d); i++ {
		sum := (int(d[i]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = sum * 2 % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	return byte(check)
}
