package detectors

import (
	"os"
	"strings"
	"testing"
)

// benchText returns the text of testdata/bench.txt.
func benchText(b *testing.B) string {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkScanText scans a transcript-and-email mix (testdata/bench.txt) with every default pack.
func BenchmarkScanText(b *testing.B) {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	s := MustCompileDefault()
	b.SetBytes(int64(len(data) - len(lines) + 1))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, l := range lines {
			if _, err := s.Scan(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}
