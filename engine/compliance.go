package engine

import "time"

// Event is one compliance statement found in a record: the DESIGN.md compliance-event contract.
// Statement is the sentence the statement was found in, itself redacted by the policy.
type Event struct {
	EventID      string    `json:"event_id"`
	RecordID     string    `json:"record_id"`
	Kind         string    `json:"kind"`
	Language     string    `json:"language,omitempty"`
	Speaker      string    `json:"speaker,omitempty"`
	Path         string    `json:"path,omitempty"`
	StartMS      *int64    `json:"start_ms,omitempty"`
	At           string    `json:"at,omitempty"`
	Statement    string    `json:"statement,omitempty"`
	Status       string    `json:"status,omitempty"`
	Rule         string    `json:"rule,omitempty"`
	RulesVersion string    `json:"rules_version"`
	Confidence   float64   `json:"confidence"`
	ObservedAt   time.Time `json:"observed_at"`
}
