package detectors

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScanSpokenDateOfBirth: a date of birth said in words (ordinal day, month name or ordinal, year in words) is
// a DATE_OF_BIRTH finding that covers the words, in each language, with and without a birth phrase.
func TestScanSpokenDateOfBirth(t *testing.T) {
	s := MustCompileDefault()
	tests := map[string]struct{ text, words string }{
		"de":           {"zwölfter märz neunzehnhundertvierundachtzig", "zwölfter märz neunzehnhundertvierundachtzig"},
		"de geboren":   {"ich bin am zwölften märz neunzehnhundertvierundachtzig geboren", "zwölften märz neunzehnhundertvierundachtzig"},
		"de month ord": {"geboren am siebenundzwanzigsten dritten neunzehnhundertachtzig", "siebenundzwanzigsten dritten neunzehnhundertachtzig"},
		"da":           {"den syvende i tredje nitten firs", "syvende i tredje nitten firs"},
		"da født":      {"jeg er født den fireogtyvende i december nitten hundrede og fireoghalvfems", "fireogtyvende i december nitten hundrede og fireoghalvfems"},
		"it":           {"il dodici marzo millenovecentoottantaquattro", "dodici marzo millenovecentoottantaquattro"},
		"it nato":      {"sono nato il dodicesimo marzo millenovecentoottanta", "dodicesimo marzo millenovecentoottanta"},
		"en":           {"the twelfth of march nineteen eighty four", "twelfth of march nineteen eighty four"},
		"en born":      {"i was born on the twenty-seventh of may nineteen eighty eight", "twenty-seventh of may nineteen eighty eight"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			var dob *Finding
			for i := range fs {
				if fs[i].Type == "DATE_OF_BIRTH" {
					dob = &fs[i]
				}
			}
			require.NotNil(t, dob, "no DATE_OF_BIRTH in %v", fs)
			i := strings.Index(tc.text, tc.words)
			assert.LessOrEqual(t, dob.Start, i, "finding starts after the words")
			assert.GreaterOrEqual(t, dob.End, i+len(tc.words), "finding ends before the words")
		})
	}
}

// TestScanSpokenNumbersNotDates: number and ordinal words that make no date stay what they were.
func TestScanSpokenNumbersNotDates(t *testing.T) {
	s := MustCompileDefault()
	tests := map[string]string{
		"de kinder":  "ich habe zwei kinder",
		"de no year": "der termin ist am zwölften märz",
		"en second":  "one second please, the first of march works",
		"it mille":   "mille grazie, il dodici marzo va bene",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			fs, err := s.Scan(text)
			require.NoError(t, err)
			for _, f := range fs {
				assert.NotEqual(t, "DATE_OF_BIRTH", f.Type, "%s", text[f.Start:f.End])
			}
		})
	}
}
