package subjects

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

func TestChange(t *testing.T) {
	tests := map[string]struct {
		kind, rule, topic string
		state, purpose    string
		ok                bool
	}{
		"objection to processing":      {KindObjection, "de.objection.processing", "", Objected, PurposeAll, true},
		"objection to contact":         {KindObjection, "en.objection.contact", "", Objected, PurposeMarketing, true},
		"objection to a list":          {KindObjection, "it.objection.list", "", Objected, PurposeMarketing, true},
		"objection with topic":         {KindObjection, "x.custom", "marketing", Objected, PurposeMarketing, true},
		"objection by an unknown rule": {KindObjection, "x.custom", "", Objected, PurposeAll, true},
		"withdrawn recording":          {KindConsentWithdrawn, "de.withdrawn.recording", "", "", "", false},
		"withdrawn marketing":          {KindConsentWithdrawn, "x.withdrawn", "marketing", Objected, PurposeMarketing, true},
		"withdrawn consent":            {KindConsentWithdrawn, "de.withdrawn.consent", "", Objected, PurposeAll, true},
		"restriction":                  {KindRestrictionRequest, "de.restriction", "", Restricted, "", true},
		"erasure":                      {KindErasureRequest, "en.erasure", "", ErasureRequested, "", true},
		"access request":               {"access_request", "en.access", "", "", "", false},
		"consent given":                {"consent_given", "en.consent.data", "processing", "", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, ok := Change(tc.kind, tc.rule, tc.topic, "ev1", "v1", t0)
			require.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			assert.Equal(t, tc.state, s.State)
			assert.Equal(t, tc.purpose, s.Purpose)
			assert.Equal(t, []string{"ev1"}, s.EventIDs)
			assert.Equal(t, "v1", s.RulesVersion)
			assert.True(t, s.Since.Equal(t0))
		})
	}
}

func state(kind, rule string, id string, at time.Time) State {
	s, _ := Change(kind, rule, "", id, "v1", at)
	return s
}

func TestMerge(t *testing.T) {
	mkt := state(KindObjection, "en.objection.contact", "m", t0)
	all := state(KindObjection, "en.objection.processing", "a", t0.Add(time.Hour))
	res := state(KindRestrictionRequest, "en.restriction", "r", t0.Add(2*time.Hour))
	era := state(KindErasureRequest, "en.erasure", "e", t0.Add(3*time.Hour))
	lifted := Lift(res, "identity not verified", t0.Add(4*time.Hour))
	tests := map[string]struct {
		old, ch     State
		state, purp string
		events      []string
		since       time.Time
		changed     bool
	}{
		"first state":               {State{}, mkt, Objected, PurposeMarketing, []string{"m"}, t0, true},
		"stronger replaces":         {mkt, all, Objected, PurposeAll, []string{"m", "a"}, all.Since, true},
		"weaker adds its event":     {res, mkt, Restricted, "", []string{"r", "m"}, res.Since, true},
		"same event twice":          {res, res, Restricted, "", []string{"r"}, res.Since, false},
		"erasure over restriction":  {res, era, ErasureRequested, "", []string{"r", "e"}, era.Since, true},
		"lifted event again":        {lifted, res, Lifted, "", []string{"r"}, lifted.Since, false},
		"new event after lift":      {lifted, all, Objected, PurposeAll, []string{"a"}, all.Since, true},
		"equal rank keeps its date": {all, state(KindObjection, "de.objection.processing", "b", t0.Add(9*time.Hour)), Objected, PurposeAll, []string{"a", "b"}, all.Since, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, changed := Merge(tc.old, tc.ch)
			assert.Equal(t, tc.changed, changed)
			assert.Equal(t, tc.state, got.State)
			assert.Equal(t, tc.purp, got.Purpose)
			assert.Equal(t, tc.events, got.EventIDs)
			assert.True(t, got.Since.Equal(tc.since), "since %v", got.Since)
		})
	}
}

func TestMergeBoundsEventIDs(t *testing.T) {
	var s State
	for i := range MaxEventIDs + 10 {
		s, _ = Merge(s, state(KindRestrictionRequest, "en.restriction", string(rune('a'+i%26))+string(rune('a'+i/26)), t0))
	}
	assert.Len(t, s.EventIDs, MaxEventIDs)
}

func TestRouteOf(t *testing.T) {
	tests := map[string]struct {
		s        State
		withheld bool
		headers  [][2]string
	}{
		"unknown":   {State{}, false, nil},
		"marketing": {state(KindObjection, "en.objection.list", "m", t0), false, [][2]string{{HeaderState, Objected}, {HeaderEvents, "m"}, {HeaderObjection, PurposeMarketing}}},
		"all":       {state(KindObjection, "en.objection.processing", "a", t0), true, [][2]string{{HeaderState, Objected}, {HeaderEvents, "a"}, {HeaderObjection, PurposeAll}}},
		"restricted": {State{State: Restricted, EventIDs: []string{"r", "s"}}, true,
			[][2]string{{HeaderState, Restricted}, {HeaderEvents, "r,s"}}},
		"erasure": {state(KindErasureRequest, "en.erasure", "e", t0), true, [][2]string{{HeaderState, ErasureRequested}, {HeaderEvents, "e"}}},
		"lifted":  {Lift(state(KindErasureRequest, "en.erasure", "e", t0), "done", t0), false, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := RouteOf(tc.s)
			assert.Equal(t, tc.withheld, r.Withheld)
			assert.Equal(t, tc.headers, r.Headers)
		})
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	s := state(KindObjection, "en.objection.contact", "ev", t0)
	b, err := s.Marshal()
	require.NoError(t, err)
	assert.JSONEq(t, `{"state":"objected","purpose":"marketing","since":"2025-03-01T10:00:00Z","event_ids":["ev"],"rules_version":"v1"}`, string(b))
	got, err := Unmarshal(b)
	require.NoError(t, err)
	assert.True(t, got.equal(s))
}

func TestUnmarshalRejects(t *testing.T) {
	tests := map[string]string{
		"not json":        `{"state":`,
		"unknown state":   `{"state":"forgotten"}`,
		"objection no to": `{"state":"objected"}`,
	}
	for name, v := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Unmarshal([]byte(v))
			require.Error(t, err)
			assert.NotContains(t, err.Error(), v)
		})
	}
}

func TestTable(t *testing.T) {
	var tb Table
	mkt := state(KindObjection, "en.objection.contact", "m", t0)
	res := state(KindRestrictionRequest, "en.restriction", "r", t0.Add(time.Hour))
	ups := tb.Apply([]string{"<EMAIL:a>", "<PHONE:b>"}, mkt)
	require.Len(t, ups, 2)
	assert.Empty(t, tb.Apply([]string{"<EMAIL:a>"}, mkt), "the same change again writes nothing")
	tb.Put("<IBAN:c>", res)
	got, ok := tb.Of([]string{"<EMAIL:a>", "<IBAN:c>", "<EMAIL:unknown>"})
	require.True(t, ok)
	assert.Equal(t, Restricted, got.State)
	_, ok = tb.Of([]string{"<EMAIL:unknown>"})
	assert.False(t, ok)

	tb.Put("<IBAN:c>", mkt) // an older, weaker record read back does not weaken the state
	got, _ = tb.Get("<IBAN:c>")
	assert.Equal(t, Restricted, got.State)
	tb.Put("<IBAN:c>", Lift(got, "verified", t0.Add(2*time.Hour)))
	got, _ = tb.Of([]string{"<IBAN:c>"})
	assert.False(t, got.Active())
	tb.Delete("<EMAIL:a>")
	assert.Equal(t, 2, tb.Len())
}
