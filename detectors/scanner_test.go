package detectors

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/rules"
)

// compileYAML compiles one pack written inline.
func compileYAML(t testing.TB, yaml string) *Scanner {
	t.Helper()
	p, err := rules.Parse("inline.yaml", []byte(yaml))
	require.NoError(t, err)
	set, err := rules.NewSet(p)
	require.NoError(t, err)
	s, err := Compile(set)
	require.NoError(t, err)
	return s
}

// spans returns the texts of the findings, for assertions in tests (test data only).
func spans(text string, fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Type+":"+text[f.Start:f.End])
	}
	return out
}

func TestScanDefaultPacks(t *testing.T) {
	s := MustCompileDefault()
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"email in German chat", "Hallo, meine Mail ist Laurits.Andresen@Gmail.com!", []string{"EMAIL:Laurits.Andresen@Gmail.com"}},
		{"iban grouped", "IBAN DE89 3704 0044 0532 0130 00 bitte", []string{"IBAN:DE89 3704 0044 0532 0130 00"}},
		{"iban unspaced lower case", "iban de89370400440532013000", []string{"IBAN:de89370400440532013000"}},
		{"card followed by expiry", "card 4111 1111 1111 1111 12/28", []string{"CREDIT_CARD:4111 1111 1111 1111"}},
		{"card failing luhn survives", "card 4111 1111 1111 1112", nil},
		{"international phone", "ring til mig på +45 20 12 34 56", []string{"PHONE:+45 20 12 34 56"}},
		{"ipv4", "from 192.168.1.23 today", []string{"IP_ADDRESS:192.168.1.23"}},
		{"fullwidth digits map back to original bytes", "iban ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００ ok",
			[]string{"IBAN:ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００"}},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			got := spans(tc.text, fs)
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
			if tc.want == nil {
				assert.Empty(t, got)
			}
		})
	}
}

func TestSpokenNumbersMapToTheWords(t *testing.T) {
	s := MustCompileDefault()
	text := "meine iban ist de acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null danke"
	fs, err := s.Scan(text)
	require.NoError(t, err)
	var iban *Finding
	for i := range fs {
		if fs[i].Type == "IBAN" {
			iban = &fs[i]
		}
	}
	require.NotNil(t, iban, "spoken IBAN not found: %v", fs)
	assert.True(t, iban.Spoken)
	assert.Equal(t, "de acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null",
		text[iban.Start:iban.End])
	assert.Equal(t, "de89370400440532013000", strings.ReplaceAll(WrittenForm(text[iban.Start:iban.End]), " ", ""))
}

func TestOverlapsResolveByScoreThenLength(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.short
    type: SHORT
    category: personal
    triggers: [digits]
    pattern: '\d{4}'
    score: 0.7
    examples: {match: ["1234"]}
  - id: t.long
    type: LONG
    category: personal
    triggers: [digits]
    pattern: '\d{4} \d{4}'
    score: 0.7
    examples: {match: ["1234 5678"]}
  - id: t.strong
    type: STRONG
    category: personal
    triggers: [digits]
    pattern: '99\d\d'
    score: 0.9
    examples: {match: ["9912"]}
`)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"longer wins at equal score", "x 1234 5678 y", []string{"LONG:1234 5678"}},
		{"higher score wins over longer", "x 9912 5678 y", []string{"STRONG:9912", "SHORT:5678"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, spans(tc.text, fs))
		})
	}
}

func TestContextScoring(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.num
    type: NUM
    category: identifier
    triggers: [digits]
    pattern: '\d{6}'
    score: 0.4
    context: {words: [kundennummer], negative: [bestellung], boost: 0.3, penalty: 0.5, window: 20}
    examples: {match: ["kundennummer 123456"], no_match: ["123456"]}
`)
	for _, tc := range []struct {
		name, text string
		found      bool
		score      float64
	}{
		{"no context stays below min score", "es ist 123456", false, 0},
		{"context word raises", "kundennummer 123456", true, 0.7},
		{"context word too far", "kundennummer und dann noch viel mehr text 123456", false, 0},
		{"negative word lowers", "kundennummer 123456 bestellung", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			require.Equal(t, tc.found, len(fs) == 1, "%v", fs)
			if tc.found {
				assert.InDelta(t, tc.score, fs[0].Score, 0.001)
			}
		})
	}
}

func TestTermsMatchWholeWordsAndPrefixes(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.health
    type: SPECIAL_CATEGORY
    subtype: health
    category: special_category
    terms: [diabet*, krebs, "multiple sklerose"]
    examples: {match: ["ich habe diabetes"]}
`)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"prefix takes the whole word", "Ich bin Diabetikerin.", []string{"SPECIAL_CATEGORY:Diabetikerin"}},
		{"whole word only", "krebse im krebsgang", nil},
		{"phrase", "sie hat Multiple Sklerose", []string{"SPECIAL_CATEGORY:Multiple Sklerose"}},
		{"umlaut boundary", "glückskrebs", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, spans(tc.text, fs))
			for _, f := range fs {
				assert.Equal(t, "health", f.Subtype)
			}
		})
	}
}

func TestKeywordWindowsAndValueGroup(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.name
    type: PERSON
    category: personal
    keywords: [mein name ist]
    pattern: 'mein name ist (?P<value>\p{L}+(?: \p{L}+)?)'
    examples: {match: ["mein name ist laurits andresen"]}
`)
	text := strings.Repeat("bla ", 200) + "äh mein name ist Jürgen Müller und " + strings.Repeat("bla ", 200)
	fs, err := s.Scan(text)
	require.NoError(t, err)
	assert.Equal(t, []string{"PERSON:Jürgen Müller"}, spans(text, fs))
}

func TestRegexp2TimeoutFailsClosed(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.evil
    type: EVIL
    category: personal
    engine: regexp2
    timeout: 5ms
    whole_text: true
    pattern: '(a+)+b'
    examples: {match: ["aab"]}
`)
	start := time.Now()
	_, err := s.Scan(strings.Repeat("a", 5000))
	require.ErrorIs(t, err, ErrTimeout)
	assert.Less(t, time.Since(start), 10*time.Second) // bounded, not a timed assertion of speed
	assert.NotContains(t, err.Error(), "aaaa", "the error must not quote the text")
}

func TestRegexp2ReportsByteOffsets(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.la
    type: PERSON
    category: personal
    engine: regexp2
    timeout: 50ms
    keywords: [herr]
    pattern: 'herr (?!und)(?<value>\p{L}+)'
    examples: {match: ["herr müller"], no_match: ["herr und frau"]}
`)
	text := "grüße an Herr Müller und herr und"
	fs, err := s.Scan(text)
	require.NoError(t, err)
	assert.Equal(t, []string{"PERSON:Müller"}, spans(text, fs))
}

func TestFindingStringHasNoValue(t *testing.T) {
	s := MustCompileDefault()
	text := "mail laurits.andresen@gmail.com"
	fs, err := s.Scan(text)
	require.NoError(t, err)
	require.NotEmpty(t, fs)
	for _, f := range fs {
		for _, form := range []string{f.String(), fmt.Sprintf("%v", f), fmt.Sprintf("%+v", f)} {
			assert.NotContains(t, form, "laurits")
			assert.NotContains(t, form, "gmail")
		}
	}
}

func TestScannerIsSafeForConcurrentUse(t *testing.T) {
	s := MustCompileDefault()
	text := "call +49 151 23456789 or mail a.b@example.com, iban DE89 3704 0044 0532 0130 00"
	want, err := s.Scan(text)
	require.NoError(t, err)
	done := make(chan []Finding)
	for range 8 {
		go func() {
			var last []Finding
			for range 50 {
				last, _ = s.Scan(text)
			}
			done <- last
		}()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}

func TestAnchoredRulesAndExcludedWords(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
lists:
  stop: [sehr, nicht, und, zufrieden]
rules:
  - id: t.intro
    type: PERSON
    category: personal
    keywords: [ich bin]
    anchor: keyword
    window: 40
    pattern: 'ich bin (?P<value>\pL+(?: \pL+)?)'
    exclude: ["@stop"]
    examples: {match: ["ich bin laurits andresen"], no_match: ["ich bin sehr zufrieden"]}
`)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"name", "hallo ich bin Laurits Andresen", []string{"PERSON:Laurits Andresen"}},
		{"value cut before a stop word", "ich bin laurits und wollte fragen", []string{"PERSON:laurits"}},
		{"cut keeps a multi-byte last letter whole", "ich bin weiß und gut", []string{"PERSON:weiß"}},
		{"value starting with a stop word is dropped", "ich bin sehr zufrieden", nil},
		{"keyword at the very start of the text", "ich bin jens", []string{"PERSON:jens"}},
		{"anchored: the pattern must match at the keyword", "ich bin, äh, jens", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, spans(tc.text, fs))
		})
	}
}

func TestExtendWidensTriggerWindows(t *testing.T) {
	yaml := func(extend int) string {
		return fmt.Sprintf(`
name: t
version: "1"
rules:
  - id: t.city
    type: ADDRESS
    category: personal
    triggers: [digits]
    extend: %d
    pattern: '(?P<value>\d{4} københavn ø)'
    examples: {match: ["2100 københavn ø"]}
`, extend)
	}
	text := "jeg bor i 2100 københavn ø tak"
	fs, err := compileYAML(t, yaml(0)).Scan(text)
	require.NoError(t, err)
	assert.Empty(t, fs, "without extend the window ends one token after the number")
	fs, err = compileYAML(t, yaml(8)).Scan(text)
	require.NoError(t, err)
	assert.Equal(t, []string{"ADDRESS:2100 københavn ø"}, spans(text, fs))
}

func TestValueGroupInEachAlternative(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.alt
    type: NUM
    category: identifier
    triggers: [digits]
    pattern: '(?:a(?P<value>\d)|b(?P<value>\d))'
    examples: {match: ["a5", "b5"]}
`)
	for _, text := range []string{"a5", "b7"} {
		fs, err := s.Scan(text)
		require.NoError(t, err)
		assert.Equal(t, []string{"NUM:" + text[1:]}, spans(text, fs))
	}
}

func TestNoValueStartsInsideAToken(t *testing.T) {
	s := MustCompileDefault()
	for _, text := range []string{"ref 1.192.168.1.20 ok", "rechnung ft2025-7699-2000 bezahlt"} {
		fs, err := s.Scan(text)
		require.NoError(t, err)
		for _, f := range fs {
			assert.NotEqual(t, "IP_ADDRESS", f.Type, "%q", text)
			assert.NotEqual(t, "PHONE", f.Type, "%q", text)
		}
	}
}

func TestValueInsideAValidatedValueLoses(t *testing.T) {
	cands := []Finding{
		{Type: "PHONE", Start: 5, End: 14, Score: 0.9, Rule: "p"},
		{Type: "CREDIT_CARD", Start: 0, End: 19, Score: 0.85, Rule: "c", validated: true},
	}
	got := resolve(cands)
	require.Len(t, got, 1)
	assert.Equal(t, "CREDIT_CARD", got[0].Type)
	assert.InDelta(t, 0.85, got[0].Score, 1e-9)
}

func TestSpokenOnlyKeepsDictatedValues(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.dictated
    type: NUM
    category: identifier
    view: spoken
    spoken_only: true
    triggers: [digits]
    pattern: '\d{4}'
    examples: {match: ["vier fünf drei zwei"], no_match: ["4532"]}
`)
	fs, err := s.Scan("das ist vier fünf drei zwei und 4532")
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.True(t, fs[0].Spoken)
}

func TestWholeTextRuleGatedByTrigger(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.answer
    type: NUM
    category: identifier
    whole_text: true
    triggers: [digits]
    min_digits: 4
    pattern: '^\s*(?:it is )?(?P<value>\d{4})\s*$'
    examples: {match: ["it is 1984"], no_match: ["it is nice", "12"]}
`)
	fs, err := s.Scan("it is 1984")
	require.NoError(t, err)
	assert.Equal(t, []string{"NUM:1984"}, spans("it is 1984", fs))
	fs, err = s.Scan("it is nice")
	require.NoError(t, err)
	assert.Empty(t, fs)
}

// TestRulesRunOnlyWhereTheirTriggersFire checks the prefilter through Profile's run counts: a rule with triggers
// runs on a text only when one of them fires in its view (and a digit run holds its min_digits).
func TestRulesRunOnlyWhereTheirTriggersFire(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.long
    type: NUM
    category: identifier
    triggers: [digits]
    min_digits: 6
    pattern: '(?P<value>\d{6})'
    examples: {match: ["id 123456"], no_match: ["id 1234"]}
  - id: t.spoken
    type: NUM
    category: identifier
    view: spoken
    triggers: [digits]
    pattern: '(?P<value>\d{3})'
    examples: {match: ["eins zwei drei"], no_match: ["eins"]}
  - id: t.at
    type: EMAIL
    category: contact
    triggers: [at]
    pattern: '(?P<value>\w+@\w+\.com)'
    examples: {match: ["a@b.com"], no_match: ["a at b"]}
`)
	for _, tc := range []struct {
		name string
		text string
		runs map[string]int
	}{
		{"no trigger", "hello there", map[string]int{"t.long": 0, "t.spoken": 0, "t.at": 0}},
		{"too few digits", "room 1234", map[string]int{"t.long": 0, "t.spoken": 1, "t.at": 0}},
		{"enough digits", "id 123456", map[string]int{"t.long": 1, "t.spoken": 1, "t.at": 0}},
		{"spoken digits only", "eins zwei drei", map[string]int{"t.long": 0, "t.spoken": 1, "t.at": 0}},
		{"at sign", "write to a@b.com", map[string]int{"t.long": 0, "t.spoken": 0, "t.at": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, costs := s.Profile([]string{tc.text})
			got := map[string]int{}
			for _, c := range costs {
				got[c.Rule] = c.Runs
			}
			assert.Equal(t, tc.runs, got)
		})
	}
}

// TestScanContextStops checks that a scan whose context is done stops and says why, and that a live context
// changes nothing.
func TestScanContextStops(t *testing.T) {
	s := MustCompileDefault()
	text := strings.Repeat("Ich bin Laurits Andresen, IBAN DE89 3704 0044 0532 0130 00, Tel. 0151 23456789. ", 200)
	want, err := s.Scan(text)
	require.NoError(t, err)
	require.NotEmpty(t, want)

	got, err := s.ScanContext(context.Background(), text, Options{})
	require.NoError(t, err)
	assert.Equal(t, want, got)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.ScanContext(ctx, text, Options{})
	assert.ErrorIs(t, err, context.Canceled)

	ctx, cancel = context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	_, err = s.ScanContext(ctx, text, Options{})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotContains(t, err.Error(), "Andresen")
}

// TestWordStartsAreSharedByViews checks the premise of sharing one list of word starts between views: the cased
// text has its value starts where the folded text has them (folding keeps byte lengths and byte classes).
func TestWordStartsAreSharedByViews(t *testing.T) {
	s := MustCompileDefault()
	texts, _ := corpusTexts(t, 200)
	texts = append(texts, "Ørsted ÅGE Straße ÉCOLE İstanbul ǅemal DE89 3704", "Über-Weg 5/7 (0151) +45 Ἀθῆναι")
	for _, txt := range texts {
		a := s.analyze(txt)
		var cased []int32
		for i := 0; i < len(a.text(viewCased)); i++ {
			if isWordStart(a.text(viewCased), i) {
				cased = append(cased, int32(i))
			}
		}
		assert.Equal(t, cased, slices.Clone(a.wordStarts(viewCased)), "text %q", txt)
		s.release(a)
	}
}
