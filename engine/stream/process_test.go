package stream

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"
)

func rec(key, value string) *kgo.Record {
	return &kgo.Record{
		Topic: DefaultInTopic, Partition: 3, Offset: 42,
		Key: []byte(key), Value: []byte(value),
		Headers:   []kgo.RecordHeader{{Key: "trace", Value: []byte("t-1")}},
		Timestamp: time.Unix(1700000000, 0),
	}
}

func headerOf(r *kgo.Record, key string) string {
	for _, h := range r.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

func TestHandle(t *testing.T) {
	big := strings.Repeat("x", 20<<10)
	tests := map[string]struct {
		proc       ProcessorFunc
		opts       []Opt
		in         *kgo.Record
		wantReason string
		wantKinds  []string
		noCall     bool
		dropped    bool
	}{
		"processed with a compliance event": {
			proc: upper{}.Process, in: rec("k", "hello consent"),
			wantKinds: []string{kindRedacted, kindCompliance},
		},
		"ProcessError value": {
			proc: upper{}.Process, in: rec("k", "!x"), wantReason: "invalid_json", wantKinds: []string{kindDLQ},
		},
		"ProcessError pointer": {
			proc: func(context.Context, Input) (Output, error) {
				return Output{}, fmt.Errorf("wrapped: %w", &ProcessError{Reason: "mime"})
			},
			in: rec("k", "v"), wantReason: "mime", wantKinds: []string{kindDLQ},
		},
		"plain error": {
			proc: func(context.Context, Input) (Output, error) { return Output{}, errors.New("boom") },
			in:   rec("k", "v"), wantReason: ReasonInternal, wantKinds: []string{kindDLQ},
		},
		"panic": {
			proc: upper{}.Process, in: rec("k", "panic now"), wantReason: ReasonInternal, wantKinds: []string{kindDLQ},
		},
		"reason that is not a code": {
			proc: func(context.Context, Input) (Output, error) {
				return Output{}, ProcessError{Reason: "Jane Doe"}
			},
			in: rec("k", "v"), wantReason: ReasonInternal, wantKinds: []string{kindDLQ},
		},
		"timeout, context ignored": {
			proc: func(context.Context, Input) (Output, error) { time.Sleep(300 * time.Millisecond); return Output{}, nil },
			opts: []Opt{ProcessTimeout(20 * time.Millisecond)},
			in:   rec("k", "v"), wantReason: ReasonScanTimeout, wantKinds: []string{kindDLQ},
		},
		"timeout, context honoured": {
			proc: func(ctx context.Context, _ Input) (Output, error) { <-ctx.Done(); return Output{}, ctx.Err() },
			opts: []Opt{ProcessTimeout(20 * time.Millisecond)},
			in:   rec("k", "v"), wantReason: ReasonScanTimeout, wantKinds: []string{kindDLQ},
		},
		"too large is not processed": {
			proc: upper{}.Process, opts: []Opt{MaxRecordBytes(16)},
			in: rec("k", "twenty bytes long..."), wantReason: ReasonTooLarge, wantKinds: []string{kindDLQ}, noCall: true,
		},
		"output too large for a batch": {
			proc: func(_ context.Context, in Input) (Output, error) { return Output{Key: in.Key, Value: []byte(big)}, nil },
			opts: []Opt{ProducerBatchMaxBytes(16 << 10)},
			in:   rec("k", "small"), wantReason: ReasonOutputTooLarge, wantKinds: []string{kindDLQ},
		},
		"original too large to dead-letter": {
			proc: upper{}.Process, opts: []Opt{ProducerBatchMaxBytes(16 << 10)},
			in: rec("k", "!"+big), wantReason: "invalid_json", wantKinds: []string{kindDLQ}, dropped: true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var calls atomic.Int32
			p := ProcessorFunc(func(ctx context.Context, in Input) (Output, error) {
				calls.Add(1)
				return tc.proc(ctx, in)
			})
			e, err := New(p, append([]Opt{Logger(nil)}, tc.opts...)...)
			require.NoError(t, err)
			res := e.handle(context.Background(), tc.in)
			assert.Equal(t, tc.wantReason, res.reason)
			assert.Equal(t, tc.wantKinds, res.kinds)
			require.Len(t, res.recs, len(tc.wantKinds))
			if tc.noCall {
				assert.Zero(t, calls.Load(), "Process must not see the record")
			}
			for _, r := range res.recs {
				assert.Equal(t, tc.in.Timestamp, r.Timestamp)
				assert.Equal(t, tc.in.Partition, r.Partition, "the input partition, for keyless records")
			}
			if tc.wantReason == "" {
				red := res.recs[0]
				assert.Equal(t, DefaultOutTopic, red.Topic)
				assert.Equal(t, strings.ToUpper(string(tc.in.Value)), string(red.Value))
				assert.Empty(t, headerOf(red, "trace"), "input headers are unscanned and not copied")
				assert.Equal(t, "none", headerOf(red, "piiguard-sensitivity"))
				assert.Equal(t, DefaultComplianceTopic, res.recs[1].Topic)
				return
			}
			d := res.recs[0]
			assert.Equal(t, DefaultDLQTopic, d.Topic)
			assert.Equal(t, tc.wantReason, headerOf(d, HeaderReason))
			assert.Equal(t, DefaultInTopic, headerOf(d, HeaderSourceTopic))
			assert.Equal(t, "3", headerOf(d, HeaderSourcePartition))
			assert.Equal(t, "42", headerOf(d, HeaderSourceOffset))
			if tc.dropped {
				assert.Nil(t, d.Value)
				assert.Nil(t, d.Key)
				assert.Equal(t, "true", headerOf(d, HeaderValueDropped))
				assert.Empty(t, headerOf(d, "trace"))
				return
			}
			assert.Equal(t, tc.in.Value, d.Value, "the original value")
			assert.Equal(t, tc.in.Key, d.Key)
			assert.Equal(t, "t-1", headerOf(d, "trace"), "the original headers")
		})
	}
}

func TestHandleHardStop(t *testing.T) {
	e, err := New(ProcessorFunc(func(ctx context.Context, _ Input) (Output, error) {
		<-ctx.Done()
		return Output{}, ctx.Err()
	}), Logger(nil))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	res := e.handle(ctx, rec("k", "v"))
	assert.True(t, res.stopped, "a hard stop is neither output nor dead letter")
	assert.Empty(t, res.recs)
}

func TestNothingPersonalLeaks(t *testing.T) {
	const secret = "jane.doe@example.com"
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	procs := map[string]ProcessorFunc{
		"ProcessError wrapping the value": func(context.Context, Input) (Output, error) {
			return Output{}, ProcessError{Reason: "invalid_json", Err: errors.New("bad input near " + secret)}
		},
		"plain error quoting the value": func(context.Context, Input) (Output, error) {
			return Output{}, errors.New("cannot parse " + secret)
		},
		"panic quoting the value": func(context.Context, Input) (Output, error) { panic("bad " + secret) },
		"reason holding the value": func(context.Context, Input) (Output, error) {
			return Output{}, ProcessError{Reason: secret}
		},
		"metric labels holding the value": func(_ context.Context, in Input) (Output, error) {
			return Output{Value: in.Value, Detections: map[string]int{secret: 1}, EventKinds: map[string]int{secret: 1}}, nil
		},
	}
	for name, p := range procs {
		t.Run(name, func(t *testing.T) {
			e, err := New(p, Logger(log))
			require.NoError(t, err)
			r := rec(secret, "mail "+secret)
			r.Headers = []kgo.RecordHeader{{Key: "from", Value: []byte(secret)}}
			res := e.handle(context.Background(), r)
			for _, out := range res.recs {
				for _, h := range out.Headers {
					if h.Key == HeaderReason {
						assert.NotContains(t, string(h.Value), secret)
					}
				}
			}
			var metrics bytes.Buffer
			fams, err := e.gatherer.Gather()
			require.NoError(t, err)
			for _, f := range fams {
				metrics.WriteString(f.String())
			}
			assert.NotContains(t, metrics.String(), secret)
		})
	}
	assert.NotContains(t, logs.String(), secret)
	assert.NotContains(t, logs.String(), "jane")
	assert.NotContains(t, ProcessError{Reason: "invalid_json", Err: errors.New(secret)}.Error(), secret)
}
