package stream

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/piiguard/piiguard/engine/subjects"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Engine consumes the input topics, runs every record through a Processor
// and produces the results, committing an input offset only once every
// output of that record, and of every earlier record of its partition, is
// acknowledged. Create it with New and start it with Run.
type Engine struct {
	cfg      config
	proc     Processor
	log      *slog.Logger
	metrics  *metrics
	gatherer prometheus.Gatherer

	started atomic.Bool
	stats   counters
	health  healthState

	clientMu    sync.Mutex
	client      *kgo.Client   // Run's current client, for readiness pings
	clientReady chan struct{} // closed when the first client is set
	readyOnce   sync.Once

	lagMu sync.Mutex
	lag   map[topicPartition]int64

	abort            context.CancelCauseFunc // ends Run with an error; set before the first client
	securityFailures atomic.Int32            // SASL authentications and TLS handshakes failed in a row

	subjects     subjects.Table // the subject-state topic, read at start and followed
	subjectsRead chan struct{}  // closed once the subject-state topic is read up to its end at start
}

type topicPartition struct {
	topic     string
	partition int32
}

// New returns an Engine that feeds records to p, configured by opts.
func New(p Processor, opts ...Opt) (*Engine, error) {
	if p == nil {
		return nil, errors.New("stream: nil processor")
	}
	cfg := defaults()
	for _, o := range opts {
		o.apply(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	e := &Engine{
		cfg:     cfg,
		proc:    p,
		log:     cfg.logger,
		metrics: newMetrics(cfg.entityTypes, cfg.rulesVersion),
		lag:     make(map[topicPartition]int64),

		clientReady:  make(chan struct{}),
		subjectsRead: make(chan struct{}),
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	e.log = slog.New(newRateLimited(e.log.Handler(), cfg.logEvery)).With("component", "stream")
	reg := cfg.registerer
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	e.metrics.readiness(func() bool { return e.Health().Ready })
	if err := reg.Register(e.metrics); err != nil {
		return nil, fmt.Errorf("stream: register metrics: %w", err)
	}
	if g, ok := reg.(prometheus.Gatherer); ok {
		e.gatherer = g
	} else {
		e.gatherer = prometheus.DefaultGatherer
	}
	e.health.live.Store(true)
	return e, nil
}

// Run consumes and processes until ctx is done, then shuts down gracefully:
// it stops fetching, finishes the records in flight (for at most
// DrainTimeout), commits what is acknowledged and leaves the group. It
// returns nil after a clean shutdown and an error when the engine had to
// stop, for example because the broker refused an output: the offset of that
// record is then not committed. Run may be called once.
func (e *Engine) Run(ctx context.Context) error {
	if !e.started.CompareAndSwap(false, true) {
		return errors.New("stream: Run called twice")
	}
	e.health.running.Store(true)
	defer e.health.running.Store(false)

	// hard is cancelled DrainTimeout after ctx, or when Run returns; it
	// bounds produce, flush and processing during shutdown.
	hard, hardCancel := context.WithCancel(context.WithoutCancel(ctx))
	defer hardCancel()
	stopTimer := context.AfterFunc(ctx, func() {
		e.health.stopping.Store(true)
		time.AfterFunc(e.cfg.drainTimeout+time.Second, hardCancel)
	})
	defer stopTimer()

	var pings sync.WaitGroup
	pingCtx, stopPings := context.WithCancel(ctx)
	defer func() { stopPings(); pings.Wait() }()
	pings.Go(func() { e.pingLoop(pingCtx) })

	mode := "at-least-once"
	if e.cfg.exactlyOnce {
		mode = "exactly-once"
	}
	e.log.Info("engine starting", "mode", mode, "group", e.cfg.group,
		"in", e.cfg.inTopics, "out", e.cfg.outTopic, "workers", e.cfg.workers)

	err := e.runSessions(ctx, hard)
	e.clearLag()
	if err != nil {
		e.health.live.Store(false)
		e.log.Error("engine stopped", "err", err)
		return err
	}
	e.log.Info("engine stopped")
	return nil
}

// maxRestarts bounds the client rebuilds in a row that make no progress
// (no record acknowledged in between); after that Run returns an error.
const maxRestarts = 3

// runSessions runs client sessions until ctx is done or one fails. A session
// that meets an unrecoverable client state (a topic recreated with a new id:
// franz-go never adopts it) ends with a restartError; the client is then
// closed without committing and a new one rejoins the group and resumes from
// the committed offsets.
func (e *Engine) runSessions(runCtx, hard context.Context) error {
	ctx, abort := context.WithCancelCause(runCtx)
	defer abort(nil)
	e.abort = abort
	defer e.followSubjects(ctx)()
	restarts := 0
	for {
		acked := e.stats.acknowledged.Load()
		e.health.assigned.Store(false) // a new client joins the group first
		var err error
		if e.cfg.exactlyOnce {
			err = e.runTransact(ctx, hard)
		} else {
			err = e.runAtLeastOnce(ctx, hard)
		}
		if runCtx.Err() == nil && ctx.Err() != nil {
			return errors.Join(context.Cause(ctx), err) // aborted: configuration that cannot work
		}
		var re *restartError
		if !errors.As(err, &re) {
			return err
		}
		if ctx.Err() != nil {
			return nil // stopping anyway; the records not committed are processed again
		}
		if e.stats.acknowledged.Load() > acked {
			restarts = 0
		}
		restarts++
		if restarts > maxRestarts {
			return fmt.Errorf("stream: %d client rebuilds in a row made no progress, giving up: %w", maxRestarts, re.err)
		}
		e.log.Error("unrecoverable Kafka client state; rebuilding the client and rejoining the group from committed offsets",
			"err", re.err, "attempt", restarts)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Duration(restarts-1) * time.Second):
		}
		e.health.stopping.Store(ctx.Err() != nil)
	}
}

// restartError ends a client session that cannot recover by itself; Run
// rebuilds the client.
type restartError struct{ err error }

func (r *restartError) Error() string { return r.err.Error() }
func (r *restartError) Unwrap() error { return r.err }

// needsNewClient reports whether err is a state a client never leaves: a
// topic deleted and recreated (or a broker replaced) under it.
func needsNewClient(err error) bool { return errors.Is(err, kerr.UnknownTopicID) }

// clientOpts returns the client options both modes share.
func (e *Engine) clientOpts() []kgo.Opt {
	c := &e.cfg
	codec, _ := c.codec() // validated in New
	opts := append(e.connOpts(),
		kgo.ConsumerGroup(c.group),
		kgo.ConsumeTopics(c.inTopics...),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		// Kafka's own consumer default; franz-go's 5s would leave a newly
		// assigned partition unfetched for up to 5s while an idle fetch
		// of the others waits.
		kgo.FetchMaxWait(500*time.Millisecond),
		kgo.SessionTimeout(c.sessionTimeout),
		kgo.HeartbeatInterval(c.heartbeat()),
		kgo.ProducerBatchCompression(codec),
		kgo.ProducerBatchMaxBytes(c.batchMaxBytes),
		kgo.RecordPartitioner(newPartitioner()),
		kgo.MaxBufferedRecords(max(10000, 4*c.maxInFlight)),
		kgo.OnPartitionsAssigned(e.onAssigned),
	)
	return append(opts, c.kgoExtra...)
}

// connOpts returns the options of every client of the engine: where the
// brokers are, who it is and how it authenticates.
func (e *Engine) connOpts() []kgo.Opt {
	c := &e.cfg
	mech, _ := c.mechanism() // validated in New
	opts := []kgo.Opt{
		kgo.SeedBrokers(c.brokers...),
		kgo.ClientID(c.clientID),
		kgo.WithLogger(kgoLogger{e.log}),
		kgo.WithHooks(groupHook{e}),
	}
	if c.tls != nil {
		opts = append(opts, kgo.Dialer(e.dialTLS))
	}
	if mech != nil {
		opts = append(opts, kgo.SASL(mech))
	}
	return opts
}

// setClient publishes Run's current client.
func (e *Engine) setClient(cl *kgo.Client) {
	e.clientMu.Lock()
	e.client = cl
	e.clientMu.Unlock()
	e.readyOnce.Do(func() { close(e.clientReady) })
}

func (e *Engine) currentClient() *kgo.Client {
	e.clientMu.Lock()
	defer e.clientMu.Unlock()
	return e.client
}

func (e *Engine) onAssigned(_ context.Context, _ *kgo.Client, assigned map[string][]int32) {
	e.metrics.rebalances.Inc()
	e.stats.rebalances.Add(1)
	n := 0
	for _, ps := range assigned {
		n += len(ps)
	}
	e.log.Info("partitions assigned", "count", n)
	e.health.assigned.Store(true) // also when empty: the group gave this member nothing
}

// onLost forgets partitions the group took away without a revoke: the
// engine is not ready until it is assigned again.
func (e *Engine) onLost(_ context.Context, _ *kgo.Client, lost map[string][]int32) {
	e.health.assigned.Store(false)
	e.dropLag(lost)
}

// groupHook follows the client's group membership for readiness, and its
// SASL authentications and TLS handshakes.
type groupHook struct{ e *Engine }

var (
	_ kgo.HookGroupManageError = groupHook{}
	_ kgo.HookBrokerRead       = groupHook{}
	_ kgo.HookBrokerConnect    = groupHook{}
)

// maxSecurityFailures is how many SASL authentications or TLS handshakes may
// fail in a row before Run stops with an error: credentials, a mechanism,
// a listener or a certificate that cannot work do not start working by
// retrying.
const maxSecurityFailures = 5

// Security failures, with what to check.
const (
	saslFailed = "SASL authentication failed: check the mechanism, user and password, and that the broker listener uses SASL"
	tlsFailed  = "TLS handshake failed: check that the broker listener uses TLS and that its certificate is trusted (CA file, server name)"
)

// OnBrokerRead counts a failed SASL exchange (a broker without SASL closes
// the connection: EOF) and clears the count once a request past
// authentication is answered.
func (h groupHook) OnBrokerRead(_ kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, err error) {
	switch key {
	case int16(kmsg.SASLHandshake), int16(kmsg.SASLAuthenticate):
		if err != nil {
			h.e.securityFailed(saslFailed, err)
		}
	case int16(kmsg.ApiVersions):
	default:
		if err == nil {
			h.e.securityFailures.Store(0)
		}
	}
}

// OnBrokerConnect counts a connection the broker refused to authenticate,
// and, with TLS, a connection whose handshake failed.
func (h groupHook) OnBrokerConnect(_ kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	switch {
	case errors.Is(err, kerr.SaslAuthenticationFailed) || errors.Is(err, kerr.UnsupportedSaslMechanism) ||
		errors.Is(err, kerr.IllegalSaslState):
		h.e.securityFailed(saslFailed, err)
	case errors.As(err, new(*handshakeError)):
		h.e.securityFailed(tlsFailed, err)
	}
}

// handshakeError is a TLS handshake that failed on a TCP connection the
// broker accepted: not a broker down, but a listener without TLS (a real
// Kafka closes it: EOF; kfake waits: a timeout) or a certificate not trusted.
type handshakeError struct{ err error }

func (h *handshakeError) Error() string { return "TLS handshake: " + h.err.Error() }
func (h *handshakeError) Unwrap() error { return h.err }

// dialTLS connects to host, then runs the TLS handshake, both within the
// dial timeout; a failed handshake is a handshakeError.
func (e *Engine) dialTLS(ctx context.Context, network, host string) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, e.cfg.dialTimeout)
	defer cancel()
	raw, err := (&net.Dialer{}).DialContext(ctx, network, host)
	if err != nil {
		return nil, err
	}
	cfg := e.cfg.tls.Clone()
	if cfg.ServerName == "" {
		if cfg.ServerName, _, err = net.SplitHostPort(host); err != nil {
			_ = raw.Close()
			return nil, fmt.Errorf("unable to split host:port for dialing: %w", err)
		}
	}
	c := tls.Client(raw, cfg)
	if err := c.HandshakeContext(ctx); err != nil {
		_ = raw.Close()
		if errors.Is(context.Cause(ctx), context.Canceled) {
			return nil, err // the client is closing
		}
		return nil, &handshakeError{err}
	}
	return c, nil
}

// securityFailed logs a failed SASL authentication or TLS handshake as an
// error and stops Run after maxSecurityFailures in a row.
func (e *Engine) securityFailed(what string, err error) {
	n := e.securityFailures.Add(1)
	args := []any{"err", err}
	if what == saslFailed {
		args = append(args, "mechanism", strings.ToLower(e.cfg.saslMechanism))
	}
	e.log.Error(what, args...)
	if n == maxSecurityFailures && e.abort != nil {
		problem, _, _ := strings.Cut(what, ":")
		if what == saslFailed {
			problem = "SASL " + strings.ToLower(e.cfg.saslMechanism) + " authentication failed"
		}
		e.abort(fmt.Errorf("stream: %s %d times in a row (last: %w); check the security configuration", problem, n, err))
	}
}

// OnGroupManageError is called when the group session broke: the member
// rejoins and is not ready until it is assigned again.
func (h groupHook) OnGroupManageError(error) { h.e.health.assigned.Store(false) }

// setLag records one partition's lag from a fetch.
func (e *Engine) setLag(tp topicPartition, lag int64) {
	if lag < 0 {
		lag = 0
	}
	e.lagMu.Lock()
	e.lag[tp] = lag
	e.metrics.setPartitionLag(tp, lag)
	var sum int64
	for _, v := range e.lag {
		sum += v
	}
	e.lagMu.Unlock()
	e.metrics.lag.Set(float64(sum))
}

// dropLag forgets partitions this instance no longer owns.
func (e *Engine) dropLag(parts map[string][]int32) {
	e.lagMu.Lock()
	for t, ps := range parts {
		for _, p := range ps {
			delete(e.lag, topicPartition{t, p})
			e.metrics.dropPartitionLag(topicPartition{t, p})
		}
	}
	var sum int64
	for _, v := range e.lag {
		sum += v
	}
	e.lagMu.Unlock()
	e.metrics.lag.Set(float64(sum))
}

func (e *Engine) clearLag() {
	e.lagMu.Lock()
	clear(e.lag)
	e.metrics.partitionLag.Reset()
	e.lagMu.Unlock()
	e.metrics.lag.Set(0)
}
