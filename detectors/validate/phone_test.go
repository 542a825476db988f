package validate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPhoneE164(t *testing.T) {
	for name, tc := range map[string]struct {
		in      string
		regions []string
		want    string
		ok      bool
	}{
		"de mobile international":   {"+49 151 12345678", nil, "+4915112345678", true},
		"de trunk zero in brackets": {"+49 (0) 151 12345678", nil, "+4915112345678", true},
		"de 00 prefix":              {"0049 30 12345678", nil, "+493012345678", true},
		"de national default":       {"0151 12345678", nil, "+4915112345678", true},
		"de landline national":      {"030/12345678", nil, "+493012345678", true},
		"dk international":          {"+45 32 12 34 56", nil, "+4532123456", true},
		"dk national after de":      {"32 12 34 56", nil, "+4532123456", true},
		"gb international":          {"+44 20 7946 0958", nil, "+442079460958", true},
		"gb 00 prefix":              {"0044 20 7946 0958", nil, "+442079460958", true},
		"gb national with region":   {"020 7946 0958", []string{"GB"}, "+442079460958", true},
		"region lower case":         {"020 7946 0958", []string{"gb"}, "+442079460958", true},
		"it international":          {"+39 06 6982 1234", nil, "+390669821234", true},
		"it national with region":   {"06 6982 1234", []string{"IT"}, "+390669821234", true},
		"dk only region":            {"0151 12345678", []string{"DK"}, "", false},
		"five digits":               {"12345", nil, "", false},
		"sixteen digits":            {"+49 1511 2345 6789 012", nil, "", false},
		"too short for de mobile":   {"+49 151 123", nil, "", false},
		"unassigned country code":   {"+999 1234 5678", nil, "", false},
		"empty":                     {"", nil, "", false},
	} {
		t.Run(name, func(t *testing.T) {
			got, ok := PhoneE164(tc.in, tc.regions...)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
			if tc.regions == nil {
				assert.Equal(t, tc.ok, phone(tc.in), "phone agrees with PhoneE164")
			}
		})
	}
}

func TestPhoneSameNumberSameE164(t *testing.T) {
	// Pseudonyms rely on one E.164 form for every spelling of a number.
	for _, in := range []string{
		"+49 151 12345678", "+4915112345678", "0049 151 1234 5678", "0151-12345678",
		"(0151) 123 456 78", "+49 (0)151 12345678", "0151.1234.5678",
	} {
		got, ok := PhoneE164(in)
		assert.True(t, ok, in)
		assert.Equal(t, "+4915112345678", got, in)
	}
}

func BenchmarkPhone(b *testing.B) {
	for b.Loop() {
		phone("+49 151 12345678")
	}
}

func BenchmarkPhoneNational(b *testing.B) {
	for b.Loop() {
		phone("32 12 34 56") // fails DE, then parses as DK
	}
}

func BenchmarkPhoneCheapReject(b *testing.B) {
	for b.Loop() {
		phone("12 34")
	}
}
