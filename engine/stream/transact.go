package stream

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/piiguard/piiguard/engine/subjects"
	"github.com/twmb/franz-go/pkg/kgo"
)

// The exactly-once loop: poll at most MaxInFlight records, process them in
// parallel, produce their outputs in partition order inside one transaction
// that also commits the input offsets (franz-go's GroupTransactSession), and
// start over. A rebalance during the transaction aborts it and the records
// are polled again; consumers reading with read_committed never see the
// aborted outputs.

func (e *Engine) runTransact(ctx, hard context.Context) error {
	drop := func(_ context.Context, _ *kgo.Client, m map[string][]int32) { e.dropLag(m) }
	opts := append(e.clientOpts(),
		kgo.TransactionalID(e.cfg.transactionalID()),
		kgo.OnPartitionsRevoked(drop),
		kgo.OnPartitionsLost(e.onLost),
	)
	sess, err := kgo.NewGroupTransactSession(opts...)
	if err != nil {
		return fmt.Errorf("stream: transactional client: %w", err)
	}
	e.setClient(sess.Client())

	work := make(chan func(), e.cfg.maxInFlight)
	var workers sync.WaitGroup
	for range e.cfg.workers {
		workers.Go(func() {
			for f := range work {
				f()
			}
		})
	}
	defer func() {
		sess.Close()
		close(work)
		workers.Wait()
	}()

	e.waitSubjects(ctx)
	for ctx.Err() == nil {
		fetches := sess.PollRecords(ctx, e.cfg.maxInFlight)
		if fetches.IsClientClosed() {
			return nil
		}
		var restart error
		fetches.EachError(func(topic string, partition int32, err error) {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return
			}
			e.fetchFailed()
			e.log.Warn("fetch error", "topic", topic, "partition", partition, "err", err)
			if restart == nil && needsNewClient(err) {
				restart = fmt.Errorf("stream: fetch %s partition %d: %w", topic, partition, err)
			}
		})
		if restart != nil {
			return &restartError{restart} // nothing of this poll is in a transaction yet
		}
		var recs []*kgo.Record
		fetches.EachPartition(func(ft kgo.FetchTopicPartition) {
			if len(ft.Records) == 0 {
				return
			}
			recs = append(recs, ft.Records...)
			last := ft.Records[len(ft.Records)-1]
			e.setLag(topicPartition{ft.Topic, ft.Partition}, ft.HighWatermark-last.Offset-1)
		})
		if len(recs) == 0 {
			continue
		}
		if err := e.transact(hard, sess, work, recs); err != nil {
			if needsNewClient(err) {
				return &restartError{err} // aborted: a new client processes the records again
			}
			return err
		}
	}
	return nil
}

// transact runs one transaction over recs.
func (e *Engine) transact(hard context.Context, sess *kgo.GroupTransactSession, work chan<- func(), recs []*kgo.Record) error {
	n := int64(len(recs))
	e.stats.consumed.Add(uint64(n))
	e.metrics.consumed.Add(float64(n))
	e.stats.inFlight.Add(n)
	e.metrics.inFlight.Add(float64(n))
	defer func() {
		e.stats.inFlight.Add(-n)
		e.metrics.inFlight.Sub(float64(n))
	}()

	if err := sess.Begin(); err != nil {
		e.noteError(ErrKindTransaction)
		return fmt.Errorf("stream: begin transaction: %w", err)
	}

	results := make([]result, len(recs))
	var wg sync.WaitGroup
	for i, r := range recs {
		wg.Add(1)
		work <- func() {
			defer wg.Done()
			results[i] = e.handle(hard, r)
		}
	}
	wg.Wait()

	var (
		mu       sync.Mutex
		firstErr error
		errKind  string
	)
	stopped := false
	produced := map[string]int{}
	committed := false
	undo := e.subjectsUndo()
	defer func() {
		if !committed {
			undo.restore() // the aborted records raise their state changes again when processed again
		}
	}()
	for i := range results {
		res := &results[i]
		if res.stopped {
			stopped = true
			break
		}
		if len(res.changes) > 0 {
			undo.save(res.subject)
		}
		e.route(res)
		for k, r := range res.recs {
			kind := res.kinds[k]
			produced[kind]++
			sess.Produce(hard, r, func(_ *kgo.Record, err error) {
				if err == nil {
					return
				}
				mu.Lock()
				if firstErr == nil {
					firstErr, errKind = err, kind
				}
				mu.Unlock()
			})
		}
	}
	flushErr := sess.Client().Flush(hard)
	mu.Lock()
	perr, pkind := firstErr, errKind
	mu.Unlock()

	if stopped || flushErr != nil || perr != nil {
		_, endErr := sess.End(hard, kgo.TryAbort)
		e.stats.aborted.Add(1)
		e.metrics.aborted.Inc()
		switch {
		case perr != nil:
			e.noteError(ErrKindProduce)
			e.metrics.produceErrors.WithLabelValues(pkind).Inc()
			return fmt.Errorf("stream: produce to %s topic: %w", pkind, perr)
		case hard.Err() != nil:
			return nil // stopped during shutdown; the records will be processed again
		case flushErr != nil:
			e.noteError(ErrKindProduce)
			return fmt.Errorf("stream: flush: %w", flushErr)
		case endErr != nil:
			e.noteError(ErrKindTransaction)
			return fmt.Errorf("stream: abort transaction: %w", endErr)
		}
		return nil
	}

	var err error
	committed, err = sess.End(hard, kgo.TryCommit)
	if err != nil {
		committed = false // restored; had the commit landed, the state is read back from the topic
		e.noteError(ErrKindTransaction)
		e.stats.aborted.Add(1)
		e.metrics.aborted.Inc()
		return fmt.Errorf("stream: end transaction: %w", err)
	}
	if !committed {
		e.stats.aborted.Add(1)
		e.metrics.aborted.Inc()
		e.log.Info("transaction aborted after a rebalance; its records will be processed again", "records", n)
		return nil
	}
	e.stats.acknowledged.Add(uint64(n))
	for i := range results {
		e.metrics.done(&results[i])
	}
	for kind, c := range produced {
		e.metrics.produced.WithLabelValues(kind).Add(float64(c))
		e.stats.produced.Add(uint64(c))
	}
	now := time.Now()
	for _, r := range recs {
		if !r.Timestamp.IsZero() {
			e.metrics.endToEnd.Observe(now.Sub(r.Timestamp).Seconds())
		}
	}
	return nil
}

// subjectsUndo remembers the subject states a transaction's routing may
// change, so that an aborted transaction leaves the table as it found it:
// otherwise its records, processed again, would find their state already
// applied and not write it to the subject-state topic again.
type subjectsUndo struct {
	e    *Engine
	prev map[string]*subjects.State // nil: the token had no state
}

func (e *Engine) subjectsUndo() *subjectsUndo {
	return &subjectsUndo{e: e, prev: map[string]*subjects.State{}}
}

// save remembers the states of tokens, the first time each is seen.
func (u *subjectsUndo) save(tokens []string) {
	for _, tok := range tokens {
		if _, ok := u.prev[tok]; ok {
			continue
		}
		var p *subjects.State
		if s, ok := u.e.subjects.Get(tok); ok {
			p = &s
		}
		u.prev[tok] = p
	}
}

// restore puts the remembered states back.
func (u *subjectsUndo) restore() {
	for tok, p := range u.prev {
		u.e.subjects.Delete(tok)
		if p != nil {
			u.e.subjects.Put(tok, *p)
		}
	}
}
