package validate

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// defaultPhoneRegions are the regions national phone numbers are tried with when PhoneE164 is
// given none.
var defaultPhoneRegions = []string{"DE", "DK", "IT", "GB", "US"}

// phone reports whether the candidate is a valid phone number under PhoneE164 with the
// default regions.
func phone(candidate string) bool {
	_, ok := PhoneE164(candidate)
	return ok
}

// PhoneE164 returns the E.164 form (+4915112345678) of a phone candidate and whether it is a
// valid number. Numbers with +CC or 00CC parse internationally; national numbers are tried with
// the given regions in order (ISO 3166 codes such as "DE", "DK", "IT", "GB"), defaulting to
// DE, DK, IT, GB when none are given. Candidates with fewer than 6 or more than 15 digits (not
// counting a 00 prefix) are rejected before parsing.
func PhoneE164(candidate string, regions ...string) (string, bool) {
	d := Digits(candidate)
	international := false
	if t := strings.TrimLeftFunc(candidate, isSeparator); strings.HasPrefix(t, "+") {
		international = true
	} else if strings.HasPrefix(d, "00") {
		international = true
		d = d[2:]
	}
	if len(d) < 6 || len(d) > 15 {
		return "", false
	}
	if international {
		return parsePhone("+"+d, "ZZ")
	}
	if len(regions) == 0 {
		regions = defaultPhoneRegions
	}
	for _, region := range regions {
		if e164, ok := parsePhone(d, strings.ToUpper(region)); ok {
			return e164, true
		}
	}
	return "", false
}

// parsePhone parses digits (with a leading '+' when international) for region and returns the
// E.164 form when phonenumbers calls the number valid.
func parsePhone(number, region string) (string, bool) {
	var n phonenumbers.PhoneNumber
	if err := phonenumbers.ParseToNumber(number, region, &n); err != nil {
		return "", false
	}
	if !phonenumbers.IsValidNumber(&n) {
		return "", false
	}
	return phonenumbers.Format(&n, phonenumbers.E164), true
}
