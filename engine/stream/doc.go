// Package stream is piiguard's Kafka runtime: it consumes the raw interaction
// topics in a consumer group, hands each record to a [Processor], and
// produces the results to the redacted, compliance and dead-letter topics.
// It owns ordering, commits, backpressure, metrics and health; the processing
// itself (decode, scan, pseudonymise) arrives through the Processor.
//
// # Outputs
//
// A processed record becomes one redacted record (key Output.Key, value
// Output.Value, headers Output.Headers only: the input's headers are not
// copied because nothing scanned them) and one compliance record per
// Output.Compliance message. Outputs keep the input's timestamp. Keyed
// outputs are partitioned like Kafka's default partitioner (murmur2 of the
// key); keyless ones go to the input's partition number modulo the output
// topic's partition count. Either way a partition's order is kept.
//
// A record that cannot be processed — Process returned an error or
// panicked, took longer than ProcessTimeout, was larger than MaxRecordBytes,
// or produced an output too large for a produce batch — goes, unchanged, to
// the dead-letter topic with these headers added, and nothing goes to the
// redacted or compliance topic:
//
//	piiguard-reason            the ProcessError's Reason, or too_large,
//	                           scan_timeout, output_too_large, internal
//	piiguard-source-topic      the input topic
//	piiguard-source-partition  the input partition, decimal
//	piiguard-source-offset     the input offset, decimal
//
// If the original itself cannot fit in a produce batch, the dead-letter
// record carries only these headers plus piiguard-value-dropped: true.
// Records around a dead-lettered one carry on normally.
//
// # Delivery
//
// By default delivery is at-least-once: each partition's records are
// processed in parallel with other partitions' records and produced in
// order, and an input offset is committed only after every output of that
// record, and of every earlier record of the partition, is acknowledged by
// the broker. On a revoke the partition's in-flight records are drained and
// committed first; on shutdown the same happens for every partition. A
// produce the broker keeps refusing with a non-retriable error stops Run with
// an error and the offset of that record is never committed. Retriable
// errors (a broker going away) are retried with backoff for as long as it
// takes; Health reports not ready meanwhile.
//
// With ExactlyOnce, batches of at most MaxInFlight records are processed and
// their outputs and input offsets committed in one Kafka transaction; read
// the outputs with isolation level read_committed.
//
// At most MaxInFlight input records are held at a time; fetching waits while
// that many are in flight.
//
// # Observability
//
// Handler serves Prometheus metrics (namespace piiguard: records consumed,
// produced by topic kind, dead-lettered by reason, detections by entity
// type, compliance events by kind, processing and end-to-end latency,
// consumer lag, rebalances, aborted transactions, in-flight records, broker
// readiness) and /healthz and /readyz. Logs are structured (log/slog) and
// never contain a record's key, value or header values, nor the text of a
// ProcessError's wrapped error.
package stream
