package stream

import (
	"context"
	"encoding/json"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Error kinds reported in Health.LastError.
const (
	ErrKindBrokerUnreachable = "broker_unreachable"
	ErrKindFetch             = "fetch"
	ErrKindProduce           = "produce"
	ErrKindCommit            = "commit"
	ErrKindTransaction       = "transaction"
	ErrKindDrainTimeout      = "drain_timeout"
)

// Health is the engine's liveness and readiness.
type Health struct {
	// Live is false once Run has stopped with an error.
	Live bool `json:"live"`
	// Ready is true while Run is running and making progress: it is not
	// shutting down, a broker answered the last check (every 2s), the
	// group has given this engine its assignment (possibly empty, when
	// other members hold every partition), and no fetch failed in the
	// last two checks.
	Ready bool `json:"ready"`
	// LastError is the kind of the most recent error (one of the ErrKind
	// constants), or "" if there was none. It never holds a message.
	LastError string `json:"last_error,omitempty"`
}

type healthState struct {
	live, running, stopping, brokerOK atomic.Bool
	assigned                          atomic.Bool  // the group's assignment is held
	fetchErrAt                        atomic.Int64 // unix nanoseconds of the last failed fetch
	lastError                         atomic.Pointer[string]
}

// Health returns the engine's current health. It is safe to call at any time.
func (e *Engine) Health() Health {
	h := &e.health
	out := Health{
		Live: h.live.Load(),
		Ready: h.live.Load() && h.running.Load() && !h.stopping.Load() && h.brokerOK.Load() &&
			h.assigned.Load() && time.Since(time.Unix(0, h.fetchErrAt.Load())) >= 2*e.cfg.pingInterval,
	}
	if k := h.lastError.Load(); k != nil {
		out.LastError = *k
	}
	return out
}

// noteError records the kind of an error for Health.
func (e *Engine) noteError(kind string) { e.health.lastError.Store(&kind) }

// fetchFailed records a failed fetch: the engine is not ready for two
// checks.
func (e *Engine) fetchFailed() {
	e.noteError(ErrKindFetch)
	e.health.fetchErrAt.Store(time.Now().UnixNano())
}

// pingLoop checks broker reachability every pingInterval until ctx is done.
func (e *Engine) pingLoop(ctx context.Context) {
	defer e.setBrokerOK(false)
	select {
	case <-ctx.Done():
		return
	case <-e.clientReady:
	}
	every := e.cfg.pingInterval
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		pctx, cancel := context.WithTimeout(ctx, every)
		err := e.currentClient().Ping(pctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			if e.health.brokerOK.Load() {
				e.log.Warn("broker unreachable", "err", err)
			}
			e.noteError(ErrKindBrokerUnreachable)
		}
		e.setBrokerOK(err == nil)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (e *Engine) setBrokerOK(ok bool) {
	e.health.brokerOK.Store(ok)
	if ok {
		e.metrics.brokerReady.Set(1)
	} else {
		e.metrics.brokerReady.Set(0)
	}
}

// Handler serves /metrics (Prometheus), /healthz (200 while live, else 503)
// and /readyz (200 while ready, else 503); the health endpoints answer with
// the Health as JSON.
func (e *Engine) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(e.gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		h := e.Health()
		writeHealth(w, h, h.Live)
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		h := e.Health()
		writeHealth(w, h, h.Ready)
	})
	return mux
}

func writeHealth(w http.ResponseWriter, h Health, ok bool) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(h)
}
