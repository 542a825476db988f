package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/piiguard/piiguard/engine/demo"
)

func runDemo(env *environ, args []string) int {
	fs := newFlags(env, "demo", "demo [flags]",
		"Starts the embedded broker, the engine and a synthetic producer in one process and shows the results.")
	records := fs.Int("records", 20000, "synthetic records to produce")
	seed := fs.Uint64("seed", 1, "seed of the synthetic generator")
	metricsAddr := fs.String("metrics-addr", "127.0.0.1:0", "serve the engine's metrics on `HOST:PORT`")
	var pf pipelineFlags
	pf.register(fs)
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if pf.keyFile == "" && env.getenv("PIIGUARD_KEY_FILE") == "" {
		pf.ephemeralKey = true
	}
	p, err := pf.pipeline(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard demo: %v\n", err)
		return exitUsage
	}
	ctx, stop := signalContext(env)
	defer stop()
	fmt.Fprintf(env.stdout, "piiguard demo: embedded Kafka broker, engine and a producer of %d synthetic call, chat and email records (de, da, it, en)\n", *records)
	sum, err := demo.Run(ctx, demo.Options{Records: *records, Seed: *seed, Pipeline: p, MetricsAddr: *metricsAddr,
		Progress: func(pr demo.Progress) {
			rate := float64(pr.Processed) / pr.Elapsed.Seconds()
			fmt.Fprintf(env.stdout, "\r  %6d/%d records  %7.0f records/s  %6d detections  %4d compliance events ",
				pr.Processed, *records, rate, pr.Detections, pr.Events)
		}})
	fmt.Fprintln(env.stdout)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard demo: %v\n", err)
		return exitRuntime
	}
	printSummary(env, sum)
	return exitOK
}

func printSummary(env *environ, s demo.Summary) {
	w := env.stdout
	fmt.Fprintf(w, "\n%d records (%.1f MB) in %v: %.0f records/s, %.1f MB/s end to end; latency p50 %v, p99 %v; %d dead-lettered\n",
		s.Records, float64(s.Bytes)/1e6, s.Elapsed.Round(time.Millisecond), s.RecordsPerSecond(), s.MBPerSecond(),
		s.Latency.P50.Round(time.Millisecond), s.Latency.P99.Round(time.Millisecond), s.DeadLettered)
	fmt.Fprintln(w, "\nDetections by entity type:")
	printCounts(env, s.Detections)
	fmt.Fprintln(w, "\nCompliance events by kind:")
	printCounts(env, s.Events)
	for _, smp := range s.Samples {
		fmt.Fprintf(w, "\n── %s (%s) before:\n%s\n── after:\n%s\n", smp.Channel, smp.Language, indentJSON(smp.Before), indentJSON(smp.After))
	}
	fmt.Fprintf(w, "\nMetrics were served at %s while the demo ran.\n", s.MetricsURL)
}

func printCounts(env *environ, m map[string]int) {
	if len(m) == 0 {
		fmt.Fprintln(env.stdout, "  (none)")
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || (m[keys[i]] == m[keys[j]] && keys[i] < keys[j]) })
	for _, k := range keys {
		fmt.Fprintf(env.stdout, "  %-24s %7d\n", k, m[k])
	}
}

func indentJSON(raw []byte) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // show tokens as <EMAIL:…>, not \u003cEMAIL:…\u003e
	enc.SetIndent("  ", "  ")
	if enc.Encode(v) != nil {
		return string(raw)
	}
	return "  " + strings.TrimSpace(b.String())
}
