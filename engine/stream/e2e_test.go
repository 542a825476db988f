package stream

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEndToEndAtLeastOnce(t *testing.T) {
	addr := startBroker(t)
	msgs := inputs(300, 12)
	// Poison records among the good ones.
	poison := map[string]string{
		"id-90001": "invalid_json",
		"id-90002": "internal", // panics
		"id-90003": "internal", // panics
		"id-90004": "too_large",
		"id-90005": "scan_timeout",
	}
	bad := []kafka.Message{
		{Key: []byte("k1"), Value: []byte("!id-90001 seq x")},
		{Key: []byte("k2"), Value: []byte("panicid-90002 seq x")},
		{Value: []byte("panicid-90003 seq x")}, // keyless
		{Key: []byte("k4"), Value: []byte("id-90004 seq x " + strings.Repeat("a", 3000))},
		{Key: []byte("k5"), Value: []byte("slowid-90005 seq x")},
	}
	all := append(append(append([]kafka.Message{}, msgs[:150]...), bad...), msgs[150:]...)
	produce(t, addr, DefaultInTopic, all)

	r := start(t, upper{}, testOpts(addr, MaxRecordBytes(2048), ProcessTimeout(200*time.Millisecond))...)
	waitCount(t, addr, DefaultOutTopic, int64(len(msgs)))
	waitCount(t, addr, DefaultDLQTopic, int64(len(bad)))
	require.Eventually(t, func() bool { return r.e.Stats().Acknowledged == uint64(len(all)) }, 20*time.Second, 10*time.Millisecond)
	require.NoError(t, r.stop())

	t.Run("every good record once, redacted, in order per key", func(t *testing.T) {
		red := readAll(t, addr, DefaultOutTopic)
		got := countIDs(flat(red))
		for _, id := range ids(msgs) {
			assert.Equal(t, 1, got[id], "id %s", id)
		}
		assert.Len(t, got, len(msgs), "nothing else reaches the redacted topic")
		for p, ms := range red {
			last := map[string]int{}
			for _, m := range ms {
				assert.Equal(t, strings.ToUpper(string(m.Value)), string(m.Value))
				h, ok := header(m, "piiguard-sensitivity")
				assert.True(t, ok)
				assert.Equal(t, "none", h)
				seq := seqOf(t, m.Value)
				if prev, ok := last[string(m.Key)]; ok {
					assert.Greater(t, seq, prev, "partition %d key %s out of order", p, m.Key)
				}
				last[string(m.Key)] = seq
			}
		}
	})

	t.Run("compliance events", func(t *testing.T) {
		comp := flat(readAll(t, addr, DefaultComplianceTopic))
		want := 0
		for _, m := range msgs {
			if strings.Contains(string(m.Value), "consent") {
				want++
			}
		}
		assert.Len(t, comp, want)
		for _, m := range comp {
			assert.True(t, strings.HasPrefix(string(m.Value), "EVENT id-"), "%q", m.Value)
			assert.NotEmpty(t, m.Key)
		}
	})

	t.Run("dead letters carry the original and its source", func(t *testing.T) {
		raw := readAll(t, addr, DefaultInTopic)
		dlq := flat(readAll(t, addr, DefaultDLQTopic))
		require.Len(t, dlq, len(bad))
		for _, m := range dlq {
			id := idOf(m.Value)
			reason, ok := header(m, HeaderReason)
			require.True(t, ok)
			assert.Equal(t, poison[id], reason, "id %s", id)
			topic, _ := header(m, HeaderSourceTopic)
			assert.Equal(t, DefaultInTopic, topic)
			ps, _ := header(m, HeaderSourcePartition)
			os, _ := header(m, HeaderSourceOffset)
			p, err := strconv.Atoi(ps)
			require.NoError(t, err)
			o, err := strconv.ParseInt(os, 10, 64)
			require.NoError(t, err)
			var orig *kafka.Message
			for i := range raw[p] {
				if raw[p][i].Offset == o {
					orig = &raw[p][i]
				}
			}
			require.NotNil(t, orig, "source %d/%d", p, o)
			assert.Equal(t, orig.Value, m.Value, "the original value, unchanged")
			assert.Equal(t, orig.Key, m.Key)
		}
	})

	t.Run("offsets committed to the end", func(t *testing.T) {
		ends := endOffsets(t, addr, DefaultInTopic)
		got := committed(t, addr, DefaultGroup, DefaultInTopic)
		for p, end := range ends {
			if end > 0 {
				assert.Equal(t, end, got[int32(p)], "partition %d", p)
			}
		}
	})

	t.Run("stats", func(t *testing.T) {
		s := r.e.Stats()
		assert.Equal(t, uint64(len(all)), s.Consumed)
		assert.Equal(t, uint64(len(bad)), s.DeadLettered)
		assert.Equal(t, int64(0), s.InFlight)
		assert.GreaterOrEqual(t, s.Rebalances, uint64(1))
	})
}
