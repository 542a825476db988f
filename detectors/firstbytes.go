package detectors

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// byteSet is a set of bytes.
type byteSet [4]uint64

func (b *byteSet) add(c byte)      { b[c>>6] |= 1 << (c & 63) }
func (b *byteSet) has(c byte) bool { return b[c>>6]&(1<<(c&63)) != 0 }
func (b *byteSet) union(o byteSet) { b[0] |= o[0]; b[1] |= o[1]; b[2] |= o[2]; b[3] |= o[3] }
func (b *byteSet) addRange(lo, hi int) {
	for c := lo; c <= hi && c < 256; c++ {
		b.add(byte(c))
	}
}

// allBytes is the set that lets every start through.
var allBytes = byteSet{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}

// firstBytes returns the bytes a match of pattern can start with. An anchored attempt at a word start whose byte
// is not in the set cannot match, so the scanner skips it without running the regexp. When the pattern can match
// the empty string, or its syntax is not understood, every byte is allowed.
func firstBytes(pattern string) byteSet {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return allBytes
	}
	set, nullable := first(re.Simplify())
	if nullable {
		return allBytes
	}
	return set
}

// first returns the first-byte set of re and whether re can match the empty string.
func first(re *syntax.Regexp) (byteSet, bool) {
	var s byteSet
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return s, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return s, true
		}
		addRune(&s, re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return s, false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo < utf8.RuneSelf {
				s.addRange(int(lo), int(min(hi, utf8.RuneSelf-1)))
			}
			if hi >= utf8.RuneSelf {
				s.addRange(0xC2, 0xF4) // any lead byte of a multi-byte rune
			}
		}
		return s, false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return allBytes, false
	case syntax.OpCapture:
		return first(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		s, _ = first(re.Sub[0])
		return s, true
	case syntax.OpPlus:
		return first(re.Sub[0])
	case syntax.OpRepeat:
		s, n := first(re.Sub[0])
		return s, n || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			fs, n := first(sub)
			s.union(fs)
			if !n {
				return s, false
			}
		}
		return s, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			fs, n := first(sub)
			s.union(fs)
			nullable = nullable || n
		}
		return s, nullable
	}
	return allBytes, true
}

// addRune adds the first UTF-8 byte of r (and of its other cases when fold is set).
func addRune(s *byteSet, r rune, fold bool) {
	add := func(r rune) {
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		s.add(buf[0])
	}
	add(r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			add(f)
		}
	}
}
