package stream

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine/broker"
)

// outage is how long TestBrokerOutageThenBack keeps the broker down.
const outage = 2 * time.Second

// TestBrokerOutageThenBack stops the broker under a running engine, with
// records in flight, and starts it again on the same address with the same
// data (topics, ids, groups, offsets and transactions kept on disk) a few
// seconds later. The engine is not ready while the broker is down and ready
// again after; no record is lost, and none is duplicated in exactly-once
// mode.
func TestBrokerOutageThenBack(t *testing.T) {
	modes := map[string]bool{"at-least-once": false, "exactly-once": true}
	for name, eos := range modes {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			b := startBrokerFull(t, broker.DataDir(dir))
			addr := b.Addrs()[0]
			r := start(t, upper{delay: 2 * time.Millisecond}, testOpts(addr, ExactlyOnce(eos), MaxInFlight(40))...)
			srv := httptest.NewServer(r.e.Handler())
			defer srv.Close()
			ready := func() bool { c, _ := probe(t, srv, "/readyz"); return c == http.StatusOK }

			msgs := inputs(400, 12)
			produce(t, addr, DefaultInTopic, msgs[:200])
			require.Eventually(t, ready, 15*time.Second, 10*time.Millisecond, "ready before the outage")
			require.Eventually(t, func() bool { return r.e.Stats().Acknowledged >= 20 }, 15*time.Second, 5*time.Millisecond)

			b.Close() // mid-stream: records are in flight
			require.Eventually(t, func() bool { return !ready() }, 5*time.Second, 10*time.Millisecond,
				"not ready once the broker is gone")
			for end := time.Now().Add(outage); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
				require.False(t, ready(), "ready while the broker is down")
			}
			select {
			case err := <-r.done:
				t.Fatalf("engine stopped during the outage: %v", err)
			default:
			}

			startBrokerOn(t, addr, broker.DataDir(dir))
			require.Eventually(t, ready, 20*time.Second, 10*time.Millisecond, "ready once the broker is back")
			produce(t, addr, DefaultInTopic, msgs[200:])
			waitAllCommitted(t, addr, total(endOffsets(t, addr, DefaultInTopic)))
			require.NoError(t, r.stop())
			assertDelivered(t, addr, msgs, eos)
		})
	}
}
