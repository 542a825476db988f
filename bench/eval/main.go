// Command eval measures how well the pipeline redacts: it runs the hand-labelled records of
// testdata/eval and N synthetic records (engine/synth) through engine.Pipeline and reports, per
// entity type, how many labelled values stay readable in the output, and how many look-alikes
// (order numbers, amounts, dates…) survive.
//
//	go run ./bench/eval [-synthetic N] [-seed S] [-fixtures DIR] [-v]
//
// The exit status is 1 when the pipeline fails on a record or the input cannot be loaded.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/piiguard/piiguard/engine"
)

func main() {
	n := flag.Int("synthetic", 2000, "number of synthetic records to add to the fixtures")
	seed := flag.Uint64("seed", 1, "seed of the synthetic records")
	dir := flag.String("fixtures", "testdata/eval", "directory of labelled *.jsonl fixtures")
	verbose := flag.Bool("v", false, "print every miss: type, record id, path and text")
	flag.Parse()
	os.Exit(run(os.Stdout, os.Stderr, *dir, *n, *seed, *verbose))
}

// run evaluates and reports to w; problems go to errw. It returns the exit status.
func run(w, errw io.Writer, dir string, n int, seed uint64, verbose bool) int {
	cases, err := loadFixtures(dir)
	if err != nil {
		fmt.Fprintln(errw, "eval:", err)
		return 1
	}
	fixtures := len(cases)
	cases = append(cases, syntheticCases(n, seed)...)

	p, err := engine.NewPipeline()
	if err != nil {
		fmt.Fprintln(errw, "eval: pipeline:", err)
		return 1
	}
	s := newScore()
	start := time.Now()
	for _, c := range cases {
		res, err := p.ProcessRecord(c.record)
		if err != nil {
			s.errors++
			// The pipeline's errors carry a reason code, never record content.
			fmt.Fprintf(errw, "eval: %s (%s): %v\n", c.source, idOf(c.record), err)
			continue
		}
		for _, m := range s.add(c, res.Output) {
			if verbose {
				// Printing the text is fine here and only here: every value is from the
				// hand-written fixtures or the synthetic generator, never real data.
				fmt.Fprintf(w, "%-10s %-16s %-22s %-40s %-28s %q\n", m.kind, m.typ, m.source, m.id, m.path, m.text)
			}
		}
	}
	elapsed := time.Since(start)
	if verbose {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "piiguard eval: %d fixture records (%s) + %d synthetic (seed %d), %.1fs\n\n",
		fixtures, dir, n, seed, elapsed.Seconds())
	s.print(w)
	if s.errors > 0 {
		return 1
	}
	return 0
}

// idOf returns the "id" member of a record, or "-".
func idOf(record []byte) string {
	if id := stringFields(record)["/id"]; id != "" {
		return id
	}
	return "-"
}
