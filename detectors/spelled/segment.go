package spelled

import "unicode/utf8"

// segment converts the letter runs and emails of one segment. toks is reused by the caller.
func (o *builder) segment(s string, toks []tok) {
	els := phrases(s, toks)
	settleRuns(s, els)
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

// signText is what a spoken sign writes in the view.
var signText = [256]string{'@': "@", '.': ".", '-': "-", '_': "_"}

// write writes the elements els and the original text before them; spaces between them vanish.
func (o *builder) write(s string, els []tok) {
	o.start(s, int(els[0].start))
	for _, e := range els {
		switch {
		case e.cls == cDrop:
		case e.cls == cPair, e.cls == cNato, e.cls == cName:
			o.Replace(letterText(s, e), int(e.start), int(e.end))
		case e.cls == cSign && e.flags&fSpoken != 0:
			o.Replace(signText[e.sign], int(e.start), int(e.end))
		default:
			o.Copy(s, int(e.start), int(e.end))
		}
	}
	o.Last = int(els[len(els)-1].end)
}

// letterText returns the letter that element e stands for.
func letterText(s string, e tok) string {
	if e.out != 0 {
		return letterTexts[e.out]
	}
	_, size := utf8.DecodeRuneInString(s[e.start:e.end])
	return s[e.start : int(e.start)+size]
}
