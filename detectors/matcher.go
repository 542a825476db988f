package detectors

import (
	"errors"
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"

	"github.com/piiguard/piiguard/rules"
)

// ErrTimeout is returned (wrapped with the rule id) when a regexp2 rule exceeds its match timeout.
// The scan of that text is then incomplete and must fail closed.
var ErrTimeout = errors.New("rule match timed out")

// maxRegexp2Input bounds the text one regexp2 match sees; longer windows are matched in overlapping chunks.
const (
	maxRegexp2Input     = 16 << 10
	regexp2ChunkOverlap = 1 << 10
)

// matcher finds the value spans of a pattern in a window.
type matcher interface {
	// find calls emit with each value span [s,e) in w (byte offsets in w).
	find(w string, emit func(s, e int)) error
}

var (
	_ matcher = (*re2Matcher)(nil)
	_ matcher = (*regexp2Matcher)(nil)
)

// re2Matcher runs a Go regexp (RE2: linear time).
type re2Matcher struct {
	re       *regexp.Regexp
	anchored *regexp.Regexp // the same pattern, anchored: for attempts at word starts
	groups   []int          // indexes of the groups named "value" (alternatives may each have one); none: whole match
	first    byteSet        // bytes a match can start with
}

func newRE2(pattern string) (*re2Matcher, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	m := &re2Matcher{re: re, anchored: regexp.MustCompile(`^(?:` + pattern + `)`), first: firstBytes(pattern)}
	for i, name := range re.SubexpNames() {
		if name == "value" {
			m.groups = append(m.groups, i)
		}
	}
	return m, nil
}

// value returns the span of the first "value" group that took part in the match loc.
func (m *re2Matcher) value(loc []int) (int, int, bool) {
	for _, g := range m.groups {
		if s, e := loc[2*g], loc[2*g+1]; s >= 0 && e > s {
			return s, e, true
		}
	}
	return 0, 0, false
}

// at tries the pattern anchored at the start of w and returns the value span and the match end, or ok false.
// Go's regexp is many times cheaper anchored than searching, which is why windowed rules are tried only at the
// word starts of their windows.
func (m *re2Matcher) at(w string) (vs, ve, end int, ok bool) {
	if !m.anchored.MatchString(w) {
		return 0, 0, 0, false // most attempts fail: this test allocates nothing, the searches below do
	}
	if len(m.groups) == 0 {
		loc := m.anchored.FindStringIndex(w)
		if loc == nil || loc[1] == 0 {
			return 0, 0, 0, false
		}
		return loc[0], loc[1], loc[1], true
	}
	loc := m.anchored.FindStringSubmatchIndex(w)
	if loc == nil {
		return 0, 0, 0, false
	}
	vs, ve, ok = m.value(loc)
	return vs, ve, loc[1], ok
}

func (m *re2Matcher) find(w string, emit func(s, e int)) error {
	if len(m.groups) == 0 {
		for _, loc := range m.re.FindAllStringIndex(w, -1) {
			if loc[1] > loc[0] {
				emit(loc[0], loc[1])
			}
		}
		return nil
	}
	for _, loc := range m.re.FindAllStringSubmatchIndex(w, -1) {
		if s, e, ok := m.value(loc); ok {
			emit(s, e)
		}
	}
	return nil
}

// regexp2Matcher runs a backtracking regexp2 pattern under a match timeout and an input cap. regexp2 measures
// its timeout on a coarse wall clock, so a busy machine can make an innocent match look slow: a window that times
// out is tried once more under retryFactor times the timeout before the scan fails closed.
type regexp2Matcher struct {
	re, retry *regexp2.Regexp
	id        string
	val       bool
}

// retryFactor and maxRetryTimeout bound the second try of a regexp2 window that timed out.
const (
	retryFactor     = 20
	maxRetryTimeout = 2 * time.Second
)

func newRegexp2(id, pattern string, timeout rules.Duration) (*regexp2Matcher, error) {
	re, err := regexp2.Compile(pattern, regexp2.None)
	if err != nil {
		return nil, err
	}
	re.MatchTimeout = timeout.Std()
	retry, _ := regexp2.Compile(pattern, regexp2.None)
	retry.MatchTimeout = min(maxRetryTimeout, retryFactor*timeout.Std())
	m := &regexp2Matcher{re: re, retry: retry, id: id}
	for _, n := range re.GetGroupNames() {
		if n == "value" {
			m.val = true
		}
	}
	return m, nil
}

func (m *regexp2Matcher) find(w string, emit func(s, e int)) error {
	for off := 0; off < len(w); {
		end := min(len(w), off+maxRegexp2Input)
		for end < len(w) && !utf8.RuneStart(w[end]) {
			end++
		}
		chunk := w[off:end]
		err := m.findChunk(chunk, func(s, e int) {
			// Matches that start in the overlap of the next chunk are reported by that chunk.
			if end < len(w) && s >= len(chunk)-regexp2ChunkOverlap {
				return
			}
			emit(off+s, off+e)
		})
		if err != nil || end == len(w) {
			return err
		}
		off = end - regexp2ChunkOverlap
		for !utf8.RuneStart(w[off]) {
			off++
		}
	}
	return nil
}

func (m *regexp2Matcher) findChunk(w string, emit func(s, e int)) error {
	var found [][2]int
	err := m.findWith(m.re, w, func(s, e int) { found = append(found, [2]int{s, e}) })
	if err != nil {
		found = found[:0]
		err = m.findWith(m.retry, w, func(s, e int) { found = append(found, [2]int{s, e}) })
	}
	if err != nil {
		return err
	}
	for _, f := range found {
		emit(f[0], f[1])
	}
	return nil
}

func (m *regexp2Matcher) findWith(re *regexp2.Regexp, w string, emit func(s, e int)) error {
	match, err := re.FindStringMatch(w)
	var idx runeIndex
	for err == nil && match != nil {
		g := &match.Group
		if m.val {
			if vg := match.GroupByName("value"); vg != nil && len(vg.Captures) > 0 {
				g = vg
			} else {
				g = nil
			}
		}
		if g != nil && g.Length > 0 {
			idx.init(w)
			emit(idx.byteOffset(g.Index), idx.byteOffset(g.Index+g.Length))
		}
		match, err = re.FindNextMatch(match)
	}
	if err != nil {
		return fmt.Errorf("rule %s: %w", m.id, ErrTimeout)
	}
	return nil
}

// runeIndex converts regexp2's rune offsets into byte offsets of one string.
type runeIndex struct {
	s     string
	ascii bool
	ready bool
	bytes []int
}

func (x *runeIndex) init(s string) {
	if x.ready {
		return
	}
	x.s, x.ready, x.ascii = s, true, isASCII(s)
	if x.ascii {
		return
	}
	x.bytes = make([]int, 0, len(s)+1)
	for i := range s {
		x.bytes = append(x.bytes, i)
	}
	x.bytes = append(x.bytes, len(s))
}

func (x *runeIndex) byteOffset(r int) int {
	if x.ascii {
		return r
	}
	return x.bytes[min(r, len(x.bytes)-1)]
}
