package spelled

// email is the elements [a,b) of a segment that spell an email, over the items [from,to].
type email struct{ a, b, from, to int16 }

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
