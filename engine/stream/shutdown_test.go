package stream

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGracefulShutdownCommitsEverythingConsumed(t *testing.T) {
	addr := startBroker(t)
	msgs := inputs(400, 12)
	produce(t, addr, DefaultInTopic, msgs)

	r := start(t, upper{delay: 2 * time.Millisecond}, testOpts(addr, MaxInFlight(20))...)
	require.Eventually(t, func() bool { return r.e.Stats().Acknowledged >= 100 }, 20*time.Second, time.Millisecond)
	require.NoError(t, r.stop())

	s := r.e.Stats()
	require.Less(t, s.Consumed, uint64(len(msgs)), "stopped mid-stream")
	assert.Equal(t, s.Consumed, s.Acknowledged, "everything consumed was acknowledged")
	assert.Equal(t, int64(0), s.InFlight)
	var sum int64
	for _, o := range committed(t, addr, DefaultGroup, DefaultInTopic) {
		sum += o
	}
	assert.Equal(t, int64(s.Consumed), sum, "everything consumed was committed")
	assert.Equal(t, int64(s.Consumed), total(endOffsets(t, addr, DefaultOutTopic)))
	assert.False(t, r.e.Health().Ready)

	r2 := start(t, upper{}, testOpts(addr)...)
	waitCount(t, addr, DefaultOutTopic, int64(len(msgs)))
	require.NoError(t, r2.stop())
	got := countIDs(flat(readAll(t, addr, DefaultOutTopic)))
	for _, id := range ids(msgs) {
		assert.Equal(t, 1, got[id], "id %s once: nothing lost, nothing repeated", id)
	}
}

// bounded checks, inside Process, that no more than limit records are in
// flight.
type bounded struct {
	e     atomic.Pointer[Engine]
	limit int64
	over  atomic.Int64
	seen  atomic.Int64
}

func (b *bounded) Process(ctx context.Context, in Input) (Output, error) {
	if e := b.e.Load(); e != nil {
		s := e.Stats()
		if s.InFlight > b.limit || int64(s.Consumed-s.Acknowledged) > b.limit {
			b.over.Add(1)
		}
	}
	b.seen.Add(1)
	time.Sleep(100 * time.Microsecond)
	return upper{}.Process(ctx, in)
}

func TestBackpressureBoundsInFlight(t *testing.T) {
	addr := startBroker(t)
	msgs := inputs(300, 12)
	produce(t, addr, DefaultInTopic, msgs)

	p := &bounded{limit: 5}
	e, err := New(p, testOpts(addr, MaxInFlight(5))...)
	require.NoError(t, err)
	p.e.Store(e)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	require.Eventually(t, func() bool { return e.Stats().Acknowledged == uint64(len(msgs)) }, 30*time.Second, time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	assert.Equal(t, int64(len(msgs)), p.seen.Load())
	assert.Zero(t, p.over.Load(), "in-flight records exceeded MaxInFlight")
}
