package detectors

import (
	"fmt"
	"sort"
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
// earlier start, then the rule id. The result is sorted by start.
func resolve(cands []Finding) []Finding {
	if len(cands) <= 1 {
		return cands
	}
	inside := make([]bool, len(cands))
	for i, c := range cands {
		for _, v := range cands {
			if v.validated && v.Start <= c.Start && c.End <= v.End && v.End-v.Start > c.End-c.Start {
				inside[i] = true
				break
			}
		}
	}
	for i := range cands {
		if inside[i] {
			cands[i].Score -= 2 // sorts after every candidate that is not inside a validated one
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return la > lb
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Rule < b.Rule
	})
	kept := cands[:0:0]
	for _, c := range cands {
		overlaps := false
		for _, k := range kept {
			if c.Start < k.End && k.Start < c.End {
				overlaps = true
				break
			}
		}
		if !overlaps {
			kept = append(kept, c)
		}
	}
	for i := range kept {
		if kept[i].Score < 0 {
			kept[i].Score += 2
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	return kept
}
