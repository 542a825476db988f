package engine

import "time"

// WithClock sets the clock that stamps compliance events' observed_at; default time.Now. For tests.
func WithClock(now func() time.Time) Option {
	return func(p *Pipeline) { p.clock = now }
}

// now returns the time by the pipeline's clock.
func (p *Pipeline) now() time.Time {
	if p.clock != nil {
		return p.clock()
	}
	return time.Now()
}
