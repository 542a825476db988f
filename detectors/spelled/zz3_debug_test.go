package spelled

import (
	"os"
	"testing"

	"github.com/piiguard/piiguard/detectors/spoken"
)

func BenchmarkZZSpoken(b *testing.B) {
	text, _ := os.ReadFile("testdata/transcript_plain.txt")
	s := string(text)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		spoken.Digits(s)
	}
}
