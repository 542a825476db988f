package engine

import (
	"testing"

	"github.com/piiguard/piiguard/engine/synth"
)

// corpus returns n synthetic records (the mix of channels and languages the demo produces).
func corpus(n int) ([][]byte, int64) {
	g := synth.New(42)
	var recs [][]byte
	var size int64
	for range n {
		r := g.Next().Record
		recs = append(recs, r)
		size += int64(len(r))
	}
	return recs, size
}

// BenchmarkProcessRecord is the whole per-record pipeline: decode, scan, policy, pseudonyms, statements, encode.
func BenchmarkProcessRecord(b *testing.B) {
	recs, size := corpus(240)
	p := testPipeline(b)
	b.SetBytes(size / int64(len(recs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := p.ProcessRecord(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
}
