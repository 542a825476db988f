package tokens

import (
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
)

// show renders tokens as "kind:text" (test data only).
func show(text string, toks []Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Kind.String()+":"+t.Text(text))
	}
	return out
}

func TestAppend(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"words and punctuation", "Hallo, ich bin Laurits.", []string{"word:Hallo", "punct:,", "word:ich", "word:bin", "word:Laurits", "punct:."}},
		{"digit groups", "DE89 3704-0044", []string{"alnum:DE89", "digits:3704", "punct:-", "digits:0044"}},
		{"email shape", "jane.doe@example.com", []string{"word:jane", "punct:.", "word:doe", "punct:@", "word:example", "punct:.", "word:com"}},
		{"line breaks", "a\r\nb\nc\rd", []string{"word:a", "newline:\r\n", "word:b", "newline:\n", "word:c", "newline:\r", "word:d"}},
		{"non-ASCII letters", "Nørregade 12, København Ø", []string{"word:Nørregade", "digits:12", "punct:,", "word:København", "word:Ø"}},
		{"combining mark stays in the word", "Jose\u0301 x", []string{"word:Jose\u0301", "word:x"}},
		{"symbols", "£12.50 €", []string{"punct:£", "digits:12", "punct:.", "digits:50", "punct:€"}},
		{"control characters separate", "ab\x00cd\x07", []string{"word:ab", "word:cd"}},
		{"unicode spaces separate", "ab\u00a0cd\u3000ef", []string{"word:ab", "word:cd", "word:ef"}},
		{"invalid UTF-8 is one-byte punctuation", "a\xffb", []string{"word:a", "punct:\xff", "word:b"}},
		{"digits of another script belong to a word", "x\u0663\u0664 1", []string{"word:x\u0663\u0664", "digits:1"}},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, show(tc.text, Append(nil, tc.text)))
		})
	}
}

func TestFlags(t *testing.T) {
	toks := Append(nil, "Laurits GEW nw1 x-Ray ÆBLE")
	assert.Equal(t, Upper|SpaceBefore, toks[0].Flags)
	assert.Equal(t, Upper|AllUpper|SpaceBefore, toks[1].Flags)
	assert.Equal(t, SpaceBefore, toks[2].Flags)
	assert.Equal(t, Flags(0), toks[4].Flags&SpaceBefore, "a token right after punctuation has no space before")
	assert.Equal(t, Upper, toks[5].Flags&(Upper|AllUpper))
	assert.Equal(t, Upper|AllUpper|NonASCII|SpaceBefore, toks[6].Flags)
	assert.EqualValues(t, 1, toks[2].Digits)
}

func TestHashFoldsCase(t *testing.T) {
	for _, tc := range []struct{ name, text, word string }{
		{"ASCII", "LAURITS", "laurits"},
		{"mixed case", "LaUrItS", "Laurits"},
		{"non-ASCII", "ØRSTED", "ørsted"},
		{"German", "STRASSE Straße", "strasse"},
		{"digits", "4711", "4711"},
		{"alnum", "DE89", "de89"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			toks := Append(nil, tc.text)
			assert.Equal(t, Hash(tc.word), toks[0].Hash)
		})
	}
	assert.NotEqual(t, Hash("laurits"), Hash("lauritz"))
}

// TestTokensCoverTheText checks on varied text that tokens are in order, do not overlap, and that every byte
// outside them is white space or a control character.
func TestTokensCoverTheText(t *testing.T) {
	for _, text := range []string{
		"Hallo, ich bin Laurits Andresen. Meine IBAN ist DE89 3704 0044 0532 0130 00!\n",
		"Buongiorno, mi chiamo Giulia Russo, il mio codice fiscale è RSSMRA85T10A562S\r\n",
		"mail: jane.doe@example.com\u200b \u00a0 tel +45 20 12 34 56\x00 ƒ漢字 \xfe\xff",
	} {
		toks := Append(nil, text)
		prev := int32(0)
		for _, tk := range toks {
			assert.LessOrEqual(t, prev, tk.Start)
			assert.Less(t, tk.Start, tk.End)
			for _, r := range text[prev:tk.Start] {
				assert.True(t, unicode.IsSpace(r) || unicode.IsControl(r), "uncovered %q", r)
			}
			prev = tk.End
		}
	}
}
