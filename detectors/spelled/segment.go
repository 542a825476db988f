package spelled

import "unicode/utf8"

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

// spelled reports whether a letter run is converted by itself: three letters, or two when one is
// spelled with a word.
func (it item) spelled() bool {
	return it.kind == iRun && (it.letters >= 3 || it.letters >= 2 && it.pairs >= 1)
}

// email is the elements [a,b) of a segment that spell an email, over the items [from,to].
type email struct{ a, b, from, to int16 }

// segment converts the letter runs and emails of one segment. toks is reused by the caller.
var dbgSeg func(string)

func (o *builder) segment(s string, toks []tok) {
	if dbgSeg != nil {
		dbgSeg(s[toks[0].start:toks[len(toks)-1].end])
	}
	els := phrases(s, toks)
	dropLoneNato(els)
	var (
		ibuf   [segCap]item
		ebuf   [segCap / 4]email
		items  = groups(els, ibuf[:0])
		emails = findEmails(s, els, items, ebuf[:0])
	)
	e := 0
	for k := 0; k < len(items); k++ {
		if e < len(emails) && int(emails[e].from) == k {
			m := emails[e]
			o.write(s, els[m.a:m.b])
			k, e = int(m.to), e+1
			continue
		}
		if it := items[k]; it.spelled() {
			o.write(s, els[it.a:it.lb])
		}
	}
}

// dropLoneNato turns the NATO words of a row of letters that holds fewer than three into everyday words:
// golf, hotel, papa, mike and victor alone are just words.
func dropLoneNato(els []tok) {
	for a := 0; a < len(els); {
		if !els[a].cls.letterish() {
			a++
			continue
		}
		b, natos := runEnd(els, a)
		if natos < 3 {
			for k := a; k < b; k++ {
				if els[k].cls == cNato {
					els[k].cls = cPlain
				}
			}
		}
		a = b
	}
}

// runEnd returns the end of the row of letters that starts at element a (hyphens may join them), and how
// many NATO words it holds.
func runEnd(els []tok, a int) (b, natos int) {
	for b = a; b < len(els); b++ {
		switch c := els[b].cls; {
		case c == cNato:
			natos++
		case c.letterish():
		case c == cHyphen && b+1 < len(els) && els[b+1].cls.letterish():
		default:
			return b, natos
		}
	}
	return b, natos
}

// groups splits the elements of a segment into items; the hyphens inside letter runs become cDrop.
func groups(els []tok, items []item) []item {
	for a := 0; a < len(els); {
		it := item{a: int16(a), kind: iWord}
		b := a + 1
		switch c := els[a].cls; {
		case c.letterish():
			b, _ = runEnd(els, a)
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

// findEmails returns the emails of a segment: parts joined by signs, one @ and, after it, at least one dot
// and a top-level name. Emails written in the text as they are stay out.
func findEmails(s string, els []tok, items []item, emails []email) []email {
	floor := 0 // the first item the next email may use
	for k := 1; k+1 < len(items); k++ {
		if items[k].kind != iSign || items[k].sign != '@' || k-1 < floor || !items[k-1].part() || !items[k+1].part() {
			continue
		}
		l := k - 1
		for l-2 >= floor && items[l-1].kind == iSign && items[l-1].sign != '@' && items[l-2].part() {
			l -= 2
		}
		a := int(items[l].a)
		if l == k-1 && items[l].kind == iWord && els[a].cls == cPlain && stopwords[text(s, els[a])] {
			if items[l].b-items[l].a == 1 {
				continue
			}
			a++ // "ist 85 at": the digits only
		}
		end := -1
		for m := k + 1; m+2 < len(items); m += 2 {
			sign := items[m+1]
			if sign.kind != iSign || sign.sign != '.' && sign.sign != '-' || !items[m+2].part() {
				break
			}
			if sign.sign == '.' && topLevel(s, els, items[m+2]) {
				end = m + 2
			}
		}
		if end < 0 {
			continue
		}
		b := int(items[end].b)
		if changed(els[a:b]) && len(emails) < cap(emails) {
			emails = append(emails, email{a: int16(a), b: int16(b), from: int16(l), to: int16(end)})
		}
		floor, k = end+1, end
	}
	return emails
}

// topLevel reports whether it can end the name of a domain: two or more ASCII letters.
func topLevel(s string, els []tok, it item) bool {
	if it.lb != it.b {
		return false
	}
	if it.kind == iRun {
		return it.letters >= 2
	}
	w := text(s, els[it.a])
	if it.b-it.a != 1 || len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// changed reports whether writing els differs from the original: a word stands for a sign or a letter,
// or a space vanishes.
func changed(els []tok) bool {
	for i, e := range els {
		switch {
		case e.cls == cDrop, e.cls == cPair, e.cls == cNato, e.cls == cName, e.cls == cSign && e.flags&fSpoken != 0:
			return true
		case i > 0 && e.start != els[i-1].end:
			return true
		}
	}
	return false
}

// signs written in the view for spoken signs.
var signText = [256]string{'@': "@", '.': ".", '-': "-", '_': "_"}

// write writes the elements els and the original text before them; spaces between them vanish.
func (o *builder) write(s string, els []tok) {
	o.start(s, int(els[0].start))
	for _, e := range els {
		switch {
		case e.cls == cDrop:
		case e.cls == cPair, e.cls == cNato, e.cls == cName:
			o.replace(letterText(s, e), int(e.start), int(e.end))
		case e.cls == cSign && e.flags&fSpoken != 0:
			o.replace(signText[e.sign], int(e.start), int(e.end))
		default:
			o.copyText(s, int(e.start), int(e.end))
		}
	}
	o.last = int(els[len(els)-1].end)
}

// letterText returns the letter that element e stands for.
func letterText(s string, e tok) string {
	if e.out != 0 {
		return letterTexts[e.out]
	}
	_, size := utf8.DecodeRuneInString(s[e.start:e.end])
	return s[e.start : int(e.start)+size]
}
