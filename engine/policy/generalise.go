package policy

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/piiguard/piiguard/engine/pseudonym"
)

var (
	isoDate       = regexp.MustCompile(`^(\d{4})-\d{2}-\d{2}$`)
	yearOnly      = regexp.MustCompile(`\b(?:19|20)\d{2}\b`)
	ukPostcode    = regexp.MustCompile(`(?i)\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?[0-9][A-Z]{2}\b`)
	plPostcode    = regexp.MustCompile(`\b(\d{2})-\d{3}\b`)
	sePostcode    = regexp.MustCompile(`\b(\d{2})\d \d{2}\b`)
	fiveDigitCode = regexp.MustCompile(`\b(\d{2})\d{3}\b`)
	fourDigitCode = regexp.MustCompile(`\b(\d{2})\d{2}\b`)
)

// generalise coarsens value of type t; ok is false when t cannot be generalised or value does not read as a t.
func generalise(t, value, region string) (string, bool) {
	switch t {
	case "DATE_OF_BIRTH":
		return birthYear(value, region)
	case "IP_ADDRESS":
		return network(value)
	case "ADDRESS":
		return postalArea(value)
	}
	return "", false
}

// birthYear returns the year of a date ("12.03.1985", "1985-03-12", "12/03/85", "12. März 1985",
// "March 12 1985", "12031985"; two-digit years 00-29 are 20xx, 30-99 19xx), or else of the one year
// 1900-2099 the value names ("March 1985").
func birthYear(value, region string) (string, bool) {
	if g := isoDate.FindStringSubmatch(pseudonym.NormalizeWithRegion("DATE_OF_BIRTH", value, region)); g != nil {
		return g[1], true
	}
	years := yearOnly.FindAllString(value, 2)
	if len(years) == 1 {
		return years[0], true
	}
	return "", false
}

// network returns the /24 network of an IPv4 address or the /48 network of an IPv6 address, in prefix notation
// ("192.168.1.0/24", "2001:db8:1::/48"). A zone, brackets and a port are dropped; IPv4-mapped IPv6 reads as IPv4.
func network(value string) (string, bool) {
	s := strings.TrimSpace(value)
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		if perr != nil {
			return "", false
		}
		a = ap.Addr()
	}
	a = a.WithZone("").Unmap()
	bits := 48
	if a.Is4() {
		bits = 24
	}
	p, err := a.Prefix(bits)
	if err != nil {
		return "", false
	}
	return p.String(), true
}

// postalArea returns an address's postal-code area: the outward code of a UK postcode ("SW1A"), else the first
// two digits of a postal code with the rest as x: Polish nn-nnn, then the last five-digit code, then Swedish
// nnn nn, then the last four-digit code ("10xxx", "21xx").
func postalArea(value string) (string, bool) {
	if g := ukPostcode.FindStringSubmatch(value); g != nil {
		return strings.ToUpper(g[1]), true
	}
	for _, c := range []struct {
		re     *regexp.Regexp
		hidden int
	}{{plPostcode, 3}, {fiveDigitCode, 3}, {sePostcode, 3}, {fourDigitCode, 2}} {
		if all := c.re.FindAllStringSubmatch(value, -1); all != nil {
			return all[len(all)-1][1] + strings.Repeat("x", c.hidden), true
		}
	}
	return "", false
}
