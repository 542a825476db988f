package stream

import (
	"strconv"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Dead-letter headers.
const (
	HeaderReason          = "piiguard-reason"
	HeaderSourceTopic     = "piiguard-source-topic"
	HeaderSourcePartition = "piiguard-source-partition"
	HeaderSourceOffset    = "piiguard-source-offset"
	// HeaderValueDropped is "true" on a dead-letter record that carries
	// no key, value or original headers because the original could not
	// fit in a produce batch; find the original in the source topic.
	HeaderValueDropped = "piiguard-value-dropped"
)

// deadLetter returns the dead-letter record for r: the original key, value,
// headers and timestamp plus the piiguard headers, or only the piiguard
// headers when the original is too large to produce.
func (e *Engine) deadLetter(r *kgo.Record, reason string) result {
	e.metrics.deadLettered.WithLabelValues(reason).Inc()
	e.stats.deadLettered.Add(1)
	e.log.Warn("record dead-lettered",
		"reason", reason, "topic", r.Topic, "partition", r.Partition, "offset", r.Offset)

	tags := []kgo.RecordHeader{
		{Key: HeaderReason, Value: []byte(reason)},
		{Key: HeaderSourceTopic, Value: []byte(r.Topic)},
		{Key: HeaderSourcePartition, Value: strconv.AppendInt(nil, int64(r.Partition), 10)},
		{Key: HeaderSourceOffset, Value: strconv.AppendInt(nil, r.Offset, 10)},
	}
	hs := make([]kgo.RecordHeader, 0, len(r.Headers)+len(tags))
	hs = append(hs, r.Headers...)
	hs = append(hs, tags...)
	d := &kgo.Record{
		Topic:     e.cfg.dlqTopic,
		Key:       r.Key,
		Value:     r.Value,
		Headers:   hs,
		Timestamp: r.Timestamp,
		Partition: r.Partition,
	}
	if !e.fits(d) {
		d.Key, d.Value = nil, nil
		d.Headers = append(tags, kgo.RecordHeader{Key: HeaderValueDropped, Value: []byte("true")})
	}
	return result{recs: []*kgo.Record{d}, kinds: []string{kindDLQ}, reason: reason}
}

// recordSize is the size MaxRecordBytes limits: key, value and headers.
func recordSize(r *kgo.Record) int {
	n := len(r.Key) + len(r.Value)
	for _, h := range r.Headers {
		n += len(h.Key) + len(h.Value)
	}
	return n
}

// Overheads of the Kafka v2 record format, rounded up: a record's own
// framing (length, attributes, timestamp and offset deltas, key and value
// lengths, header count) and each header's two lengths; a batch header is
// 61 bytes and a produce request adds topic and partition framing.
const (
	recordOverhead = 40
	headerOverhead = 10
	batchOverhead  = 512
)

// fits reports whether r alone fits in one produce batch, so that the
// client never rejects it as too large.
func (e *Engine) fits(r *kgo.Record) bool {
	n := recordOverhead + batchOverhead + len(r.Key) + len(r.Value)
	for _, h := range r.Headers {
		n += headerOverhead + len(h.Key) + len(h.Value)
	}
	return n <= int(e.cfg.batchMaxBytes)
}

// partitioner sends keyed records where Kafka's default partitioner would
// (murmur2 of the key) and keyless records to the input record's partition
// number modulo the topic's partition count, which process.go stores in
// Record.Partition. Either way records that belong together stay in order.
type partitioner struct{ keyed kgo.Partitioner }

func newPartitioner() kgo.Partitioner {
	return partitioner{keyed: kgo.StickyKeyPartitioner(nil)}
}

func (p partitioner) ForTopic(topic string) kgo.TopicPartitioner {
	return topicPartitioner{keyed: p.keyed.ForTopic(topic)}
}

type topicPartitioner struct{ keyed kgo.TopicPartitioner }

func (topicPartitioner) RequiresConsistency(*kgo.Record) bool { return true }

func (t topicPartitioner) Partition(r *kgo.Record, n int) int {
	if r.Key == nil {
		p := int(r.Partition) % n
		if p < 0 {
			p = 0
		}
		return p
	}
	return t.keyed.Partition(r, n)
}

var (
	_ kgo.Partitioner      = partitioner{}
	_ kgo.TopicPartitioner = topicPartitioner{}
)
