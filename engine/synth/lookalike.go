package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Look-alikes: numbers that resemble personal data but are not, and must survive redaction.
// Each generator redraws until its digits fail every checksum an identifier of that length
// would pass, so a look-alike is never a valid identifier by chance.

// numeric draws from gen until the result, when it is only digits and separators, cannot be
// read as an identifier.
func numeric(gen func() string) string {
	for {
		s := gen()
		if d, ok := digitsOnly(s); !ok || !checksumValid(d) {
			return s
		}
	}
}

// digitsOnly returns the digits of s and true when s holds nothing else but the separators
// ' ', '-', '.' and '/'.
func digitsOnly(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.' || c == '/':
		default:
			return "", false
		}
	}
	return b.String(), true
}

// checksumValid reports whether a run of digits passes the check of an identifier of its
// length: Luhn for card lengths, Steuer-ID, PESEL and fødselsnummer for 11 digits, a CPR or
// personnummer date for 10, any 9 digits (an SSN has no check), the BSN 11-test for 8, and
// the NIR key for 15.
func checksumValid(d string) bool {
	switch n := len(d); {
	case n >= 12 && n <= 19 && luhnValid(d):
		return true
	case n == 15 && 97-mod97(d[:13]) == atoi(d[13:]):
		return true
	case n == 11:
		return taxIDValid(d) || peselValid(d) || fnrValid(d)
	case n == 10:
		return realDate(1900+atoi(d[4:6]), atoi(d[2:4]), atoi(d[:2])) || realDate(2000+atoi(d[:2]), atoi(d[2:4]), atoi(d[4:6])%60)
	case n == 9:
		return true
	case n == 8:
		return weighted("0"+d, []int{9, 8, 7, 6, 5, 4, 3, 2})%11 == int(d[7]-'0')%11
	}
	return false
}

func taxIDValid(d string) bool {
	var count [10]int
	for i := 0; i < 10; i++ {
		count[d[i]-'0']++
	}
	repeated := 0
	for _, c := range count {
		if c > 3 {
			return false
		}
		if c > 1 {
			repeated++
		}
	}
	return d[0] != '0' && repeated == 1 && iso7064(d[:10]) == d[10]
}

func peselValid(d string) bool {
	m := atoi(d[2:4]) % 20
	return realDate(2000, m, atoi(d[4:6])) &&
		(10-weighted(d, []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3})%10)%10 == int(d[10]-'0')
}

func fnrValid(d string) bool {
	if !realDate(2000, atoi(d[2:4])%40, atoi(d[:2])%40) {
		return false
	}
	k1 := (11 - weighted(d, []int{3, 7, 6, 1, 8, 9, 4, 5, 2})%11) % 11
	k2 := (11 - weighted(d, []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})%11) % 11
	return k1 == int(d[9]-'0') && k2 == int(d[10]-'0')
}

// orderNumber returns an order number in a shop system's style for lang.
func orderNumber(r *rand.Rand, lang string) string {
	return numeric(func() string {
		switch lang {
		case "de":
			return pick(r, []string{
				fmt.Sprintf("%s-%d-%s", digits(r, 4), between(r, 2023, 2025), digits(r, 2)),
				"B-" + fmt.Sprint(between(r, 2023, 2025)) + "-" + digits(r, 6),
				fmt.Sprint(between(r, 10000000, 99999999)), "AU-" + digits(r, 6), fmt.Sprint(between(r, 100000, 999999)),
			})
		case "da":
			return pick(r, []string{
				fmt.Sprint(between(r, 100000, 999999)), fmt.Sprint(between(r, 100000, 999999)), "DK-" + digits(r, 6),
				fmt.Sprint(between(r, 1000000, 9999999)),
			})
		case "it":
			return pick(r, []string{
				fmt.Sprint(between(r, 10000, 99999)), "ORD-" + fmt.Sprint(between(r, 2023, 2025)) + "-" + digits(r, 7),
				fmt.Sprint(between(r, 1000000, 9999999)), "IT-" + digits(r, 6),
			})
		}
		return pick(r, []string{
			fmt.Sprintf("%c-%d", 'A'+rune(r.IntN(26)), between(r, 10000, 99999)),
			fmt.Sprintf("%03d-%07d-%07d", between(r, 100, 999), between(r, 0, 9999999), between(r, 0, 9999999)),
			"ORD" + digits(r, 7), fmt.Sprint(between(r, 100000, 999999)),
		})
	})
}

// invoiceNumber returns an invoice number.
func invoiceNumber(r *rand.Rand, lang string) string {
	year := between(r, 2023, 2025)
	return numeric(func() string {
		switch lang {
		case "de":
			return pick(r, []string{fmt.Sprintf("RE-%d-%06d", year, r.IntN(1000000)), fmt.Sprintf("%d%06d", year, r.IntN(1000000)), fmt.Sprintf("R%07d", r.IntN(10000000))})
		case "da":
			return pick(r, []string{fmt.Sprintf("%d-%04d", year, r.IntN(10000)), fmt.Sprint(between(r, 1000000, 9999999))})
		case "it":
			return pick(r, []string{fmt.Sprintf("%d/%05d", year, r.IntN(100000)), fmt.Sprintf("FT%d-%04d", year, r.IntN(10000)), fmt.Sprint(between(r, 100, 9999))})
		}
		return pick(r, []string{fmt.Sprintf("INV-%d-%05d", year, r.IntN(100000)), fmt.Sprintf("INV%07d", r.IntN(10000000))})
	})
}

// trackingNumber returns a parcel tracking number of a carrier of lang's country.
func trackingNumber(r *rand.Rand, lang string) string {
	return numeric(func() string {
		switch lang {
		case "de":
			return pick(r, []string{"0034" + digits(r, 16), "JJD" + digits(r, 18), "H10" + digits(r, 17), "0" + digits(r, 13)})
		case "da":
			return pick(r, []string{"00370" + digits(r, 15), "CC" + digits(r, 9) + "DK", "RR" + digits(r, 9) + "DK"})
		case "it":
			return pick(r, []string{"RR" + digits(r, 9) + "IT", digits(r, 13), "BRT" + digits(r, 12)})
		}
		return pick(r, []string{"1Z" + strings.ToUpper(fmt.Sprintf("%03x", r.IntN(4096))) + "A" + digits(r, 11),
			"AB" + digits(r, 9) + "GB", "JD" + digits(r, 16)})
	})
}

// articleNumber returns an article or product number.
func articleNumber(r *rand.Rand) string {
	return numeric(func() string {
		return pick(r, []string{
			digits(r, 6) + "-" + digits(r, 3), "4" + digits(r, 12), fmt.Sprintf("%d.%03d.%02d", between(r, 100, 999), r.IntN(1000), r.IntN(100)),
			"SKU-" + digits(r, 6), digits(r, 7),
		})
	})
}

// customerNumber returns an 11-digit customer number that is no national ID.
func customerNumber(r *rand.Rand) string {
	return numeric(func() string { return fmt.Sprint(between(r, 2, 9)) + digits(r, 10) })
}

// reference16 returns a 16-digit reference that fails Luhn, grouped like a card number.
func reference16(r *rand.Rand) string {
	return numeric(func() string {
		d := fmt.Sprint(between(r, 1, 9)) + digits(r, 15)
		return pick(r, []string{groups4(d, " "), d, groups4(d, "-")})
	})
}

// amount returns a sum of money in lang's currency and notation.
func amount(r *rand.Rand, lang string) string {
	euros, cents := between(r, 3, 1500), r.IntN(100)
	if r.IntN(3) == 0 {
		cents = 99
	}
	thousands := func(n int, sep string) string {
		if n < 1000 {
			return fmt.Sprint(n)
		}
		return fmt.Sprintf("%d%s%03d", n/1000, sep, n%1000)
	}
	switch lang {
	case "de":
		v := fmt.Sprintf("%s,%02d", thousands(euros, "."), cents)
		return pick(r, []string{v + " €", v + " €", v + " EUR", "€ " + v, v + " Euro", fmt.Sprint(euros) + " Euro"})
	case "da":
		v := fmt.Sprintf("%s,%02d", thousands(euros, "."), cents)
		return pick(r, []string{v + " kr.", fmt.Sprint(euros) + " kr.", "DKK " + v, v + " kr", fmt.Sprint(euros) + " kroner"})
	case "it":
		v := fmt.Sprintf("%s,%02d", thousands(euros, "."), cents)
		return pick(r, []string{"€ " + v, v + " €", v + " euro", fmt.Sprint(euros) + " euro", "EUR " + v})
	}
	v := fmt.Sprintf("%s.%02d", thousands(euros, ","), cents)
	return pick(r, []string{"£" + v, "£" + v, "£" + fmt.Sprint(euros), "€" + v, v + " GBP"})
}

// spokenAmount says a small sum the way a caller does: "neunundvierzig euro neunzig".
func spokenAmount(r *rand.Rand, lang string) string {
	n := numeralsByLang[lang]
	whole, cents := between(r, 11, 99), between(r, 1, 9)*10
	switch lang {
	case "de":
		return n.number(whole) + " euro " + n.number(cents)
	case "da":
		return n.number(whole) + " kroner"
	case "it":
		return n.number(whole) + " euro e " + n.number(cents)
	}
	return n.number(whole) + " pounds " + n.number(cents)
}
