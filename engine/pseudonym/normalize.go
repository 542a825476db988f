package pseudonym

import (
	"net/netip"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// nationalIDTypes are the entity types normalised to upper-case ASCII letters and digits.
var nationalIDTypes = map[string]bool{
	"DE_TAX_ID": true, "DK_CPR": true, "IT_FISCAL_CODE": true, "UK_NINO": true, "ES_DNI": true,
	"ES_NIE": true, "FR_NIR": true, "NL_BSN": true, "SE_PERSONNUMMER": true, "NO_FNR": true,
	"FI_HETU": true, "PL_PESEL": true, "US_SSN": true,
}

// Normalize returns the canonical form used for entityType: the form whose token a value
// gets, so that one person gets one token however the value was written. It is
// NormalizeWithRegion without a region.
func Normalize(entityType, value string) string {
	return NormalizeWithRegion(entityType, value, "")
}

// NormalizeWithRegion returns the canonical form used for entityType, reading national phone
// numbers and numeric dates for region (an ISO 3166 code such as "DK", any case; see
// RegionForLanguage). Without a region, national phone numbers are tried as DE, DK, IT, GB
// and numeric dates are read day first. Per type:
//
//   - EMAIL: trimmed, "mailto:" and angle brackets dropped, lower-case.
//   - PHONE: E.164 ("+4512345678"); digits without '+' (and without a 00 prefix) when the
//     number does not parse.
//   - IBAN, CREDIT_CARD and the national ids (DE_TAX_ID, DK_CPR, IT_FISCAL_CODE, UK_NINO,
//     ES_DNI, ES_NIE, FR_NIR, NL_BSN, SE_PERSONNUMMER, NO_FNR, FI_HETU, PL_PESEL, US_SSN):
//     upper-case ASCII letters and digits only; SE_PERSONNUMMER in its 10-digit form without
//     century, NL_BSN padded to 9 digits, IBAN without a leading word "IBAN".
//   - PERSON: accents stripped, ø→o æ→ae ß→ss and friends, lower-case, single spaces,
//     leading titles (Herr, Frau, Mr, Dr, Signora, Fru…) dropped.
//   - IP_ADDRESS: canonical netip form, IPv4-mapped IPv6 as IPv4.
//   - DATE_OF_BIRTH: yyyy-mm-dd when the date parses (12.03.1985, 12/3/85, 1985-03-12,
//     12 March 1985, 12. März 1985…); two-digit years 00-29 are 20xx, 30-99 are 19xx.
//   - anything else, and the fallback of the above: NFKC, lower-case, single spaces.
//
// Numeric types are normalised by their digits alone, so a spoken number passed in digit
// form gets the same token as the written one.
func NormalizeWithRegion(entityType, value, region string) string {
	return normalize(canonicalType(entityType), value, strings.ToUpper(strings.TrimSpace(region)))
}

// normalize dispatches on a canonical type; region is upper-case.
func normalize(t, value, region string) string {
	value = norm.NFKC.String(value)
	switch {
	case t == "EMAIL":
		return normalizeEmail(value)
	case t == "PHONE":
		return normalizePhone(value, region)
	case t == "IBAN":
		return normalizeIBAN(value)
	case t == "CREDIT_CARD":
		return alnumUpper(value)
	case nationalIDTypes[t]:
		return normalizeNationalID(t, value)
	case t == "PERSON":
		return normalizePerson(value)
	case t == "IP_ADDRESS":
		return normalizeIP(value)
	case t == "DATE_OF_BIRTH":
		return normalizeDate(value, region)
	default:
		return collapseLower(value)
	}
}

// normalizeEmail trims, drops a mailto: scheme (and its ?query) and angle brackets, and
// lower-cases the whole address.
func normalizeEmail(v string) string {
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">")
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
		if q := strings.IndexByte(v, '?'); q >= 0 {
			v = v[:q]
		}
	}
	return strings.ToLower(strings.TrimSpace(v))
}

// normalizeIBAN keeps upper-case letters and digits and drops a leading "IBAN" label.
func normalizeIBAN(v string) string {
	a := alnumUpper(v)
	if rest, ok := strings.CutPrefix(a, "IBAN"); ok && len(rest) >= 4 && isUpperASCII(rest[0]) &&
		isUpperASCII(rest[1]) && isDigitASCII(rest[2]) && isDigitASCII(rest[3]) {
		return rest
	}
	return a
}

// normalizeNationalID keeps upper-case letters and digits, with the per-country forms that
// make two spellings of one id equal.
func normalizeNationalID(t, v string) string {
	a := alnumUpper(v)
	switch t {
	case "SE_PERSONNUMMER":
		// 19850212-1234, 198502121234, 850212-1234 and 850212+1234 are one person.
		if len(a) == 12 && allDigitsASCII(a) {
			return a[2:]
		}
	case "NL_BSN":
		// A BSN with a leading zero is often written with 8 digits.
		if len(a) == 8 && allDigitsASCII(a) {
			return "0" + a
		}
	}
	return a
}

// normalizeIP returns the canonical form of an IP address, with or without brackets or a
// port; IPv4-mapped IPv6 addresses become IPv4. Other text is collapsed and lower-cased.
func normalizeIP(v string) string {
	s := strings.TrimSpace(v)
	if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil {
		return a.Unmap().String()
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().String()
	}
	return collapseLower(v)
}

// collapseLower lower-cases v and collapses runs of white space into one space, trimmed.
func collapseLower(v string) string {
	return strings.Join(strings.Fields(strings.ToLower(v)), " ")
}

// alnumUpper keeps the ASCII letters (upper-cased) and digits of v.
func alnumUpper(v string) string {
	clean := true
	for i := 0; i < len(v) && clean; i++ {
		clean = isUpperASCII(v[i]) || isDigitASCII(v[i])
	}
	if clean {
		return v
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isUpperASCII(c) || isDigitASCII(c):
			b = append(b, c)
		case 'a' <= c && c <= 'z':
			b = append(b, c-'a'+'A')
		}
	}
	return string(b)
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }

func isDigitASCII(c byte) bool { return '0' <= c && c <= '9' }

func allDigitsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitASCII(s[i]) {
			return false
		}
	}
	return true
}
