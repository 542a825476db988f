package validate

// dkCPR reports whether the candidate is a Danish CPR number DDMMYY-SSSS: ten digits, and a
// real calendar date in the century the seventh digit gives. The mod-11 check is not applied:
// numbers issued since 2007 need not pass it.
func dkCPR(candidate string) bool {
	d, ok := compactDigits(candidate)
	if !ok || len(d) != 10 {
		return false
	}
	year := cprCentury(d[6], atoi(d[4:6])) + atoi(d[4:6])
	return validDate(year, atoi(d[2:4]), atoi(d[0:2]))
}

// cprCentury returns the century (1800, 1900 or 2000) of a CPR number from its seventh digit
// and two-digit year, per the CPR office's table.
func cprCentury(seventh byte, yy int) int {
	switch seventh {
	case '4', '9':
		if yy <= 36 {
			return 2000
		}
	case '5', '6', '7', '8':
		if yy <= 57 {
			return 2000
		}
		return 1800
	}
	return 1900
}
