// Command e2e is piiguard's end-to-end benchmark on the embedded broker (`make bench`).
//
// It measures, on the same synthetic records:
//   - pipeline only: decode, scan, policy, pseudonyms, statements and encode on every core, no Kafka;
//   - end to end at the maximum rate: producer → raw topic → engine → redacted/compliance topics → reader;
//   - end to end at half that rate (a paced producer), for latency;
//
// and prints records/s, MB/s (input bytes), latency p50/p99 (from the record's produce timestamp to its redacted
// copy being read back), peak resident memory and the end-to-end/pipeline ratio. Each end-to-end run is sized to
// last about -duration: the maximum-rate run takes the pipeline-only rate times -duration records, the half-rate
// run half the maximum rate times -duration; with the defaults the whole benchmark takes about 10 s. The two
// lines starting with "e2e" are self-contained, to paste into an issue note.
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

// minRecords keeps a run long enough for a p99 to mean something.
const minRecords = 200

func main() {
	d := flag.Duration("duration", 4*time.Second, "target length of each end-to-end run (maximum rate, then half rate)")
	pd := flag.Duration("pipeline-duration", time.Second, "length of the pipeline-only measurement")
	n := flag.Int("records", 0, "records in the maximum-rate run; 0: sized from -duration")
	seed := flag.Uint64("seed", 7, "generator seed")
	flag.Parse()
	if err := run(*d, *pd, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "bench/e2e:", err)
		os.Exit(1)
	}
}

func run(d, pd time.Duration, n int, seed uint64) error {
	p, err := engine.NewPipeline()
	if err != nil {
		return err
	}
	procs := runtime.GOMAXPROCS(0)
	fmt.Printf("piiguard end-to-end benchmark on the embedded broker, GOMAXPROCS=%d\n", procs)

	pipeRate, pipeMB := pipelineOnly(p, records(seed, 1000), pd)
	fmt.Printf("pipeline only (no Kafka) %9.0f records/s %7.2f MB/s\n", pipeRate, pipeMB)

	if n <= 0 {
		n = max(minRecords, int(pipeRate*d.Seconds()))
	}
	ctx := context.Background()
	full, err := demo.Run(ctx, demo.Options{Records: n, Seed: seed, Pipeline: p})
	if err != nil {
		return err
	}
	report("e2e max rate ", 0, full, procs)
	half := full.RecordsPerSecond() / 2
	hs, err := demo.Run(ctx, demo.Options{Records: max(minRecords, int(half*d.Seconds())), Seed: seed, Pipeline: p, Rate: half})
	if err != nil {
		return err
	}
	report("e2e half rate", half, hs, procs)
	fmt.Printf("end-to-end / pipeline-only throughput: %.0f %%\n", 100*full.RecordsPerSecond()/pipeRate)
	fmt.Printf("peak resident memory: %s\n", peakRSS())
	return nil
}

// report prints one self-contained line for a run; offered is the producer's pace (0: as fast as it can).
func report(name string, offered float64, s demo.Summary, procs int) {
	pace := "producer unpaced"
	if offered > 0 {
		pace = fmt.Sprintf("producer paced at %.0f/s", offered)
	}
	fmt.Printf("%s %7.0f records/s %6.2f MB/s  p50 %v  p99 %v  (%s; %d records in %v, %d dead-lettered, embedded broker, GOMAXPROCS=%d)\n",
		name, s.RecordsPerSecond(), s.MBPerSecond(), round(s.Latency.P50), round(s.Latency.P99), pace, s.Records,
		s.Elapsed.Round(10*time.Millisecond), s.DeadLettered, procs)
}

// round keeps latencies readable: 0.1 ms below 100 ms, 1 ms above.
func round(d time.Duration) time.Duration {
	if d < 100*time.Millisecond {
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}

func records(seed uint64, n int) [][]byte {
	g := synth.New(seed)
	out := make([][]byte, n)
	for i := range out {
		out[i] = g.Next().Record
	}
	return out
}

// pipelineOnly processes the records on every core without Kafka, cycling through them until d has passed (and
// every record was processed at least once), and returns records/s and MB/s.
func pipelineOnly(p *engine.Pipeline, recs [][]byte, d time.Duration) (float64, float64) {
	var next, done, bytes atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(len(recs)) && time.Now().After(deadline) {
					return
				}
				r := recs[i%int64(len(recs))]
				_, _ = p.ProcessRecord(r)
				done.Add(1)
				bytes.Add(int64(len(r)))
			}
		}()
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	return float64(done.Load()) / el, float64(bytes.Load()) / 1e6 / el
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
