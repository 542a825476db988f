package spelled

import (
	"os"
	"testing"
)

var sink int

func BenchmarkZZFloor(b *testing.B) {
	text, _ := os.ReadFile("testdata/transcript_plain.txt")
	s := string(text)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		n := 0
		for i := 0; i < len(s); {
			if asciiWord[s[i]] || s[i] >= 0x80 {
				j := i + 1
				for j < len(s) && (asciiWord[s[j]] || s[j] >= 0x80) {
					j++
				}
				if _, ok := lookup(s, i, j); ok {
					n++
				}
				i = j
				continue
			}
			i++
		}
		sink = n
	}
}
