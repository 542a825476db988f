package spoken

import (
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/piiguard/piiguard/detectors/textmap"
)

// Byte classes of the scan.
const (
	cBreak  byte = iota // ends a run: any other punctuation or symbol
	cLetter             // ASCII letter
	cDigit              // ASCII digit
	cSep                // ASCII space, tab, newline, comma, hyphen or dot: may sit inside a run
	cMulti              // first byte of a multi-byte rune (or an invalid byte)
)

// classes holds the class of every byte.
var classes = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = cMulti
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = cLetter
		case '0' <= c && c <= '9':
			t[c] = cDigit
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f', c == ',', c == '-', c == '.':
			t[c] = cSep
		}
	}
	return t
}()

// isWordRune reports whether the non-ASCII rune r is part of a word (a letter, mark or digit).
func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
}

// isSepRune reports whether the non-ASCII rune r may sit inside a run: a space or a dash.
func isSepRune(r rune) bool {
	return unicode.IsSpace(r) || ('\u2010' <= r && r <= '\u2015')
}

// segCap is how many tokens a segment holds on the stack. A longer run is converted in parts.
const segCap = 64

// tok is a number token of a segment, and after parsing a numeral or a break.
type tok struct {
	start, end int32 // source bytes
	kind       kind
	lang       lang
	flags      uint8
	n          uint8  // numerals: how many number tokens it holds
	rep        uint8  // numerals: how often the digit repeats (double four); 0 when it does not
	val        uint16 // value
}

// Digits builds the view of s. s is already lower-cased (the scanner folds case first). ok is false — and
// nothing is allocated — when s holds no run to convert; then callers use s itself (and v.Text() is s).
//
// A run is a maximal sequence of number tokens (number words of the four languages, or groups of ASCII
// digits) separated only by spaces, commas, hyphens, dots or fillers. It is converted when it holds at least
// one number word and at least two number tokens (a compound word such as zweiundvierzig counts as two).
// Texts longer than 2 GiB are not converted. Everyday words that are also digits (to, en, et, fire, ti, ein, eine, una, due, sei, oh) count only next
// to a number word of their own language, so "up to 3 days" and "one to five" stay as they are.
func Digits(s string) (v View, ok bool) {
	if len(s) > math.MaxInt32 {
		return textmap.Original("spoken", s), false
	}
	var (
		stack [segCap]tok
		toks  = stack[:0]
		words bool // the segment holds a number word
		out   builder
		near  recent // the last words, for dates said in words
	)
	for i := 0; i < len(s); {
		switch classes[s[i]] {
		case cSep:
			if s[i] == '.' || s[i] == '\n' {
				near.loose = true
			}
			i++
			continue
		case cBreak:
			near.reset()
			if len(toks) > 0 {
				flush(s, toks, words, &out)
				toks, words = toks[:0], false
			}
			i++
			continue
		case cMulti:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				if !isSepRune(r) {
					near.reset()
				}
				if !isSepRune(r) && len(toks) > 0 {
					flush(s, toks, words, &out)
					toks, words = toks[:0], false
				}
				i += size
				continue
			}
		}
		j, group := wordEnd(s, i)
		near.push(i, j)
		t := tok{start: int32(i), end: int32(j), kind: kDigits}
		if !group {
			e, found := lookup(s[i:j])
			switch {
			case !found:
				if len(toks) > 0 {
					flush(s, toks, words, &out)
					toks, words = toks[:0], false
				}
				if m, ok := lookupDate(s[i:j]); ok && m.kind == dMonth {
					out.dates = date(s, near.words(), m, j, out.dates)
				}
				i = j
				continue
			case e.kind == kFiller, e.kind == kLink && len(toks) == 0:
				i = j
				continue
			}
			t.kind, t.lang, t.flags, t.val = e.kind, e.lang, e.flags, e.val
			words = words || e.kind.isNumberWord()
		}
		if len(toks) == segCap {
			if words {
				flush(s, toks, words, &out)
				toks, words = toks[:0], t.kind.isNumberWord()
			} else {
				// Digit groups far before any number word: keep the last few only.
				toks = toks[:copy(toks, toks[segCap-8:])]
			}
		}
		toks = append(toks, t)
		i = j
	}
	if len(toks) > 0 {
		flush(s, toks, words, &out)
	}
	return out.view(s)
}

// wordEnd returns the end of the word that starts at i, and whether it is all ASCII digits.
func wordEnd(s string, i int) (j int, group bool) {
	group = true
	for j = i; j < len(s); {
		c := s[j]
		switch classes[c] {
		case cDigit:
			j++
		case cLetter:
			group = false
			j++
		case cMulti:
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				return j, group
			}
			group = false
			j += size
		default:
			return j, group
		}
	}
	return j, group
}

// flush converts the runs of one segment, a stretch of tokens between two words or signs that are not
// numbers. toks is reused by the caller.
func flush(s string, toks []tok, words bool, out *builder) {
	if !words || len(toks) < 2 && (toks[0].kind != kCompound && toks[0].kind != kHundreds) {
		return
	}
	filterWeak(toks)
	nums := numerals(s, toks)
	a := 0
	for i := 0; i <= len(nums); i++ {
		if i < len(nums) && nums[i].kind != kBreak {
			continue
		}
		if run := nums[a:i]; qualifies(run) {
			out.run(s, run)
		}
		a = i + 1
	}
}

// qualifies reports whether a run is converted: it holds a number word and at least two number tokens.
func qualifies(run []tok) bool {
	n, word := 0, false
	for _, t := range run {
		n += int(t.n)
		word = word || t.flags&fGroup == 0
	}
	return word && n >= 2
}

// builder writes the view; it allocates only when the first run is converted. dates are the edits of spoken
// dates (see date), written in order between the runs; one that overlaps a run gives way to it.
type builder struct {
	textmap.Builder
	dates []edit
}

// run writes the digits of one run and the original text before it.
func (o *builder) run(s string, run []tok) {
	o.Begin(s, 64)
	o.edits(s, int(run[0].start), int(run[len(run)-1].end))
	o.Copy(s, o.Last, int(run[0].start))
	var d [8]byte
	for _, t := range run {
		if t.flags&fGroup != 0 {
			o.Copy(s, int(t.start), int(t.end))
			continue
		}
		o.ReplaceBytes(t.digits(d[:0]), int(t.start), int(t.end))
	}
	o.Last = int(run[len(run)-1].end)
}

// edits writes the date edits that end before from, and drops those that overlap [from,to).
func (o *builder) edits(s string, from, to int) {
	for len(o.dates) > 0 && int(o.dates[0].start) < to {
		e := o.dates[0]
		o.dates = o.dates[1:]
		if int(e.start) < o.Last || int(e.end) > from {
			continue
		}
		o.Begin(s, 64)
		o.Copy(s, o.Last, int(e.start))
		o.ReplaceBytes(e.text[:e.n], int(e.start), int(e.end))
		o.Last = int(e.end)
	}
}

// view returns the view of s, or s itself when nothing was converted.
func (o *builder) view(s string) (View, bool) {
	o.edits(s, len(s), len(s))
	return o.View("spoken", s)
}

// digits appends the digits of numeral t to dst.
func (t tok) digits(dst []byte) []byte {
	if t.rep > 0 {
		for range t.rep {
			dst = append(dst, byte('0'+t.val))
		}
		return dst
	}
	return strconv.AppendUint(dst, uint64(t.val), 10)
}
