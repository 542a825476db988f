package spoken

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDigitsConverts(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		// German
		"de phone":               {"meine nummer ist null eins fünf eins zwei drei vier fünf sechs sieben acht", "meine nummer ist 01512345678"},
		"de zwo":                 {"zwo null zwo", "202"},
		"de ascii spellings":     {"fuenf zwoelf dreissig", "51230"},
		"de compound":            {"zweiundvierzig", "42"},
		"de einundzwanzig":       {"einundzwanzig", "21"},
		"de year":                {"neunzehnhundertfünfundachtzig", "1985"},
		"de year ascii":          {"neunzehnhundertfuenfundachtzig", "1985"},
		"de zweihundert":         {"zweihundert", "200"},
		"de hundertundzwanzig":   {"hundertundzwanzig", "120"},
		"de einhundert eins":     {"einhundert eins", "101"},
		"de hundert zwanzig":     {"hundert zwanzig", "120"},
		"de und apart":           {"zwei und vierzig", "42"},
		"de tens do not merge":   {"dreißig zwei", "302"},
		"de teens":               {"elf zwölf neunzehn", "111219"},
		"de doppel":              {"doppel vier eins", "441"},
		"de mixed digits":        {"0151 zwei drei vier", "0151234"},
		"de digits after words":  {"null eins 51 23", "015123"},
		"de fillers":             {"null äh eins ähm fünf öhm eins", "0151"},
		"de fillers at edges":    {"äh null eins äh", "äh 01 äh"},
		"de ein with strong":     {"ein zwei drei", "123"},
		"de ein pair":            {"ein, eine", "11"},
		"de punctuation":         {"plz: acht null, drei drei eins.", "plz: 80331."},
		"de sentence around run": {"ja, die ist null acht neun, genau", "ja, die ist 089, genau"},
		// English
		"en phone":              {"four five three two double four triple zero", "453244000"},
		"en forty two":          {"forty two", "42"},
		"en forty-two":          {"forty-two", "42"},
		"en comma keeps tens":   {"forty, two", "402"},
		"en filler keeps tens":  {"forty um two", "402"},
		"en year":               {"nineteen eighty five", "1985"},
		"en one hundred":        {"one hundred", "100"},
		"en hundred and five":   {"one hundred and five", "105"},
		"en hundred twenty one": {"one hundred twenty one", "121"},
		"en nineteen hundred":   {"nineteen hundred eighty five", "1985"},
		"en oh":                 {"oh seven seven double oh", "07700"},
		"en fillers":            {"uhm, five, um, six uh seven", "uhm, 567"},
		"en ninety nine":        {"ninety nine", "99"},
		"en drops da fire":      {"the fire one two", "the fire 12"},
		"en drops da to":        {"two to three four", "two to 34"},
		"en in a sentence":      {"my number is zero one five one two, thanks", "my number is 01512, thanks"},
		// Danish
		"da phone":          {"fire fem tre to", "4532"},
		"da toogfyrre":      {"toogfyrre", "42"},
		"da enogtyve":       {"enogtyve", "21"},
		"da og apart":       {"to og fyrre", "42"},
		"da tredive to":     {"tredive to", "302"},
		"da dobbelt":        {"dobbelt fem nul", "550"},
		"da teens":          {"tolv tretten nitten", "121319"},
		"da tens":           {"tyve halvfjerds", "2070"},
		"da weak pair":      {"to to", "22"},
		"da fillers":        {"nul øh otte øhm ni", "089"},
		"da et hundrede":    {"et hundrede", "100"},
		"da hundrede og to": {"hundrede og to", "102"},
		"da tohundrede":     {"tohundrede", "200"},
		// Italian
		"it phone":         {"quattro cinque tre due", "4532"},
		"it quarantadue":   {"quarantadue", "42"},
		"it ventuno":       {"ventuno", "21"},
		"it trentotto":     {"trentotto", "38"},
		"it ventitré":      {"ventitré", "23"},
		"it ventitre":      {"ventitre", "23"},
		"it quaranta due":  {"quaranta due", "42"},
		"it venti, due":    {"venti, due", "202"},
		"it duecento":      {"duecento", "200"},
		"it centotto":      {"centotto", "108"},
		"it centouno":      {"centouno", "101"},
		"it trecento":      {"trecentoquarantadue", "342"},
		"it cento venti":   {"cento venti", "120"},
		"it doppio":        {"doppio zero sette", "007"},
		"it doppia":        {"doppia sei", "66"},
		"it teens":         {"diciassette diciannove", "1719"},
		"it fillers":       {"ehm tre ehm tre", "ehm 33"},
		"it due sei pair":  {"due sei", "26"},
		"it after article": {"l'otto nove", "l'89"},
		// Unicode
		"multi-byte before":     {"grüß gott, fünf fünf", "grüß gott, 55"},
		"multi-byte around":     {"ventitré è quarantadue", "23 è 42"},
		"multi-byte separators": {"null\u00a0eins\u2013zwei", "012"},
		"øre after run":         {"fem fem øre", "55 øre"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Digits(tc.in)
			require.True(t, ok)
			assert.Equal(t, tc.want, v.Text())
		})
	}
}

func TestDigitsLeavesAlone(t *testing.T) {
	tests := map[string]string{
		"en to":                  "i want to go",
		"en from to":             "from 9 to 5",
		"en up to":               "up to 3 days",
		"en one to five":         "one to five",
		"en twenty to five":      "twenty to five",
		"en lone one":            "no one knows",
		"en oh alone":            "oh no",
		"en oh oh":               "oh oh",
		"en oh with digits":      "oh, 123 is the code",
		"en fire":                "the fire one",
		"en due two":             "it is due, two",
		"en words containing":    "often nineteenth tennis",
		"en ninety alone":        "ninety",
		"en hundred alone":       "a hundred",
		"da en":                  "en god dag",
		"da et":                  "et hus",
		"da to":                  "jeg har to børn",
		"da to with digits":      "to 12",
		"da lone tens":           "tredive",
		"da tyve alone":          "tyve stjæler",
		"it tre":                 "tre mesi fa",
		"it uno":                 "uno",
		"it sei":                 "sei sicuro",
		"it una":                 "una cosa",
		"it o":                   "sette o otto",
		"it percento":            "cento percento",
		"it accento":             "accento",
		"de eine":                "ich habe eine frage",
		"de zwei und drei":       "zwei und drei",
		"de seit":                "seit drei",
		"de jahrhundert":         "das jahrhundert",
		"de hundertprozentig":    "hundertprozentig",
		"de sei":                 "es sei drei",
		"de zweimal 5":           "zweimal 5",
		"digits only":            "0151 234 567",
		"digits and dashes":      "0151-234-567",
		"empty":                  "",
		"fillers only":           "äh ähm øh",
		"word glued to digit":    "zwei3 vier4",
		"mixed case not matched": "Zwei Drei",
		"invalid utf8":           "zwei\xff drei",
		"slash breaks":           "zwei/drei",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Digits(in)
			assert.False(t, ok)
			assert.Equal(t, in, v.Text())
		})
	}
}

func TestDigitsDoesNotAllocateWithoutRun(t *testing.T) {
	plain, err := os.ReadFile("testdata/transcript_plain.txt")
	require.NoError(t, err)
	tests := map[string]string{
		"transcript":                   string(plain),
		"weak words":                   "i want to go, en god dag, tre mesi fa, eine frage",
		"digit list":                   strings.Repeat("12, 34, 56, ", 100),
		"long run of digits then word": strings.Repeat("1 ", 200) + "und",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, ok := Digits(in)
			require.False(t, ok)
			assert.Zero(t, testing.AllocsPerRun(20, func() { Digits(in) }))
		})
	}
}

func TestDigitsLongRun(t *testing.T) {
	in := strings.Repeat("eins ", 200) + "ende"
	v, ok := Digits(in)
	require.True(t, ok)
	assert.Equal(t, 200, strings.Count(v.Text(), "1"))
	assert.True(t, strings.HasSuffix(v.Text(), "ende"))
	assert.NotContains(t, v.Text(), "eins")
}

func TestSpan(t *testing.T) {
	tests := map[string]struct {
		in     string
		digits string // a stretch of the view
		words  string // what it must map back to
	}{
		"de phone":                  {"meine nummer ist null eins fünf eins zwei, danke", "01512", "null eins fünf eins zwei"},
		"de part of run":            {"null eins fünf eins", "15", "eins fünf"},
		"de filler":                 {"ähm null äh eins ähm fünf äh", "015", "null äh eins ähm fünf"},
		"de mixed":                  {"nummer 0151 zwei drei", "015123", "0151 zwei drei"},
		"de digit inside":           {"nummer 0151 zwei drei", "51", "51"},
		"de compound":               {"ruf zweiundvierzig an", "42", "zweiundvierzig"},
		"de half compound":          {"ruf zweiundvierzig an", "2", "zweiundvierzig"},
		"en double":                 {"it's double four one", "441", "double four one"},
		"en one of double":          {"it's double four one", "4", "double four"},
		"en text after":             {"five six, thanks", "thanks", "thanks"},
		"da":                        {"det er fire fem tre to, tak", "4532", "fire fem tre to"},
		"it multi-byte":             {"è il ventitré quarantadue già", "2342", "ventitré quarantadue"},
		"after multi-byte":          {"grüße: null acht neun", "089", "null acht neun"},
		"text after multi-byte run": {"ventitré è quarantadue", " è ", " è "},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Digits(tc.in)
			require.True(t, ok)
			i := strings.Index(v.Text(), tc.digits)
			require.GreaterOrEqual(t, i, 0, "view %q", v.Text())
			a, b := v.Span(i, i+len(tc.digits))
			assert.Equal(t, tc.words, tc.in[a:b])
			want := strings.Replace(tc.in, tc.words, "<x>", 1)
			assert.Equal(t, want, tc.in[:a]+"<x>"+tc.in[b:])
		})
	}
}

func TestSpanEdges(t *testing.T) {
	in := "null eins fünf ende"
	v, ok := Digits(in)
	require.True(t, ok)
	require.Equal(t, "015 ende", v.Text())
	tests := map[string]struct{ start, end, a, b int }{
		"whole":          {0, 8, 0, len(in)},
		"clamped":        {-3, 100, 0, len(in)},
		"reversed":       {5, 2, len("null eins fünf e"), len("null eins fünf e")},
		"empty at start": {0, 0, 0, 0},
		"empty in run":   {1, 1, len("null "), len("null ")},
		"empty at end":   {8, 8, len(in), len(in)},
		"separator":      {3, 4, len("null eins fünf"), len("null eins fünf ")},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			a, b := v.Span(tc.start, tc.end)
			assert.Equal(t, []int{tc.a, tc.b}, []int{a, b})
		})
	}
}

func TestSpanUnconverted(t *testing.T) {
	v, ok := Digits("i want to go")
	require.False(t, ok)
	a, b := v.Span(2, 6)
	assert.Equal(t, []int{2, 6}, []int{a, b})
	a, b = v.Span(-1, 99)
	assert.Equal(t, []int{0, 12}, []int{a, b})
}

func TestViewZero(t *testing.T) {
	var v View
	assert.Empty(t, v.Text())
	a, b := v.Span(0, 3)
	assert.Equal(t, []int{0, 0}, []int{a, b})
}
