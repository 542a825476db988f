package spelled

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/piiguard/piiguard/detectors/textmap"
)

// Byte classes of the scan.
const (
	bBreak  byte = iota // ends a segment: any other punctuation or symbol, and line breaks
	bLetter             // ASCII letter
	bDigit              // ASCII digit
	bSpace              // space, tab or comma: may sit anywhere in a run
	bHyphen             // '-': a sign between two words with no space, else a space
	bDot                // '.': a sign between two words with no space, else a break
	bSign               // '@' or '_'
	bMulti              // first byte of a multi-byte rune (or an invalid byte)
)

// byteClasses holds the class of every byte.
var byteClasses = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = bMulti
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = bLetter
		case '0' <= c && c <= '9':
			t[c] = bDigit
		case c == ' ', c == '\t', c == '\v', c == '\f', c == ',':
			t[c] = bSpace
		case c == '-':
			t[c] = bHyphen
		case c == '.':
			t[c] = bDot
		case c == '@', c == '_':
			t[c] = bSign
		}
	}
	return t
}()

// isWordRune reports whether the non-ASCII rune r is part of a word (a letter, mark or digit).
func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
}

// segCap is how many tokens a segment holds on the stack. A longer segment is converted in parts.
const segCap = 64

// tok is a token of a segment, and after the phrases are read, an element: a word, a sign or a hyphen.
type tok struct {
	start, end int32 // source bytes
	cls        class
	flags      uint8
	sign       byte  // cSign: @ . - _
	out        uint8 // cNato, cName, cPair: the letter, an index in letterTexts (0: the first rune of the element)
}

// Letters builds the view of s. s is already lower-cased (the scanner folds case first). ok is false — and
// nothing is allocated — when s holds nothing to convert; then callers use s itself (and v.Text() is s).
//
// Two things are converted:
//   - a letter run: at least three letters in a row, separated only by spaces, commas or hyphens, or two
//     when one of them is spelled with a word ("a wie anton b wie berta"). A letter is a word of one
//     letter, ASCII or ä ö ü ß æ ø å ("j o h n"; è and à are words); a letter and a word that spells it
//     ("m wie martha", "be wie berta", "a come ancona", "d di domodossola", "a som i anna", "a as in
//     alpha"); the name of a letter (ypsilon, ics, i lunga, doppia vu); or a NATO word in a row of at
//     least three of them (alpha bravo charlie; "golf hotel" alone stays). In a row spelled with words, a
//     bare a, e, i or o at either end is a word of the sentence.
//   - an email: words, letter runs and digits joined by spoken or written signs, with one @ and at least
//     one dot after it followed by a top-level name of at least two letters ("mario punto rossi
//     chiocciola libero punto it"). A single everyday word before "at" ("look at", "i work at") is no name.
//
// In the view a run is written as its letters and an email without spaces; both map back to all of their
// words. Written emails stay as they are. Texts longer than 2 GiB are not converted.
func Letters(s string) (v View, ok bool) {
	if len(s) > math.MaxInt32 {
		return textmap.Original("spelled", s), false
	}
	var sc scanner
	sc.s = s
	for i := 0; i < len(s); {
		if s[i] == ' ' { // the most common byte after letters: no need for the table
			i++
			continue
		}
		switch byteClasses[s[i]] {
		case bSpace:
			i++
		case bBreak:
			sc.flush()
			i++
		case bHyphen:
			if sc.tight(i, i+1) {
				sc.push(tok{start: int32(i), end: int32(i + 1), cls: cHyphen, sign: '-'})
			}
			i++
		case bDot:
			if sc.tight(i, i+1) {
				sc.push(tok{start: int32(i), end: int32(i + 1), cls: cSign, sign: '.'})
			} else {
				sc.flush()
			}
			i++
		case bSign:
			sc.push(tok{start: int32(i), end: int32(i + 1), cls: cSign, sign: s[i]})
			i++
		case bMulti:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case isWordRune(r):
				j := wordEnd(s, i)
				sc.word(i, j)
				i = j
				continue
			case '\u2010' <= r && r <= '\u2015':
				if sc.tight(i, i+size) {
					sc.push(tok{start: int32(i), end: int32(i + size), cls: cHyphen, sign: '-'})
				}
			case !unicode.IsSpace(r):
				sc.flush()
			}
			i += size
		case bLetter:
			// Most words are ASCII everyday words: read them here, and only the others in word.
			j := i + 1
			for j < len(s) && asciiWord[s[j]] {
				j++
			}
			if j < len(s) && (s[j] >= utf8.RuneSelf || s[j] == '\'') {
				j = wordEnd(s, j)
			}
			switch n := sc.n; {
			case j-i == 1 || lex.maybe(s, i, j):
				sc.word(i, j)
			case !sc.hot && sc.cuts(n):
				// An everyday word after another: the segment starts again.
				sc.buf[0] = tok{start: int32(i), end: int32(j)}
				sc.n, sc.at = 1, false
			default:
				sc.plain(i, j)
			}
			i = j
		default: // bDigit
			j := wordEnd(s, i)
			sc.word(i, j)
			i = j
		}
	}
	sc.flush()
	return sc.out.view(s)
}

// scanner holds the tokens of the current segment, a stretch of text without a break that may hold
// conversions, and the view built so far.
type scanner struct {
	s   string
	buf [segCap]tok
	n   int  // tokens in buf
	hot bool // the segment may hold a conversion
	at  bool // the segment holds an @
	out builder
}

// word pushes the word s[i:j].
func (sc *scanner) word(i, j int) {
	s := sc.s
	var t tok
	switch {
	case j-i == 1:
		t.cls = cLetter
		if byteClasses[s[i]] == bDigit {
			t.cls = cDigits
		}
	case byteClasses[s[i]] == bDigit && allDigits(s[i:j]):
		t.cls = cDigits
	case s[i] >= utf8.RuneSelf && j-i == 2 && isLetter(s[i:j]):
		t.cls = cLetter
	default:
		e, ok := lookup(s, i, j)
		if !ok {
			sc.plain(i, j)
			return
		}
		t.cls, t.flags, t.sign, t.out = e.cls, e.flags, e.sign, e.out
	}
	t.start, t.end = int32(i), int32(j)
	sc.push(t)
}

// isLetter reports whether the word w of two bytes is a letter of the German or Danish alphabet that is not
// ASCII: ä ö ü ß æ ø å. Other single runes (è, à) are words.
func isLetter(w string) bool {
	switch w {
	case "ä", "ö", "ü", "ß", "æ", "ø", "å":
		return true
	}
	return false
}

// wordEnd returns the end of the word that goes on at j, past ASCII letters and digits, other letters, marks
// and digits, and apostrophes between two of them (i'm, l'indirizzo).
func wordEnd(s string, j int) int {
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			switch {
			case asciiWord[c]:
				j++
				continue
			case c == '\'' && j+1 < len(s) && startsWord(s, j+1):
				j++
				continue
			}
			return j
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r) && (r != '’' || j+size == len(s) || !startsWord(s, j+size)) {
			return j
		}
		j += size
	}
	return j
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [256]bool) {
	for c := range t {
		t[c] = byteClasses[c] == bLetter || byteClasses[c] == bDigit
	}
	return t
}()

// allDigits reports whether w holds only ASCII digits.
func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// startsWord reports whether a word starts at byte i of s.
func startsWord(s string, i int) bool {
	switch byteClasses[s[i]] {
	case bLetter, bDigit:
		return true
	case bMulti:
		r, _ := utf8.DecodeRuneInString(s[i:])
		return isWordRune(r)
	}
	return false
}

// endsWord reports whether a word ends right before byte i of s.
func endsWord(s string, i int) bool {
	if i == 0 {
		return false
	}
	switch byteClasses[s[i-1]] {
	case bLetter, bDigit:
		return true
	case bMulti:
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		return isWordRune(r)
	}
	return false
}

// tight reports whether the sign s[i:j] stands between two words with no space.
func (sc *scanner) tight(i, j int) bool {
	return j < len(sc.s) && endsWord(sc.s, i) && startsWord(sc.s, j)
}

// plain adds the everyday word s[i:j] to the segment. After another everyday word (two words that no sign
// joins), nothing can span the gap: the segment is converted up to there and starts again.
func (sc *scanner) plain(i, j int) {
	n := sc.n
	switch {
	case sc.cuts(n):
		if sc.hot {
			sc.out.segment(sc.s, sc.buf[:n])
		}
		n, sc.hot, sc.at = 0, false, false
	case n == segCap:
		sc.flush()
		n = 0
	}
	sc.buf[n] = tok{start: int32(i), end: int32(j)}
	sc.n = n + 1
}

// cuts reports whether an everyday word after the first n tokens of the segment starts it again: the last
// token is an everyday word too, and no word before it reads it (a wie anton, at zeichen, trattino basso).
func (sc *scanner) cuts(n int) bool {
	if n == 0 || sc.buf[n-1].cls != cPlain {
		return false
	}
	k := n - 2
	if k >= 0 && sc.buf[k].cls == cHyphen {
		k--
	}
	return k < 0 || sc.buf[k].flags&fHead == 0
}

// push adds t, which is not an everyday word, to the segment.
func (sc *scanner) push(t tok) {
	if sc.n == segCap {
		sc.flush()
	}
	n := sc.n
	switch t.cls {
	case cLetter, cNato, cName, cDouble:
		k := n - 1
		for k >= 0 && sc.buf[k].cls == cHyphen {
			k--
		}
		if k >= 0 && (sc.buf[k].cls.letterish() || sc.buf[k].cls == cDouble) {
			sc.hot = true
		}
	case cLink:
		if n > 0 && !sc.hot {
			p := sc.buf[n-1]
			sc.hot = p.cls == cLetter || p.cls == cName || (p.cls == cPlain || p.cls == cLink) && nameAt(sc.s, int(p.start), int(p.end)) != 0
		}
	case cSign:
		switch t.sign {
		case '@':
			sc.at = true
		case '.':
			sc.hot = sc.hot || sc.at
		}
	}
	sc.buf[sc.n] = t
	sc.n++
}

// flush converts what the segment holds and starts a new one.
func (sc *scanner) flush() {
	if sc.hot && sc.n > 0 {
		sc.out.segment(sc.s, sc.buf[:sc.n])
	}
	sc.n, sc.hot, sc.at = 0, false, false
}
