package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registryCases holds, per registry name, one candidate each validator accepts and one near
// miss it rejects, both written the way a transcript or email might carry them.
var registryCases = map[string]struct{ valid, invalid string }{
	"luhn":            {"4111 1111 1111 1111", "4111 1111 1111 1112"},
	"credit_card":     {"4111-1111-1111-1111", "1234-5678-1234-5670"},
	"iban":            {"de89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 01"},
	"de_tax_id":       {"86 095 742 719", "86 095 742 718"},
	"dk_cpr":          {"070761-4285", "320761-4285"},
	"it_fiscal_code":  {"rssmra85t10a562s", "RSSMRA85T10A562T"},
	"uk_nino":         {"ab 12 34 56 c", "QQ 12 34 56 C"},
	"es_dni":          {"12345678-z", "12345678-A"},
	"es_nie":          {"x-1234567-l", "X-1234567-A"},
	"fr_nir":          {"2 95 10 99 126 111 93", "2 95 10 99 126 111 99"},
	"nl_bsn":          {"1234.56.782", "1234.56.789"},
	"se_personnummer": {"811218-9876", "811218-9875"},
	"no_fnr":          {"151086 95088", "151086 95077"},
	"fi_hetu":         {"131052a308t", "131052-308U"},
	"pl_pesel":        {"44051401359", "44051401358"},
	"us_ssn":          {"536-90-4399", "078-05-1120"},
	"phone":           {"+49 151 12345678", "+49 151 123"},
	"ipv4":            {"192.168.1.1", "192.168.1.256"},
	"ipv6":            {"2001:db8::1", "2001:db8::g"},
	"date":            {"29.02.2024", "29.02.2023"},
	"email":           {"max.mustermann@example.de", "max..mustermann@example.de"},
}

func TestRegistry(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			tc, ok := registryCases[name]
			require.True(t, ok, "registryCases has no case for %s", name)
			f, ok := Lookup(name)
			require.True(t, ok)
			require.NotNil(t, f)
			assert.True(t, f(tc.valid), "valid %q", tc.valid)
			assert.False(t, f(tc.invalid), "invalid %q", tc.invalid)
		})
	}
	assert.Len(t, registryCases, len(Names()), "a case names a validator that is not registered")
}

func TestLookupUnknown(t *testing.T) {
	for _, name := range []string{"", "LUHN", "credit-card", "nope"} {
		f, ok := Lookup(name)
		assert.False(t, ok, name)
		assert.Nil(t, f, name)
	}
}

func TestNames(t *testing.T) {
	names := Names()
	assert.True(t, slices.IsSorted(names))
	assert.Len(t, names, len(registry))
	for _, want := range []string{
		"luhn", "credit_card", "iban", "de_tax_id", "dk_cpr", "it_fiscal_code", "uk_nino", "es_dni",
		"es_nie", "fr_nir", "nl_bsn", "se_personnummer", "no_fnr", "fi_hetu", "pl_pesel", "us_ssn",
		"phone", "ipv4", "ipv6", "date", "email",
	} {
		assert.Contains(t, names, want)
	}
	// The caller owns the slice it gets.
	names[0] = "changed"
	assert.NotEqual(t, "changed", Names()[0])
}

func TestDigits(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"only digits": {"0123456789", "0123456789"},
		"phone":       {"+49 (0)151-1234 5678", "49015112345678"},
		"iban":        {"DE89 3704", "893704"},
		"no digits":   {"abc", ""},
		"empty":       {"", ""},
		"non-ascii":   {"١٢٣ 12", "12"},
		"full-width":  {"１２3", "3"},
	} {
		assert.Equal(t, tc.want, Digits(tc.in), name)
	}
}

func TestCompact(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"separators":     {" (de) 89-37.04/00 ", "DE89370400"},
		"lower case":     {"ab123456c", "AB123456C"},
		"tab and nbsp":   {"a\tb\u00a0c", "ABC"},
		"keeps others":   {"a+b_c", "A+B_C"},
		"non-ascii kept": {"ä", "ä"},
	} {
		assert.Equal(t, tc.want, compact(tc.in), name)
	}
}

func TestValidatorsRejectGarbage(t *testing.T) {
	garbage := []string{
		"", " ", "-", "\x00", "\xff\xfe", "ÄÖÜ", "😀😀😀😀😀😀😀😀😀😀😀",
		strings.Repeat("9", 10000), strings.Repeat("a", 10000), strings.Repeat(".", 100),
		"+", "00", "@", "@@", "::::", "....", "---",
	}
	for _, name := range Names() {
		f, _ := Lookup(name)
		for _, g := range garbage {
			if name == "luhn" && g != "" && allDigits(g) {
				continue // any digit run passing mod 10 is a Luhn number, "00" included
			}
			assert.False(t, f(g), "%s accepted %.20q (%d bytes)", name, g, len(g))
		}
	}
}

func FuzzValidators(f *testing.F) {
	for _, tc := range registryCases {
		f.Add(tc.valid)
		f.Add(tc.invalid)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, name := range Names() {
			fn, _ := Lookup(name)
			fn(s) // must not panic
		}
		d := Digits(s)
		assert.True(t, allDigits(d))
		if e164, ok := PhoneE164(s); ok {
			assert.True(t, strings.HasPrefix(e164, "+"))
			assert.True(t, allDigits(e164[1:]))
		}
	})
}
