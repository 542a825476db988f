package detectors

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpelledCopiesTakeTheValuesType(t *testing.T) {
	s := MustCompileDefault()
	tests := map[string]struct {
		text string
		want []string // every finding, in order
	}{
		// German
		"de letters after the name":    {"mein name ist kowalski, k o w a l s k i", []string{"PERSON:kowalski", "PERSON:k o w a l s k i"}},
		"de hyphens split from name":   {"ich heiße anna huber, h-u-b-e-r", []string{"PERSON:anna huber", "PERSON:h-u-b-e-r"}},
		"de wie pairs":                 {"Mein Name ist Sommer, S wie Samuel, O wie Otto, M wie Martha, M wie Martha, E wie Emil, R wie Richard.", []string{"PERSON:Sommer", "PERSON:S wie Samuel, O wie Otto, M wie Martha, M wie Martha, E wie Emil, R wie Richard"}},
		"de cue das schreibt man":      {"Der Nachname ist Schmidt, das schreibt man s c h m i d t", []string{"PERSON:Schmidt", "PERSON:s c h m i d t"}},
		"de umlaut written out":        {"mein name ist müller, m u e l l e r", []string{"PERSON:müller", "PERSON:m u e l l e r"}},
		"de spelling completes a name": {"mein name ist kowal, k o w a l s k i", []string{"PERSON:kowal", "PERSON:k o w a l s k i"}},
		"de cue alone":                 {"das schreibt man m e y e r", []string{"PERSON:m e y e r"}},
		"de street spelled":            {"ich wohne in der Lindenstraße 5, das schreibt man l i n d e n s t r a ß e", []string{"ADDRESS:Lindenstraße 5", "ADDRESS:l i n d e n s t r a ß e"}},
		// Danish
		"da letters after the name": {"jeg hedder jensen, j e n s e n", []string{"PERSON:jensen", "PERSON:j e n s e n"}},
		"da cue staves":             {"jeg hedder Mikkelsen, det staves m i k k e l s e n", []string{"PERSON:Mikkelsen", "PERSON:m i k k e l s e n"}},
		"da letter names":           {"jeg hedder Mikkelsen, æm i kå kå e æl s e n", []string{"PERSON:Mikkelsen", "PERSON:æm i kå kå e æl s e n"}},
		"da som i pairs":            {"jeg hedder nielsen, n som i nikolaj, i som i ida, e som i erik, l som i ludvig, s som i søren, e som i erik, n som i nikolaj", []string{"PERSON:nielsen", "PERSON:n som i nikolaj, i som i ida, e som i erik, l som i ludvig, s som i søren, e som i erik, n som i nikolaj"}},
		// Italian
		"it letter names":   {"mi chiamo ferri, effe e erre erre i", []string{"PERSON:ferri", "PERSON:effe e erre erre i"}},
		"it come and names": {"mi chiamo rossi, r come roma o come otranto esse esse i", []string{"PERSON:rossi", "PERSON:r come roma o come otranto esse esse i"}},
		"it cue si scrive":  {"mi chiamo bianchi, si scrive b i a n c h i", []string{"PERSON:bianchi", "PERSON:b i a n c h i"}},
		"it di pairs":       {"mi chiamo colombo, c di como, o di otranto, l di livorno, o di otranto, m di milano, b di bologna, o di otranto", []string{"PERSON:colombo", "PERSON:c di como, o di otranto, l di livorno, o di otranto, m di milano, b di bologna, o di otranto"}},
		"it fiscal code":    {"il mio codice fiscale è RSSMRA85T10A562S, erre esse esse emme erre a", []string{"IT_FISCAL_CODE:RSSMRA85T10A562S", "IT_FISCAL_CODE:erre esse esse emme erre a"}},
		// English
		"en that's spelled":          {"my name is david okafor, that's spelled o k a f o r", []string{"PERSON:david okafor", "PERSON:o k a f o r"}},
		"en for pairs":               {"my name is Dodd, D for David, O for Oscar, D for David, D for David", []string{"PERSON:Dodd", "PERSON:D for David, O for Oscar, D for David, D for David"}},
		"en nato":                    {"my name is peter, papa echo tango echo romeo", []string{"PERSON:peter", "PERSON:papa echo tango echo romeo"}},
		"en letter before an e-mail": {"my email is d okafor at yahoo dot co dot uk", []string{"EMAIL:d okafor at yahoo dot co dot uk"}},
		"en e-mail part spelled":     {"my email is okafor at yahoo dot co dot uk, that's o k a f o r", []string{"EMAIL:okafor at yahoo dot co dot uk", "EMAIL:o k a f o r"}},
		// What stays.
		"en other letters stay":       {"my name is david okafor. we sell x y z boxes", []string{"PERSON:david okafor"}},
		"en article before an e-mail": {"it's a okafor at yahoo dot com", []string{"EMAIL:okafor at yahoo dot com"}},
		"en letters with no value":    {"the order code is a b c d", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, spans(tc.text, fs))
		})
	}
}

func TestSpelledCopiesKeepToOptions(t *testing.T) {
	s := MustCompileDefault()
	text := "das schreibt man m e y e r"
	fs, err := s.ScanWith(text, Options{Types: []string{"EMAIL"}})
	require.NoError(t, err)
	assert.Empty(t, fs, "a cue alone adds PERSON only when PERSON is scanned for")
}

func TestSkeletonFoldsSpellings(t *testing.T) {
	tests := map[string]struct{ a, b string }{
		"umlaut written out": {"mueller", "Müller"},
		"eszett":             {"strasse", "Straße"},
		"danish aa":          {"aase", "Åse"},
		"danish ø":           {"soren", "Søren"},
		"italian accent":     {"nicolo", "Nicolò"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, skeleton(tc.a), skeleton(tc.b))
		})
	}
}
