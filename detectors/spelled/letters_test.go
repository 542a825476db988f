package spelled

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLettersConverts(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		// German
		"de pairs":            {"m wie martha, ü wie übermut, l wie ludwig, l wie ludwig, e wie emil, r wie richard", "müller"},
		"de two pairs":        {"a wie anton b wie berta", "ab"},
		"de one pair":         {"m wie martha", "m"},
		"de one free pair":    {"a wie apfel", "a"},
		"it pair after vowel": {"a b come bologna", "a b"},
		"it letter in a code": {"85 ti come torino 10", "85 t 10"},
		"de cities of 2022":   {"m wie münchen, e wie essen, i wie ingelheim, e wie essen, r wie rostock", "meier"},
		"de caesar":           {"c wie cäsar, h wie heinrich, r wie richard", "chr"},
		"de letter names":     {"be wie berta, e wie emil, ha wie heinrich", "beh"},
		"de sch":              {"sch wie schule, m wie martha, i wie ida, d wie dora, t wie theodor", "schmidt"},
		"de s wie schule":     {"s wie schule, o wie otto", "so"},
		"de word after wie":   {"m wie maier, e wie emil, y wie ypsilon", "mey"},
		"de mixed with plain": {"m, a, i wie ida, e, r", "maier"},
		"de letters in talk":  {"ich heiße hans m u e l l e r, danke", "ich heiße hans mueller, danke"},
		"de umlaut letters":   {"m ü l l e r", "müller"},
		"de hyphens":          {"m-ü-l-l-e-r", "müller"},
		"de commas":           {"m, ü, l, l, e, r", "müller"},
		"de eszett":           {"s t r a eszett e", "straße"},
		"de ypsilon":          {"m e ypsilon e r", "meyer"},
		"de doppel-u":         {"doppel-u e b e r", "weber"},
		// English
		"en letters":          {"my name is j o h n", "my name is john"},
		"en nato":             {"alpha bravo charlie", "abc"},
		"en nato x-ray":       {"x-ray yankee zulu", "xyz"},
		"en nato xray":        {"xray, yankee, zulu", "xyz"},
		"en nato golf hotel":  {"golf hotel india", "ghi"},
		"en nato five":        {"papa echo tango echo romeo", "peter"},
		"en nato and letters": {"papa e t e romeo", "papa ete romeo"},
		"en as in":            {"s as in sierra, m as in mike, i as in india, t as in tango, h as in hotel", "smith"},
		"en for":              {"b for bravo, o for oscar, b for bravo", "bob"},
		"en letter names":     {"bee as in bravo, oh as in oscar, bee as in bravo", "bob"},
		"en double u":         {"double u a t t", "watt"},
		"en curly apostrophe": {"it’s m c k a y", "it’s mckay"},
		// Danish
		"da som i":      {"n som i nikolaj, i som i ida, e som i erik, l som i ludvig", "niel"},
		"da som":        {"s som søren, ø som øresund, r som rasmus, e som erik, n som nikolaj", "søren"},
		"da letters":    {"j ø r g e n", "jørgen"},
		"da å":          {"å s e", "åse"},
		"da dobbelt-ve": {"dobbelt-ve i l l y", "willy"},
		// Italian
		"it come":             {"r come roma, o come otranto, s come savona, s come savona, i come imola", "rossi"},
		"it di":               {"b di bologna, i di imola, a di ancona, n di napoli, c di como, h di hotel, i di imola", "bianchi"},
		"it d di domodossola": {"d di domodossola, a come ancona", "da"},
		"it i lunga":          {"i lunga, o come otranto, l come livorno, l come livorno, y come yacht", "jolly"},
		"it ics ipsilon":      {"x come xilofono, y come ipsilon, z come zara", "xyz"},
		"it names alone":      {"effe e erre erre i", "ferri"},
		"it names and pairs":  {"r come roma o come otranto esse esse i", "rossi"},
		"it name before come": {"effe come firenze, e come empoli", "fe"},
		"de zett alone":       {"zett a h n", "zahn"},
		"da names alone":      {"æm i kå kå e æl s e n", "mikkelsen"},
		"en aitch alone":      {"aitch u g h e s", "hughes"},
		"it x come ics":       {"x come ics, a come ancona", "xa"},
		"it doppia vu":        {"doppia vu, a come ancona, l come livorno, t come torino, e come empoli, r come roma", "walter"},
		"it letter names":     {"erre come roma, esse come savona, ti come torino", "rst"},
		"it è before":         {"il cognome è r come roma, o come otranto, s come savona, s come savona, i come imola", "il cognome è rossi"},
		"it e after":          {"r come roma, o come otranto, s come savona e poi", "ros e poi"},
		"it e before":         {"mario e r come roma, o come otranto", "mario e ro"},
		// Unicode
		"multi-byte before":     {"grüße: j o h n", "grüße: john"},
		"multi-byte after":      {"j o h n, schöne grüße", "john, schöne grüße"},
		"multi-byte separators": {"j\u00a0o\u2013h\u00a0n", "john"},
		"two runs":              {"j o h n und m a r y", "john und mary"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Letters(tc.in)
			require.True(t, ok)
			assert.Equal(t, tc.want, v.Text())
		})
	}
}

func TestLettersLeavesAlone(t *testing.T) {
	tests := map[string]string{
		"two letters":            "a b testing",
		"two letters with comma": "plan a, b",
		"two nato words":         "the golf hotel was nice",
		"nato word alone":        "papa ist da",
		"nato words apart":       "mike and victor",
		"wie without letter":     "wie geht es, so wie immer",
		"come without letter":    "come stai, come sempre",
		"di with other letter":   "e di roma",
		"di with free words":     "a di aprile e di estate",
		"for with free word":     "a for apple, b for boy",
		"som in a sentence":      "det er som i går",
		"as in without letter":   "as in the last call",
		"as without in":          "a as alpha",
		"pair letter differs":    "d wie berta, e wie anton",
		"letter name alone":      "er ist wie otto",
		"one rune words":         "è à ò",
		"digits":                 "1 2 3 4",
		"apostrophe":             "l'indirizzo è corretto",
		"cities":                 "berlin, hamburg, köln und münchen",
		"empty":                  "",
		"invalid utf8":           "j\xff o\xff",
		"dots between letters":   "j. o. h. n.",
		"letters across a line":  "j o\nh n",
		"mixed case not matched": "John Dot Smith At Gmail Dot Com",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Letters(in)
			assert.False(t, ok, "view %q", v.Text())
			assert.Equal(t, in, v.Text())
		})
	}
}

func TestLettersDoesNotAllocateWithoutConversion(t *testing.T) {
	plain, err := os.ReadFile("testdata/transcript_plain.txt")
	require.NoError(t, err)
	tests := map[string]string{
		"transcript":       string(plain),
		"triggers":         "wir treffen uns at the office, a b testing, the golf hotel, come stai, papa ist da",
		"written email":    "schreiben sie an john.smith@gmail.com oder anna_b@web.de",
		"pairs of letters": strings.Repeat("a b. ", 100),
		"long segment":     strings.Repeat("the golf hotel ", 100),
		"at without dot":   strings.Repeat("look at this ", 50),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, ok := Letters(in)
			require.False(t, ok)
			assert.Zero(t, testing.AllocsPerRun(20, func() { Letters(in) }))
		})
	}
}

func TestLettersLongRun(t *testing.T) {
	in := strings.Repeat("a ", 200) + "ende"
	v, ok := Letters(in)
	require.True(t, ok)
	assert.Equal(t, 200, strings.Count(v.Text(), "a"))
	assert.Less(t, len(v.Text()), len("ende")+200+10, "runs are written without spaces")
	assert.True(t, strings.HasSuffix(v.Text(), " ende"))
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestLettersTranscript(t *testing.T) {
	in, err := os.ReadFile("testdata/transcript_spelled.txt")
	require.NoError(t, err)
	v, ok := Letters(string(in))
	require.True(t, ok)
	const golden = "testdata/transcript_spelled.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(v.Text()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), v.Text())
}
