package tokens

// Run is a number candidate: the digit-bearing tokens (Digits and Alnum) of one number, joined across the
// separators real formats put between groups ("0151 234-56", "(030) 1234", "12.03.2025", "de89 3704").
type Run struct {
	// First and Last are the indexes of the run's first and last digit-bearing tokens.
	First, Last int32
	// Start and End are the run's half-open byte span: from the start of its first token to the end of its last.
	Start, End int32
	// Digits is how many ASCII digits the run holds.
	Digits int32
}

// MaxGap is the most bytes of separators between two groups of one run.
const MaxGap = 2

// isRunSep reports the bytes that may stand between the groups of one number.
func isRunSep(c byte) bool {
	switch c {
	case ' ', '\t', '-', '.', '/', '(', ')', '+':
		return true
	}
	return false
}

// AppendRuns appends the number runs of text, whose tokens are toks, to dst and returns it. Two digit-bearing
// tokens join when the bytes between them are at most MaxGap separators (space, tab, '-', '.', '/', '(', ')',
// '+'); a token without digits between them ends the run.
func AppendRuns(dst []Run, text string, toks []Token) []Run {
	open := false
	var cur Run
	for i := range toks {
		t := &toks[i]
		if t.Digits == 0 {
			continue
		}
		if open && joins(text, toks[cur.Last].End, t.Start) {
			cur.Last, cur.End = int32(i), t.End
			cur.Digits += int32(t.Digits)
			continue
		}
		if open {
			dst = append(dst, cur)
		}
		cur = Run{First: int32(i), Last: int32(i), Start: t.Start, End: t.End, Digits: int32(t.Digits)}
		open = true
	}
	if open {
		dst = append(dst, cur)
	}
	return dst
}

// joins reports whether text[from:to] is a gap of at most MaxGap separator bytes.
func joins(text string, from, to int32) bool {
	if to-from > MaxGap {
		return false
	}
	for k := from; k < to; k++ {
		if !isRunSep(text[k]) {
			return false
		}
	}
	return true
}
