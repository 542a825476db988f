// Package tokens splits a text into tokens in one pass: words with a hash of their folded form, digit groups,
// mixed letter-and-digit groups, punctuation and line breaks, each with its byte offsets into the text. It is the
// first pass of the scanner (see DESIGN.md, "Detection v2"): lexicon and cue look-ups go through the hashes, and
// number candidates (runs) are joined from the digit groups, so most bytes are read once.
//
// The pass is pure and allocates only the token slice it is given room for. ASCII text takes a table-driven fast
// path; other runes are classified and lower-cased with package unicode. Text is expected in NFKC (the scanner's
// normalised view): full-width digits are then ASCII digits.
package tokens

import (
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is.
type Kind uint8

// Token kinds.
const (
	// Word is a run of letters (and combining marks).
	Word Kind = iota + 1
	// Digits is a run of ASCII digits.
	Digits
	// Alnum is a run of letters and digits mixed: "de89", "4711b", "nw1".
	Alnum
	// Punct is one rune that is neither a letter, a digit nor a space: '.', '-', '@', '+', '€'.
	Punct
	// Newline is one line break ("\n", "\r\n" or "\r").
	Newline
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Digits:
		return "digits"
	case Alnum:
		return "alnum"
	case Punct:
		return "punct"
	case Newline:
		return "newline"
	}
	return "invalid"
}

// Flags describe a token's case and surroundings.
type Flags uint8

// Token flags.
const (
	// Upper marks a token whose first letter is upper case ("Laurits", "DE89").
	Upper Flags = 1 << iota
	// AllUpper marks a token of two or more letters, all upper case ("GEW", "NW1").
	AllUpper
	// SpaceBefore marks a token with white space (or the start of the text) before it.
	SpaceBefore
	// NonASCII marks a token with a byte outside ASCII.
	NonASCII
)

// Token is one token of a text. It holds offsets, never the text itself: String shows no value.
type Token struct {
	// Start and End are the token's half-open byte span in the text.
	Start, End int32
	// Hash is the FNV-1a hash of the token's folded (lower-case) form for words, alnums and digits, as Hash
	// computes it; zero for punctuation and line breaks.
	Hash uint64
	// Kind is what the token is.
	Kind Kind
	// Flags describe its case and surroundings.
	Flags Flags
	// Digits is how many ASCII digits the token holds (at most 255).
	Digits uint8
}

// Len returns the token's length in bytes.
func (t Token) Len() int { return int(t.End - t.Start) }

// Text returns the token's bytes in text.
func (t Token) Text(text string) string { return text[t.Start:t.End] }

// FNV-1a parameters.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// byte classes of the ASCII fast path.
const (
	clSpace = iota
	clNewline
	clLower
	clUpper
	clDigit
	clPunct
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case c == '\n' || c == '\r':
			t[c] = clNewline
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			t[c] = clSpace
		case 'a' <= c && c <= 'z':
			t[c] = clLower
		case 'A' <= c && c <= 'Z':
			t[c] = clUpper
		case '0' <= c && c <= '9':
			t[c] = clDigit
		case c < ' ' || c == 0x7f:
			t[c] = clSpace // other control characters separate tokens and are no token themselves
		default:
			t[c] = clPunct
		}
	}
	return t
}()

// Append appends the tokens of text to dst and returns it. White space separates tokens and is none itself;
// control characters count as white space; an invalid UTF-8 byte is a punctuation token of one byte.
func Append(dst []Token, text string) []Token {
	space := true // start of text counts as space before
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clSpace:
				space = true
				i++
				continue
			case clNewline:
				n := 1
				if c == '\r' && i+1 < len(text) && text[i+1] == '\n' {
					n = 2
				}
				dst = append(dst, Token{Start: int32(i), End: int32(i + n), Kind: Newline, Flags: SpaceBefore})
				space = true
				i += n
				continue
			case clPunct:
				dst = append(dst, Token{Start: int32(i), End: int32(i + 1), Kind: Punct, Flags: flagIf(space, SpaceBefore)})
				space = false
				i++
				continue
			}
			dst, i = appendWord(dst, text, i, space)
			space = false
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			dst = append(dst, Token{Start: int32(i), End: int32(i + 1), Kind: Punct, Flags: flagIf(space, SpaceBefore) | NonASCII})
			space = false
			i++
		case isLetter(r) || unicode.IsDigit(r):
			dst, i = appendWord(dst, text, i, space)
			space = false
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			dst = append(dst, Token{Start: int32(i), End: int32(i + n), Kind: Newline, Flags: SpaceBefore | NonASCII})
			space = true
			i += n
		case unicode.IsSpace(r):
			space = true
			i += n
		default:
			dst = append(dst, Token{Start: int32(i), End: int32(i + n), Kind: Punct, Flags: flagIf(space, SpaceBefore) | NonASCII})
			space = false
			i += n
		}
	}
	return dst
}

func flagIf(b bool, f Flags) Flags {
	if b {
		return f
	}
	return 0
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// appendWord appends the word that starts at i, marked SpaceBefore when space is true, and returns the index
// after it.
func appendWord(dst []Token, text string, i int, space bool) ([]Token, int) {
	t, i := word(text, i)
	if space {
		t.Flags |= SpaceBefore
	}
	return append(dst, t), i
}

// word reads the word, digit group or alnum that starts at i and returns it with the index after it.
func word(text string, i int) (Token, int) {
	t := Token{Start: int32(i)}
	h := uint64(offset64)
	letters, uppers, digits := 0, 0, 0
	first := true
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clLower:
				letters++
			case clUpper:
				if first {
					t.Flags |= Upper
				}
				letters++
				uppers++
				c += 'a' - 'A'
			case clDigit:
				digits++
			default:
				goto done
			}
			h = (h ^ uint64(c)) * prime64
			first = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isLetter(r):
			if unicode.IsUpper(r) {
				if first {
					t.Flags |= Upper
				}
				uppers++
			}
			if !unicode.IsMark(r) {
				letters++
			}
		case unicode.IsDigit(r):
			letters++ // a digit of another script: part of a word, not of a number (Digits counts ASCII)
		default:
			goto done
		}
		h = hashRune(h, unicode.ToLower(r))
		t.Flags |= NonASCII
		first = false
		i += n
	}
done:
	t.End = int32(i)
	t.Hash = h
	t.Digits = uint8(min(digits, 255))
	switch {
	case digits == 0:
		t.Kind = Word
	case letters == 0:
		t.Kind = Digits
	default:
		t.Kind = Alnum
	}
	if uppers >= 2 && uppers == letters {
		t.Flags |= AllUpper
	}
	return t, i
}

// hashRune adds the UTF-8 bytes of r to the FNV-1a hash h.
func hashRune(h uint64, r rune) uint64 {
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	for _, c := range b[:n] {
		h = (h ^ uint64(c)) * prime64
	}
	return h
}

// Hash returns the hash a token of the word w has: FNV-1a over w lower-cased rune by rune. Lexicons hash their
// entries with it, so a look-up is one map access per token.
func Hash(w string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * prime64
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		h = hashRune(h, unicode.ToLower(r))
		i += n
	}
	return h
}
