package spoken

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLexiconDigitWords(t *testing.T) {
	tests := map[string][]string{
		"de":       {"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"},
		"de ascii": {"null", "ein", "zwo", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun"},
		"en":       {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
		"en oh":    {"oh"},
		"da":       {"nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"},
		"da et":    {"nul", "et"},
		"it":       {"zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"},
	}
	for name, words := range tests {
		t.Run(name, func(t *testing.T) {
			for d, w := range words {
				e, ok := lookup(w)
				require.True(t, ok, w)
				assert.Equal(t, uint16(d), e.val, w)
				if d == 0 {
					assert.Equal(t, kZero, e.kind, w)
				} else {
					assert.Equal(t, kUnit, e.kind, w)
				}
			}
		})
	}
}

func TestLexiconValues(t *testing.T) {
	tests := map[string]struct {
		word string
		kind kind
		val  uint16
	}{
		"de elf":                  {"elf", kTeen, 11},
		"de dreißig":              {"dreißig", kTens, 30},
		"de dreissig":             {"dreissig", kTens, 30},
		"de siebenundneunzig":     {"siebenundneunzig", kCompound, 97},
		"de year":                 {"neunzehnhundertneunundneunzig", kHundreds, 1999},
		"de hundertelf":           {"hundertelf", kHundreds, 111},
		"en nineteen":             {"nineteen", kTeen, 19},
		"en ninety":               {"ninety", kTens, 90},
		"en hundred":              {"hundred", kHundred, 100},
		"en triple":               {"triple", kRepeat, 3},
		"da halvfems":             {"halvfems", kTens, 90},
		"da niogtyve":             {"niogtyve", kCompound, 29},
		"da femoghalvfjerds":      {"femoghalvfjerds", kCompound, 75},
		"da femhundrede":          {"femhundrede", kHundreds, 500},
		"da dobbelt":              {"dobbelt", kRepeat, 2},
		"it novantanove":          {"novantanove", kCompound, 99},
		"it ottantotto":           {"ottantotto", kCompound, 88},
		"it centottanta":          {"centottanta", kHundreds, 180},
		"it novecentonovantanove": {"novecentonovantanove", kHundreds, 999},
		"it tripla":               {"tripla", kRepeat, 3},
		"filler":                  {"ähm", kFiller, 0},
		"link":                    {"og", kLink, 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e, ok := lookup(tc.word)
			require.True(t, ok)
			assert.Equal(t, tc.kind, e.kind)
			assert.Equal(t, tc.val, e.val)
		})
	}
}

func TestLexiconRejects(t *testing.T) {
	for _, w := range []string{"", "o", "often", "tore", "seit", "nineteenth", "jahrhundert", "hunderte",
		"percento", "centro", "accento", "unocento", "zwanzighundert", "hundertxyz", "centoxyz", "tredivex",
		"einsundzwanzig", "fireogtyvex", "ventiuno", "trentaotto"} {
		_, ok := lookup(w)
		assert.False(t, ok, w)
	}
}

func TestLexiconWeakWords(t *testing.T) {
	for _, w := range []string{"to", "en", "et", "fire", "ti", "ein", "eine", "una", "due", "sei", "oh"} {
		e, ok := lookup(w)
		require.True(t, ok, w)
		assert.NotZero(t, e.flags&fWeak, w)
	}
	for _, w := range []string{"tre", "zwei", "one", "null", "nul", "zero", "fem", "otto"} {
		e, ok := lookup(w)
		require.True(t, ok, w)
		assert.Zero(t, e.flags&fWeak, w)
	}
}

func TestLexiconSharedWords(t *testing.T) {
	e, _ := lookup("tre")
	assert.Equal(t, langDA|langIT, e.lang)
	e, _ = lookup("zero")
	assert.Equal(t, langEN|langIT, e.lang)
}

func TestBuildLexiconPanicsOnConflict(t *testing.T) {
	bad := language{lang: langEN, units: []num{{"one", 1}}, teens: []num{{"one", 10}}, hundred: "hundred"}
	assert.Panics(t, func() { buildLexicon([]*language{&bad}, nil) })
}
