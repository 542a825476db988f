package demo

import (
	"sort"
	"time"
)

// LatencySummary holds end-to-end latency percentiles: from the producer's record timestamp to the moment the
// redacted record was read back.
type LatencySummary struct {
	P50, P99, Max time.Duration
}

func latencySummary(ds []time.Duration) LatencySummary {
	if len(ds) == 0 {
		return LatencySummary{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return LatencySummary{P50: at(0.50), P99: at(0.99), Max: s[len(s)-1]}
}
