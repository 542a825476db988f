package engine

import "time"

// Event is one compliance statement found in a record: the DESIGN.md compliance-event contract.
// Statement is the sentence the statement was found in, itself redacted by the policy. No field holds a
// personal value: Speaker is a role ("customer", "agent") or a neutral label, never a name or an address.
type Event struct {
	EventID  string `json:"event_id"`
	RecordID string `json:"record_id"`
	// Kind is one of the statement kinds, or recording_consent for a call's summary.
	Kind     string `json:"kind"`
	Language string `json:"language,omitempty"`
	Speaker  string `json:"speaker,omitempty"`
	Path     string `json:"path,omitempty"`
	// StartMS is the statement's position in a call; At the time of a chat message.
	StartMS   *int64 `json:"start_ms,omitempty"`
	At        string `json:"at,omitempty"`
	Statement string `json:"statement,omitempty"`
	// Status is the recording_consent summary's verdict: given, refused, withdrawn, asked_unanswered, not_asked.
	Status string `json:"status,omitempty"`
	// Topic is what a consent is about (recording, marketing, processing, …) when the rules say.
	Topic        string    `json:"topic,omitempty"`
	Rule         string    `json:"rule,omitempty"`
	RulesVersion string    `json:"rules_version"`
	Confidence   float64   `json:"confidence"`
	ObservedAt   time.Time `json:"observed_at"`
}
