package spelled

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// find1 looks up a whole word.
func find1(w string) (entry, bool) { return lookup(w, 0, len(w)) }

func TestLexiconSigns(t *testing.T) {
	for sign, words := range signs {
		for _, w := range words {
			e, ok := find1(w)
			require.True(t, ok, w)
			assert.Equal(t, cSign, e.cls, w)
			assert.Equal(t, sign, e.sign, w)
			assert.NotZero(t, e.flags&fSpoken, w)
		}
	}
	for _, w := range heads {
		e, _ := find1(w)
		assert.NotZero(t, e.flags&fHead, w)
	}
}

func TestLexiconWords(t *testing.T) {
	tests := map[string]struct {
		word   string
		cls    class
		letter string
	}{
		"nato alpha":    {"alpha", cNato, "a"},
		"nato november": {"november", cNato, "n"},
		"nato xray":     {"xray", cNato, "x"},
		"name ypsilon":  {"ypsilon", cName, "y"},
		"name ics":      {"ics", cName, "x"},
		"name eszett":   {"eszett", cName, "ß"},
		"link wie":      {"wie", cLink, ""},
		"link som":      {"som", cLink, ""},
		"double":        {"doppia", cDouble, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e, ok := find1(tc.word)
			require.True(t, ok)
			assert.Equal(t, tc.cls, e.cls)
			if tc.letter != "" {
				assert.Equal(t, tc.letter, letterTexts[e.out])
			}
		})
	}
}

func TestLexiconRejects(t *testing.T) {
	for _, w := range []string{"", "a", "punk", "punktx", "dots", "att", "wi", "alphas", "bravissimo", "der",
		"die", "klammeraffen", "chiocciole", "understregen", "ÄT", "Punkt"} {
		_, ok := find1(w)
		assert.False(t, ok, w)
	}
}

func TestLexiconFilterKeepsEveryWord(t *testing.T) {
	for w := range lex.words {
		assert.True(t, lex.maybe(w, 0, len(w)), w)
		_, ok := find1(w)
		assert.True(t, ok, w)
	}
}

func TestPackAt(t *testing.T) {
	s := "ab punktum chiocciola x"
	for i := range len(s) {
		for j := i + 1; j <= min(i+shortWord, len(s)); j++ {
			assert.Equal(t, pack(s[i:j]), packAt(s, i, j), s[i:j])
		}
	}
}

func TestAlphabets(t *testing.T) {
	tests := map[string]string{
		"anton": "a", "ärger": "ä", "schule": "sch", "zeppelin": "z", "düsseldorf": "d", "zwickau": "z",
		"ancona": "a", "domodossola": "d", "jolly": "j", "ipsilon": "y", "anna": "a", "øresund": "ø", "åse": "å",
		"alpha": "a", "juliett": "j", "whiskey": "w",
	}
	for w, want := range tests {
		i, ok := code[w]
		require.True(t, ok, w)
		assert.Equal(t, want, letterTexts[i], w)
	}
	for _, a := range alphabets {
		for w := range a {
			assert.Equal(t, strings.ToLower(w), w, "alphabets hold lower-case words")
		}
	}
}

func TestLetterNames(t *testing.T) {
	tests := map[string]string{"be": "b", "zett": "z", "acca": "h", "æf": "f", "aitch": "h", "sch": "sch", "di": "d"}
	for w, want := range tests {
		i := nameAt(w, 0, len(w))
		require.NotZero(t, i, w)
		assert.Equal(t, want, letterTexts[i], w)
	}
	for _, w := range []string{"bx", "anton", "", "verylongword"} {
		assert.Zero(t, nameAt(w, 0, len(w)), w)
	}
}

func TestLexiconConflictsPanic(t *testing.T) {
	assert.Panics(t, func() { mergeAlphabets([]map[string]string{{"anna": "a"}, {"anna": "b"}}) })
	l := &lexicon{words: map[string]entry{}}
	l.add("dot", entry{cls: cSign, sign: '.'})
	assert.NotPanics(t, func() { l.add("dot", entry{cls: cSign, sign: '.'}) })
	assert.Panics(t, func() { l.add("dot", entry{cls: cSign, sign: '@'}) })
}
