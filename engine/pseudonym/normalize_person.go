package pseudonym

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// letterFolds spells the letters that do not decompose into a base letter and a mark.
var letterFolds = strings.NewReplacer(
	"ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i",
	"’", "'", "ʼ", "'", "‘", "'",
)

// titles are forms of address dropped from the start of a name (compared without a
// trailing '.', after accent folding).
var titles = map[string]bool{
	"herr": true, "frau": true, "hr": true, "fr": true, "fru": true, "frk": true, "frl": true,
	"mr": true, "mrs": true, "ms": true, "miss": true, "mister": true, "dr": true, "prof": true,
	"signor": true, "signora": true, "signorina": true, "sig": true, "sig.ra": true,
	"sig.na": true, "dott": true, "dott.ssa": true, "dottor": true, "dottore": true,
	"monsieur": true, "madame": true, "mme": true, "mlle": true,
	"senor": true, "senora": true, "senorita": true, "sr": true, "sra": true, "srta": true,
	"dhr": true, "mevr": true, "mevrouw": true, "meneer": true, "pan": true, "pani": true,
}

// foldLetters lower-cases s, strips combining marks after compatibility decomposition and
// spells the remaining special letters in ASCII ("Jørgen Müller" → "jorgen muller").
func foldLetters(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return letterFolds.Replace(b.String())
}

// normalizePerson folds letters, collapses white space, drops leading titles ("Herr Dr.
// Müller" → "muller") and the punctuation around words.
func normalizePerson(v string) string {
	words := strings.Fields(foldLetters(v))
	for len(words) > 1 && titles[strings.TrimRight(words[0], ".,")] {
		words = words[1:]
	}
	out := words[:0]
	for _, w := range words {
		if w = strings.Trim(w, ".,;:\"()[]"); w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
