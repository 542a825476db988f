package validate

// nlBSN reports whether the candidate is a Dutch burgerservicenummer: nine digits (eight are
// read with a leading zero), not all zero, passing the 11-test with weights 9..2 and −1.
func nlBSN(candidate string) bool {
	d, ok := compactDigits(candidate)
	if !ok || (len(d) != 8 && len(d) != 9) {
		return false
	}
	if len(d) == 8 {
		d = "0" + d
	}
	if d == "000000000" {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(d[i]-'0')
	}
	sum -= int(d[8] - '0')
	return sum%11 == 0
}
