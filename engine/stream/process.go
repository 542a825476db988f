package stream

import (
	"context"
	"errors"
	"time"

	"github.com/piiguard/piiguard/engine/subjects"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Reason codes the engine itself assigns.
const (
	ReasonTooLarge       = "too_large"        // input larger than MaxRecordBytes
	ReasonScanTimeout    = "scan_timeout"     // Process took longer than ProcessTimeout
	ReasonInternal       = "internal"         // Process failed without a ProcessError, or panicked
	ReasonOutputTooLarge = "output_too_large" // an output cannot fit in a produce batch
)

// result is what one input record turns into: the records to produce, in
// order, and the kind of each.
type result struct {
	recs   []*kgo.Record
	kinds  []string
	reason string // dead-letter reason, "" when processed
	// stopped is set when the engine was stopped hard while processing:
	// nothing is produced and the record is not acknowledged.
	stopped bool
	// subject and changes are the Output's, for routing (see subjects.go).
	subject []string
	changes []subjects.State
}

// errTimeout marks a Process call abandoned at ProcessTimeout.
var errTimeout = errors.New("process timeout")

// errStopped marks a Process call cut short by a hard stop of the engine.
var errStopped = errors.New("engine stopped")

// errPanic marks a Process call that panicked; the panic value is not kept
// because it may quote the record.
var errPanic = errors.New("process panicked")

// handle processes one input record into its outputs, or into one
// dead-letter record. It never fails: every error becomes a reason.
func (e *Engine) handle(base context.Context, r *kgo.Record) result {
	if recordSize(r) > e.cfg.maxRecordBytes {
		return e.deadLetter(r, ReasonTooLarge)
	}
	start := time.Now()
	out, err := e.call(base, toInput(r))
	e.metrics.processing.Observe(time.Since(start).Seconds())
	e.stats.processed.Add(1)
	if errors.Is(err, errStopped) {
		return result{stopped: true}
	}
	if err != nil {
		return e.deadLetter(r, reasonOf(err))
	}
	e.metrics.observe(&out)

	res := result{
		recs:    make([]*kgo.Record, 0, 1+len(out.Compliance)),
		kinds:   make([]string, 0, 1+len(out.Compliance)),
		subject: out.Subject,
		changes: out.StateChanges,
	}
	red := &kgo.Record{
		Topic:     e.cfg.outTopic,
		Key:       out.Key,
		Value:     out.Value,
		Headers:   toKgoHeaders(out.Headers, 0),
		Timestamp: r.Timestamp,
		Partition: r.Partition, // read by the partitioner for keyless records
	}
	res.recs = append(res.recs, red)
	res.kinds = append(res.kinds, kindRedacted)
	for _, m := range out.Compliance {
		res.recs = append(res.recs, &kgo.Record{
			Topic:     e.cfg.complianceTopic,
			Key:       m.Key,
			Value:     m.Value,
			Headers:   toKgoHeaders(m.Headers, 0),
			Timestamp: r.Timestamp,
			Partition: r.Partition,
		})
		res.kinds = append(res.kinds, kindCompliance)
	}
	for _, o := range res.recs {
		if !e.fits(o) {
			return e.deadLetter(r, ReasonOutputTooLarge)
		}
	}
	return res
}

// call runs Process under ProcessTimeout, recovering panics. A Process that
// ignores its context is abandoned at the timeout (its goroutine finishes on
// its own) so that one stuck record cannot stop the stream.
func (e *Engine) call(base context.Context, in Input) (Output, error) {
	ctx, cancel := context.WithTimeout(base, e.cfg.processTimeout)
	defer cancel()
	type ret struct {
		out Output
		err error
	}
	ch := make(chan ret, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				ch <- ret{err: errPanic}
			}
		}()
		out, err := e.proc.Process(ctx, in)
		ch <- ret{out, err}
	}()
	select {
	case r := <-ch:
		if base.Err() != nil {
			return Output{}, errStopped
		}
		if r.err != nil && ctx.Err() == context.DeadlineExceeded && errors.Is(r.err, context.DeadlineExceeded) {
			return Output{}, errTimeout
		}
		return r.out, r.err
	case <-ctx.Done():
		if base.Err() != nil {
			return Output{}, errStopped
		}
		return Output{}, errTimeout
	}
}

// reasonOf maps a Process error to a dead-letter reason code.
func reasonOf(err error) string {
	var pe ProcessError
	if errors.As(err, &pe) {
		return codeOr(pe.Reason)
	}
	var ppe *ProcessError
	if errors.As(err, &ppe) && ppe != nil {
		return codeOr(ppe.Reason)
	}
	if errors.Is(err, errTimeout) {
		return ReasonScanTimeout
	}
	return ReasonInternal
}

// codeOr returns reason if it is a well-formed code, else "internal".
func codeOr(reason string) string {
	if labelRE.MatchString(reason) {
		return reason
	}
	return ReasonInternal
}

func toInput(r *kgo.Record) Input {
	in := Input{
		Topic:     r.Topic,
		Partition: r.Partition,
		Offset:    r.Offset,
		Key:       r.Key,
		Value:     r.Value,
		Timestamp: r.Timestamp,
	}
	if len(r.Headers) > 0 {
		in.Headers = make([]Header, len(r.Headers))
		for i, h := range r.Headers {
			in.Headers[i] = Header{Key: h.Key, Value: h.Value}
		}
	}
	return in
}

// toKgoHeaders converts headers, leaving room for extra more.
func toKgoHeaders(hs []Header, extra int) []kgo.RecordHeader {
	if len(hs)+extra == 0 {
		return nil
	}
	out := make([]kgo.RecordHeader, len(hs), len(hs)+extra)
	for i, h := range hs {
		out[i] = kgo.RecordHeader{Key: h.Key, Value: h.Value}
	}
	return out
}
