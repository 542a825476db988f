package detectors

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Finding is one detected value: its entity type and byte span in the scanned text. It never holds the value.
type Finding struct {
	// Type is the upper-case entity type, e.g. EMAIL.
	Type string `json:"type"`
	// Subtype refines Type (the special category for SPECIAL_CATEGORY); empty otherwise.
	Subtype string `json:"subtype,omitempty"`
	// Category is personal, contact, financial, identifier or special_category.
	Category string `json:"category"`
	// Start and End are the half-open byte offsets of the value in the scanned text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Score is the confidence in [0,1] after context scoring.
	Score float64 `json:"score"`
	// Rule is the id of the rule that found the value.
	Rule string `json:"rule"`
	// Spoken is true when the value was dictated as number words (its digits come from the spoken view).
	Spoken bool `json:"spoken,omitempty"`

	// validated is set when a validator (checksum, phone metadata…) confirmed the value.
	validated bool
}

// String describes the finding without its value.
func (f Finding) String() string {
	return fmt.Sprintf("%s[%d:%d] rule=%s score=%.2f", f.Type, f.Start, f.End, f.Rule, f.Score)
}

// resolve keeps a deterministic set of non-overlapping findings: a value inside a longer validated value loses to
// it (the phone-shaped digits inside a card number), then higher score wins, then the longer span, then the
// earlier start, then the rule id. An empty span is dropped (no rule reports one). The result is sorted by start,
// in a new array. Its cost is O(n log n) in the candidates plus the bytes they span, so a text that repeats one
// value thousands of times stays linear.
func resolve(cands []Finding) []Finding {
	switch len(cands) {
	case 0:
		return nil
	case 1:
		return []Finding{cands[0]} // never cands itself: the caller may reuse its array
	}
	markInsideValidated(cands)
	slices.SortFunc(cands, func(a, b Finding) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return cmp.Compare(lb, la)
		}
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	end := 0
	for _, c := range cands {
		end = max(end, c.End)
	}
	taken := make(bitset, end/64+1) // bytes covered by a kept finding
	kept := cands[:0:0]
	for _, c := range cands {
		if c.End <= c.Start || taken.anyIn(c.Start, c.End) {
			continue
		}
		taken.setRange(c.Start, c.End)
		kept = append(kept, c)
	}
	for i := range kept {
		if kept[i].Score < 0 {
			kept[i].Score += 2
		}
	}
	slices.SortFunc(kept, func(a, b Finding) int { return cmp.Compare(a.Start, b.Start) })
	return kept
}

// markInsideValidated lowers by 2 the score of every candidate that lies inside a longer validated candidate, so
// it sorts after every candidate that does not. One sweep by start: a candidate is inside when a validated one
// starts before it and ends at or after its end, or starts with it and ends after it.
func markInsideValidated(cands []Finding) {
	byStart := make([]int, len(cands))
	for i := range byStart {
		byStart[i] = i
	}
	slices.SortFunc(byStart, func(i, j int) int { return cmp.Compare(cands[i].Start, cands[j].Start) })
	var inside []int
	maxEndBefore := -1 // the furthest end of a validated candidate that starts before the current start
	for g := 0; g < len(byStart); {
		start := cands[byStart[g]].Start
		h := g
		maxEndHere := -1 // the furthest end of a validated candidate that starts at start
		for ; h < len(byStart) && cands[byStart[h]].Start == start; h++ {
			if v := cands[byStart[h]]; v.validated {
				maxEndHere = max(maxEndHere, v.End)
			}
		}
		for _, i := range byStart[g:h] {
			if c := cands[i]; maxEndBefore >= c.End || maxEndHere > c.End {
				inside = append(inside, i)
			}
		}
		maxEndBefore = max(maxEndBefore, maxEndHere)
		g = h
	}
	for _, i := range inside {
		cands[i].Score -= 2
	}
}
