// Package demo runs piiguard end to end in one process: the embedded broker, the stream engine and a producer of
// synthetic multilingual records, and reads the outputs back to summarise what happened. `piiguard demo` and the
// end-to-end benchmark use it.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/broker"
	"github.com/piiguard/piiguard/engine/policy"
	"github.com/piiguard/piiguard/engine/stream"
	"github.com/piiguard/piiguard/engine/synth"
)

// Options configure a demo run.
type Options struct {
	// Records is how many synthetic records to produce; default 20000.
	Records int
	// Seed seeds the synthetic generator; default 1.
	Seed uint64
	// Pipeline processes the records; default engine.NewPipeline() (default packs, policy, ephemeral key).
	Pipeline *engine.Pipeline
	// Workers is the engine's worker count; default GOMAXPROCS.
	Workers int
	// MetricsAddr is where the metrics and health endpoints are served; default 127.0.0.1:0 (any free port).
	MetricsAddr string
	// Rate limits the producer to this many records per second; default 0: as fast as it can.
	Rate float64
	// Logger receives the engine's logs; default: none.
	Logger *slog.Logger
	// Progress, when set, is called about twice a second while records flow.
	Progress func(Progress)
}

// Progress is a snapshot of a running demo.
type Progress struct {
	Produced, Processed uint64
	Detections          int
	Events              int
	Elapsed             time.Duration
}

// Sample is one record before and after, for the summary.
type Sample struct {
	Channel, Language string
	Before, After     []byte
}

// Summary is what a demo run did.
type Summary struct {
	Records      int
	Bytes        int64
	Elapsed      time.Duration
	DeadLettered uint64
	Detections   map[string]int
	Events       map[string]int
	Samples      []Sample
	MetricsURL   string
	Latency      LatencySummary
}

// RecordsPerSecond is the end-to-end throughput.
func (s Summary) RecordsPerSecond() float64 { return float64(s.Records) / s.Elapsed.Seconds() }

// MBPerSecond is the end-to-end input throughput in MB/s.
func (s Summary) MBPerSecond() float64 { return float64(s.Bytes) / 1e6 / s.Elapsed.Seconds() }

// Run runs the demo until every record has been processed and read back, or ctx ends.
func Run(ctx context.Context, opt Options) (Summary, error) {
	if opt.Records <= 0 {
		opt.Records = 20000
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.MetricsAddr == "" {
		opt.MetricsAddr = "127.0.0.1:0"
	}
	if opt.Pipeline == nil {
		p, err := engine.NewPipeline()
		if err != nil {
			return Summary{}, err
		}
		opt.Pipeline = p
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The broker outlives the engine: the engine's last commit needs it.
	b, err := broker.Start(context.WithoutCancel(ctx), broker.Addr("127.0.0.1:0"))
	if err != nil {
		return Summary{}, fmt.Errorf("starting the embedded broker: %w", err)
	}
	defer b.Close()
	addrs := b.Addrs()

	reg := prometheus.NewRegistry()
	sopts := []stream.Opt{stream.Brokers(addrs...), stream.Registerer(reg), stream.CommitInterval(time.Second),
		stream.Logger(opt.Logger)}
	if opt.Workers > 0 {
		sopts = append(sopts, stream.Workers(opt.Workers))
	}
	eng, err := stream.New(engine.NewStreamProcessor(opt.Pipeline), sopts...)
	if err != nil {
		return Summary{}, err
	}
	ln, err := net.Listen("tcp", opt.MetricsAddr)
	if err != nil {
		return Summary{}, fmt.Errorf("metrics address: %w", err)
	}
	srv := &http.Server{Handler: eng.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	engErr := make(chan error, 1)
	go func() { engErr <- eng.Run(ctx) }()

	r, err := newReader(addrs, opt.Records)
	if err != nil {
		return Summary{}, err
	}
	defer r.close()
	go r.run(ctx)

	start := time.Now()
	inputs, nbytes, err := produce(ctx, addrs, opt.Seed, opt.Records, opt.Rate)
	if err != nil {
		return Summary{}, err
	}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for !r.done() {
		select {
		case <-ctx.Done():
			return Summary{}, ctx.Err()
		case err := <-engErr:
			if err == nil {
				err = errors.New("engine stopped early")
			}
			return Summary{}, err
		case <-tick.C:
			if opt.Progress != nil {
				st := eng.Stats()
				d, e := r.counts()
				opt.Progress(Progress{Produced: uint64(opt.Records), Processed: st.Processed, Detections: d, Events: e, Elapsed: time.Since(start)})
			}
		case <-r.progress:
		}
	}
	elapsed := time.Since(start)
	sum := r.summary(inputs)
	sum.Records, sum.Bytes, sum.Elapsed = opt.Records, nbytes, elapsed
	sum.DeadLettered = eng.Stats().DeadLettered
	sum.MetricsURL = "http://" + ln.Addr().String() + "/metrics"
	cancel()
	if err := <-engErr; err != nil && !errors.Is(err, context.Canceled) {
		return sum, err
	}
	return sum, nil
}

// produce writes n synthetic records to the raw topic and returns them by id with their total size.
func produce(ctx context.Context, addrs []string, seed uint64, n int, rate float64) (map[string]synth.Labelled, int64, error) {
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...), kgo.DefaultProduceTopic(broker.DefaultInTopic),
		kgo.ProducerBatchCompression(kgo.Lz4Compression()), kgo.ProducerLinger(5*time.Millisecond))
	if err != nil {
		return nil, 0, err
	}
	defer cl.Close()
	g := synth.New(seed)
	inputs := make(map[string]synth.Labelled, n)
	var size int64
	var wg sync.WaitGroup
	var once sync.Once
	var perr error
	start := time.Now()
	for i := range n {
		if rate > 0 {
			if wait := time.Until(start.Add(time.Duration(float64(i) / rate * float64(time.Second)))); wait > 0 {
				time.Sleep(wait)
			}
		}
		l := g.Next()
		var head struct{ ID string }
		_ = json.Unmarshal(l.Record, &head)
		inputs[head.ID] = l
		size += int64(len(l.Record))
		wg.Add(1)
		cl.Produce(ctx, &kgo.Record{Key: []byte(head.ID), Value: l.Record, Timestamp: time.Now()}, func(_ *kgo.Record, err error) {
			if err != nil {
				once.Do(func() { perr = err })
			}
			wg.Done()
		})
	}
	wg.Wait()
	return inputs, size, perr
}

// reader consumes the redacted, compliance and dead-letter topics.
type reader struct {
	cl       *kgo.Client
	want     int
	progress chan struct{}

	mu         sync.Mutex
	seen       map[string]bool
	detections map[string]int
	events     map[string]int
	samples    map[string][]byte // channel → first redacted record
	sampleIDs  map[string]string // channel → its id
	latencies  []time.Duration
}

func newReader(addrs []string, want int) (*reader, error) {
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...),
		kgo.ConsumeTopics(broker.DefaultOutTopic, broker.DefaultComplianceTopic, broker.DefaultDLQTopic),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()), kgo.FetchMaxWait(200*time.Millisecond))
	if err != nil {
		return nil, err
	}
	return &reader{cl: cl, want: want, progress: make(chan struct{}, 1), seen: map[string]bool{},
		detections: map[string]int{}, events: map[string]int{}, samples: map[string][]byte{}, sampleIDs: map[string]string{}}, nil
}

func (r *reader) close() { r.cl.Close() }

func (r *reader) run(ctx context.Context) {
	for ctx.Err() == nil {
		fs := r.cl.PollFetches(ctx)
		now := time.Now()
		r.mu.Lock()
		fs.EachRecord(func(rec *kgo.Record) {
			switch rec.Topic {
			case broker.DefaultComplianceTopic:
				var ev struct{ Kind string }
				if json.Unmarshal(rec.Value, &ev) == nil {
					r.events[ev.Kind]++
				}
				return
			case broker.DefaultDLQTopic:
				r.seen[string(rec.Key)] = true
				return
			}
			var head struct{ ID, Channel string }
			_ = json.Unmarshal(rec.Value, &head)
			r.seen[head.ID] = true
			r.latencies = append(r.latencies, now.Sub(rec.Timestamp))
			if _, ok := r.samples[head.Channel]; !ok && head.Channel != "" {
				r.samples[head.Channel] = rec.Value
				r.sampleIDs[head.Channel] = head.ID
			}
			for _, h := range rec.Headers {
				if h.Key != policy.HeaderTypes {
					continue
				}
				for _, kv := range strings.Split(string(h.Value), ",") {
					if t, n, ok := strings.Cut(kv, "="); ok {
						c, _ := strconv.Atoi(n)
						r.detections[t] += c
					}
				}
			}
		})
		r.mu.Unlock()
		select {
		case r.progress <- struct{}{}:
		default:
		}
	}
}

func (r *reader) done() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seen) >= r.want
}

func (r *reader) counts() (detections, events int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.detections {
		detections += n
	}
	for _, n := range r.events {
		events += n
	}
	return detections, events
}

func (r *reader) summary(inputs map[string]synth.Labelled) Summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Summary{Detections: r.detections, Events: r.events, Latency: latencySummary(r.latencies)}
	for _, ch := range []string{"call", "chat", "email"} {
		if after, ok := r.samples[ch]; ok {
			in := inputs[r.sampleIDs[ch]]
			s.Samples = append(s.Samples, Sample{Channel: ch, Language: in.Language, Before: in.Record, After: after})
		}
	}
	return s
}
