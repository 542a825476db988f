package detectors

import (
	"os"
	"strings"
	"testing"

	"github.com/piiguard/piiguard/bench/reference"
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

// corpusTexts returns the scannable text fields of n synthetic records (calls, chats, emails; de, da, it, en),
// collected as the reference benchmark collects them (bench/reference), and their size.
func corpusTexts(b testing.TB, n int) ([]string, int64) {
	texts, size, err := reference.Texts(42, n)
	if err != nil {
		b.Fatal(err)
	}
	return texts, size
}

// BenchmarkScanCorpus is the scanner's throughput per core with every default pack on, over the text fields of
// 500 synthetic records; allocs/op are per text field.
func BenchmarkScanCorpus(b *testing.B) {
	texts, size := corpusTexts(b, 500)
	s := MustCompileDefault()
	b.SetBytes(size / int64(len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.Scan(texts[i%len(texts)]); err != nil {
			b.Fatal(err)
		}
	}
}
