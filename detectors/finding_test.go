package detectors

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// resolveQuadratic is the first resolve: every candidate checked against every other. It is the reference the
// sweep must agree with.
func resolveQuadratic(cands []Finding) []Finding {
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
			cands[i].Score -= 2
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

// TestResolveAgreesWithPairwise compares resolve with the pairwise reference on random candidate sets dense with
// nested, equal and overlapping spans.
func TestResolveAgreesWithPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rules := []string{"a", "b", "c"}
	for n := range 2000 {
		var cands []Finding
		for range 1 + n%40 {
			s := rng.IntN(60)
			cands = append(cands, Finding{Start: s, End: s + 1 + rng.IntN(12), Score: float64(rng.IntN(4)) / 4,
				Rule: rules[rng.IntN(len(rules))], validated: rng.IntN(3) == 0})
		}
		want := resolveQuadratic(append([]Finding(nil), cands...))
		got := resolve(append([]Finding(nil), cands...))
		require.Equal(t, want, got, "set %d: %v", n, cands)
	}
}

// BenchmarkResolveRepeated resolves the candidates of one value repeated n times, each found by three rules
// (one validated): time per candidate stays flat as n grows.
func BenchmarkResolveRepeated(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(itoa(n), func(b *testing.B) {
			var cands []Finding
			for i := range n {
				s := i * 30
				cands = append(cands,
					Finding{Start: s, End: s + 27, Score: 0.9, Rule: "iban", validated: true},
					Finding{Start: s + 5, End: s + 14, Score: 0.9, Rule: "phone"},
					Finding{Start: s, End: s + 27, Score: 0.6, Rule: "number"})
			}
			work := make([]Finding, len(cands))
			b.ReportAllocs()
			for b.Loop() {
				copy(work, cands)
				resolve(work)
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
