package stream

import (
	"context"
	"time"

	"github.com/piiguard/piiguard/engine/subjects"
)

// Processor turns one input record into its outputs. It is pure and safe for
// concurrent use.
type Processor interface {
	Process(ctx context.Context, in Input) (Output, error)
}

// ProcessorFunc adapts a function to the Processor interface.
type ProcessorFunc func(ctx context.Context, in Input) (Output, error)

// Process calls f(ctx, in).
func (f ProcessorFunc) Process(ctx context.Context, in Input) (Output, error) { return f(ctx, in) }

var _ Processor = ProcessorFunc(nil)

// Header is one Kafka record header.
type Header struct {
	Key   string
	Value []byte
}

// Input is one consumed record, as the processor sees it.
type Input struct {
	Topic     string
	Partition int32
	Offset    int64
	Key       []byte
	Value     []byte
	Headers   []Header
	Timestamp time.Time
}

// Output is everything one input record turns into.
type Output struct {
	// Key and Value are the redacted record; Key is already pseudonymised
	// by the processor when it is personal.
	Key, Value []byte
	// Headers are added to the redacted record (classification headers
	// etc.). The input's own headers are not copied: they are unscanned.
	Headers []Header
	// Compliance holds compliance events, each produced to the compliance
	// topic.
	Compliance []Message
	// Detections counts findings by entity type, for metrics (action "unknown"); DetectionActions, when
	// not nil, is used instead.
	Detections map[string]int
	// DetectionActions counts findings by entity type and the policy action taken, for metrics.
	DetectionActions map[Detection]int
	// EventKinds counts compliance events by kind, for metrics.
	EventKinds map[string]int
	// Subject holds the tokens of the customer's linking identifiers in the record (DESIGN.md, "Subjects"):
	// the engine routes the record by their state in the subject-state topic.
	Subject []string
	// StateChanges are the subject-state changes the record's statements raise (objections, restriction and
	// erasure requests, withdrawals), applied to every token of Subject before the record is routed.
	StateChanges []subjects.State
}

// Detection is one entity type and the policy action taken on its findings (pseudonymise, mask, redact,
// generalise, drop, keep).
type Detection struct{ Type, Action string }

// Message is one extra record to produce, keyed as given.
type Message struct {
	Key, Value []byte
	Headers    []Header
}

// ProcessError is the error a Processor returns for a record it cannot
// process. Reason is a short stable code such as "invalid_json",
// "invalid_utf8", "too_large", "scan_timeout", "mime" — never a personal value.
// The record goes to the dead-letter topic with Reason in its piiguard-reason
// header.
//
// Return it as a value or a pointer. Error reports the Reason only, never
// Err's text, which may quote the record.
type ProcessError struct {
	Reason string
	Err    error
}

// Error returns "piiguard: record rejected: " and the reason code.
func (e ProcessError) Error() string { return "piiguard: record rejected: " + e.Reason }

// Unwrap returns the wrapped error.
func (e ProcessError) Unwrap() error { return e.Err }

var (
	_ error = ProcessError{}
	_ error = (*ProcessError)(nil)
)
