package spoken

import "strings"

// thousandForm is how a language writes "thousand" inside a compound word: mille alone, -mila after a
// multiplier (duemila), tausend with or without one (zweitausend).
type thousandForm struct {
	alone string // the word for 1000 as a prefix: mille, tausend
	after string // the word after a multiplier 2..9: mila, tausend
	link  string // may follow: zweitausendundfünf
	lang  lang
}

var thousandForms = [...]thousandForm{
	{alone: "mille", after: "mila", lang: langIT},
	{alone: "tausend", after: "tausend", link: "und", lang: langDE},
}

// minThousands is the shortest word that may be a thousands compound (duemila).
const minThousands = 7

func init() {
	// Let the two-byte filter of lookup pass the words that start with the word for 1000.
	for _, f := range thousandForms {
		lex.pairs[f.alone[0]][f.alone[1]>>6] |= 1 << (f.alone[1] & 63)
	}
}

// splitThousands reads a year or number word of 1000..9999 such as millenovecentoottantaquattro, duemilatre,
// zweitausendundfünf or tausendneunhundert: the word for thousand with an optional multiplier 2..9, and a
// rest of 1..999 of the same language. "mille" and "tausend" alone are not read: they are everyday words
// ("mille grazie") far more often than numbers.
func splitThousands(w string) (entry, bool) {
	for _, f := range thousandForms {
		mult, r := uint16(0), ""
		switch {
		case strings.HasPrefix(w, f.alone):
			mult, r = 1, w[len(f.alone):]
			if r == "" {
				continue
			}
		default:
			i := strings.Index(w, f.after)
			if i <= 0 {
				continue
			}
			e, ok := lex.words[w[:i]]
			if !ok || e.kind != kUnit || e.lang&f.lang == 0 || e.val < 2 {
				continue
			}
			mult, r = e.val, w[i+len(f.after):]
		}
		if r == "" {
			return entry{kind: kHundreds, lang: f.lang, val: mult * 1000}, true
		}
		if f.link != "" {
			r = strings.TrimPrefix(r, f.link)
		}
		e, ok := lex.words[r]
		if !ok && len(r) >= minSplit {
			e, ok = splitHundreds(r)
		}
		if !ok || e.lang&f.lang == 0 || e.val >= 1000 {
			continue
		}
		switch e.kind {
		case kUnit, kTeen, kTens, kCompound, kHundreds:
			return entry{kind: kHundreds, lang: f.lang, val: mult*1000 + e.val}, true
		case kHundred:
			return entry{kind: kHundreds, lang: f.lang, val: mult*1000 + 100}, true
		}
	}
	return entry{}, false
}
