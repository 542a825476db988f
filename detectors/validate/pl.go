package validate

// peselWeights are the PESEL check weights of the first ten digits.
var peselWeights = [10]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}

// plPESEL reports whether the candidate is a Polish PESEL: eleven digits, a real birth date
// whose century is encoded in the month (+80 for the 1800s, +0, +20, +40, +60 for the 1900s to
// 2200s), and the weighted check digit.
func plPESEL(candidate string) bool {
	d, ok := compactDigits(candidate)
	if !ok || len(d) != 11 {
		return false
	}
	m := atoi(d[2:4])
	century := [5]int{1900, 2000, 2100, 2200, 1800}[m/20]
	if !validDate(century+atoi(d[0:2]), m%20, atoi(d[4:6])) {
		return false
	}
	sum := 0
	for i, w := range peselWeights {
		sum += w * int(d[i]-'0')
	}
	return (10-sum%10)%10 == int(d[10]-'0')
}
