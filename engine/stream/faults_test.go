package stream

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
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

// replaceBroker closes b and starts a fresh broker (no data: new topic ids,
// no groups, no offsets) on the same address.
func replaceBroker(t *testing.T, b *broker.Broker) *broker.Broker {
	t.Helper()
	addr := b.Addrs()[0]
	b.Close()
	return startBrokerOn(t, addr)
}

// startBrokerOn starts a broker on addr, retrying while the address is
// still taken by one just closed.
func startBrokerOn(t *testing.T, addr string, opts ...broker.Opt) *broker.Broker {
	t.Helper()
	opts = append([]broker.Opt{broker.Addr(addr),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500 * time.Millisecond))}, opts...)
	var b *broker.Broker
	require.Eventually(t, func() bool {
		var err error
		b, err = broker.Start(context.Background(), opts...)
		return err == nil
	}, 10*time.Second, 50*time.Millisecond, "restart the broker on %s", addr)
	t.Cleanup(b.Close)
	return b
}

// TestBrokerReplacedResumes replaces the broker under a running engine with a
// new one whose topics have new ids: the engine rebuilds its client, rejoins
// and processes what is produced to the new broker.
func TestBrokerReplacedResumes(t *testing.T) {
	modes := map[string]bool{"at-least-once": false, "exactly-once": true}
	for name, eos := range modes {
		t.Run(name, func(t *testing.T) {
			b1 := startBrokerFull(t)
			addr := b1.Addrs()[0]
			r := start(t, upper{}, testOpts(addr, ExactlyOnce(eos))...)
			srv := httptest.NewServer(r.e.Handler())
			defer srv.Close()

			msgs := inputs(40, 4)
			produce(t, addr, DefaultInTopic, msgs[:20])
			waitCount(t, addr, DefaultOutTopic, 20)

			replaceBroker(t, b1)
			produce(t, addr, DefaultInTopic, msgs[20:])
			waitCount(t, addr, DefaultOutTopic, 20)
			got := countIDs(flat(readAll(t, addr, DefaultOutTopic)))
			for _, id := range ids(msgs[20:]) {
				assert.GreaterOrEqual(t, got[id], 1, "id %s", id)
			}
			require.Eventually(t, func() bool { c, _ := probe(t, srv, "/readyz"); return c == http.StatusOK },
				10*time.Second, 10*time.Millisecond, "ready again on the new broker")
			select {
			case err := <-r.done:
				t.Fatalf("engine stopped: %v", err)
			default:
			}
			require.NoError(t, r.stop())
		})
	}
}

// cutDialer dials normally until cut, then closes every connection it made
// and refuses new ones: a client behind it stops like a killed process,
// without leaving its group.
type cutDialer struct {
	mu    sync.Mutex
	cut   bool
	conns []net.Conn
}

func (d *cutDialer) dial(ctx context.Context, network, host string) (net.Conn, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cut {
		return nil, errors.New("cut")
	}
	c, err := (&net.Dialer{}).DialContext(ctx, network, host)
	if err == nil {
		d.conns = append(d.conns, c)
	}
	return c, err
}

func (d *cutDialer) kill() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.cut = true
	for _, c := range d.conns {
		_ = c.Close()
	}
}

// member joins group on addr and returns once it holds partitions.
func member(t *testing.T, addr string, session time.Duration, more ...kgo.Opt) *kgo.Client {
	t.Helper()
	assigned := make(chan struct{}, 1)
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(addr), kgo.ConsumerGroup(DefaultGroup),
		kgo.ConsumeTopics(DefaultInTopic), kgo.SessionTimeout(session), kgo.HeartbeatInterval(session / 10),
		kgo.OnPartitionsAssigned(func(context.Context, *kgo.Client, map[string][]int32) {
			select {
			case assigned <- struct{}{}:
			default:
			}
		})}, more...)...)
	require.NoError(t, err)
	t.Cleanup(cl.Close)
	go func() {
		for cl.Context().Err() == nil {
			cl.PollFetches(cl.Context())
		}
	}()
	select {
	case <-assigned:
	case <-time.After(20 * time.Second):
		t.Fatal("member never assigned")
	}
	return cl
}

// TestReadinessMeansProgress drives each readiness state: waiting for an
// assignment (a killed member still holds the group), assigned nothing
// while another member holds every partition, and fetches failing.
func TestReadinessMeansProgress(t *testing.T) {
	ready := func(e *Engine) bool { return e.Health().Ready }

	t.Run("not ready until assigned", func(t *testing.T) {
		addr := startBroker(t)
		var d cutDialer
		member(t, addr, 3*time.Second, kgo.Dialer(d.dial))
		d.kill() // like SIGKILL: its session holds the partitions for 3s

		r := start(t, upper{}, testOpts(addr)...)
		require.Eventually(t, func() bool { return r.e.health.brokerOK.Load() }, 5*time.Second, 5*time.Millisecond)
		deadline := time.Now().Add(time.Second)
		for time.Now().Before(deadline) {
			require.False(t, ready(r.e), "ready while the group has not assigned it anything")
			time.Sleep(10 * time.Millisecond)
		}
		require.Eventually(t, func() bool { return ready(r.e) }, 15*time.Second, 10*time.Millisecond,
			"ready once the dead member's session expired and partitions are assigned")
		produce(t, addr, DefaultInTopic, inputs(10, 2))
		waitCount(t, addr, DefaultOutTopic, 10)
	})

	t.Run("ready with nothing assigned", func(t *testing.T) {
		addr := startBroker(t, broker.Partitions(1))
		member(t, addr, time.Second) // alive: keeps the only partition
		r := start(t, upper{}, testOpts(addr)...)
		require.Eventually(t, func() bool { return ready(r.e) }, 15*time.Second, 10*time.Millisecond,
			"a member the group assigned nothing is ready")
	})

	t.Run("not ready while fetches fail", func(t *testing.T) {
		b := startBrokerFull(t)
		addr := b.Addrs()[0]
		r := start(t, upper{}, testOpts(addr, withKgoOpts(kgo.DisableFetchSessions()))...)
		require.Eventually(t, func() bool { return ready(r.e) }, 15*time.Second, 10*time.Millisecond)

		var failing atomic.Bool
		failing.Store(true)
		b.Cluster().ControlKey(int16(kmsg.Fetch), func(req kmsg.Request) (kmsg.Response, error, bool) {
			b.Cluster().KeepControl()
			if !failing.Load() {
				return nil, nil, false
			}
			return fetchError(req.(*kmsg.FetchRequest), kerr.TopicAuthorizationFailed), nil, true
		})
		require.Eventually(t, func() bool { return !ready(r.e) }, 10*time.Second, 5*time.Millisecond,
			"not ready while fetches fail")
		assert.Equal(t, ErrKindFetch, r.e.Health().LastError)

		failing.Store(false)
		require.Eventually(t, func() bool { return ready(r.e) }, 10*time.Second, 10*time.Millisecond,
			"ready again once fetches succeed")
	})
}

// fetchError answers every partition of req with err.
func fetchError(req *kmsg.FetchRequest, err *kerr.Error) *kmsg.FetchResponse {
	resp := req.ResponseKind().(*kmsg.FetchResponse)
	for _, rt := range req.Topics {
		t := kmsg.NewFetchResponseTopic()
		t.Topic, t.TopicID = rt.Topic, rt.TopicID
		for _, rp := range rt.Partitions {
			p := kmsg.NewFetchResponseTopicPartition()
			p.Partition = rp.Partition
			p.ErrorCode = err.Code
			p.HighWatermark, p.LastStableOffset, p.LogStartOffset = -1, -1, -1
			t.Partitions = append(t.Partitions, p)
		}
		resp.Topics = append(resp.Topics, t)
	}
	return resp
}

// TestSASLAgainstPlainBrokerFailsFast configures SASL against a broker
// without it: every failure is an ERROR and Run stops with an error after a
// bounded number of attempts.
func TestSASLAgainstPlainBrokerFailsFast(t *testing.T) {
	modes := map[string]bool{"at-least-once": false, "exactly-once": true}
	for name, eos := range modes {
		t.Run(name, func(t *testing.T) {
			addr := startBroker(t)
			var buf syncBuffer
			log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
			r := start(t, upper{}, testOpts(addr, ExactlyOnce(eos), SASL("scram-sha-256", "svc", "s3cret-pw"), Logger(log))...)
			err := r.wait(t, 30*time.Second)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "SASL scram-sha-256 authentication failed")
			assert.False(t, r.e.Health().Live)
			logs := buf.String()
			assert.Contains(t, logs, `level=ERROR msg="SASL authentication failed`)
			assert.NotContains(t, logs, "s3cret-pw", "no secret in logs")
		})
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
