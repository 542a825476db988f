package tokens

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAppendRuns(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // run texts
		digits     []int32
	}{
		{"IBAN in groups", "iban de89 3704 0044 0532 0130 00 danke", []string{"de89 3704 0044 0532 0130 00"}, []int32{20}},
		{"dashes", "bestellnummer 4711-2023-88", []string{"4711-2023-88"}, []int32{10}},
		{"date", "am 12.03.2025 abgebucht", []string{"12.03.2025"}, []int32{8}},
		{"parentheses", "ring (030) 1234", []string{"030) 1234"}, []int32{7}},
		{"plus and spaces", "+44 20 7946 0958", []string{"44 20 7946 0958"}, []int32{12}},
		{"a word ends a run", "room 12 and 34", []string{"12", "34"}, []int32{2, 2}},
		{"a wide gap ends a run", "12 / 34", []string{"12", "34"}, []int32{2, 2}},
		{"other punctuation ends a run", "49,99 euro", []string{"49", "99"}, []int32{2, 2}},
		{"alnum suffix", "NINO QQ123456C please", []string{"QQ123456C"}, []int32{6}},
		{"none", "keine Zahl hier", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			toks := Append(nil, tc.text)
			var got []string
			var digits []int32
			for _, r := range AppendRuns(nil, tc.text, toks) {
				got = append(got, tc.text[r.Start:r.End])
				digits = append(digits, r.Digits)
				assert.Equal(t, toks[r.First].Start, r.Start)
				assert.Equal(t, toks[r.Last].End, r.End)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.digits, digits)
		})
	}
}
