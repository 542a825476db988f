package stream

import (
	"testing"
)

// The harness, for the tests in package stream_test that run the real
// pipeline (package engine imports this one).
var (
	StartBrokerForTest = startBroker
	ProduceForTest     = produce
	ReadAllForTest     = readAll
	WaitCountForTest   = waitCount
	TestOptsForTest    = testOpts
)

// SyncBufferForTest is a log sink safe for concurrent writes.
type SyncBufferForTest = syncBuffer

// StartForTest runs an engine in the background until the test ends; stop
// cancels it and returns Run's error.
func StartForTest(t *testing.T, p Processor, opts ...Opt) (e *Engine, stop func() error) {
	r := start(t, p, opts...)
	return r.e, r.stop
}
