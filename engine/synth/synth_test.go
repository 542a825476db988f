package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample returns the first n records of a generator seeded with seed.
func sample(seed uint64, n int) []Labelled {
	g := New(seed)
	out := make([]Labelled, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, b := sample(42, 300), sample(42, 300)
	require.Equal(t, a, b, "same seed must give the same records")
	c := sample(43, 300)
	same := 0
	for i := range a {
		if bytes.Equal(a[i].Record, c[i].Record) {
			same++
		}
	}
	assert.Zero(t, same, "different seeds must give different records")
}

func TestCyclesChannelsAndLanguages(t *testing.T) {
	seen := map[string]int{}
	for i, l := range sample(1, 24) {
		assert.Equal(t, channels[i%3], l.Channel)
		assert.Equal(t, languages[i%4], l.Language)
		seen[l.Channel+"/"+l.Language]++
	}
	assert.Len(t, seen, 12, "24 records hold every channel and language pair")
	for k, n := range seen {
		assert.Equal(t, 2, n, k)
	}
}

// Strict mirrors of the record shapes: decoding with DisallowUnknownFields proves a record has
// no other fields.
type (
	strictCall struct {
		ID, Channel, Language string
		Segments              []struct {
			Speaker string `json:"speaker"`
			StartMS *int   `json:"start_ms"`
			EndMS   *int   `json:"end_ms"`
			Text    string `json:"text"`
		} `json:"segments"`
	}
	strictChat struct {
		ID, Channel, Language string
		Messages              []struct{ From, At, Text string } `json:"messages"`
	}
	strictEmail struct {
		ID, Channel, Language, Subject, From, To string
		Body                                     *string `json:"body"`
		BodyHTML                                 *string `json:"body_html"`
	}
)

func decodeStrict(t *testing.T, raw []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(v))
	require.False(t, dec.More(), "one JSON object per record")
}

func TestRecordShapes(t *testing.T) {
	for _, l := range sample(7, 600) {
		require.True(t, json.Valid(l.Record))
		require.NotContains(t, string(l.Record), "\n", "a record is one line")
		switch l.Channel {
		case "call":
			var r strictCall
			decodeStrict(t, l.Record, &r)
			assert.Equal(t, "call", r.Channel)
			assert.Equal(t, l.Language, r.Language)
			assert.True(t, strings.HasPrefix(r.ID, "call-"))
			require.NotEmpty(t, r.Segments)
			last := 0
			for _, s := range r.Segments {
				assert.Contains(t, []string{"agent", "customer"}, s.Speaker)
				require.NotNil(t, s.StartMS)
				require.NotNil(t, s.EndMS)
				assert.GreaterOrEqual(t, *s.StartMS, last, "segments follow each other")
				assert.Greater(t, *s.EndMS, *s.StartMS)
				last = *s.EndMS
				assert.NotEmpty(t, s.Text)
				assert.Equal(t, strings.ToLower(s.Text), s.Text, "transcripts are lower case")
				assert.NotContains(t, s.Text, "?", "transcripts have no punctuation")
				assert.NotContains(t, s.Text, "!")
				assert.False(t, strings.HasSuffix(s.Text, "."), "transcripts have no punctuation: %q", s.Text)
			}
		case "chat":
			var r strictChat
			decodeStrict(t, l.Record, &r)
			assert.Equal(t, "chat", r.Channel)
			require.NotEmpty(t, r.Messages)
			for _, m := range r.Messages {
				assert.Contains(t, []string{"agent", "customer", "bot"}, m.From)
				_, err := time.Parse(time.RFC3339, m.At)
				assert.NoError(t, err)
				assert.NotEmpty(t, m.Text)
			}
		case "email":
			var r strictEmail
			decodeStrict(t, l.Record, &r)
			assert.Equal(t, "email", r.Channel)
			assert.NotEmpty(t, r.Subject)
			assert.Contains(t, r.From, "@")
			assert.Contains(t, r.To, "@")
			require.True(t, (r.Body == nil) != (r.BodyHTML == nil), "an email has body or body_html")
			if r.BodyHTML != nil {
				assert.True(t, strings.HasPrefix(*r.BodyHTML, "<html>"))
			}
		default:
			t.Fatalf("unknown channel %q", l.Channel)
		}
	}
}

// stringsOf returns every string value of a JSON document.
func stringsOf(t *testing.T, raw []byte) []string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

func occurs(vals []string, text string) bool {
	for _, s := range vals {
		if strings.Contains(s, text) {
			return true
		}
	}
	return false
}

func TestLabelsOccurVerbatim(t *testing.T) {
	for i, l := range sample(11, 900) {
		vals := stringsOf(t, l.Record)
		require.NotEmpty(t, l.PII, "record %d has personal data", i)
		require.NotEmpty(t, l.Keep, "record %d has look-alikes", i)
		for _, v := range l.PII {
			assert.NotEmpty(t, strings.TrimSpace(v.Text))
			assert.Equal(t, strings.TrimSpace(v.Text), v.Text, "no spaces around a label")
			assert.True(t, occurs(vals, v.Text), "record %d: %s not found verbatim", i, v.Type)
			assert.Contains(t, string(l.Record), v.Text, "record %d: %s not in the raw bytes", i, v.Type)
		}
		for _, k := range l.Keep {
			assert.True(t, occurs(vals, k), "record %d: look-alike not found verbatim", i)
			for _, v := range l.PII {
				assert.NotContains(t, v.Text, k, "record %d: look-alike inside a %s", i, v.Type)
				assert.NotContains(t, k, v.Text, "record %d: %s inside a look-alike", i, v.Type)
			}
		}
	}
}

func TestEveryTypeIsGenerated(t *testing.T) {
	counts := map[string]int{}
	spokenCounts := map[string]int{}
	for _, l := range sample(5, 2400) {
		for _, v := range l.PII {
			counts[v.Type]++
			if !strings.ContainsAny(v.Text, "0123456789") {
				spokenCounts[v.Type]++
			}
		}
	}
	for _, typ := range []string{"PERSON", "EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "DE_TAX_ID", "DK_CPR",
		"IT_FISCAL_CODE", "UK_NINO", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH", "ADDRESS", "SPECIAL_CATEGORY"} {
		assert.Greater(t, counts[typ], 40, "%s is generated often enough", typ)
	}
	for _, typ := range []string{"ES_DNI", "FR_NIR", "NL_BSN", "SE_PERSONNUMMER", "NO_FNR", "FI_HETU", "PL_PESEL"} {
		assert.Greater(t, counts[typ], 5, "%s is generated", typ)
	}
	for _, typ := range []string{"PHONE", "CREDIT_CARD", "DE_TAX_ID", "DK_CPR", "IBAN", "EMAIL"} {
		assert.Positive(t, spokenCounts[typ], "%s is sometimes dictated in words", typ)
	}
}

func TestValueStringHidesText(t *testing.T) {
	v := Value{Type: "EMAIL", Text: "anna.schmidt@web.de"}
	assert.Equal(t, "EMAIL", v.String())
	assert.NotContains(t, fmt.Sprint(v), "anna")
}

// TestTemplatesExpand expands every template of every locale in each style, so that a typo in
// a slot name or unbalanced markup fails here and not in a rare record.
func TestTemplatesExpand(t *testing.T) {
	for lang, loc := range locales {
		all := templatesOf(loc)
		require.NotEmpty(t, all)
		for _, st := range []style{written, lowered, spoken} {
			for _, tpl := range all {
				b := newBuilder(New(1).rng, lang, "chat")
				b.style = st
				for _, tn := range splitDialog("X: " + tpl) {
					assert.NotPanics(t, func() { b.fill(tn.text) }, "%s: %q", lang, tpl)
				}
			}
		}
	}
}

// templatesOf lists every template of a locale (dialogs split into turns).
func templatesOf(loc *locale) []string {
	d, m := loc.dialog, loc.mail
	var all []string
	for _, group := range [][]string{d.callOpen, d.chatOpen, d.intro, d.ack, d.small, d.callClose, d.chatClose} {
		all = append(all, group...)
	}
	for _, f := range append(append([]string{}, piiFacts...), keepFacts...) {
		all = append(all, d.facts[f]...)
		all = append(all, m.facts[f]...)
	}
	for _, group := range [][]string{m.subjects, m.greet, m.intent, m.closing, m.sign, m.quoteHdr, m.agent, m.agentSig, loc.special} {
		all = append(all, group...)
	}
	var turns []string
	for _, tpl := range all {
		for _, tn := range splitTop(tpl, '|') {
			tn = strings.TrimSpace(tn)
			if len(tn) > 2 && tn[1] == ':' && unicode.IsUpper(rune(tn[0])) {
				tn = tn[2:]
			}
			turns = append(turns, tn)
		}
	}
	return turns
}

// TestNamesDoNotOccurInFixedText makes sure no word of a template, street, city or company is
// also a name of the same locale: otherwise a name could be "found" in text that is not a
// name, and eval would count a leak that is none.
func TestNamesDoNotOccurInFixedText(t *testing.T) {
	for lang, loc := range locales {
		names := map[string]bool{}
		for _, group := range [][]string{loc.female, loc.male, loc.last} {
			for _, n := range group {
				for _, w := range strings.Fields(strings.ToLower(n)) {
					names[w] = true
				}
			}
		}
		var fixed []string
		fixed = append(fixed, templatesOf(loc)...)
		fixed = append(fixed, loc.streets...)
		fixed = append(fixed, loc.cities...)
		for _, c := range loc.companies {
			fixed = append(fixed, c.name)
		}
		for _, f := range loc.foreignIDs {
			fixed = append(fixed, f)
		}
		for _, text := range fixed {
			for _, w := range words(text) {
				assert.False(t, names[w], "%s: %q is a name and occurs in %q", lang, w, text)
			}
		}
	}
}

// words returns the lower-case words of a text outside slots and label markup.
func words(s string) []string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '{':
			depth++
			b.WriteRune(' ')
		case r == '}':
			depth--
			b.WriteRune(' ')
		case depth > 0 && r != '|':
			// inside braces: alternatives are text, slot names are not
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(b.String()), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		if !slotMakersHas(w) {
			out = append(out, w)
		}
	}
	return out
}

func slotMakersHas(w string) bool { _, ok := slotMakers[w]; return ok }

func TestLocalesAreComplete(t *testing.T) {
	for lang, loc := range locales {
		assert.Equal(t, lang, loc.lang)
		assert.GreaterOrEqual(t, len(loc.female)+len(loc.male), 100, lang)
		assert.GreaterOrEqual(t, len(loc.last), 100, lang)
		for _, f := range append(append([]string{}, piiFacts...), keepFacts...) {
			assert.NotEmpty(t, loc.dialog.facts[f], "%s dialog fact %s", lang, f)
			assert.NotEmpty(t, loc.mail.facts[f], "%s mail fact %s", lang, f)
		}
		for _, typ := range []string{"ES_DNI", "FR_NIR", "NL_BSN", "SE_PERSONNUMMER", "NO_FNR", "FI_HETU", "PL_PESEL"} {
			assert.NotEmpty(t, loc.foreignIDs[typ], "%s foreign %s", lang, typ)
		}
		for _, s := range loc.special {
			assert.Contains(t, s, "[[SPECIAL_CATEGORY:", lang)
		}
	}
}
