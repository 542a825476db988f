package pseudonym

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
	"github.com/piiguard/piiguard/detectors/validate"
)

// normalizePhone returns the E.164 form of a phone number. National numbers are read for
// region, or for the validate package's default regions (DE, DK, IT, GB) when region is
// empty. A number that phonenumbers parses but does not call valid (an unassigned range)
// still gets its E.164 form, so "+45 12 34 56 78", "0045 12345678" and "12345678" read for
// DK agree. A number that does not parse at all becomes its digits, without '+' and without
// a 00 prefix.
func normalizePhone(v, region string) string {
	var (
		e164 string
		ok   bool
	)
	if region != "" {
		e164, ok = validate.PhoneE164(v, region)
	} else {
		e164, ok = validate.PhoneE164(v)
	}
	if ok {
		return e164
	}
	d := validate.Digits(v)
	international := strings.HasPrefix(strings.TrimLeft(v, " \t\r\n("), "+")
	if !international {
		d, international = strings.CutPrefix(d, "00")
	}
	var n phonenumbers.PhoneNumber
	switch {
	case d == "":
		return d
	case international:
		if phonenumbers.ParseToNumber("+"+d, "ZZ", &n) == nil {
			return phonenumbers.Format(&n, phonenumbers.E164)
		}
	case region != "":
		if phonenumbers.ParseToNumber(d, region, &n) == nil {
			return phonenumbers.Format(&n, phonenumbers.E164)
		}
	}
	return d
}
