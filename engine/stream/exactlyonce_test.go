package stream

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

func TestExactlyOnce(t *testing.T) {
	b := startBrokerFull(t)
	addr := b.Addrs()[0]
	msgs := inputs(200, 12)
	msgs = append(msgs, kafka.Message{Key: []byte("k3"), Value: []byte("!id-90001 seq x")})
	produce(t, addr, DefaultInTopic, msgs)

	// The first offset commit inside a transaction fails with an error
	// that makes the session abort: its outputs are written, then aborted.
	fault := b.Cluster().Fault(kfake.Fault{
		Keys: []kmsg.Key{kmsg.TxnOffsetCommit}, Err: kerr.IllegalGeneration, Count: 1,
	})

	r := start(t, upper{}, testOpts(addr, ExactlyOnce(true), MaxInFlight(40))...)
	require.Eventually(t, func() bool { return r.e.Stats().Acknowledged == uint64(len(msgs)) },
		30*time.Second, 10*time.Millisecond)
	require.NoError(t, r.stop())
	require.Equal(t, 1, fault.Hits(), "the fault fired")
	s := r.e.Stats()
	assert.GreaterOrEqual(t, s.AbortedTransactions, uint64(1))
	assert.Equal(t, uint64(len(msgs)), s.Acknowledged)

	committedRed := readIsolated(t, addr, DefaultOutTopic, kgo.ReadCommitted())
	uncommittedRed := readIsolated(t, addr, DefaultOutTopic, kgo.ReadUncommitted())
	assert.Greater(t, len(uncommittedRed), len(committedRed), "the aborted transaction wrote records")

	got := map[string]int{}
	for _, v := range committedRed {
		got[idOf(v)]++
	}
	for _, id := range ids(msgs[:200]) {
		assert.Equal(t, 1, got[id], "id %s exactly once", id)
	}
	assert.Len(t, got, 200)

	dlq := readIsolated(t, addr, DefaultDLQTopic, kgo.ReadCommitted())
	require.Len(t, dlq, 1)
	assert.Equal(t, "!id-90001 seq x", string(dlq[0]))

	want := 0
	for _, m := range msgs {
		if strings.Contains(string(m.Value), "consent") {
			want++
		}
	}
	assert.Len(t, readIsolated(t, addr, DefaultComplianceTopic, kgo.ReadCommitted()), want)
}

// readIsolated reads every value of topic at the given isolation level. It
// first appends an end marker to every partition outside any transaction,
// then reads until it has seen all markers, so everything before them has
// been read.
func readIsolated(t *testing.T, addr, topic string, level kgo.IsolationLevel) [][]byte {
	t.Helper()
	const end = "end-of-test"
	parts := len(endOffsets(t, addr, topic))
	w, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for p := range parts {
		require.NoError(t, w.ProduceSync(ctx, &kgo.Record{Topic: topic, Partition: int32(p), Value: []byte(end)}).FirstErr())
	}
	w.Close()

	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ConsumeTopics(topic),
		kgo.FetchIsolationLevel(level), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(t, err)
	defer cl.Close()
	var out [][]byte
	seen := 0
	for seen < parts {
		fs := cl.PollFetches(ctx)
		require.NoError(t, fs.Err0())
		fs.EachRecord(func(r *kgo.Record) {
			if string(r.Value) == end {
				seen++
				return
			}
			out = append(out, r.Value)
		})
	}
	return out
}
