package spoken

import (
	"strconv"
	"unicode/utf8"
)

// edit replaces the original's [start,end) by text in the view.
type edit struct {
	start, end int32
	n          uint8
	text       [6]byte
}

// word is a word of the text and whether only spaces, commas or hyphens stand between it and the word before.
type word struct {
	start, end int32
	tight      bool
}

// recent holds the last words Digits has read, oldest first, for the day before a month word.
type recent struct {
	ws    [6]word
	n     int
	loose bool // a dot or line break stands after the newest word
}

// push adds the word [start,end). When full, it keeps the newest half.
func (r *recent) push(start, end int) {
	if r.n == len(r.ws) {
		r.ws[0], r.ws[1] = r.ws[len(r.ws)-2], r.ws[len(r.ws)-1]
		r.n = 2
	}
	r.ws[r.n] = word{start: int32(start), end: int32(end), tight: r.n > 0 && !r.loose}
	r.n++
	r.loose = false
}

// reset forgets the words: a sign other than a space, comma, hyphen or dot stood after them.
func (r *recent) reset() { r.n, r.loose = 0, false }

// words returns the words, oldest first.
func (r *recent) words() []word { return r.ws[:r.n] }

// date reads a spoken date whose month is the last word of ws, and appends to dst the edits that write it as
// the digits the date rules read. The day is an ordinal ("zwölfter", "syvende", "twelfth", "dodicesimo",
// "twenty-seventh") or in Italian a cardinal ("dodici"); the month a month name or, in German and Danish, a
// month ordinal ("den syvende i tredje"); the year follows and starts with digits or a number word. The day
// becomes "12." in German and Danish (a Danish "i" after it goes with it), "12" in Italian, "12th" in English;
// a month ordinal "3."; a year of one number word that no run converts ("firs", "achtzig") its two digits. The
// year itself is written by the runs. Nothing else is edited: "ich habe zwei kinder" and "am zwölften märz"
// (no year) stay as they are. after is where the month word ends. It allocates only when it appends.
func date(s string, ws []word, m dateWord, after int, dst []edit) []edit {
	k := len(ws) - 1
	if k < 1 || !ws[k].tight {
		return dst
	}
	month := ws[k]
	d := k - 1
	conn := -1
	if e, ok := lookupDate(s[ws[d].start:ws[d].end]); ok && e.kind == dConn && e.lang&m.lang != 0 {
		if d < 1 || !ws[d].tight {
			return dst
		}
		conn, d = d, d-1
	}
	day, dayStart, l, ok := dayOf(s, ws, d, m)
	if !ok {
		return dst
	}
	ys, ye, yearVal, ok := year(s, after, l)
	if !ok {
		return dst
	}
	if len(dst) > 0 && dst[len(dst)-1].end > int32(dayStart) {
		return dst
	}
	// The day.
	dayEnd := ws[d].end
	if conn >= 0 && l&langDA != 0 {
		dayEnd = ws[conn].end
	}
	var e edit
	switch {
	case l&(langDE|langDA) != 0:
		e = newEdit(dayStart, int(dayEnd), strconv.AppendUint(e.text[:0], uint64(day), 10), '.')
	case l&langEN != 0:
		e = newEdit(dayStart, int(dayEnd), strconv.AppendUint(e.text[:0], uint64(day), 10), 0)
		e.n += uint8(copy(e.text[e.n:], englishSuffix(day)))
	default:
		e = newEdit(dayStart, int(dayEnd), strconv.AppendUint(e.text[:0], uint64(day), 10), 0)
	}
	dst = append(dst, e)
	// The month, when said as an ordinal.
	if m.isOrd {
		dst = append(dst, newEdit(int(month.start), int(month.end), strconv.AppendUint(e.text[:0], uint64(m.val), 10), '.'))
	}
	if ye > ys {
		dst = append(dst, newEdit(ys, ye, strconv.AppendUint(e.text[:0], uint64(yearVal), 10), 0))
	}
	return dst
}

// newEdit returns the edit that writes digits, and the byte suffix unless it is 0, for [start,end).
func newEdit(start, end int, digits []byte, suffix byte) edit {
	e := edit{start: int32(start), end: int32(end)}
	e.n = uint8(copy(e.text[:], digits))
	if suffix != 0 {
		e.text[e.n] = suffix
		e.n++
	}
	return e
}

// englishSuffix returns the English ordinal suffix of day: 1st, 2nd, 3rd, 4th, 11th, 21st.
func englishSuffix(day uint8) string {
	switch {
	case day/10 == 1:
		return "th"
	case day%10 == 1:
		return "st"
	case day%10 == 2:
		return "nd"
	case day%10 == 3:
		return "rd"
	}
	return "th"
}

// dayOf reads the day that word d of ws says for month m: an ordinal of m's language (with an English tens
// word before a unit ordinal: twenty-seventh), or an Italian cardinal when m is an Italian month name. It
// returns the day, where it starts and its language.
func dayOf(s string, ws []word, d int, m dateWord) (day uint8, start int, l lang, ok bool) {
	if d < 0 {
		return 0, 0, 0, false
	}
	w := s[ws[d].start:ws[d].end]
	if e, found := lookupDate(w); found && e.isOrd && e.lang&m.lang != 0 {
		day, start, l = e.val, int(ws[d].start), e.lang&m.lang
		if l == langEN && day < 10 && d > 0 && ws[d].tight {
			if t, ok := lookup(s[ws[d-1].start:ws[d-1].end]); ok && t.kind == kTens && t.lang&langEN != 0 && t.val <= 30 {
				day, start = day+uint8(t.val), int(ws[d-1].start)
			}
		}
		return day, start, l, day >= 1 && day <= 31
	}
	if m.isOrd || m.lang&langIT == 0 {
		return 0, 0, 0, false
	}
	e, found := lookup(w)
	if !found || e.lang&langIT == 0 || e.val < 1 || e.val > 31 {
		return 0, 0, 0, false
	}
	switch e.kind {
	case kUnit, kTeen, kTens, kCompound:
		return uint8(e.val), int(ws[d].start), langIT, true
	}
	return 0, 0, 0, false
}

// year reads the year that follows a month ending at i, after an optional "del" or "of": it must start with a
// group of two or four digits or with a number word. When the year is one number word of 1..99 that stands
// alone (a two-digit year: "firs", "achtzig"), it returns that word's span and value, which no run writes.
func year(s string, i int, l lang) (start, end int, val uint16, ok bool) {
	for range 2 {
		a, b := nextWord(s, i)
		if a < 0 {
			return 0, 0, 0, false
		}
		w := s[a:b]
		if e, found := lookupDate(w); found && e.kind == dYearConn && e.lang&l != 0 {
			i = b
			continue
		}
		if _, group := wordEnd(s, a); group {
			return 0, 0, 0, b-a == 2 || b-a == 4
		}
		e, found := lookup(w)
		if !found || !e.kind.isNumberWord() {
			return 0, 0, 0, false
		}
		if e.kind == kTeen || e.kind == kTens || e.kind == kCompound {
			if na, nb := nextWord(s, b); na < 0 || !isNumber(s[na:nb]) {
				return a, b, e.val, true
			}
		}
		return 0, 0, 0, true
	}
	return 0, 0, 0, false
}

// isNumber reports whether w is a group of digits or a number word.
func isNumber(w string) bool {
	if _, group := wordEnd(w, 0); group {
		return true
	}
	e, ok := lookup(w)
	return ok && e.kind.isNumberWord()
}

// nextWord returns the word after i when only spaces, commas or hyphens stand before it, or -1.
func nextWord(s string, i int) (int, int) {
	for i < len(s) {
		c := s[i]
		if c == ' ' || c == '\t' || c == ',' || c == '-' {
			i++
			continue
		}
		if classes[c] == cLetter || classes[c] == cDigit || classes[c] == cMulti {
			if r, _ := utf8.DecodeRuneInString(s[i:]); classes[c] == cMulti && !isWordRune(r) {
				return -1, -1
			}
			j, _ := wordEnd(s, i)
			return i, j
		}
		return -1, -1
	}
	return -1, -1
}
