package stream

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/piiguard/piiguard/engine/broker"
)

// consenting returns n inputs from id first on, all on one key, each with
// a compliance output, so that one output of each record can fail while
// the other succeeds.
func consenting(first, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = []byte("id-" + pad(first+i) + " seq " + itoa(first+i) + " consent")
	}
	return out
}

func TestProduceFailureRetriedNeverCommitsPast(t *testing.T) {
	b := startBrokerFull(t, broker.Partitions(2))
	addr := b.Addrs()[0]
	// Key a is read from input partition 0 and key b from partition 1; their
	// redacted outputs hash to different partitions, redA and redB.
	keyA, keyB, redA := keysOnDifferentPartitions(2)
	r := start(t, upper{}, testOpts(addr)...)

	produceWith(t, addr, DefaultInTopic, toPartition(0), keyed(keyA, consenting(0, 5)))
	produceWith(t, addr, DefaultInTopic, toPartition(1), keyed(keyB, consenting(100, 5)))
	waitCommitted(t, addr, 0, 5)
	waitCommitted(t, addr, 1, 5)

	// Produce to key a's redacted partition now fails with a retriable error.
	fault := b.Cluster().Fault(kfake.Fault{
		Keys: []kmsg.Key{kmsg.Produce}, Topic: DefaultOutTopic, Partitions: []int32{redA},
		Err: kerr.NotEnoughReplicas, Count: -1,
	})
	produceWith(t, addr, DefaultInTopic, toPartition(0), keyed(keyA, consenting(5, 10)))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, fault.Wait(ctx, 2), "the client retried")
	waitCount(t, addr, DefaultComplianceTopic, 20) // the other output of each record was acknowledged
	// Records on partition 1 flow and commit meanwhile: a commit happens
	// after key a's compliance outputs were acknowledged.
	produceWith(t, addr, DefaultInTopic, toPartition(1), keyed(keyB, consenting(105, 10)))
	waitCommitted(t, addr, 1, 15)
	assert.Equal(t, int64(5), committed(t, addr, DefaultGroup, DefaultInTopic)[0],
		"no offset past a record whose redacted output is unacknowledged")
	assert.Equal(t, int64(5), endOffsets(t, addr, DefaultOutTopic)[int(redA)])

	fault.Remove()
	waitCommitted(t, addr, 0, 15)
	require.NoError(t, r.stop())
	got := countIDs(flat(readAll(t, addr, DefaultOutTopic)))
	for _, i := range append(seq(0, 15), seq(100, 15)...) {
		assert.Equal(t, 1, got["id-"+pad(i)], "id %d", i)
	}
}

// keysOnDifferentPartitions returns two keys whose records Kafka's
// default partitioner puts on different partitions of an n-partition
// topic, and the first key's partition.
func keysOnDifferentPartitions(n int) (a, b string, pa int32) {
	part := kgo.StickyKeyPartitioner(nil).ForTopic("")
	of := func(k string) int { return part.Partition(&kgo.Record{Key: []byte(k)}, n) }
	a = "a"
	for i := 0; ; i++ {
		b = "b" + itoa(i)
		if of(b) != of(a) {
			return a, b, int32(of(a))
		}
	}
}

func seq(from, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = from + i
	}
	return out
}

func waitCommitted(t *testing.T, addr string, partition int32, want int64) {
	t.Helper()
	require.Eventually(t, func() bool { return committed(t, addr, DefaultGroup, DefaultInTopic)[partition] == want },
		20*time.Second, 20*time.Millisecond, "partition %d never committed %d", partition, want)
}

func TestProduceFailureFatalStopsWithoutCommit(t *testing.T) {
	b := startBrokerFull(t, broker.Partitions(1))
	addr := b.Addrs()[0]
	r := start(t, upper{}, testOpts(addr)...)

	produce(t, addr, DefaultInTopic, keyed("k", consenting(0, 5)))
	waitCommitted(t, addr, 0, 5)

	fault := b.Cluster().Fault(kfake.Fault{
		Keys: []kmsg.Key{kmsg.Produce}, Topic: DefaultOutTopic, Err: kerr.InvalidRecord, Count: -1,
	})
	produce(t, addr, DefaultInTopic, keyed("k", consenting(5, 5)))
	var err error
	select {
	case err = <-r.done:
	case <-time.After(30 * time.Second):
		t.Fatal("engine did not stop on a non-retriable produce error")
	}
	r.done <- err
	require.ErrorIs(t, err, kerr.InvalidRecord)
	assert.Equal(t, ErrKindProduce, r.e.Health().LastError)
	assert.False(t, r.e.Health().Live)
	assert.Equal(t, int64(5), committed(t, addr, DefaultGroup, DefaultInTopic)[0],
		"the failed record's offset is not committed")

	fault.Remove()
	r2 := start(t, upper{}, testOpts(addr)...)
	waitCount(t, addr, DefaultOutTopic, 10)
	waitCommitted(t, addr, 0, 10)
	require.NoError(t, r2.stop())
	got := countIDs(flat(readAll(t, addr, DefaultOutTopic)))
	for i := range 10 {
		assert.GreaterOrEqual(t, got["id-"+pad(i)], 1, "id %d", i)
	}
}
