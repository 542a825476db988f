package stream

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/piiguard/piiguard/engine/broker"
)

// probe GETs path and returns the status code and the decoded Health.
func probe(t *testing.T, srv *httptest.Server, path string) (int, Health) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	var h Health
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&h))
	return resp.StatusCode, h
}

func TestHealthThroughBrokerLoss(t *testing.T) {
	dir := t.TempDir()
	b1 := startBrokerFull(t, broker.DataDir(dir))
	addr := b1.Addrs()[0]

	e, err := New(upper{}, testOpts(addr)...)
	require.NoError(t, err)
	srv := httptest.NewServer(e.Handler())
	defer srv.Close()

	code, h := probe(t, srv, "/healthz")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, Health{Live: true}, h)
	code, _ = probe(t, srv, "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, code, "not ready before Run")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	require.Eventually(t, func() bool { c, _ := probe(t, srv, "/readyz"); return c == http.StatusOK },
		10*time.Second, 10*time.Millisecond)
	assert.Equal(t, 1.0, testutil.ToFloat64(e.metrics.brokerReady))

	first := inputs(40, 4)
	produce(t, addr, DefaultInTopic, first[:20])
	waitCount(t, addr, DefaultOutTopic, 20)

	b1.Close()
	require.Eventually(t, func() bool { c, _ := probe(t, srv, "/readyz"); return c == http.StatusServiceUnavailable },
		10*time.Second, 10*time.Millisecond)
	code, h = probe(t, srv, "/healthz")
	assert.Equal(t, http.StatusOK, code, "a lost broker is not a dead engine")
	assert.Equal(t, ErrKindBrokerUnreachable, h.LastError)
	assert.Equal(t, 0.0, testutil.ToFloat64(e.metrics.brokerReady))

	// The broker comes back on the same address with its data.
	b2, err := broker.Start(context.Background(), broker.Addr(addr), broker.DataDir(dir),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500*time.Millisecond)))
	require.NoError(t, err)
	defer b2.Close()
	require.Eventually(t, func() bool { c, _ := probe(t, srv, "/readyz"); return c == http.StatusOK },
		20*time.Second, 10*time.Millisecond)
	produce(t, addr, DefaultInTopic, first[20:])
	waitCount(t, addr, DefaultOutTopic, 40)
	got := countIDs(flat(readAll(t, addr, DefaultOutTopic)))
	for _, id := range ids(first) {
		assert.GreaterOrEqual(t, got[id], 1, "id %s", id)
	}

	cancel()
	require.NoError(t, <-done)
	code, _ = probe(t, srv, "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, code, "not ready after Run")
}
