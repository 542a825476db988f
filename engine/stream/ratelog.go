package stream

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// DefaultLogEvery is how often one identical warning or error is logged at
// most; the lines held back in between are counted in the next one's
// "repeated" attribute.
const DefaultLogEvery = 10 * time.Second

// rateLimited is a slog.Handler that passes a warning or error at most once
// per interval per identical level, message and attributes; lines below
// warning pass unchanged. A client stuck in a failing loop then logs a line
// per interval, not thousands per second.
type rateLimited struct {
	next   slog.Handler
	every  time.Duration
	state  *rateState // shared by the handlers derived with WithAttrs and WithGroup
	prefix string     // the attributes and groups of a derived handler, part of the key
}

type rateState struct {
	mu   sync.Mutex
	seen map[string]*rateEntry
}

type rateEntry struct {
	last time.Time
	held int
}

// maxRateKeys bounds the keys remembered; older ones are forgotten first.
const maxRateKeys = 4096

func newRateLimited(next slog.Handler, every time.Duration) *rateLimited {
	return &rateLimited{next: next, every: every, state: &rateState{seen: map[string]*rateEntry{}}}
}

func (h *rateLimited) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *rateLimited) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelWarn || h.every <= 0 {
		return h.next.Handle(ctx, r)
	}
	var b strings.Builder
	b.WriteString(h.prefix)
	b.WriteString(r.Level.String())
	b.WriteByte(0)
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, "\x00%s=%v", a.Key, a.Value)
		return true
	})
	key := b.String()
	now := time.Now()

	s := h.state
	s.mu.Lock()
	ent := s.seen[key]
	if ent != nil && now.Sub(ent.last) < h.every {
		ent.held++
		s.mu.Unlock()
		return nil
	}
	held := 0
	if ent != nil {
		held = ent.held
	}
	if len(s.seen) >= maxRateKeys {
		for k, e := range s.seen {
			if now.Sub(e.last) >= h.every {
				delete(s.seen, k)
			}
		}
		if len(s.seen) >= maxRateKeys {
			clear(s.seen)
		}
	}
	s.seen[key] = &rateEntry{last: now}
	s.mu.Unlock()

	if held > 0 {
		r = r.Clone()
		r.AddAttrs(slog.Int("repeated", held))
	}
	return h.next.Handle(ctx, r)
}

func (h *rateLimited) WithAttrs(as []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.prefix)
	for _, a := range as {
		fmt.Fprintf(&b, "%s=%v\x00", a.Key, a.Value)
	}
	return &rateLimited{next: h.next.WithAttrs(as), every: h.every, state: h.state, prefix: b.String()}
}

func (h *rateLimited) WithGroup(name string) slog.Handler {
	return &rateLimited{next: h.next.WithGroup(name), every: h.every, state: h.state, prefix: h.prefix + name + ".\x00"}
}
