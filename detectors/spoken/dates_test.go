package spoken

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDigitsDates(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		// German: the day (and a month said as an ordinal) as "12.", the year by the runs.
		"de ordinal and month name":  {"zwölfter märz neunzehnhundertvierundachtzig", "12. märz 1984"},
		"de ordinal dative":          {"am zwölften märz neunzehnhundertvierundachtzig", "am 12. märz 1984"},
		"de compound ordinal":        {"der siebenundzwanzigste mai neunzehn achtzig", "der 27. mai 1980"},
		"de ascii ordinal":           {"zwoelfter maerz neunzehnhundertvierundachtzig", "12. maerz 1984"},
		"de month ordinal":           {"der erste dritte neunzehnhundertneunzig", "der 1. 3. 1990"},
		"de two-digit year":          {"am siebenundzwanzigsten dritten achtzig", "am 27. 3. 80"},
		"de zweitausend":             {"erster mai zweitausendundfünf", "1. mai 2005"},
		"de cardinals stay":          {"ich habe zwei kinder", "ich habe zwei kinder"},
		"de compound stays a number": {"siebenundzwanzig", "27"},
		// Danish: "i" between day and month goes with the day; vigesimal tens.
		"da ordinal month ordinal": {"den syvende i tredje nitten firs", "den 7. 3. 1980"},
		"da ordinal month name":    {"den fireogtyvende i december fireoghalvfems", "den 24. december 94"},
		"da nitten hundrede":       {"tolvte marts nitten hundrede og femogfirs", "12. marts 1985"},
		"da halvfjerds":            {"første maj nitten halvfjerds", "1. maj 1970"},
		"da seksogtyve":            {"seksogtyve", "26"},
		// Italian: a cardinal or ordinal day as digits; mille… years.
		"it cardinal day":  {"il dodici marzo millenovecentoottantaquattro", "il 12 marzo 1984"},
		"it ordinal day":   {"il dodicesimo marzo millenovecentoottanta", "il 12 marzo 1980"},
		"it primo":         {"il primo maggio del millenovecentosessantadue", "il 1 maggio del 1962"},
		"it compound day":  {"ventiquattro marzo millenovecentoottanta", "24 marzo 1980"},
		"it ventitreesimo": {"ventitreesimo aprile millenovecentonovanta", "23 aprile 1990"},
		"it duemilatre":    {"tre marzo duemilatre", "3 marzo 2003"},
		"it mille alone":   {"mille grazie", "mille grazie"},
		// English: the day as 12th, the year by the runs.
		"en ordinal":         {"the twelfth of march nineteen eighty four", "the 12th of march 1984"},
		"en twenty-seventh":  {"the twenty-seventh of may eighty eight", "the 27th of may 88"},
		"en first no of":     {"first june nineteen ninety", "1st june 1990"},
		"en twenty-seven":    {"twenty-seven", "27"},
		"en no year":         {"the twelfth of march, thanks", "the twelfth of march, thanks"},
		"en second not date": {"one second please", "one second please"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v, _ := Digits(tc.in)
			assert.Equal(t, tc.want, v.Text())
		})
	}
}

func TestDigitsDatesUnchanged(t *testing.T) {
	tests := map[string]string{
		"de no year":          "am zwölften märz",
		"de ordinal no month": "der zwölfte termin",
		"da no month":         "den syvende dag",
		"it ordinal no month": "il dodicesimo giorno",
		"en break before":     "the twelfth. march is fine",
		"de date in digits":   "12. märz 1984",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Digits(in)
			assert.False(t, ok)
			assert.Equal(t, in, v.Text())
		})
	}
}

func TestDateSpan(t *testing.T) {
	tests := map[string]struct {
		in, view, words string
	}{
		"de whole date": {"geboren am zwölften märz neunzehnhundertvierundachtzig, ja", "12. märz 1984", "zwölften märz neunzehnhundertvierundachtzig"},
		"de day":        {"am zwölften märz neunzehnhundertvierundachtzig", "12.", "zwölften"},
		"da day with i": {"den syvende i tredje nitten firs", "7.", "syvende i"},
		"da month":      {"den syvende i tredje nitten firs", "3.", "tredje"},
		"en day":        {"the twenty-seventh of may eighty eight", "27th", "twenty-seventh"},
		"en year":       {"the twenty-seventh of may eighty eight", "88", "eighty eight"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Digits(tc.in)
			require.True(t, ok)
			i := strings.Index(v.Text(), tc.view)
			require.GreaterOrEqual(t, i, 0, "view %q", v.Text())
			a, b := v.Span(i, i+len(tc.view))
			assert.Equal(t, tc.words, tc.in[a:b])
		})
	}
}

func TestDateWordsItalianOrdinals(t *testing.T) {
	tests := map[string]uint16{"undicesimo": 11, "dodicesimo": 12, "ventunesimo": 21, "ventitreesimo": 23,
		"ventiseiesimo": 26, "ventottesimo": 28, "trentesimo": 30, "trentunesimo": 31}
	for w, v := range tests {
		t.Run(w, func(t *testing.T) {
			assert.Equal(t, w, italianOrdinal(v))
			e, ok := lookupDate(w)
			require.True(t, ok)
			assert.Equal(t, uint8(v), e.val)
		})
	}
}
