package spoken

// filterWeak turns the weak words of a segment that nothing confirms into breaks. A weak word is confirmed
// by a number word or repeat word of its language that is not weak, or, failing any such word in the segment, by a second
// weak word of its language (da "to to", de "ein eine"); en "oh" only by a word that is not weak.
func filterWeak(toks []tok) {
	var strong, seen, pair lang
	for _, t := range toks {
		switch {
		case t.kind == kRepeat:
			strong |= t.lang
		case !t.kind.isNumberWord():
		case t.flags&fWeak == 0:
			strong |= t.lang
		case t.flags&fNeedStrong == 0:
			pair |= seen & t.lang
			seen |= t.lang
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.flags&fWeak == 0 || !t.kind.isNumberWord() {
			continue
		}
		switch {
		case strong != 0:
			if t.lang&strong == 0 {
				t.kind = kBreak
			}
		case t.flags&fNeedStrong != 0 || t.lang&pair == 0:
			t.kind = kBreak
		}
	}
}

// numerals rewrites the tokens of a segment in place as numerals and breaks, and returns them.
func numerals(s string, toks []tok) []tok {
	w := 0
	for r := 0; r < len(toks); w++ {
		var used int
		toks[w], used = numeral(s, toks[r:])
		r += used
	}
	return toks[:w]
}

// numeral reads one numeral at the start of ts and says how many tokens it used. A token that cannot
// start a numeral (a link or repeat word that nothing follows, a rejected weak word) becomes a break.
func numeral(s string, ts []tok) (tok, int) {
	t := ts[0]
	out := tok{start: t.start, end: t.end, kind: kNumeral, n: 1}
	switch {
	case t.kind == kDigits:
		out.flags = fGroup
		return out, 1
	case t.kind == kRepeat:
		if len(ts) > 1 && (ts[1].kind == kZero || ts[1].kind == kUnit) {
			out.end, out.val, out.rep, out.n = ts[1].end, ts[1].val, uint8(t.val), 2
			return out, 2
		}
	case t.kind.isNumberWord():
		val, used, n := value(s, ts)
		out.end, out.val, out.n = ts[used-1].end, val, uint8(n)
		return out, used
	}
	return tok{start: t.start, end: t.end, kind: kBreak}, 1
}

// value reads a number at the start of ts: a digit, a teen, a tens word (merged with a following unit in
// English and Italian: forty two), unit+link+tens (zwei und vierzig, to og fyrre), a compound word, or a
// hundreds form with its rest (one hundred and five, zwei hundert zwölf). It returns the value, the tokens
// used and the number tokens among them.
func value(s string, ts []tok) (val uint16, used, n int) {
	t := ts[0]
	switch t.kind {
	case kUnit, kTeen:
		if len(ts) > 1 && ts[1].kind == kHundred && tight(s, t, ts[1]) {
			return hundreds(s, ts, t.val*100, 2, 2)
		}
	case kHundreds:
		if t.val%100 == 0 {
			return hundreds(s, ts, t.val, 1, 2)
		}
		return t.val, 1, 2
	case kHundred:
		return hundreds(s, ts, 100, 1, 1)
	}
	if v, u, m, ok := below100(s, ts); ok {
		return v, u, m
	}
	return t.val, 1, 1
}

// hundreds adds to base, a round hundreds value read from ts[:used], the 1..99 that may follow it.
func hundreds(s string, ts []tok, base uint16, used, n int) (uint16, int, int) {
	if used >= len(ts) || !tight(s, ts[used-1], ts[used]) {
		return base, used, n
	}
	if ts[used].kind == kLink {
		if used+1 < len(ts) && tight(s, ts[used], ts[used+1]) {
			if v, u, m, ok := below100(s, ts[used+1:]); ok {
				return base + v, used + 1 + u, n + m
			}
		}
		return base, used, n
	}
	if v, u, m, ok := below100(s, ts[used:]); ok {
		return base + v, used + u, n + m
	}
	return base, used, n
}

// below100 reads a number from 1 to 99 at the start of ts.
func below100(s string, ts []tok) (val uint16, used, n int, ok bool) {
	t := ts[0]
	switch t.kind {
	case kUnit:
		if len(ts) > 2 && ts[1].kind == kLink && ts[2].kind == kTens && tight(s, t, ts[1]) && tight(s, ts[1], ts[2]) {
			return ts[2].val + t.val, 3, 2, true
		}
		return t.val, 1, 1, true
	case kTeen:
		return t.val, 1, 1, true
	case kTens:
		if t.flags&fMerge != 0 && len(ts) > 1 && ts[1].kind == kUnit && tight(s, t, ts[1]) {
			return t.val + ts[1].val, 2, 2, true
		}
		return t.val, 1, 1, true
	case kCompound:
		return t.val, 1, 2, true
	}
	return 0, 0, 0, false
}

// tight reports whether only spaces and hyphens stand between tokens a and b: "forty two" and "forty-two"
// make 42, while "forty, two" and "forty äh two" make 402.
func tight(s string, a, b tok) bool {
	for i := int(a.end); i < int(b.start); i++ {
		if c := s[i]; c != ' ' && c != '-' && c != '\t' {
			return false
		}
	}
	return true
}
