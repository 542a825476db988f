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
	// Question is the agent's question a statement answers (a short "ja, klar" or its own words): the question's
	// turn from its start to the end of the question sentence, so an announcement before it ("das gespräch wird
	// aufgezeichnet.") is part of the wording agreed to; redacted with the same tokens as the redacted record.
	// QuestionPath is the JSON Pointer of the field where it starts, QuestionStartMS its position in a call and
	// QuestionAt the time of a chat message. All are empty when the statement answers no question.
	Question        string `json:"question,omitempty"`
	QuestionPath    string `json:"question_path,omitempty"`
	QuestionStartMS *int64 `json:"question_start_ms,omitempty"`
	QuestionAt      string `json:"question_at,omitempty"`
	// Status is the recording_consent summary's verdict: given, refused, withdrawn, asked_unanswered, not_asked.
	Status string `json:"status,omitempty"`
	// Topic is what a consent is about (recording, marketing, processing, …) when the rules say.
	Topic        string    `json:"topic,omitempty"`
	Rule         string    `json:"rule,omitempty"`
	RulesVersion string    `json:"rules_version"`
	Confidence   float64   `json:"confidence"`
	ObservedAt   time.Time `json:"observed_at"`
	// Subject is whose statement it is: the tokens of the customer's linking identifiers in the record (e-mail,
	// phone, IBAN, customer or account number) grouped by entity type, each list sorted and without repeats,
	// exactly as the redacted record carries them, so `piiguard pseudonym --type EMAIL value` finds them. It
	// leaves out what the record attributes to the agent (their turns and sender fields) and the company's own
	// mailboxes. Always present: {} when the record holds none (or the policy does not pseudonymise them).
	Subject map[string][]string `json:"subject"`
	// SubjectNames are the tokens of the names in the customer's part of the record: a weaker hint than Subject,
	// since a name alone does not link records. Omitted when there are none.
	SubjectNames []string `json:"subject_names,omitempty"`
	// BasedOn, on a recording_consent summary, names the event ids of the consent, refusal or withdrawal it
	// rests on; that event carries the question it answers. Omitted when no customer statement decides it.
	BasedOn []string `json:"based_on,omitempty"`
}
