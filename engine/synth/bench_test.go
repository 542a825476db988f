package synth

import "testing"

func BenchmarkNext(b *testing.B) {
	g := New(1)
	n := 0
	for b.Loop() {
		n += len(g.Next().Record)
	}
	b.SetBytes(int64(n / max(b.N, 1)))
}
