package spelled

import (
	"os"
	"testing"
)

func BenchmarkLetters(b *testing.B) {
	for _, name := range []string{"plain", "spelled"} {
		text, err := os.ReadFile("testdata/transcript_" + name + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		s := string(text)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				Letters(s)
			}
		})
	}
}
