// Command eval measures how well the pipeline redacts: it runs the hand-labelled records of
// testdata/eval, the hand-labelled records per form of testdata/forms (raw emails, HTML bodies,
// quoted replies, spelled-out values, values split over segments or messages) and N synthetic
// records (engine/synth) through engine.Pipeline and reports, per entity type and per form, how
// many labelled values stay readable in the output, and how many look-alikes (order numbers,
// amounts, dates…) survive. A value is looked for as a reader would see it: in a raw email with
// the MIME decoded, in an HTML body as text (package visible).
//
// Then, apart, it reports the blind set (testdata/eval/blind/entities: records written without reading the
// rules, lexicons or tuned sets) the same way; the blind set is measured only and never changes the exit status.
//
//	go run ./bench/eval [-synthetic N] [-seed S] [-fixtures DIR] [-forms DIR] [-blind DIR] [-v]
//
// The exit status is 1 when the pipeline fails on a tuned or synthetic record or the tuned input cannot be loaded.
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
	var c config
	flag.IntVar(&c.synthetic, "synthetic", 2000, "number of synthetic records to add to the fixtures")
	flag.Uint64Var(&c.seed, "seed", 1, "seed of the synthetic records")
	flag.StringVar(&c.fixtures, "fixtures", "testdata/eval", "directory of labelled *.jsonl fixtures")
	flag.StringVar(&c.forms, "forms", "testdata/forms", "directory of labelled <form>/*.jsonl fixtures; empty: none")
	flag.StringVar(&c.blind, "blind", "testdata/eval/blind/entities", "directory of the blind labelled *.jsonl set, reported apart and never failing; empty: none")
	flag.BoolVar(&c.verbose, "v", false, "print every miss of the tuned sets: type, record id, path and text")
	flag.BoolVar(&c.blindVerbose, "blind-v", false, "print the blind set's misses with their text: for auditing only; "+
		"whoever writes rules must not read them, or the set is blind no more")
	flag.Parse()
	os.Exit(run(os.Stdout, os.Stderr, c))
}

// config is what to evaluate.
type config struct {
	fixtures  string // directory of *.jsonl
	forms     string // directory of <form>/*.jsonl; "" for none
	blind     string // directory of the blind set's *.jsonl; "" for none
	synthetic int
	seed      uint64
	verbose   bool
	// blindVerbose prints the blind set's misses; -v never does.
	blindVerbose bool
}

// run evaluates and reports to w; problems go to errw. It returns the exit status.
func run(w, errw io.Writer, c config) int {
	cases, err := loadFixtures(c.fixtures)
	if err != nil {
		fmt.Fprintln(errw, "eval:", err)
		return 1
	}
	fixtures := len(cases)
	if c.forms != "" {
		fc, err := loadForms(c.forms)
		if err != nil {
			fmt.Fprintln(errw, "eval:", err)
			return 1
		}
		cases = append(cases, fc...)
	}
	forms := len(cases) - fixtures
	cases = append(cases, syntheticCases(c.synthetic, c.seed)...)

	p, err := engine.NewPipeline()
	if err != nil {
		fmt.Fprintln(errw, "eval: pipeline:", err)
		return 1
	}
	start := time.Now()
	s := evaluate(w, errw, p, cases, c.verbose)
	elapsed := time.Since(start)
	if c.verbose {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "piiguard eval: %d fixture records (%s) + %d form records (%s) + %d synthetic (seed %d), %.1fs\n\n",
		fixtures, c.fixtures, forms, c.forms, c.synthetic, c.seed, elapsed.Seconds())
	s.print(w)
	if c.blind != "" {
		reportBlind(w, errw, p, c)
	}
	if s.errors > 0 {
		return 1
	}
	return 0
}

// evaluate runs cases through p and scores them; with verbose every miss is printed to w.
func evaluate(w, errw io.Writer, p *engine.Pipeline, cases []evalCase, verbose bool) *score {
	s := newScore()
	for _, ec := range cases {
		res, err := p.ProcessRecord(ec.record)
		if err != nil {
			s.errors++
			// The pipeline's errors carry a reason code, never record content.
			fmt.Fprintf(errw, "eval: %s (%s): %v\n", ec.source, idOf(ec.record), err)
			continue
		}
		for _, m := range s.add(ec, res.Output) {
			if verbose {
				// Printing the text is fine here and only here: every value is from the
				// hand-written fixtures or the synthetic generator, never real data.
				fmt.Fprintf(w, "%-10s %-16s %-28s %-40s %-28s %q\n", m.kind, m.typ, m.source, m.id, m.path, m.text)
			}
		}
	}
	return s
}

// reportBlind scores the blind set of c.blind and reports it under its own heading. Its figures are measured,
// never targets: a load error or a pipeline failure is reported and does not change the exit status.
func reportBlind(w, errw io.Writer, p *engine.Pipeline, c config) {
	cases, err := loadFixtures(c.blind)
	if err != nil {
		fmt.Fprintln(errw, "eval: blind set:", err)
		return
	}
	for i := range cases {
		cases[i].blind = true
	}
	fmt.Fprintf(w, "\n==== blind set: %d records (%s), written without reading the rules; measured only, never fails ====\n\n",
		len(cases), c.blind)
	if c.blindVerbose {
		fmt.Fprintln(w)
	}
	evaluate(w, errw, p, cases, c.blindVerbose).print(w)
}

// idOf returns the "id" member of a record, or "-".
func idOf(record []byte) string {
	if id := stringFields(record)["/id"]; id != "" {
		return id
	}
	return "-"
}
