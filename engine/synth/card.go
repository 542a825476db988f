package synth

import (
	"math/rand/v2"
	"strings"
)

// cardBrand is a payment-card range: its name as people say it, the prefixes it issues, and
// its length.
type cardBrand struct {
	name     string
	prefixes []string
	length   int
}

var (
	visa       = cardBrand{"Visa", []string{"4"}, 16}
	mastercard = cardBrand{"Mastercard", []string{"51", "52", "53", "54", "55", "2221", "2300", "2500", "2720"}, 16}
	amex       = cardBrand{"American Express", []string{"34", "37"}, 15}
	dankort    = cardBrand{"Dankort", []string{"5019"}, 16}
	visaDK     = cardBrand{"Visa/Dankort", []string{"4571"}, 16}
)

// cardBrands lists the brands each language's customers mostly carry.
var cardBrands = map[string][]cardBrand{
	"de": {visa, visa, mastercard, mastercard, amex},
	"da": {visaDK, visaDK, dankort, mastercard, visa},
	"it": {visa, mastercard, mastercard, amex},
	"en": {visa, visa, mastercard, amex},
}

// card returns a Luhn-valid card number of brand.
func card(r *rand.Rand, brand cardBrand) string {
	p := pick(r, brand.prefixes)
	d := p + digits(r, brand.length-len(p)-1)
	return d + string(luhnDigit(d))
}

// formatCard writes a card number in groups of four (4-6-5 for 15 digits), with dashes, or
// unspaced.
func formatCard(r *rand.Rand, d string) string {
	sep := " "
	switch r.IntN(6) {
	case 0:
		return d
	case 1:
		sep = "-"
	}
	if len(d) == 15 {
		return d[:4] + sep + d[4:10] + sep + d[10:]
	}
	return groups4(d, sep)
}

// cardExpiry returns an expiry date MM/YY in the next years.
func cardExpiry(r *rand.Rand) string {
	return strings.Join([]string{pad2(between(r, 1, 12)), pad2(between(r, 26, 31))}, "/")
}

func pad2(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }
