package validate

import (
	"net/netip"
	"strings"
)

// ipv4 reports whether the candidate is a dotted-quad IPv4 address: four decimal octets
// 0..255 without leading zeros, and not 0.0.0.0.
func ipv4(candidate string) bool {
	s := strings.TrimSpace(candidate)
	if s == "0.0.0.0" {
		return false
	}
	for i := range 4 {
		j := 0
		for j < len(s) && j < 4 && isDigit(s[j]) {
			j++
		}
		if j == 0 || j > 3 || (j > 1 && s[0] == '0') || atoi(s[:j]) > 255 {
			return false
		}
		s = s[j:]
		if i < 3 {
			if s == "" || s[0] != '.' {
				return false
			}
			s = s[1:]
		}
	}
	return s == ""
}

// ipv6 reports whether the candidate parses as an IPv6 address (net/netip) written with at
// least two ':', and is not the unspecified address "::".
func ipv6(candidate string) bool {
	s := strings.TrimSpace(candidate)
	if strings.Count(s, ":") < 2 {
		return false
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6() && !a.IsUnspecified()
}
