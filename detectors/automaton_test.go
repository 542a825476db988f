package detectors

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"github.com/cloudflare/ahocorasick"
	"github.com/stretchr/testify/assert"
)

// naiveHits finds every occurrence of every word by brute force.
func naiveHits(words []string, text string) []hit {
	var out []hit
	for id, w := range words {
		for off := 0; ; {
			i := strings.Index(text[off:], w)
			if i < 0 {
				break
			}
			out = append(out, hit{int32(id), int32(off + i + len(w))})
			off += i + 1
		}
	}
	sortHits(out)
	return out
}

func sortHits(h []hit) {
	sort.Slice(h, func(i, j int) bool { return h[i].end < h[j].end || (h[i].end == h[j].end && h[i].id < h[j].id) })
}

func TestAutomatonFindsEveryOccurrence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		words []string
		text  string
	}{
		{"overlapping", []string{"he", "she", "his", "hers"}, "ushers and his shepherd"},
		{"nested suffixes", []string{"a", "aa", "aaa"}, "aaaa"},
		{"utf-8", []string{"straße", "grüße", "ø", "æble"}, "viele grüße aus der hauptstraße, æble og ø"},
		{"no match", []string{"xyz"}, "abc"},
		{"empty text", []string{"a"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newAutomaton(tc.words, nil)
			var got []hit
			a.scan(tc.text, func(h hit) { got = append(got, h) })
			sortHits(got)
			assert.Equal(t, naiveHits(tc.words, tc.text), got)
		})
	}
}

func TestAutomatonMatchesBruteForceOnRandomInput(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alpha := "abcü "
	rnd := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(alpha[r.IntN(len(alpha))])
		}
		return b.String()
	}
	for range 200 {
		var words []string
		for range 1 + r.IntN(8) {
			words = append(words, rnd(1+r.IntN(4)))
		}
		// Duplicate words are never registered (keywords.add dedupes), so dedupe here too.
		seen := map[string]bool{}
		uniq := words[:0]
		for _, w := range words {
			if !seen[w] {
				seen[w] = true
				uniq = append(uniq, w)
			}
		}
		text := rnd(r.IntN(60))
		a := newAutomaton(uniq, nil)
		var got []hit
		a.scan(text, func(h hit) { got = append(got, h) })
		sortHits(got)
		assert.Equal(t, naiveHits(uniq, text), got, "words %q text %q", uniq, text)
	}
}

// BenchmarkKeywordAutomaton compares this automaton with cloudflare/ahocorasick on the default packs' keywords
// over transcript text: the reason the scanner uses its own (it also reports positions, which the library does not).
func BenchmarkKeywordAutomaton(b *testing.B) {
	s := MustCompileDefault()
	text := strings.Repeat(benchText(b), 1)
	b.Run("dfa", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		n := 0
		for range b.N {
			s.kw.auto.scan(text, func(hit) { n++ })
		}
	})
	b.Run("cloudflare", func(b *testing.B) {
		m := ahocorasick.NewStringMatcher(s.kw.words)
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for range b.N {
			m.MatchThreadSafe(unsafe.Slice(unsafe.StringData(text), len(text)))
		}
	})
}

func TestAutomatonWithFold(t *testing.T) {
	a := newAutomaton([]string{"widerspruch", "ärger"}, gateFold)
	var got []hit
	a.scan("Ich lege WIDERSPRUCH ein, ÄRGER", func(h hit) { got = append(got, h) })
	assert.Equal(t, []hit{{0, 20}, {1, 32}}, got)
}
