package detectors

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// view is a normalised form of a text with the map back to the original's byte offsets.
// starts[i] and ends[i] are where the source of view byte i begins and ends; nil maps mean identity.
type view struct {
	text         string
	starts, ends []int32
	n            int // the original's length
}

// span maps the half-open span [s,e) of the view to the original text. A span covers the characters the view
// dropped between its first and last byte (a zero-width space inside an IBAN).
func (v *view) span(s, e int) (int, int) {
	if v.starts == nil {
		return s, e
	}
	if s >= len(v.starts) {
		return v.n, v.n
	}
	if e <= s {
		return int(v.starts[s]), int(v.starts[s])
	}
	return int(v.starts[s]), int(v.ends[e-1])
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isPlainASCII reports whether s holds only printable ASCII, tabs and line breaks: text the view keeps as it is.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			return false
		}
	}
	return true
}

// invisible reports whether the view changes r beyond NFKC: format characters (Unicode Cf: zero-width space
// and joiners, soft hyphen, byte-order mark, bidi marks), control characters other than tab and line breaks,
// and spaces other than ' ' (Unicode Zs, line and paragraph separators).
func invisible(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r':
		return false
	}
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r)
}

// hasInvisible reports whether s holds a rune the view drops or maps to a space.
func hasInvisible(s string) bool {
	for _, r := range s {
		if invisible(r) {
			return true
		}
	}
	return false
}

// appendVisible appends r to out as the view has it: dropped when it is a format or control character, ' ' when
// it is a space ('\n' when it breaks a line), itself otherwise. It returns how many bytes it appended.
func appendVisible(out []byte, r rune) ([]byte, int) {
	switch {
	case !invisible(r):
		n := len(out)
		out = utf8.AppendRune(out, r)
		return out, len(out) - n
	case r == 0x85 || r == 0x2028 || r == 0x2029 || r == '\v' || r == '\f':
		return append(out, '\n'), 1
	case unicode.IsSpace(r):
		return append(out, ' '), 1
	}
	return out, 0
}

// nfkcView returns the NFKC form of s, without format and control characters and with every Unicode space a
// plain ' ', and its offset map: a value split by an invisible character ("DE89\u200b3704…") reads whole, and a
// full-width or look-alike form reads as its plain one. It returns s itself, at no cost beyond one pass over its
// bytes, when s is printable ASCII (with tabs and line breaks), or already NFKC without any such character.
func nfkcView(s string) view {
	if isPlainASCII(s) || (!isASCII(s) && norm.NFKC.IsNormalString(s) && !hasInvisible(s)) {
		return view{text: s}
	}
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	out := make([]byte, 0, len(s)+8)
	starts := make([]int32, 0, len(s)+8)
	ends := make([]int32, 0, len(s)+8)
	for !it.Done() {
		from := it.Pos()
		seg := it.Next()
		to := it.Pos()
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			seg = seg[size:]
			var n int
			out, n = appendVisible(out, r)
			for range n {
				starts = append(starts, int32(from))
				ends = append(ends, int32(to))
			}
		}
	}
	return view{text: string(out), starts: starts, ends: ends, n: len(s)}
}

// fold lower-cases s rune by rune, keeping every rune's byte length so offsets stay the same; a rune whose
// lower case has another length is kept as it is. s itself is returned when nothing changes.
func fold(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	changed := false
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
				changed = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if lr := unicode.ToLower(r); lr != r && utf8.RuneLen(lr) == n {
			utf8.EncodeRune(b[i:], lr)
			changed = true
		}
		i += n
	}
	if !changed {
		return s
	}
	return string(b)
}
