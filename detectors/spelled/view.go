// Package spelled writes what callers spell out word by word as the compact text a rule can match:
// emails said with their signs ("laurits punkt andresen at gmail punkt com", "mario punto rossi chiocciola
// libero punto it") and names spelled letter by letter ("j o h n", "m wie martha", "a come ancona",
// "alpha bravo charlie"), and maps every byte of that view back to the words of the original text.
//
// German, English, Danish and Italian are known: the words for the signs of an email (punkt, dot, punto,
// punktum, at, klammeraffe, snabel-a, chiocciola, bindestrich, trattino, unterstrich, underscore…), the
// links of a letter to the word that spells it (wie, come, di, som i, as in, for), and the spelling
// alphabets (NATO, DIN 5009 with its 2022 city names, the Italian city alphabet, the Danish one).
package spelled

import "fmt"

// View is a text in which spelled-out emails and letter runs are written compactly, with the map back to
// the original.
type View struct {
	text   string
	pieces []piece // nil: the text is the original
	n      int     // length of the original text
}

// piece is a stretch of the view that starts at view byte v. A copied piece is original text from byte s on;
// any other piece is what one spoken word or phrase stands for (a letter or a sign), all of whose bytes
// come from the original's [s,e).
type piece struct {
	v, s, e int32
	copied  bool
}

// Text returns the view's text.
func (v View) Text() string { return v.text }

// Span maps the half-open byte span [start,end) of the view's text to the half-open span of the original text
// that produced it (start of the source of byte start, end of the source of byte end-1). Offsets out of range
// are clamped to the text; an empty span maps to an empty span at the source of byte start.
func (v View) Span(start, end int) (int, int) {
	n := len(v.text)
	start = min(max(start, 0), n)
	end = min(max(end, start), n)
	if v.pieces == nil {
		return start, end
	}
	if start == end {
		if start == n {
			return v.n, v.n
		}
		p := v.from(start)
		return p, p
	}
	return v.from(start), v.to(end - 1)
}

// from returns where the source of view byte o starts.
func (v View) from(o int) int {
	p := v.piece(o)
	if p.copied {
		return int(p.s) + o - int(p.v)
	}
	return int(p.s)
}

// to returns where the source of view byte o ends.
func (v View) to(o int) int {
	p := v.piece(o)
	if p.copied {
		return int(p.s) + o - int(p.v) + 1
	}
	return int(p.e)
}

// piece returns the piece that holds view byte o.
func (v View) piece(o int) *piece {
	lo, hi := 0, len(v.pieces)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(v.pieces[m].v) <= o {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return &v.pieces[lo-1]
}

// String describes the view by its length only: its text holds the spelled values.
func (v View) String() string { return fmt.Sprintf("spelled.View(%d bytes)", len(v.Text())) }
