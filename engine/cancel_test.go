package engine

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine/stream"
)

// doneAfter is a context that reports itself cancelled from its n-th Err call on, and counts the calls.
type doneAfter struct {
	context.Context
	n, calls atomic.Int64
}

func (c *doneAfter) Err() error {
	if c.calls.Add(1) >= c.n.Load() {
		return context.Canceled
	}
	return nil
}

// TestProcessStopsWhenContextIsDone checks that a record whose context ends mid-scan is rejected as scan_timeout
// and that the scan stops at its next check: no rule runs after the context is done.
func TestProcessStopsWhenContextIsDone(t *testing.T) {
	p := testPipeline(t)
	rec := `{"id":"r1","channel":"chat","language":"de","messages":[{"from":"customer","at":"x","text":"` +
		strings.Repeat("Ich bin Laurits Andresen, IBAN DE89 3704 0044 0532 0130 00. ", 300) + `"}]}`
	ctx := &doneAfter{Context: context.Background()}
	ctx.n.Store(20)
	_, err := p.ProcessRecordContext(ctx, []byte(rec))
	var pe stream.ProcessError
	require.True(t, errors.As(err, &pe), "got %v", err)
	assert.Equal(t, ReasonScanTimeout, pe.Reason)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int64(20), ctx.calls.Load(), "the scan went on after its context was done")
	assert.NotContains(t, err.Error(), "Andresen")

	out, err := p.ProcessRecordContext(context.Background(), []byte(rec))
	require.NoError(t, err)
	assert.NotContains(t, string(out.Output), "Andresen")
}
