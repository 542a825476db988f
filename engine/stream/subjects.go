package stream

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/piiguard/piiguard/engine/subjects"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Subject state (DESIGN.md, "Subjects").
//
// Before processing anything, Run creates the restricted and the compacted
// subject-state topics when they are missing and reads the subject-state
// topic from the start of every partition up to its last stable offset into
// the engine's table, with a client of its own outside the consumer group;
// then it keeps following the topic until Run returns. Each record is routed
// by its partition's sequencer, in offset order: the state changes its
// statements raise are applied to the table (so the partition's next records
// see them at once) and produced to the subject-state topic keyed by each
// token, as outputs of the record, before its offset is committed (inside
// the transaction in exactly-once mode); then the record goes to the
// restricted topic when its subject's state withholds it, and carries the
// state's headers. Other instances of the group see the state once they read
// it back from the topic.

// Subject returns the state this engine holds for a subject token, for tests
// and status pages.
func (e *Engine) Subject(token string) (subjects.State, bool) { return e.subjects.Get(token) }

// route applies res's state changes and routes its redacted record by its
// subject's state. It runs in partition order, before res is produced.
func (e *Engine) route(res *result) {
	if res.stopped || res.reason != "" || len(res.recs) == 0 || len(res.subject) == 0 {
		return
	}
	red := res.recs[0]
	for _, ch := range res.changes {
		for _, u := range e.subjects.Apply(res.subject, ch) {
			v, err := u.State.Marshal()
			if err != nil {
				continue // a State always encodes
			}
			res.recs = append(res.recs, &kgo.Record{
				Topic:     e.cfg.subjectsTopic,
				Key:       []byte(u.Token),
				Value:     v,
				Timestamp: red.Timestamp,
			})
			res.kinds = append(res.kinds, kindSubject)
		}
	}
	st, ok := e.subjects.Of(res.subject)
	if !ok {
		return
	}
	r := subjects.RouteOf(st)
	for _, h := range r.Headers {
		red.Headers = append(red.Headers, kgo.RecordHeader{Key: h[0], Value: []byte(h[1])})
	}
	if r.Withheld {
		red.Topic = e.cfg.restrictedTopic
		res.kinds[0] = kindRestricted
	}
}

// waitSubjects returns once the subject-state topic has been read at start,
// or ctx is done: no record is polled before.
func (e *Engine) waitSubjects(ctx context.Context) {
	select {
	case <-e.subjectsRead:
	case <-ctx.Done():
	}
}

// followSubjects reads the subject-state topic in the background (see
// readSubjects) while the group client joins, and returns the function that
// stops it.
func (e *Engine) followSubjects(ctx context.Context) (stop func()) {
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := e.readSubjects(fctx); err != nil && ctx.Err() == nil {
			e.log.Error("subject-state topic not followed", "err", err)
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// readSubjects ensures the restricted and subject-state topics exist, reads
// the subject-state topic into the table, closes subjectsRead and follows the
// topic until ctx is done.
func (e *Engine) readSubjects(ctx context.Context) error {
	opts := append(e.connOpts(),
		kgo.ConsumeTopics(e.cfg.subjectsTopic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.KeepControlRecords(), // their offsets tell when the start-up read has caught up
		kgo.FetchMaxWait(500*time.Millisecond),
	)
	cl, err := kgo.NewClient(append(opts, e.cfg.kgoExtra...)...)
	if err != nil {
		return fmt.Errorf("stream: subject-state client: %w", err)
	}
	defer cl.Close()
	ends, err := e.prepareSubjects(ctx, kadm.NewClient(cl))
	if err == nil {
		err = e.catchUp(ctx, cl, ends)
	}
	if err != nil {
		return err
	}
	e.log.Info("subject states read", "topic", e.cfg.subjectsTopic, "tokens", e.subjects.Len())
	close(e.subjectsRead) // Run is called once
	for ctx.Err() == nil {
		e.applySubjects(cl.PollFetches(ctx), nil)
	}
	return nil
}

// prepareSubjects creates the topics when missing and returns the last
// stable offset of each subject-state partition, retrying until ctx ends.
func (e *Engine) prepareSubjects(ctx context.Context, adm *kadm.Client) (map[int32]int64, error) {
	compact := "compact"
	for attempt := 0; ; attempt++ {
		err := createTopic(ctx, adm, e.cfg.subjectsTopic, map[string]*string{"cleanup.policy": &compact})
		if err == nil {
			err = createTopic(ctx, adm, e.cfg.restrictedTopic, nil)
		}
		var listed kadm.ListedOffsets
		if err == nil {
			listed, err = adm.ListCommittedOffsets(ctx, e.cfg.subjectsTopic)
			if err == nil {
				err = listed.Error()
			}
		}
		if err == nil {
			ends := map[int32]int64{}
			listed.Each(func(o kadm.ListedOffset) {
				if o.Offset > 0 {
					ends[o.Partition] = o.Offset
				}
			})
			return ends, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("stream: read subject-state topic %s: %w", e.cfg.subjectsTopic, err)
		}
		e.log.Warn("subject-state topic not readable yet; retrying", "topic", e.cfg.subjectsTopic, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(min(attempt+1, 10)) * 200 * time.Millisecond):
		}
	}
}

// createTopic creates topic with the broker's default partitions and
// replication unless it exists.
func createTopic(ctx context.Context, adm *kadm.Client, topic string, configs map[string]*string) error {
	_, err := adm.CreateTopic(ctx, -1, -1, configs, topic)
	if err == nil || errors.Is(err, kerr.TopicAlreadyExists) {
		return nil
	}
	return fmt.Errorf("create topic %s: %w", topic, err)
}

// catchUp reads the subject-state topic until every partition has been read
// up to ends.
func (e *Engine) catchUp(ctx context.Context, cl *kgo.Client, ends map[int32]int64) error {
	for len(ends) > 0 {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return fmt.Errorf("stream: read subject-state topic %s: %w", e.cfg.subjectsTopic, ctx.Err())
		}
		e.applySubjects(fs, ends)
	}
	return nil
}

// applySubjects puts the states of fs into the table. ends, when not nil,
// loses each partition once its records up to the end offset are read.
func (e *Engine) applySubjects(fs kgo.Fetches, ends map[int32]int64) {
	fs.EachError(func(topic string, partition int32, err error) {
		if !errors.Is(err, context.Canceled) {
			e.log.Warn("subject-state fetch error", "topic", topic, "partition", partition, "err", err)
		}
	})
	fs.EachRecord(func(r *kgo.Record) {
		if end, ok := ends[r.Partition]; ok && r.Offset+1 >= end {
			delete(ends, r.Partition)
		}
		if r.Attrs.IsControl() || len(r.Key) == 0 {
			return
		}
		tok := string(r.Key)
		if r.Value == nil {
			e.subjects.Delete(tok)
			return
		}
		s, err := subjects.Unmarshal(r.Value)
		if err != nil {
			e.log.Warn("subject-state record ignored", "partition", r.Partition, "offset", r.Offset, "err", err)
			return
		}
		e.subjects.Put(tok, s)
	})
}
