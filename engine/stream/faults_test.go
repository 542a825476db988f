package stream

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/piiguard/piiguard/engine/broker"
)

// replaceBroker closes b and starts a fresh broker (no data: new topic ids,
// no groups, no offsets) on the same address.
func replaceBroker(t *testing.T, b *broker.Broker) *broker.Broker {
	t.Helper()
	addr := b.Addrs()[0]
	b.Close()
	var b2 *broker.Broker
	require.Eventually(t, func() bool {
		var err error
		b2, err = broker.Start(context.Background(), broker.Addr(addr),
			broker.ClusterOpts(kfake.GroupMinSessionTimeout(500*time.Millisecond)))
		return err == nil
	}, 10*time.Second, 50*time.Millisecond, "restart the broker on %s", addr)
	t.Cleanup(b2.Close)
	return b2
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
