package validate

// issuer is one payment-card number range: a prefix range over the first len(lo) digits and
// the card lengths the issuer uses.
type issuer struct {
	lo, hi         string // inclusive prefix range, same length
	minLen, maxLen int
}

// issuers lists the known card ranges. A number is a card when any range holds it.
var issuers = []issuer{
	{"4", "4", 13, 19},       // Visa, including Visa/Dankort 4571
	{"51", "55", 16, 16},     // Mastercard
	{"2221", "2720", 16, 16}, // Mastercard 2-series
	{"34", "34", 15, 15},     // American Express
	{"37", "37", 15, 15},     // American Express
	{"6011", "6011", 16, 19}, // Discover
	{"644", "649", 16, 19},   // Discover
	{"65", "65", 16, 19},     // Discover
	{"3528", "3589", 16, 19}, // JCB
	{"300", "305", 14, 19},   // Diners Club
	{"36", "36", 14, 19},     // Diners Club
	{"38", "39", 14, 19},     // Diners Club
	{"5019", "5019", 16, 16}, // Dankort
	{"50", "50", 13, 19},     // Maestro (12-digit Maestro cards exist but are rare; too many references look like them)
	{"56", "69", 13, 19},     // Maestro, and UnionPay 62
}

// creditCard reports whether the candidate is a payment-card number: 13 to 19 digits, in a known issuer range with that issuer's length, passing Luhn, and
// not one digit repeated.
func creditCard(candidate string) bool {
	d, ok := compactDigits(candidate)
	if !ok || len(d) < 13 || len(d) > 19 || allSame(d) {
		return false
	}
	return knownIssuer(d) && luhn(d)
}

// knownIssuer reports whether the digits d fall in a known issuer range with a length that
// issuer uses.
func knownIssuer(d string) bool {
	for _, is := range issuers {
		if len(d) < is.minLen || len(d) > is.maxLen {
			continue
		}
		p := d[:len(is.lo)]
		if is.lo <= p && p <= is.hi {
			return true
		}
	}
	return false
}
