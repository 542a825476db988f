package stream

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScalingThreeEnginesOneLeaves(t *testing.T) {
	addr := startBroker(t)
	msgs := inputs(600, 24)
	produce(t, addr, DefaultInTopic, msgs)

	opts := testOpts(addr, MaxInFlight(10))
	rs := []*running{
		start(t, upper{delay: 2 * time.Millisecond}, opts...),
		start(t, upper{delay: 2 * time.Millisecond}, opts...),
		start(t, upper{delay: 2 * time.Millisecond}, opts...),
	}
	require.Eventually(t, func() bool {
		for _, r := range rs {
			if r.e.Stats().Acknowledged == 0 {
				return false
			}
		}
		return true
	}, 20*time.Second, time.Millisecond, "all three engines got partitions")
	require.NoError(t, rs[0].stop(), "one engine leaves mid-stream")
	left := rs[0].e.Stats().Acknowledged
	require.Less(t, left, uint64(len(msgs)))

	waitCount(t, addr, DefaultOutTopic, int64(len(msgs)))
	require.Eventually(t, func() bool {
		got := countIDs(flat(readAll(t, addr, DefaultOutTopic)))
		for _, id := range ids(msgs) {
			if got[id] == 0 {
				return false
			}
		}
		return true
	}, 20*time.Second, 50*time.Millisecond, "every id arrives")
	require.NoError(t, rs[1].stop())
	require.NoError(t, rs[2].stop())

	var acked uint64
	for _, r := range rs {
		acked += r.e.Stats().Acknowledged
		assert.GreaterOrEqual(t, r.e.Stats().Rebalances, uint64(1))
	}
	assert.GreaterOrEqual(t, acked, uint64(len(msgs)))
	assert.GreaterOrEqual(t, rs[1].e.Stats().Rebalances+rs[2].e.Stats().Rebalances, uint64(3),
		"the remaining engines took over the leaver's partitions")
}
