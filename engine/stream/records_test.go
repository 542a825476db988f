package stream

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestPartitioner(t *testing.T) {
	kafka := kgo.StickyKeyPartitioner(nil).ForTopic("t")
	ours := newPartitioner().ForTopic("t")
	tests := map[string]struct {
		rec  *kgo.Record
		n    int
		want int
	}{
		"keyless keeps the input partition":      {rec: &kgo.Record{Partition: 4}, n: 6, want: 4},
		"keyless wraps onto fewer partitions":    {rec: &kgo.Record{Partition: 7}, n: 6, want: 1},
		"keyless from partition 0":               {rec: &kgo.Record{Partition: 0}, n: 3, want: 0},
		"keyed like Kafka's default partitioner": {rec: &kgo.Record{Key: []byte("customer-17"), Partition: 4}, n: 6, want: kafka.Partition(&kgo.Record{Key: []byte("customer-17")}, 6)},
		"empty key is a key":                     {rec: &kgo.Record{Key: []byte{}, Partition: 4}, n: 6, want: kafka.Partition(&kgo.Record{Key: []byte{}}, 6)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.True(t, ours.RequiresConsistency(tc.rec))
			assert.Equal(t, tc.want, ours.Partition(tc.rec, tc.n))
		})
	}
}

func TestFits(t *testing.T) {
	e, err := New(upper{}, ProducerBatchMaxBytes(16<<10), Logger(nil))
	assert.NoError(t, err)
	assert.True(t, e.fits(&kgo.Record{Value: make([]byte, 15<<10)}))
	assert.False(t, e.fits(&kgo.Record{Value: make([]byte, 16<<10)}))
	assert.False(t, e.fits(&kgo.Record{Value: make([]byte, 15<<10), Headers: []kgo.RecordHeader{{Key: "h", Value: make([]byte, 1<<10)}}}))
}
