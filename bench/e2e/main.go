// Command e2e is piiguard's end-to-end benchmark on the embedded broker (`make bench`).
//
// It measures, on the same synthetic records:
//   - pipeline only: decode, scan, policy, pseudonyms, statements and encode on every core, no Kafka;
//   - end to end at the maximum rate: producer → raw topic → engine → redacted/compliance topics → reader;
//   - end to end at half that rate, for latency (p50/p99 from the record's timestamp to its redacted copy
//     being read back);
//
// and prints records/s, MB/s, latency, peak resident memory and the end-to-end/pipeline ratio.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/demo"
	"github.com/piiguard/piiguard/engine/synth"
)

func main() {
	n := flag.Int("records", 20000, "records per end-to-end run")
	seed := flag.Uint64("seed", 7, "generator seed")
	flag.Parse()
	if err := run(*n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "bench/e2e:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64) error {
	p, err := engine.NewPipeline()
	if err != nil {
		return err
	}
	fmt.Printf("piiguard end-to-end benchmark: %d synthetic records, GOMAXPROCS=%d\n", n, runtime.GOMAXPROCS(0))

	recs, size := records(seed, n)
	pipeRate, pipeMB := pipelineOnly(p, recs, size)
	fmt.Printf("pipeline only          %9.0f records/s %7.2f MB/s\n", pipeRate, pipeMB)

	ctx := context.Background()
	full, err := demo.Run(ctx, demo.Options{Records: n, Seed: seed, Pipeline: p})
	if err != nil {
		return err
	}
	report("end to end, max rate", full)
	half, err := demo.Run(ctx, demo.Options{Records: n / 2, Seed: seed, Pipeline: p, Rate: full.RecordsPerSecond() / 2})
	if err != nil {
		return err
	}
	report(fmt.Sprintf("end to end at %.0f/s", full.RecordsPerSecond()/2), half)
	fmt.Printf("end-to-end / pipeline-only throughput: %.0f %%\n", 100*full.RecordsPerSecond()/pipeRate)
	fmt.Printf("peak resident memory: %s\n", peakRSS())
	return nil
}

func report(name string, s demo.Summary) {
	fmt.Printf("%-22s %9.0f records/s %7.2f MB/s  p50 %v  p99 %v  dead-lettered %d\n", name, s.RecordsPerSecond(),
		s.MBPerSecond(), s.Latency.P50.Round(100*time.Microsecond), s.Latency.P99.Round(100*time.Microsecond), s.DeadLettered)
}

func records(seed uint64, n int) ([][]byte, int64) {
	g := synth.New(seed)
	out := make([][]byte, n)
	var size int64
	for i := range out {
		out[i] = g.Next().Record
		size += int64(len(out[i]))
	}
	return out, size
}

// pipelineOnly processes the records on every core without Kafka.
func pipelineOnly(p *engine.Pipeline, recs [][]byte, size int64) (float64, float64) {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(len(recs)) {
					return
				}
				_, _ = p.ProcessRecord(recs[i])
			}
		}()
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	return float64(len(recs)) / el, float64(size) / 1e6 / el
}

// peakRSS reads the process's peak resident set size (Linux).
func peakRSS() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "unknown"
}
