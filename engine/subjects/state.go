// Package subjects is the state of data subjects (customers) kept in the compacted subject-state topic: what an
// objection, a restriction or an erasure request changed, and how later records of that subject are routed.
// It holds only pseudonyms (tokens), never a raw identifier. See DESIGN.md, "Subjects".
package subjects

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The states a subject can be in. The zero State ("") is a subject nothing is known about.
const (
	// Objected: the customer objected to processing for Purpose (marketing, or all processing).
	Objected = "objected"
	// Restricted: the customer asked for the processing to be restricted (GDPR art. 18).
	Restricted = "restricted"
	// ErasureRequested: the customer asked for their data to be erased (GDPR art. 17).
	ErasureRequested = "erasure_requested"
	// Lifted: a data-protection officer ended the state with a reason; the events it rested on stay listed and
	// do not raise it again when their records are processed again.
	Lifted = "lifted"
)

// Purposes of an objection.
const (
	PurposeMarketing = "marketing"
	PurposeAll       = "all"
)

// Compliance event kinds that change a subject's state.
const (
	KindObjection          = "objection"
	KindRestrictionRequest = "restriction_request"
	KindErasureRequest     = "erasure_request"
	KindConsentWithdrawn   = "consent_withdrawn"
)

// MaxEventIDs bounds the event ids one state keeps (the newest are kept), so that a subject who repeats an
// objection in every call does not grow its record without end. Default 64.
const MaxEventIDs = 64

// State is one subject token's state: the value of its record in the subject-state topic.
type State struct {
	// State is Objected, Restricted, ErasureRequested or Lifted.
	State string `json:"state"`
	// Purpose is what an objection is to: PurposeMarketing or PurposeAll; empty for the other states.
	Purpose string `json:"purpose,omitempty"`
	// Since is when the subject entered this state (the observation time of the event that raised it, or the
	// time of the lift).
	Since time.Time `json:"since"`
	// EventIDs are the compliance events the state rests on, oldest first.
	EventIDs []string `json:"event_ids"`
	// RulesVersion is the rules version of the detection that raised the state.
	RulesVersion string `json:"rules_version,omitempty"`
	// Reason is a lift's reason, as the data-protection officer gave it.
	Reason string `json:"reason,omitempty"`
}

// Change returns the state a compliance event raises, and false when the event changes no state: an objection
// to contact or a mailing list (rule ids *.objection.contact, *.objection.list) or with topic marketing is to
// marketing; any other objection (*.objection.processing, unknown rules) is to all processing; a withdrawn
// consent to marketing is an objection to marketing, a withdrawn recording consent changes no state (it is
// about that call), and any other withdrawal is an objection to all processing; restriction and erasure
// requests give Restricted and ErasureRequested.
func Change(kind, rule, topic, eventID, rulesVersion string, at time.Time) (State, bool) {
	s := State{Since: at.UTC(), EventIDs: []string{eventID}, RulesVersion: rulesVersion}
	switch kind {
	case KindObjection:
		s.State, s.Purpose = Objected, PurposeAll
		if topic == PurposeMarketing || strings.Contains(rule, ".objection.contact") || strings.Contains(rule, ".objection.list") {
			s.Purpose = PurposeMarketing
		}
	case KindConsentWithdrawn:
		if topic == "recording" || strings.Contains(rule, ".withdrawn.recording") {
			return State{}, false
		}
		s.State, s.Purpose = Objected, PurposeAll
		if topic == PurposeMarketing {
			s.Purpose = PurposeMarketing
		}
	case KindRestrictionRequest:
		s.State = Restricted
	case KindErasureRequest:
		s.State = ErasureRequested
	default:
		return State{}, false
	}
	return s, true
}

// rank orders states by how much they withhold.
func (s State) rank() int {
	switch s.State {
	case ErasureRequested:
		return 4
	case Restricted:
		return 3
	case Objected:
		if s.Purpose == PurposeMarketing {
			return 1
		}
		return 2
	}
	return 0
}

// Withheld reports whether records of a subject in state s stay out of analytics: an objection to all
// processing, a restriction or an erasure request.
func (s State) Withheld() bool { return s.rank() >= 2 }

// Active reports whether s is a state at all (not unknown, not lifted).
func (s State) Active() bool { return s.rank() > 0 }

// Merge returns old with the change ch applied: the stronger of the two states (erasure requested, restricted,
// objected to all, objected to marketing), resting on the event ids of both. Applying a change twice gives the
// same state, so a record processed again changes nothing. A change whose events were all lifted already leaves
// a lifted state as it is. Merge reports whether the result differs from old.
func Merge(old, ch State) (State, bool) {
	if old.State == Lifted && containsAll(old.EventIDs, ch.EventIDs) {
		return old, false
	}
	var out State
	switch {
	case !old.Active() || ch.rank() > old.rank():
		out = ch
		if old.Active() {
			out.EventIDs = union(old.EventIDs, ch.EventIDs)
		} else {
			out.EventIDs = slices.Clone(ch.EventIDs)
		}
	default:
		out = old
		out.EventIDs = union(old.EventIDs, ch.EventIDs)
	}
	return out, !out.equal(old)
}

// Lift returns the lifted state of old, with the reason and time; old's event ids stay.
func Lift(old State, reason string, at time.Time) State {
	return State{State: Lifted, Since: at.UTC(), EventIDs: slices.Clone(old.EventIDs), RulesVersion: old.RulesVersion,
		Reason: reason}
}

func (s State) equal(o State) bool {
	return s.State == o.State && s.Purpose == o.Purpose && s.Since.Equal(o.Since) && s.RulesVersion == o.RulesVersion &&
		s.Reason == o.Reason && slices.Equal(s.EventIDs, o.EventIDs)
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if len(out) > MaxEventIDs {
		out = out[len(out)-MaxEventIDs:]
	}
	return out
}

func containsAll(have, want []string) bool {
	for _, id := range want {
		if !slices.Contains(have, id) {
			return false
		}
	}
	return true
}

// Marshal encodes s as the JSON value of its subject-state record.
func (s State) Marshal() ([]byte, error) { return json.Marshal(s) }

// Unmarshal decodes a subject-state record's value. Its errors never quote the value.
func Unmarshal(b []byte) (State, error) {
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return State{}, errors.New("subjects: state value is not valid JSON")
	}
	switch s.State {
	case Objected:
		if s.Purpose != PurposeMarketing && s.Purpose != PurposeAll {
			return State{}, fmt.Errorf("subjects: objection purpose %q is not %s or %s", s.Purpose, PurposeMarketing, PurposeAll)
		}
	case Restricted, ErasureRequested, Lifted:
	default:
		return State{}, fmt.Errorf("subjects: unknown state %q", s.State)
	}
	return s, nil
}

// Headers of a routed record.
const (
	// HeaderState names the subject's state on a record withheld or tagged because of it.
	HeaderState = "piiguard-subject-state"
	// HeaderEvents lists the event ids the state rests on, comma-separated.
	HeaderEvents = "piiguard-subject-events"
	// HeaderObjection names the purpose of an objection: marketing or all.
	HeaderObjection = "piiguard-objection"
)

// Route is what a subject's state does to one of its records.
type Route struct {
	// Withheld records go to the restricted topic instead of analytics.
	Withheld bool
	// Headers are added to the record, as key/value pairs.
	Headers [][2]string
}

// RouteOf returns the route of a record whose subject is in state s: withheld (objected to all processing,
// restricted, erasure requested) or tagged (objected to marketing), with headers naming the state and its
// events; nothing for an unknown or lifted state.
func RouteOf(s State) Route {
	if !s.Active() {
		return Route{}
	}
	r := Route{Withheld: s.Withheld(), Headers: [][2]string{
		{HeaderState, s.State},
		{HeaderEvents, strings.Join(s.EventIDs, ",")},
	}}
	if s.State == Objected {
		r.Headers = append(r.Headers, [2]string{HeaderObjection, s.Purpose})
	}
	return r
}
