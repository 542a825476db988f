package engine

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/policy"
	"github.com/piiguard/piiguard/engine/stream"
	"github.com/piiguard/piiguard/engine/subjects"
)

// StreamProcessor adapts a Pipeline to the stream runtime: one consumed record in, its redacted record, headers
// and compliance messages out.
type StreamProcessor struct {
	p *Pipeline
}

var _ stream.Processor = (*StreamProcessor)(nil)

// NewStreamProcessor returns the stream processor of p.
func NewStreamProcessor(p *Pipeline) *StreamProcessor { return &StreamProcessor{p: p} }

// Process implements stream.Processor.
func (s *StreamProcessor) Process(ctx context.Context, in stream.Input) (stream.Output, error) {
	res, err := s.p.ProcessRecordContext(ctx, in.Value)
	if err != nil {
		return stream.Output{}, err
	}
	key, err := s.p.redactKey(in.Key)
	if err != nil {
		return stream.Output{}, err
	}
	out := stream.Output{Key: key, Value: res.Output, Detections: map[string]int{},
		DetectionActions: map[stream.Detection]int{}, EventKinds: map[string]int{}}
	for _, h := range res.Classification.Headers() {
		out.Headers = append(out.Headers, stream.Header{Key: h[0], Value: []byte(h[1])})
	}
	for _, f := range res.Findings {
		out.Detections[f.Type]++
		out.DetectionActions[stream.Detection{Type: f.Type, Action: f.Action}]++
	}
	for _, ev := range res.Events {
		v, err := json.Marshal(ev)
		if err != nil {
			return stream.Output{}, stream.ProcessError{Reason: ReasonEncode, Err: err}
		}
		out.Compliance = append(out.Compliance, stream.Message{Key: []byte(ev.RecordID), Value: v,
			Headers: []stream.Header{{Key: "piiguard-kind", Value: []byte(ev.Kind)}}})
		out.EventKinds[ev.Kind]++
		if ch, ok := subjects.Change(ev.Kind, ev.Rule, ev.Topic, ev.EventID, ev.RulesVersion, ev.ObservedAt); ok {
			out.StateChanges = append(out.StateChanges, ch)
		}
	}
	for _, toks := range res.Subject {
		out.Subject = append(out.Subject, toks...)
	}
	slices.Sort(out.Subject)
	return out, nil
}

// redactKey keeps a record key that holds no personal data and pseudonymises the values in one that does, so
// records of one customer still land in one partition without the key revealing who it is.
func (p *Pipeline) redactKey(key []byte) ([]byte, error) {
	if len(key) == 0 {
		return key, nil
	}
	fs, err := p.scanner.Scan(string(key))
	if err != nil {
		return nil, stream.ProcessError{Reason: ReasonScanTimeout, Err: err}
	}
	if len(fs) == 0 {
		return key, nil
	}
	k := string(key)
	for i := len(fs) - 1; i >= 0; i-- {
		f := fs[i]
		value := k[f.Start:f.End]
		if f.Spoken {
			value = detectors.WrittenForm(value)
		}
		d := policy.Decision{Action: policy.Pseudonymise}
		if f.Category == "special_category" {
			d.Action = policy.Redact
		}
		text, _ := policy.Render(d, f, value, p.tokens, "")
		k = k[:f.Start] + text + k[f.End:]
	}
	return []byte(k), nil
}
