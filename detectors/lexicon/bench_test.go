package lexicon

import (
	"os"
	"testing"

	"github.com/piiguard/piiguard/detectors/tokens"
	"github.com/piiguard/piiguard/rules"
)

func BenchmarkLoad(b *testing.B) {
	fsys := rules.Lexicons()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLookup looks up every word token of a mixed-language contact-center text (names, stop words and
// ordinary words, most of them absent); bytes/s are of the text, as the token pass counts them.
func BenchmarkLookup(b *testing.B) {
	data, err := os.ReadFile("testdata/text.de.txt")
	if err != nil {
		b.Fatal(err)
	}
	var hashes []uint64
	for _, tok := range tokens.Append(nil, string(data)) {
		if tok.Kind == tokens.Word {
			hashes = append(hashes, tok.Hash)
		}
	}
	s := Default()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	found := 0
	for b.Loop() {
		for _, h := range hashes {
			if s.Lookup(h) != 0 {
				found++
			}
		}
	}
	if found == 0 {
		b.Fatal("no word found")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(hashes)), "ns/lookup")
}

func BenchmarkHas(b *testing.B) {
	s := Default()
	words := []string{"LAURA", "Müller", "und", "Kundennummer", "the", "invoice", "Søren", "Iacopo"}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			_ = s.Has(w, FirstName)
		}
	}
}
