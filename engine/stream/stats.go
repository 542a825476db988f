package stream

import "sync/atomic"

// Stats are the engine's running totals since New, for benchmarks and tests.
type Stats struct {
	Consumed            uint64 // input records polled
	Processed           uint64 // Process calls that returned (including errors)
	DeadLettered        uint64 // input records routed to the dead-letter topic
	Acknowledged        uint64 // input records whose every output the broker acknowledged (committed, in exactly-once mode)
	Produced            uint64 // output records acknowledged, all topics
	InFlight            int64  // input records consumed and not yet fully acknowledged
	Rebalances          uint64 // partition assignments received
	AbortedTransactions uint64 // exactly-once transactions aborted
}

type counters struct {
	consumed, processed, deadLettered, acknowledged, produced atomic.Uint64
	rebalances, aborted                                       atomic.Uint64
	inFlight                                                  atomic.Int64
}

// Stats returns the engine's running totals. It is safe to call at any time.
func (e *Engine) Stats() Stats {
	s := &e.stats
	return Stats{
		Consumed:            s.consumed.Load(),
		Processed:           s.processed.Load(),
		DeadLettered:        s.deadLettered.Load(),
		Acknowledged:        s.acknowledged.Load(),
		Produced:            s.produced.Load(),
		InFlight:            s.inFlight.Load(),
		Rebalances:          s.rebalances.Load(),
		AbortedTransactions: s.aborted.Load(),
	}
}
