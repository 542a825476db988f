package stream

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// The at-least-once pipeline.
//
// One goroutine polls. For each polled record it creates a job, queues it on
// its partition's sequencer and hands it to the worker pool, so records of
// all partitions are processed in parallel. Each partition's sequencer waits
// for its jobs in offset order and produces their outputs, so outputs keep
// the partition's order. A job is complete when the broker has acknowledged
// all of its outputs; a partition's offset is marked for commit only up to
// the last record before which every job is complete. A produce that fails
// (after franz-go's own retries, which go on for as long as the error is
// retriable) stops the engine: the failed job stays at the head of its
// partition and nothing at or after it is ever marked.
//
// Memory is bounded: the poller asks for at most MaxInFlight minus the jobs
// in flight, and waits while none are free. Polls block rebalances until
// their records are queued (BlockRebalanceOnPoll), and a revoked partition is
// drained and its marks committed before the rebalance completes.

type pipeline struct {
	e        *Engine
	cl       *kgo.Client
	hard     context.Context // cancelled at a hard stop
	stopHard context.CancelFunc
	work     chan func()

	mu      sync.Mutex
	parts   map[topicPartition]*partState
	seqs    sync.WaitGroup
	workers sync.WaitGroup

	inflight atomic.Int64
	room     chan struct{} // signalled whenever a job completes

	cancelPoll context.CancelFunc
	fatalMu    sync.Mutex
	fatal      error
	restart    error // set when the client must be rebuilt; under fatalMu
}

// partState is one assigned partition's queue of jobs, in offset order.
type partState struct {
	tp      topicPartition
	jobs    chan *job
	pending sync.WaitGroup // jobs queued and not complete

	mu      sync.Mutex
	acks    []*job // produced jobs not yet marked, in order
	stopped bool   // revoked or lost: mark nothing more
}

type job struct {
	rec       *kgo.Record
	ps        *partState
	res       result
	processed chan struct{} // closed when res is set

	remaining atomic.Int32 // outputs not yet acknowledged, plus one while producing
	failed    atomic.Bool
	complete  bool // under ps.mu
}

func (e *Engine) runAtLeastOnce(ctx, runHard context.Context) error {
	// hard is this session's: a rebuilt client starts with a fresh one.
	hard, stopHard := context.WithCancel(runHard)
	defer stopHard()
	p := &pipeline{
		e:        e,
		hard:     hard,
		stopHard: stopHard,
		work:     make(chan func(), e.cfg.maxInFlight),
		parts:    make(map[topicPartition]*partState),
		room:     make(chan struct{}, 1),
	}
	opts := append(e.clientOpts(),
		kgo.AutoCommitMarks(),
		kgo.AutoCommitInterval(e.cfg.commitInterval),
		kgo.BlockRebalanceOnPoll(),
		kgo.OnPartitionsRevoked(p.onRevoked),
		kgo.OnPartitionsLost(p.onLost),
	)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return fmt.Errorf("stream: client: %w", err)
	}
	p.cl = cl
	e.setClient(cl)

	for range e.cfg.workers {
		p.workers.Go(func() {
			for f := range p.work {
				f()
			}
		})
	}

	pollCtx, cancelPoll := context.WithCancel(ctx)
	defer cancelPoll()
	p.cancelPoll = cancelPoll
	e.waitSubjects(pollCtx)
	p.poll(pollCtx)
	restart := p.restartErr()
	if restart == nil {
		e.health.stopping.Store(true)
	}

	// Shutdown: no more polls. Let every queued job finish, commit, leave.
	// Before a rebuild nothing is committed: the offsets marked may belong
	// to a topic that no longer exists.
	p.closeAll()
	var errs []error
	if !p.drain(e.cfg.drainTimeout) {
		e.noteError(ErrKindDrainTimeout)
		errs = append(errs, fmt.Errorf("stream: %d records still in flight after %v; they will be processed again",
			p.inflight.Load(), e.cfg.drainTimeout))
		p.stopHard() // abandon them: nothing more is produced or marked
	}
	if restart == nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), e.cfg.drainTimeout)
		if err := cl.CommitMarkedOffsets(cctx); err != nil {
			e.noteError(ErrKindCommit)
			errs = append(errs, fmt.Errorf("stream: final commit: %w", err))
		}
		cancel()
	}
	p.stopHard()
	cl.CloseAllowingRebalance()
	close(p.work)
	p.workers.Wait()
	p.seqs.Wait()
	if err := p.fatalErr(); err != nil {
		errs = append([]error{err}, errs...)
	} else if restart != nil && len(errs) == 0 {
		return &restartError{restart}
	}
	return errors.Join(errs...)
}

// poll fetches and queues records until ctx is done.
func (p *pipeline) poll(ctx context.Context) {
	limit := int64(p.e.cfg.maxInFlight)
	for {
		for p.inflight.Load() >= limit {
			select {
			case <-ctx.Done():
				return
			case <-p.room:
			}
		}
		if ctx.Err() != nil {
			return
		}
		fetches := p.cl.PollRecords(ctx, int(limit-p.inflight.Load()))
		if fetches.IsClientClosed() {
			p.cl.AllowRebalance()
			return
		}
		fetches.EachError(func(topic string, partition int32, err error) {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return
			}
			p.e.fetchFailed()
			p.e.log.Warn("fetch error", "topic", topic, "partition", partition, "err", err)
			if needsNewClient(err) {
				p.restartWith(fmt.Errorf("stream: fetch %s partition %d: %w", topic, partition, err))
			}
		})
		fetches.EachPartition(func(ft kgo.FetchTopicPartition) {
			if len(ft.Records) == 0 {
				return
			}
			ps := p.partition(ft.Topic, ft.Partition)
			for _, r := range ft.Records {
				p.dispatch(ps, r)
			}
			last := ft.Records[len(ft.Records)-1]
			p.e.setLag(ps.tp, ft.HighWatermark-last.Offset-1)
		})
		p.cl.AllowRebalance()
	}
}

// partition returns the state of an assigned partition, starting its
// sequencer on first use.
func (p *pipeline) partition(topic string, partition int32) *partState {
	tp := topicPartition{topic, partition}
	p.mu.Lock()
	defer p.mu.Unlock()
	ps := p.parts[tp]
	if ps == nil {
		ps = &partState{tp: tp, jobs: make(chan *job, p.e.cfg.maxInFlight)}
		p.parts[tp] = ps
		p.seqs.Go(func() { p.sequence(ps) })
	}
	return ps
}

// dispatch queues one record. It never blocks: both channels hold
// MaxInFlight jobs and no more than that are in flight.
func (p *pipeline) dispatch(ps *partState, r *kgo.Record) {
	j := &job{rec: r, ps: ps, processed: make(chan struct{})}
	ps.pending.Add(1)
	p.inflight.Add(1)
	p.e.stats.inFlight.Add(1)
	p.e.metrics.inFlight.Inc()
	p.e.stats.consumed.Add(1)
	p.e.metrics.consumed.Inc()
	ps.jobs <- j
	p.work <- func() {
		j.res = p.e.handle(p.hard, j.rec)
		close(j.processed)
	}
}

// sequence produces a partition's jobs in offset order.
func (p *pipeline) sequence(ps *partState) {
	for j := range ps.jobs {
		<-j.processed
		p.produce(j)
	}
}

func (p *pipeline) produce(j *job) {
	ps := j.ps
	ps.mu.Lock()
	ps.acks = append(ps.acks, j)
	ps.mu.Unlock()
	if j.res.stopped {
		j.failed.Store(true)
		j.remaining.Store(1)
		p.finish(j)
		return
	}
	p.e.route(&j.res)
	j.remaining.Store(int32(len(j.res.recs)) + 1)
	for i, r := range j.res.recs {
		kind := j.res.kinds[i]
		p.cl.Produce(p.hard, r, func(_ *kgo.Record, err error) { p.acked(j, kind, err) })
	}
	p.finish(j)
}

// acked is the produce promise of one output. Promises run serially on
// franz-go's promise goroutine and must not block.
func (p *pipeline) acked(j *job, kind string, err error) {
	if err != nil {
		j.failed.Store(true)
		p.e.metrics.produceErrors.WithLabelValues(kind).Inc()
		err = fmt.Errorf("stream: produce to %s topic: %w", kind, err)
		if needsNewClient(err) {
			p.restartWith(err) // the job stays unmarked: a new client processes it again
		} else {
			p.fail(err)
		}
	} else {
		p.e.metrics.produced.WithLabelValues(kind).Inc()
		p.e.stats.produced.Add(1)
	}
	p.finish(j)
}

// finish drops one of j's outstanding acknowledgements; on the last it
// completes j and marks the partition's completed prefix for commit.
func (p *pipeline) finish(j *job) {
	if j.remaining.Add(-1) > 0 {
		return
	}
	if !j.failed.Load() {
		p.e.stats.acknowledged.Add(1)
		p.e.metrics.done(&j.res)
		if !j.rec.Timestamp.IsZero() {
			p.e.metrics.endToEnd.Observe(time.Since(j.rec.Timestamp).Seconds())
		}
	}
	ps := j.ps
	ps.mu.Lock()
	j.complete = true
	var last *kgo.Record
	for len(ps.acks) > 0 {
		h := ps.acks[0]
		if !h.complete || h.failed.Load() {
			break
		}
		last = h.rec
		ps.acks[0] = nil
		ps.acks = ps.acks[1:]
	}
	if last != nil && !ps.stopped {
		p.cl.MarkCommitRecords(last)
	}
	ps.mu.Unlock()

	p.inflight.Add(-1)
	p.e.stats.inFlight.Add(-1)
	p.e.metrics.inFlight.Dec()
	select {
	case p.room <- struct{}{}:
	default:
	}
	ps.pending.Done()
}

// fail stops the engine after an output was not acknowledged.
func (p *pipeline) fail(err error) {
	if p.hard.Err() != nil {
		return // abandoned at a hard stop: expected, and nothing is marked
	}
	if p.setFirst(&p.fatal, err) {
		p.e.noteError(ErrKindProduce)
		p.e.log.Error("output not acknowledged; stopping without committing it", "err", err)
		p.cancelPoll()
	}
}

// restartWith stops polling so that Run rebuilds the client.
func (p *pipeline) restartWith(err error) {
	if p.setFirst(&p.restart, err) {
		p.stopMarking()
		p.cancelPoll()
	}
}

// setFirst sets *dst to err unless it holds an error already, and reports
// whether it did.
func (p *pipeline) setFirst(dst *error, err error) bool {
	p.fatalMu.Lock()
	defer p.fatalMu.Unlock()
	if *dst != nil {
		return false
	}
	*dst = err
	return true
}

func (p *pipeline) restartErr() error {
	p.fatalMu.Lock()
	defer p.fatalMu.Unlock()
	return p.restart
}

// stopMarking marks no more offsets of any partition held now.
func (p *pipeline) stopMarking() {
	p.mu.Lock()
	parts := make([]*partState, 0, len(p.parts))
	for _, ps := range p.parts {
		parts = append(parts, ps)
	}
	p.mu.Unlock()
	stop(parts)
}

func (p *pipeline) fatalErr() error {
	p.fatalMu.Lock()
	defer p.fatalMu.Unlock()
	return p.fatal
}

// take removes partitions from the pipeline and closes their queues; their
// sequencers finish the jobs already queued.
func (p *pipeline) take(parts map[string][]int32) []*partState {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []*partState
	for t, list := range parts {
		for _, n := range list {
			tp := topicPartition{t, n}
			if ps := p.parts[tp]; ps != nil {
				delete(p.parts, tp)
				close(ps.jobs)
				out = append(out, ps)
			}
		}
	}
	return out
}

// closeAll closes every partition's queue at shutdown.
func (p *pipeline) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for tp, ps := range p.parts {
		delete(p.parts, tp)
		close(ps.jobs)
	}
}

// drain waits until no job is in flight, for at most d.
func (p *pipeline) drain(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	for p.inflight.Load() > 0 {
		select {
		case <-p.room:
		case <-t.C:
			return p.inflight.Load() == 0
		}
	}
	return true
}

// stop marks partitions as no longer ours: later completions mark nothing.
func stop(parts []*partState) {
	for _, ps := range parts {
		ps.mu.Lock()
		ps.stopped = true
		ps.mu.Unlock()
	}
}

// onRevoked runs while no poll is being queued (BlockRebalanceOnPoll). It
// lets the revoked partitions' queued jobs complete, for at most
// DrainTimeout, then commits everything marked so the next owner starts
// right after the last acknowledged record.
func (p *pipeline) onRevoked(ctx context.Context, cl *kgo.Client, revoked map[string][]int32) {
	parts := p.take(revoked)
	p.e.dropLag(revoked)
	if len(parts) > 0 {
		if !waitParts(parts, min(p.e.cfg.drainTimeout, maxRevokeWait)) {
			p.e.noteError(ErrKindDrainTimeout)
			p.e.log.Warn("revoked partitions not drained in time; their unacknowledged records will be processed again")
		}
		stop(parts)
	}
	if p.restartErr() != nil {
		return // the marks may belong to a recreated topic
	}
	if err := cl.CommitMarkedOffsets(ctx); err != nil {
		p.e.noteError(ErrKindCommit)
		p.e.log.Warn("commit on revoke failed", "err", err)
	}
}

// maxRevokeWait keeps a revoke well inside franz-go's default 60s rebalance
// timeout.
const maxRevokeWait = 45 * time.Second

// onLost gives up partitions without committing: the group already moved on.
func (p *pipeline) onLost(ctx context.Context, cl *kgo.Client, lost map[string][]int32) {
	p.e.onLost(ctx, cl, lost)
	parts := p.take(lost)
	stop(parts)
	if len(parts) > 0 {
		p.e.log.Warn("partitions lost; their unacknowledged records will be processed again", "count", len(parts))
	}
}

// waitParts waits until every job of parts has completed, for at most d.
func waitParts(parts []*partState, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		for _, ps := range parts {
			ps.pending.Wait()
		}
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
