package detectors

import (
	"cmp"
	"slices"
	"strings"
)

// window is a half-open byte span of a view that a rule's regex runs on, with the number of digits it holds.
type window struct {
	start, end int
	digits     int
}

// maxNeighbour is how far a window reaches into the token before and after its trigger.
const maxNeighbour = 32

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// isNumberSep reports separators that may stand between the digits of one number: "0151 234-56", "(030)".
func isNumberSep(c byte) bool {
	switch c {
	case ' ', '-', '.', '/', '(', ')', '+':
		return true
	}
	return false
}

// tokenStart returns the start of the whitespace-delimited token that holds position i, looking back at most
// maxNeighbour bytes.
func tokenStart(s string, i int) int {
	lim := max(0, i-maxNeighbour)
	for i > lim && !isSpace(s[i-1]) {
		i--
	}
	return i
}

// tokenEnd returns the end of the token that holds position i-1, looking ahead at most maxNeighbour bytes.
func tokenEnd(s string, i int) int {
	lim := min(len(s), i+maxNeighbour)
	for i < lim && !isSpace(s[i]) {
		i++
	}
	return i
}

// widen grows [start,end) to whole tokens plus one neighbouring token on each side, so a regex sees prefixes such
// as "de89", "+45" or "ab" of a national insurance number, and suffixes such as a NINO's final letter.
func widen(s string, start, end int) (int, int) {
	start = tokenStart(s, start)
	end = tokenEnd(s, end)
	// Left: one token, and more while they are single letters or pairs ("d e 89 …", a spelled country code).
	for k := 0; k < 4 && start > 0; k++ {
		p := start
		for p > 0 && p > start-3 && isSpace(s[p-1]) {
			p--
		}
		if p == start {
			break
		}
		start = tokenStart(s, p)
		if p-start > 2 {
			break
		}
	}
	if p := end; p < len(s) {
		for p < len(s) && p < end+3 && isSpace(s[p]) {
			p++
		}
		end = tokenEnd(s, p)
	}
	return start, end
}

// addWindow appends w to ws, merging it with the last window when they overlap or touch.
func addWindow(ws []window, w window) []window {
	if n := len(ws); n > 0 && w.start <= ws[n-1].end {
		last := &ws[n-1]
		last.end = max(last.end, w.end)
		last.digits += w.digits
		return ws
	}
	return append(ws, w)
}

// digitWindows appends to ws the runs of digits of s (allowing up to two separator bytes between digits), each
// widened.
func digitWindows(ws []window, s string) []window {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		start, last, digits := i, i, 0
		j := i
		for j < len(s) {
			if isDigit(s[j]) {
				digits++
				last = j
				j++
				continue
			}
			k := j
			for k < len(s) && k-j < 3 && isNumberSep(s[k]) {
				k++
			}
			if k > j && k-j <= 2 && k < len(s) && isDigit(s[k]) {
				j = k
				continue
			}
			break
		}
		ws0, we0 := widen(s, start, last+1)
		ws = addWindow(ws, window{start: ws0, end: we0, digits: digits})
		i = last + 1
	}
	return ws
}

// byteWindows appends to ws each occurrence of c for which ok reports true, widened.
func byteWindows(ws []window, s string, c byte, ok func(s string, i int) bool) []window {
	for i := 0; i < len(s); i++ {
		if s[i] != c || (ok != nil && !ok(s, i)) {
			continue
		}
		a, b := widen(s, i, i+1)
		ws = addWindow(ws, window{start: a, end: b})
	}
	return ws
}

func isHex(c byte) bool { return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F') }

// hexColon reports a ':' with a hex digit or another ':' beside it, as in IPv6 addresses.
func hexColon(s string, i int) bool {
	before := i > 0 && (isHex(s[i-1]) || s[i-1] == ':')
	after := i+1 < len(s) && (isHex(s[i+1]) || s[i+1] == ':')
	return before && after
}

// keywordWindows appends to spans windows from before bytes ahead of each keyword start to after bytes past it,
// widened to whole tokens of txt, and merges them.
func keywordWindows(spans []window, n int, starts []int, before, after int, txt string) []window {
	for _, i := range starts {
		a := tokenStart(txt, max(0, i-before))
		b := tokenEnd(txt, min(n, i+after))
		spans = append(spans, window{start: a, end: b})
	}
	return mergeWindows(spans)
}

// indexFrom returns the index of sub in s at or after off, or -1.
func indexFrom(s, sub string, off int) int {
	if off > len(s) {
		return -1
	}
	i := strings.Index(s[off:], sub)
	if i < 0 {
		return -1
	}
	return off + i
}

func sortWindows(ws []window) {
	slices.SortFunc(ws, func(a, b window) int { return cmp.Compare(a.start, b.start) })
}

// mergeWindows sorts windows by start and merges overlapping ones.
func mergeWindows(ws []window) []window {
	if len(ws) <= 1 {
		return ws
	}
	sortWindows(ws)
	out := ws[:1]
	for _, w := range ws[1:] {
		out = addWindow(out, w)
	}
	return out
}
