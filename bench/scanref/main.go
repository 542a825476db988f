// Command scanref measures, in one run and on one core, the scanner (detectors.MustCompileDefault().Scan) and the
// reference (bench/reference: 22 typical PII regexes applied one by one) over the same text (the text fields of
// synthetic records, as detectors' BenchmarkScanCorpus reads them) and prints both and their ratio:
//
//	scanner 1.35 MB/s  reference 2.70 MB/s  ratio 0.50x
//
// `make bench` runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/piiguard/piiguard/bench/reference"
	"github.com/piiguard/piiguard/detectors"
)

func main() {
	n := flag.Int("records", 500, "synthetic records whose text fields are scanned")
	seed := flag.Uint64("seed", 42, "generator seed")
	d := flag.Duration("time", 1500*time.Millisecond, "minimum time per measurement (whole passes over the text)")
	flag.Parse()
	texts, size, err := reference.Texts(*seed, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/scanref:", err)
		os.Exit(1)
	}
	s := detectors.MustCompileDefault()
	r := reference.MustCompile()
	// Each measurement runs on this goroutine only, one after the other: MB/s per core.
	var scanErr error
	scanner := reference.Throughput(texts, func(t string) {
		if _, err := s.Scan(t); err != nil && scanErr == nil {
			scanErr = err
		}
	}, *d)
	if scanErr != nil {
		fmt.Fprintln(os.Stderr, "bench/scanref: scan:", scanErr)
		os.Exit(1)
	}
	ref := reference.Throughput(texts, func(t string) { r.Scan(t) }, *d)
	fmt.Printf("scanner %.2f MB/s  reference %.2f MB/s  ratio %.2fx  (one core; %d texts, %.2f MB, %d records seed %d; %d reference regexes)\n",
		scanner, ref, scanner/ref, len(texts), float64(size)/1e6, *n, *seed, len(reference.Patterns))
}
