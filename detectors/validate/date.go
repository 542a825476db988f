package validate

import "strings"

// Four-digit years outside minYear..maxYear are not plausible dates in an interaction.
const (
	minYear = 1900
	maxYear = 2026
)

// date reports whether the candidate is a plausible calendar date written as dd.mm.yyyy,
// d.m.yyyy, dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd or dd.mm.yy, with optional spaces after the
// separators: the day exists in that month (leap years counted) and a four-digit year lies in
// 1900..2026. Both separators must be the same character; yyyy-mm-dd takes only '-'.
func date(candidate string) bool {
	f, sep, ok := dateFields(strings.TrimSpace(candidate))
	if !ok {
		return false
	}
	l0, l1, l2 := len(f[0]), len(f[1]), len(f[2])
	switch {
	case l0 == 4 && l1 == 2 && l2 == 2 && sep == '-': // yyyy-mm-dd
		y := atoi(f[0])
		return y >= minYear && y <= maxYear && validDate(y, atoi(f[1]), atoi(f[2]))
	case l0 > 2 || l1 > 2:
		return false
	case l2 == 4: // d.m.yyyy
		y := atoi(f[2])
		return y >= minYear && y <= maxYear && validDate(y, atoi(f[1]), atoi(f[0]))
	case l2 == 2: // d.m.yy: no century, so 00 is read as 2000, a leap year
		return validDate(2000+atoi(f[2]), atoi(f[1]), atoi(f[0]))
	}
	return false
}

// dateFields splits s into three runs of one to four digits joined by one separator
// character ('.', '/' or '-') used twice, each optionally followed by spaces.
func dateFields(s string) (f [3]string, sep byte, ok bool) {
	for i := range f {
		j := 0
		for j < len(s) && j < 5 && isDigit(s[j]) {
			j++
		}
		if j == 0 || j > 4 {
			return f, 0, false
		}
		f[i], s = s[:j], s[j:]
		if i == len(f)-1 {
			break
		}
		if s == "" || (s[0] != '.' && s[0] != '/' && s[0] != '-') || (sep != 0 && s[0] != sep) {
			return f, 0, false
		}
		sep = s[0]
		s = strings.TrimLeft(s[1:], " ")
	}
	return f, sep, s == ""
}

// validDate reports whether day d of month m exists in year y of the Gregorian calendar.
func validDate(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// daysIn returns the number of days in month m (1..12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
