package stream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/piiguard/piiguard/engine/broker"
	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// upper is the test double of the processing: it upper-cases the value,
// emits one compliance message when the value contains "consent", and
// fails on a few markers at the start of the value.
type upper struct {
	delay time.Duration // per record, to keep records in flight
}

var _ Processor = upper{}

func (u upper) Process(ctx context.Context, in Input) (Output, error) {
	v := string(in.Value)
	switch {
	case strings.HasPrefix(v, "!"):
		return Output{}, ProcessError{Reason: "invalid_json", Err: errors.New("bad byte near " + v)}
	case strings.HasPrefix(v, "panic"):
		panic("processor bug near " + v)
	case strings.HasPrefix(v, "slow"):
		time.Sleep(time.Second) // ignores ctx on purpose
	}
	if u.delay > 0 {
		time.Sleep(u.delay)
	}
	out := Output{
		Key:        in.Key,
		Value:      []byte(strings.ToUpper(v)),
		Headers:    []Header{{Key: "piiguard-sensitivity", Value: []byte("none")}},
		Detections: map[string]int{"email": 1},
	}
	if strings.Contains(v, "consent") {
		out.Compliance = []Message{{Key: in.Key, Value: []byte("EVENT " + idOf(in.Value))}}
		out.EventKinds = map[string]int{"consent_given": 1}
	}
	return out, nil
}

// Record values are "id-NNNNN seq S [consent]", perhaps after a marker
// such as "!" or "panic"; idOf returns "id-NNNNN" from a value in either case.
func idOf(v []byte) string {
	s := strings.ToLower(string(v))
	i := strings.Index(s, "id-")
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.IndexByte(s, ' '); j >= 0 {
		s = s[:j]
	}
	return s
}

func seqOf(t *testing.T, v []byte) int {
	f := strings.Fields(string(v))
	require.GreaterOrEqual(t, len(f), 3, "value %q", v)
	n, err := strconv.Atoi(f[2])
	require.NoError(t, err)
	return n
}

// inputs returns n records over keys k0..k(keys-1) with per-key sequence
// numbers; every seventh mentions consent.
func inputs(n, keys int) []kafka.Message {
	seq := make([]int, keys)
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		k := i % keys
		v := fmt.Sprintf("id-%05d seq %d", i, seq[k])
		if i%7 == 0 {
			v += " consent"
		}
		seq[k]++
		msgs[i] = kafka.Message{Key: []byte("k" + strconv.Itoa(k)), Value: []byte(v)}
	}
	return msgs
}

func ids(msgs []kafka.Message) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, idOf(m.Value))
	}
	return out
}

// startBroker starts the embedded broker on a free port with the default
// topics; sessions may be as short as 500ms.
func startBroker(t *testing.T, opts ...broker.Opt) string {
	t.Helper()
	opts = append([]broker.Opt{
		broker.Addr("127.0.0.1:0"),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500 * time.Millisecond)),
	}, opts...)
	b, err := broker.Start(context.Background(), opts...)
	require.NoError(t, err)
	t.Cleanup(b.Close)
	return b.Addrs()[0]
}

func startBrokerFull(t *testing.T, opts ...broker.Opt) *broker.Broker {
	t.Helper()
	opts = append([]broker.Opt{
		broker.Addr("127.0.0.1:0"),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500 * time.Millisecond)),
	}, opts...)
	b, err := broker.Start(context.Background(), opts...)
	require.NoError(t, err)
	t.Cleanup(b.Close)
	return b
}

// testOpts are options for fast tests against addr.
func testOpts(addr string, more ...Opt) []Opt {
	return append([]Opt{
		Brokers(addr),
		Logger(testLogger()),
		SessionTimeout(time.Second),
		CommitInterval(100 * time.Millisecond),
		DrainTimeout(10 * time.Second),
		withPingInterval(100 * time.Millisecond),
		withKgoOpts(
			kgo.MetadataMinAge(50*time.Millisecond),
			kgo.RetryBackoffFn(func(int) time.Duration { return 50 * time.Millisecond }),
		),
	}, more...)
}

// running is an engine running in the background.
type running struct {
	e      *Engine
	cancel context.CancelFunc
	done   chan error
}

func start(t *testing.T, p Processor, opts ...Opt) *running {
	t.Helper()
	e, err := New(p, opts...)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{e: e, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- e.Run(ctx) }()
	t.Cleanup(func() { r.stop() })
	return r
}

// stop cancels the engine and returns Run's error.
func (r *running) stop() error {
	r.cancel()
	select {
	case err := <-r.done:
		r.done <- err
		return err
	case <-time.After(30 * time.Second):
		return errors.New("engine did not stop")
	}
}

// wait returns Run's error once Run stops by itself, failing the test if
// it has not stopped within d.
func (r *running) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case err := <-r.done:
		r.done <- err
		return err
	case <-time.After(d):
		t.Fatal("Run did not stop")
		return nil
	}
}

// produce writes msgs to topic with kafka-go, keyed messages hashed to
// partitions the way Kafka's default partitioner does.
func produce(t *testing.T, addr, topic string, msgs []kafka.Message) {
	t.Helper()
	produceWith(t, addr, topic, kafka.Murmur2Balancer{}, msgs)
}

// toPartition sends every message to partition p.
func toPartition(p int) kafka.Balancer {
	return kafka.BalancerFunc(func(kafka.Message, ...int) int { return p })
}

func produceWith(t *testing.T, addr, topic string, bal kafka.Balancer, msgs []kafka.Message) {
	t.Helper()
	w := &kafka.Writer{
		Addr:         kafka.TCP(addr),
		Topic:        topic,
		Balancer:     bal,
		BatchTimeout: 5 * time.Millisecond,
		BatchSize:    1000,
		RequiredAcks: kafka.RequireAll,
	}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, w.WriteMessages(ctx, msgs...))
}

// endOffsets returns each partition's end offset with kafka-go.
func endOffsets(t *testing.T, addr, topic string) map[int]int64 {
	t.Helper()
	conn, err := kafka.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	parts, err := conn.ReadPartitions(topic)
	require.NoError(t, err)
	out := make(map[int]int64, len(parts))
	for _, p := range parts {
		lc, err := kafka.DialLeader(context.Background(), "tcp", net.JoinHostPort(p.Leader.Host, strconv.Itoa(p.Leader.Port)), topic, p.ID)
		require.NoError(t, err)
		last, err := lc.ReadLastOffset()
		lc.Close()
		require.NoError(t, err)
		out[p.ID] = last
	}
	return out
}

func total(m map[int]int64) (n int64) {
	for _, v := range m {
		n += v
	}
	return n
}

// waitCount waits until topic holds at least n records. The deadline is long enough to outlast a group
// rebalance or a transaction timeout on a loaded 2-core machine (both about 40 s); a healthy run takes
// milliseconds.
func waitCount(t *testing.T, addr, topic string, n int64) {
	t.Helper()
	require.Eventually(t, func() bool { return total(endOffsets(t, addr, topic)) >= n },
		slowDeadline, 20*time.Millisecond, "topic %s never reached %d records", topic, n)
}

// waitAllCommitted waits until the group has committed n offsets of the input topic in all.
func waitAllCommitted(t *testing.T, addr string, n int64) {
	t.Helper()
	require.Eventually(t, func() bool {
		var got int64
		for _, o := range committed(t, addr, DefaultGroup, DefaultInTopic) {
			got += o
		}
		return got == n
	}, slowDeadline, 50*time.Millisecond, "every input committed")
}

// assertDelivered checks the committed output: every input once (exactly-once) or at least once, and nothing
// else.
func assertDelivered(t *testing.T, addr string, msgs []kafka.Message, eos bool) {
	t.Helper()
	got := map[string]int{}
	for _, v := range readIsolated(t, addr, DefaultOutTopic, kgo.ReadCommitted()) {
		got[idOf(v)]++
	}
	for _, id := range ids(msgs) {
		if eos {
			assert.Equal(t, 1, got[id], "id %s exactly once", id)
		} else {
			assert.GreaterOrEqual(t, got[id], 1, "id %s at least once", id)
		}
	}
	assert.Len(t, got, len(msgs), "nothing else reaches the redacted topic")
}

// slowDeadline bounds the waits for progress that a loaded machine can delay by a rebalance or a transaction
// timeout.
const slowDeadline = 75 * time.Second

// readAll reads every record of topic with kafka-go, partition by
// partition, in offset order.
func readAll(t *testing.T, addr, topic string) map[int][]kafka.Message {
	t.Helper()
	out := map[int][]kafka.Message{}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for p, last := range endOffsets(t, addr, topic) {
		if last == 0 {
			continue
		}
		r := kafka.NewReader(kafka.ReaderConfig{
			Brokers: []string{addr}, Topic: topic, Partition: p,
			MinBytes: 1, MaxBytes: 16 << 20, MaxWait: 50 * time.Millisecond,
		})
		require.NoError(t, r.SetOffset(kafka.FirstOffset))
		for {
			m, err := r.ReadMessage(ctx)
			require.NoError(t, err)
			out[p] = append(out[p], m)
			if m.Offset >= last-1 {
				break
			}
		}
		r.Close()
	}
	return out
}

func flat(parts map[int][]kafka.Message) []kafka.Message {
	var out []kafka.Message
	for _, ms := range parts {
		out = append(out, ms...)
	}
	return out
}

// countIDs counts how often each id occurs.
func countIDs(msgs []kafka.Message) map[string]int {
	c := map[string]int{}
	for _, m := range msgs {
		c[idOf(m.Value)]++
	}
	return c
}

func header(m kafka.Message, key string) (string, bool) {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value), true
		}
	}
	return "", false
}

// committed returns the group's committed offsets on topic, by partition.
func committed(t *testing.T, addr, group, topic string) map[int32]int64 {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	require.NoError(t, err)
	defer cl.Close()
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := adm.FetchOffsets(ctx, group)
	require.NoError(t, err)
	out := map[int32]int64{}
	resp.Each(func(o kadm.OffsetResponse) {
		if o.Topic == topic && o.Err == nil {
			out[o.Partition] = o.At
		}
	})
	return out
}

func testLogger() *slog.Logger {
	if os.Getenv("STREAM_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func pad(i int) string  { return fmt.Sprintf("%05d", i) }
func itoa(i int) string { return strconv.Itoa(i) }

// keyed turns values into messages with one key.
func keyed(key string, values [][]byte) []kafka.Message {
	out := make([]kafka.Message, len(values))
	for i, v := range values {
		out[i] = kafka.Message{Key: []byte(key), Value: v}
	}
	return out
}
