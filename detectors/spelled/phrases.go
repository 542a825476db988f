package spelled

import "strings"

// phrases rewrites the tokens of a segment in place as elements and returns them: a letter and the word
// that spells it become one element (a wie anton), and so do the signs and letters said in two words
// (snabel a, at zeichen, trattino basso, x-ray, i lunga, double u). Words that read the word after them
// and find nothing to read become everyday words.
func phrases(s string, toks []tok) []tok {
	w := 0
	for r := 0; r < len(toks); w++ {
		var used int
		toks[w], used = phrase(s, toks[r:])
		r += used
	}
	return toks[:w]
}

// phrase reads one element at the start of ts and says how many tokens it used.
func phrase(s string, ts []tok) (tok, int) {
	if p, used, ok := pair(s, ts); ok {
		return p, used
	}
	t := ts[0]
	switch t.cls {
	case cSign:
		if t.flags&fHead == 0 {
			return t, 1
		}
		switch text(s, t) {
		case "snabel":
			if k := follows(s, ts, "a"); k > 0 {
				return span(t, ts[k]), k + 1
			}
			t.cls = cPlain
		case "at":
			if k := follows(s, ts, "zeichen"); k > 0 {
				return span(t, ts[k]), k + 1
			}
		case "trattino":
			if k := follows(s, ts, "basso"); k > 0 {
				t.sign = '_'
				return span(t, ts[k]), k + 1
			}
		}
	case cLetter:
		switch text(s, t) {
		case "x":
			if len(ts) > 2 && ts[1].cls == cHyphen && text(s, ts[2]) == "ray" {
				return tok{start: t.start, end: ts[2].end, cls: cNato, out: letterX}, 3
			}
		case "i":
			if k := follows(s, ts, "lunga"); k > 0 {
				return tok{start: t.start, end: ts[k].end, cls: cName, out: letterJ}, k + 1
			}
		}
	case cDouble:
		if k := follows(s, ts, "u", "v", "vu", "ve", "w"); k > 0 {
			return tok{start: t.start, end: ts[k].end, cls: cName, out: letterW}, k + 1
		}
		t.cls = cPlain
	case cLink:
		t.cls = cPlain
	}
	return t, 1
}

// pair reads a letter and the word that spells it at the start of ts: "a wie anton", "be wie berta",
// "a come ancona", "d di domodossola", "a som i anna", "a as in alpha", "s for sierra". The letter is a
// word of one letter or the name of a letter; the word after the link must be a word of a spelling alphabet
// for the same letter or, after wie, come, som and as, any word that starts with the letter.
func pair(s string, ts []tok) (tok, int, bool) {
	if len(ts) < 3 || ts[1].cls != cLink {
		return tok{}, 0, false
	}
	x := ts[0]
	var (
		xl  string // the letter x says
		out uint8  // its index in letterTexts; 0 for a word of one letter
	)
	switch x.cls {
	case cLetter:
		xl = text(s, x)
	case cPlain, cLink, cName:
		if out = nameAt(s, int(x.start), int(x.end)); out == 0 {
			return tok{}, 0, false
		}
		xl = letterTexts[out]
	default:
		return tok{}, 0, false
	}
	flags, k := ts[1].flags, 2
	switch {
	case flags&fThenI != 0 && len(ts) > 3 && text(s, ts[2]) == "i":
		k = 3
	case flags&fThenIn != 0:
		if len(ts) < 4 || text(s, ts[2]) != "in" {
			return tok{}, 0, false
		}
		k = 3
	}
	y := ts[k]
	switch y.cls {
	case cPlain, cNato, cName, cLink, cDouble:
	default:
		return tok{}, 0, false
	}
	yw := text(s, y)
	if i, ok := code[yw]; ok {
		switch yl := letterTexts[i]; {
		case yl == xl:
		case x.cls == cLetter && strings.HasPrefix(yl, xl): // s wie schule, c wie charlotte
		default:
			return tok{}, 0, false
		}
	} else if flags&fCodeOnly != 0 || x.cls != cLetter || !strings.HasPrefix(yw, xl) {
		return tok{}, 0, false
	}
	return tok{start: x.start, end: y.end, cls: cPair, out: out}, k + 1, true
}

// follows returns the index of the token after ts[0] that is one of words, perhaps after a hyphen
// (snabel-a, at-zeichen, doppel-u), or 0 when there is none.
func follows(s string, ts []tok, words ...string) int {
	k := 1
	if k < len(ts) && ts[k].cls == cHyphen {
		k++
	}
	if k >= len(ts) || ts[k].cls == cHyphen || ts[k].cls == cSign && ts[k].flags&fSpoken == 0 {
		return 0
	}
	w := text(s, ts[k])
	for _, x := range words {
		if w == x {
			return k
		}
	}
	return 0
}

// span returns t stretched to the end of u.
func span(t, u tok) tok {
	t.end = u.end
	return t
}

// text returns the source text of t.
func text(s string, t tok) string { return s[t.start:t.end] }
