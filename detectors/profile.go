package detectors

import (
	"sort"
	"time"
)

// RuleCost is the time one rule took over a set of texts.
type RuleCost struct {
	Rule     string
	Time     time.Duration
	Runs     int // texts in which the rule's prefilter let it run
	Findings int
}

// Profile scans texts rule by rule and returns the time spent in the shared passes (views and keywords) and in
// each rule, costliest first. It is for tuning rule packs (`piiguard rules profile`), not for the hot path.
func (s *Scanner) Profile(texts []string) (shared time.Duration, costs []RuleCost) {
	byRule := make(map[string]*RuleCost, len(s.rules))
	for _, r := range s.rules {
		byRule[r.id] = &RuleCost{Rule: r.id}
	}
	for _, txt := range texts {
		t0 := time.Now()
		a := s.analyze(txt)
		a.text(viewSpoken)
		for _, t := range []int{trigDigits, trigAt, trigColon} {
			a.triggerWindows(viewFolded, t)
			a.triggerWindows(viewSpoken, t)
		}
		shared += time.Since(t0)
		active := s.activeRules(a)
		for i, r := range s.rules {
			if !active.has(i) {
				continue
			}
			t1 := time.Now()
			fs, _ := s.runRule(a, r, nil)
			c := byRule[r.id]
			c.Time += time.Since(t1)
			c.Runs++
			c.Findings += len(fs)
		}
		s.release(a)
	}
	for _, c := range byRule {
		costs = append(costs, *c)
	}
	sort.Slice(costs, func(i, j int) bool { return costs[i].Time > costs[j].Time })
	return shared, costs
}
