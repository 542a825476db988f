package validate

// luhnValid reports whether the candidate, once separators are dropped, is at least two ASCII
// digits that pass the Luhn mod 10 check.
func luhnValid(candidate string) bool {
	d, ok := compactDigits(candidate)
	return ok && len(d) >= 2 && luhn(d)
}

// luhn reports whether the ASCII digits in d pass the Luhn mod 10 check; d must hold only
// digits.
func luhn(d string) bool {
	return len(d) >= 1 && LuhnCheckDigit(d[:len(d)-1]) == d[len(d)-1]
}

// LuhnCheckDigit returns the Luhn mod 10 check digit ('0'–'9') to append to the ASCII digits d. Test-data
// generators use it to make valid card numbers.
func LuhnCheckDigit(d string) byte {
	sum := 0
	double := true
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}
