package validate

// ukNINO reports whether the candidate is a UK National Insurance number: two prefix letters
// (the first not D, F, I, Q, U or V; the second not D, F, I, O, Q, U or V; the pair not BG, GB,
// KN, NK, NT, TN or ZZ), six digits and an optional suffix letter A..D.
func ukNINO(candidate string) bool {
	s := compact(candidate)
	switch {
	case len(s) == 9:
		if s[8] < 'A' || s[8] > 'D' {
			return false
		}
	case len(s) != 8:
		return false
	}
	a, b := s[0], s[1]
	if !isUpper(a) || !isUpper(b) || !allDigits(s[2:8]) {
		return false
	}
	switch a {
	case 'D', 'F', 'I', 'Q', 'U', 'V':
		return false
	}
	switch b {
	case 'D', 'F', 'I', 'O', 'Q', 'U', 'V':
		return false
	}
	switch s[:2] {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}
