package tokens

import (
	"fmt"
	"testing"

	"github.com/piiguard/piiguard/bench/reference"
)

// corpus returns the scannable text fields of n synthetic records (calls, chats, emails; de, da, it, en), as
// the scanner's benchmarks read them (bench/reference), and their size.
func corpus(b *testing.B, n int) ([]string, int64) {
	texts, size, err := reference.Texts(42, n)
	if err != nil {
		b.Fatal(err)
	}
	return texts, size
}

// BenchmarkAppend is the token pass alone over the corpus, per core; allocs/op are per pass over all texts.
func BenchmarkAppend(b *testing.B) {
	texts, size := corpus(b, 500)
	b.SetBytes(size)
	b.ReportAllocs()
	var toks []Token
	for b.Loop() {
		for _, t := range texts {
			toks = Append(toks[:0], t)
		}
	}
}

// BenchmarkAppendLookup is the budget figure of DESIGN.md: the token pass plus a look-up of every word's hash in
// a 60,000-entry table, with the number runs joined.
func BenchmarkAppendLookup(b *testing.B) {
	texts, size := corpus(b, 500)
	table := make(map[uint64]uint32, 60000)
	for i := range 60000 {
		table[Hash(fmt.Sprintf("word%d", i))] = uint32(i)
	}
	for _, w := range []string{"laurits", "andresen", "iban", "telefon", "mail"} {
		table[Hash(w)] = 1
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var toks []Token
	var runs []Run
	hits := 0
	for b.Loop() {
		for _, t := range texts {
			toks = Append(toks[:0], t)
			for i := range toks {
				if toks[i].Kind == Word {
					if _, ok := table[toks[i].Hash]; ok {
						hits++
					}
				}
			}
			runs = AppendRuns(runs[:0], t, toks)
		}
	}
	if hits == 0 {
		b.Fatal("no look-up hit")
	}
}
