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
}

// span maps the half-open span [s,e) of the view to the original text.
func (v *view) span(s, e int) (int, int) {
	if v.starts == nil {
		return s, e
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

// nfkcView returns the NFKC form of s with its offset map; s itself when it is already NFKC.
func nfkcView(s string) view {
	if isASCII(s) || norm.NFKC.IsNormalString(s) {
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
		out = append(out, seg...)
		for range seg {
			starts = append(starts, int32(from))
			ends = append(ends, int32(to))
		}
	}
	return view{text: string(out), starts: starts, ends: ends}
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
