package spelled

// ikind is what an item of a segment is.
type ikind uint8

const (
	iWord ikind = iota // a word, perhaps with digits after it, or digits
	iRun               // letters in a row, perhaps with digits after them
	iSign              // a sign of an email
)

// item is a part of an email: a word, a letter run or a sign, over the elements [a,b) of a segment.
type item struct {
	a, b    int16
	lb      int16 // iRun: end of the letters; digits may follow up to b
	kind    ikind
	sign    byte
	letters int16 // iRun: how many letters
	pairs   int16 // iRun: how many of them are spelled with a word
}

// part reports whether it is a word or a letter run.
func (it item) part() bool { return it.kind != iSign }

// spelled reports whether a letter run is converted by itself: three letters, or any run with a letter spelled
// with a word ("ti come torino" between two digit groups of a fiscal code is a letter, not a sentence).
func (it item) spelled() bool {
	return it.kind == iRun && (it.letters >= 3 || it.pairs >= 1)
}

// settleRuns decides which words of a row of letters are letters. NATO words count only in a row that holds
// three or more of them: golf, hotel, papa, mike and victor alone are just words. In a row spelled with words
// ("r come roma, o come otranto"), a bare a, e, i or o at either end, next to a letter spelled with a word, is
// the word of the sentence (Italian and, or; English a, I), not a letter; next to a bare letter or the name of
// one ("esse esse i") it is a letter.
func settleRuns(s string, els []tok) {
	for a := 0; a < len(els); {
		if !els[a].cls.letterish() {
			a++
			continue
		}
		b, natos, pairs := runEnd(els, a)
		if natos < 3 {
			for k := a; k < b; k++ {
				if els[k].cls == cNato {
					els[k].cls = cPlain
				}
			}
		}
		if pairs > 0 {
			k := a
			for k < b && isVowelWord(s, els[k]) {
				k++
			}
			if k < b && els[k].cls == cPair {
				for j := a; j < k; j++ {
					els[j].cls = cPlain
				}
			}
			k = b - 1
			for k >= a && isVowelWord(s, els[k]) {
				k--
			}
			if k >= a && els[k].cls == cPair {
				for j := k + 1; j < b; j++ {
					els[j].cls = cPlain
				}
			}
		}
		a = b
	}
}

// isVowelWord reports whether e is a bare a, e, i or o: a letter, or a word of a sentence.
func isVowelWord(s string, e tok) bool {
	if e.cls != cLetter || e.end-e.start != 1 {
		return false
	}
	switch s[e.start] {
	case 'a', 'e', 'i', 'o':
		return true
	}
	return false
}

// runEnd returns the end of the row of letters that starts at element a (hyphens may join them), and how
// many NATO words and letters spelled with a word it holds.
func runEnd(els []tok, a int) (b, natos, pairs int) {
	for b = a; b < len(els); b++ {
		switch c := els[b].cls; {
		case c == cNato:
			natos++
		case c == cPair:
			pairs++
		case c.letterish():
		case c == cHyphen && b+1 < len(els) && els[b+1].cls.letterish():
		default:
			return b, natos, pairs
		}
	}
	return b, natos, pairs
}

// groups splits the elements of a segment into items; the hyphens inside letter runs become cDrop.
func groups(els []tok, items []item) []item {
	for a := 0; a < len(els); {
		it := item{a: int16(a), kind: iWord}
		b := a + 1
		switch c := els[a].cls; {
		case c.letterish():
			b, _, _ = runEnd(els, a)
			it.kind = iRun
			for k := a; k < b; k++ {
				switch els[k].cls {
				case cHyphen:
					els[k].cls = cDrop
				case cPair:
					it.pairs++
					it.letters++
				default:
					it.letters++
				}
			}
		case c == cSign || c == cHyphen:
			it.kind, it.sign = iSign, els[a].sign
		}
		it.lb = int16(b)
		if it.kind != iSign {
			for b < len(els) && els[b].cls == cDigits {
				b++
			}
		}
		it.b = int16(b)
		items = append(items, it)
		a = b
	}
	return items
}
