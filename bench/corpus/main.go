// Command corpus writes synthetic labelled-free records as JSONL, for profiling and load tests:
//
//	go run ./bench/corpus -n 2000 > /tmp/corpus.jsonl
//	go run ./cmd/piiguard rules profile < /tmp/corpus.jsonl
package main

import (
	"bufio"
	"flag"
	"os"

	"github.com/piiguard/piiguard/engine/synth"
)

func main() {
	n := flag.Int("n", 2000, "records to write")
	seed := flag.Uint64("seed", 42, "generator seed")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	g := synth.New(*seed)
	for range *n {
		w.Write(g.Next().Record)
		w.WriteByte('\n')
	}
}
