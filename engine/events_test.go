package engine

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine/stream"
)

var eventsClock = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// eventsOf processes raw with a fixed clock and returns its events.
func eventsOf(t *testing.T, raw string) []Event {
	t.Helper()
	p := testPipeline(t, WithClock(func() time.Time { return eventsClock }))
	res, err := p.ProcessRecord([]byte(raw))
	require.NoError(t, err)
	return res.Events
}

// byKind returns the events of kind.
func byKind(evs []Event, kind string) []Event {
	var out []Event
	for _, e := range evs {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

func TestEventsFromCall(t *testing.T) {
	raw := `{"id":"call-7","channel":"call","language":"de","segments":[` +
		`{"speaker":"agent","start_ms":0,"end_ms":4000,"text":"guten tag sind sie damit einverstanden dass wir das gespräch aufzeichnen"},` +
		`{"speaker":"customer","start_ms":4200,"end_ms":5000,"text":"ja klar"},` +
		`{"speaker":"customer","start_ms":9000,"end_ms":14000,"text":"und bitte löschen sie danach alle meine daten"}]}`
	evs := eventsOf(t, raw)
	p := testPipeline(t)
	require.Len(t, evs, 3)

	given := byKind(evs, "consent_given")
	require.Len(t, given, 1)
	g := given[0]
	assert.Equal(t, "call-7", g.RecordID)
	assert.Equal(t, "customer", g.Speaker)
	assert.Equal(t, "/segments/1/text", g.Path)
	require.NotNil(t, g.StartMS)
	assert.EqualValues(t, 4200, *g.StartMS)
	assert.Equal(t, "ja klar", g.Statement)
	assert.Equal(t, "recording", g.Topic)
	assert.Equal(t, "de", g.Language)
	assert.NotEmpty(t, g.Rule)
	assert.Equal(t, p.Scanner().Version(), g.RulesVersion)
	assert.Equal(t, eventsClock, g.ObservedAt)
	assert.Greater(t, g.Confidence, 0.5)
	assert.Len(t, g.EventID, 32)

	erasure := byKind(evs, "erasure_request")
	require.Len(t, erasure, 1)
	assert.Equal(t, "/segments/2/text", erasure[0].Path)
	assert.EqualValues(t, 9000, *erasure[0].StartMS)

	summary := byKind(evs, KindRecordingConsent)
	require.Len(t, summary, 1)
	assert.Equal(t, "given", summary[0].Status)
	assert.Equal(t, "/segments/1/text", summary[0].Path, "the summary points at the deciding answer")
	assert.Equal(t, "customer", summary[0].Speaker)
}

func TestRecordingConsentSummary(t *testing.T) {
	for _, tc := range []struct {
		name, segments, status string
	}{
		{"not asked", `{"speaker":"agent","start_ms":0,"text":"das gespräch wird aufgezeichnet wie kann ich helfen"}`, "not_asked"},
		{"asked, unanswered", `{"speaker":"agent","start_ms":0,"text":"may i record this call"},{"speaker":"customer","start_ms":900,"text":"i'm calling about my bill"}`, "asked_unanswered"},
		{"refused", `{"speaker":"agent","start_ms":0,"text":"må vi optage samtalen"},{"speaker":"customer","start_ms":900,"text":"nej tak"}`, "refused"},
		{"withdrawn", `{"speaker":"agent","start_ms":0,"text":"possiamo registrare la chiamata"},{"speaker":"customer","start_ms":900,"text":"sì va bene"},` +
			`{"speaker":"customer","start_ms":5000,"text":"ci ho ripensato non voglio più che la chiamata venga registrata"}`, "withdrawn"},
		{"no segments", ``, "not_asked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := eventsOf(t, `{"id":"c","channel":"call","segments":[`+tc.segments+`]}`)
			summary := byKind(evs, KindRecordingConsent)
			require.Len(t, summary, 1, "every call has one summary")
			assert.Equal(t, tc.status, summary[0].Status)
		})
	}
	assert.Empty(t, byKind(eventsOf(t, `{"id":"m","channel":"chat","messages":[]}`), KindRecordingConsent),
		"only calls get a recording summary")
}

func TestEventsFromChat(t *testing.T) {
	raw := `{"id":"chat-3","channel":"chat","language":"en","messages":[` +
		`{"from":"bot","at":"2026-11-22T10:00:00Z","text":"Can we keep a transcript of this chat?"},` +
		`{"from":"customer","at":"2026-11-22T10:00:09Z","text":"No thanks."},` +
		`{"from":"agent","at":"2026-11-22T10:01:00Z","text":"Sure. You can also ask us to delete your data at any time."}]}`
	evs := eventsOf(t, raw)
	require.Len(t, evs, 1, "the agent explaining rights is no request")
	assert.Equal(t, "consent_refused", evs[0].Kind)
	assert.Equal(t, "customer", evs[0].Speaker)
	assert.Equal(t, "2026-11-22T10:00:09Z", evs[0].At)
	assert.Nil(t, evs[0].StartMS)
	assert.Equal(t, "/messages/1/text", evs[0].Path)
}

func TestEventsFromEmail(t *testing.T) {
	raw := `{"id":"mail-1","channel":"email","language":"it","from":"mario.rossi@libero.it","to":"servizio@example.com",` +
		`"subject":"Cancellazione dei miei dati","body":"Buongiorno,\n\nvi chiedo la cancellazione dei miei dati personali.\n\nMario Rossi"}`
	evs := eventsOf(t, raw)
	require.Len(t, evs, 1, "one email makes one request, body before subject")
	e := evs[0]
	assert.Equal(t, "erasure_request", e.Kind)
	assert.Equal(t, "/body", e.Path)
	assert.Equal(t, "customer", e.Speaker, "never the sender's address")
	assert.Equal(t, "vi chiedo la cancellazione dei miei dati personali.", e.Statement)
}

func TestEventStatementIsRedacted(t *testing.T) {
	raw := `{"id":"chat-9","channel":"chat","language":"de","messages":[{"from":"customer","at":"t1",` +
		`"text":"Hallo. Bitte löschen Sie alle meine Daten zu laurits.andresen@gmail.com und IBAN DE89 3704 0044 0532 0130 00. Danke!"}]}`
	evs := eventsOf(t, raw)
	require.Len(t, evs, 1)
	st := evs[0].Statement
	assert.True(t, strings.HasPrefix(st, "Bitte löschen Sie alle meine Daten zu "), st)
	assert.NotContains(t, strings.ToLower(st), "laurits")
	assert.NotContains(t, st, "DE89")
	assert.Len(t, tokenRE.FindAllString(st, -1), 2, "both values are tokens")
	assert.NotContains(t, st, "Hallo", "the statement is its sentence, not the message")
}

// TestEventsHoldNoPersonalValue runs records full of personal values (in speaker fields, senders, sentences)
// and checks that no event field, marshalled, contains any of them.
func TestEventsHoldNoPersonalValue(t *testing.T) {
	personal := []string{"Anna Schmidt", "anna", "schmidt", "laurits.andresen@gmail.com", "laurits", "DE89", "3704 0044",
		"+45 20 12 34 56", "20 12 34 56", "mette.nielsen@mail.dk", "mette", "RSSMRA85T10A562S", "Giulia"}
	records := []string{
		`{"id":"r1","channel":"call","language":"de","segments":[` +
			`{"speaker":"Anna Schmidt","start_ms":0,"text":"darf ich das gespräch aufzeichnen"},` +
			`{"speaker":"Laurits","start_ms":900,"text":"ja klar und löschen sie bitte meine daten meine mail ist laurits.andresen@gmail.com"}]}`,
		`{"id":"r2","channel":"email","language":"da","from":"mette.nielsen@mail.dk","subject":"Sletning",` +
			`"body":"Hej, jeg vil gerne have alle mine oplysninger slettet. Mit nummer er +45 20 12 34 56. Mvh Mette"}`,
		`{"id":"r3","channel":"chat","language":"it","messages":[{"from":"Giulia","at":"t","text":"Cancellate i miei dati, codice fiscale RSSMRA85T10A562S."}]}`,
		`{"id":"r4","channel":"chat","language":"en","messages":[{"from":"laurits.andresen@gmail.com","at":"t",` +
			`"text":"My IBAN DE89 3704 0044 0532 0130 00 is wrong in your system, please correct my details."}]}`,
	}
	for _, raw := range records {
		evs := eventsOf(t, raw)
		require.NotEmpty(t, evs)
		out, err := json.Marshal(evs)
		require.NoError(t, err)
		for _, v := range personal {
			assert.NotContains(t, strings.ToLower(string(out)), strings.ToLower(v))
		}
	}
}

func TestEventSpeakers(t *testing.T) {
	raw := `{"id":"r","channel":"call","segments":[` +
		`{"speaker":"Anna Schmidt","start_ms":0,"text":"please delete my data"},` +
		`{"speaker":"spk_2","start_ms":900,"text":"and stop sending me offers"}]}`
	evs := eventsOf(t, raw)
	speakers := map[string]string{}
	for _, e := range evs {
		speakers[e.Kind] = e.Speaker
	}
	assert.Equal(t, "speaker_1", speakers["erasure_request"], "a name becomes a neutral label")
	assert.Equal(t, "spk_2", speakers["objection"], "a label that cannot be a name stays")
}

func TestEventsOfOtherRecords(t *testing.T) {
	evs := eventsOf(t, `{"id":"ticket-5","note":"Customer says: please delete my data.","meta":{"priority":"high"}}`)
	require.Len(t, evs, 1)
	assert.Equal(t, "/note", evs[0].Path)
	assert.Empty(t, evs[0].Speaker)
	plain := eventsOf(t, `please stop calling me`)
	require.Len(t, plain, 1)
	assert.Equal(t, "objection", plain[0].Kind)
}

func TestEventIDsAreDeterministic(t *testing.T) {
	raw := `{"id":"r","channel":"chat","messages":[{"from":"customer","at":"t","text":"Please delete my data. Stop calling me."}]}`
	a, b := eventsOf(t, raw), eventsOf(t, raw)
	require.Len(t, a, 2)
	require.Equal(t, len(a), len(b))
	for i := range a {
		assert.Equal(t, a[i].EventID, b[i].EventID)
	}
	assert.NotEqual(t, a[0].EventID, a[1].EventID)
}

func TestRoleWords(t *testing.T) {
	for _, tc := range []struct{ in, channel, want string }{
		{"Agent", "call", "agent"},
		{"customer_1", "call", "customer"},
		{"bot", "chat", "agent"},
		{"Customer Service", "chat", "agent"},
		{"kundenservice@firma.de", "email", "agent"},
		{"Max <max@web.de>", "email", "customer"},
		{"Anna", "email", "customer"},
		{"Anna", "call", ""},
	} {
		assert.Equal(t, tc.want, roleOf(tc.in, tc.channel), tc.in)
	}
}

// proofCall is a call in which the agent asks to record, the customer agrees with a short answer and gives their
// e-mail and phone number, and the agent gives their own e-mail and name.
const proofCall = `{"id":"call-proof","channel":"call","language":"de","segments":[` +
	`{"speaker":"agent","start_ms":0,"text":"guten tag hier spricht Anna Schmidt. das gespräch wird aufgezeichnet, sind sie damit einverstanden?"},` +
	`{"speaker":"customer","start_ms":4200,"text":"ja klar"},` +
	`{"speaker":"customer","start_ms":6000,"text":"meine mail ist laurits.andresen@gmail.com und meine nummer +45 20 12 34 56, bitte löschen sie meine daten"},` +
	`{"speaker":"agent","start_ms":9000,"text":"gern, meine adresse für rückfragen ist anna.schmidt@stadtwerke-nordheim.de"}]}`

// tokensIn returns the tokens of type typ in the redacted output, sorted and without repeats.
func tokensIn(out []byte, typ string) []string {
	var toks []string
	for _, m := range tokenRE.FindAllStringSubmatch(strings.ReplaceAll(string(out), `\u003c`, "<"), -1) {
		if m[1] == typ {
			toks = append(toks, strings.ReplaceAll(m[0], `\u003e`, ">"))
		}
	}
	slices.Sort(toks)
	return slices.Compact(toks)
}

func TestEventProof(t *testing.T) {
	p := testPipeline(t, WithClock(func() time.Time { return eventsClock }))
	res, err := p.ProcessRecord([]byte(proofCall))
	require.NoError(t, err)
	given := byKind(res.Events, "consent_given")
	require.Len(t, given, 1)
	g := given[0]
	assert.Equal(t, "/segments/0/text", g.QuestionPath)
	require.NotNil(t, g.QuestionStartMS)
	assert.EqualValues(t, 0, *g.QuestionStartMS)
	assert.Empty(t, g.QuestionAt)
	name := p.tokens.TokenWithRegion("PERSON", "Anna Schmidt", "DE")
	assert.Equal(t, "guten tag hier spricht "+name+". das gespräch wird aufgezeichnet, sind sie damit einverstanden?",
		g.Question, "the question with the announcement before it, redacted with the record's tokens")
	assert.Contains(t, string(res.Output), name)

	email := p.tokens.TokenWithRegion("EMAIL", "Laurits.Andresen@gmail.com", "DE")
	phone := p.tokens.TokenWithRegion("PHONE", "+45 20 12 34 56", "DE")
	agentMail := p.tokens.TokenWithRegion("EMAIL", "anna.schmidt@stadtwerke-nordheim.de", "DE")
	want := map[string][]string{"EMAIL": {email}, "PHONE": {phone}}
	assert.ElementsMatch(t, []string{email, agentMail}, tokensIn(res.Output, "EMAIL"), "the record carries both")
	assert.Equal(t, []string{phone}, tokensIn(res.Output, "PHONE"))
	for _, ev := range res.Events {
		assert.Equal(t, want, ev.Subject, "%s: the customer's tokens, not the agent's", ev.Kind)
		assert.Empty(t, ev.SubjectNames, "%s: the only name is the agent's", ev.Kind)
	}
	erasure := byKind(res.Events, "erasure_request")
	require.Len(t, erasure, 1)
	assert.Empty(t, erasure[0].Question, "a statement that answers no question carries none")
	assert.Nil(t, erasure[0].QuestionStartMS)

	summary := byKind(res.Events, KindRecordingConsent)
	require.Len(t, summary, 1)
	assert.Equal(t, []string{g.EventID}, summary[0].BasedOn, "the summary names the answer it rests on")
	assert.Equal(t, g.Question, summary[0].Question)
	assert.Equal(t, g.QuestionPath, summary[0].QuestionPath)

	out, err := json.Marshal(res.Events)
	require.NoError(t, err)
	for _, v := range []string{"anna", "schmidt", "laurits", "andresen", "gmail", "20 12 34 56", "stadtwerke"} {
		assert.NotContains(t, strings.ToLower(string(out)), v, "no raw identifier in an event")
	}
}

func TestEventProofOfChatAndEmail(t *testing.T) {
	p := testPipeline(t)
	chat := `{"id":"chat-p","channel":"chat","language":"en","messages":[` +
		`{"from":"bot","at":"2026-11-22T10:00:00Z","text":"Can we keep a transcript of this chat?"},` +
		`{"from":"laurits.andresen@gmail.com","at":"2026-11-22T10:00:09Z","text":"No thanks."}]}`
	res, err := p.ProcessRecord([]byte(chat))
	require.NoError(t, err)
	require.Len(t, res.Events, 1)
	e := res.Events[0]
	assert.Equal(t, "consent_refused", e.Kind)
	assert.Equal(t, "Can we keep a transcript of this chat?", e.Question)
	assert.Equal(t, "/messages/0/text", e.QuestionPath)
	assert.Equal(t, "2026-11-22T10:00:00Z", e.QuestionAt)
	assert.Nil(t, e.QuestionStartMS)
	email := p.tokens.TokenWithRegion("EMAIL", "laurits.andresen@gmail.com", "")
	assert.Equal(t, map[string][]string{"EMAIL": {email}}, e.Subject, "the sender's address is the customer's")
	assert.Equal(t, []string{email}, tokensIn(res.Output, "EMAIL"))

	mail := `{"id":"mail-p","channel":"email","language":"it","from":"mario.rossi@libero.it","to":"rossana.bianchi@energia-sud.it",` +
		`"subject":"Cancellazione","body":"Buongiorno,\n\nvi chiedo la cancellazione dei miei dati personali. IBAN IT60 X054 2811 1010 0000 0123 456\n\nIl 2 aprile rossana.bianchi@energia-sud.it ha scritto:\n> Gentile cliente"}`
	res, err = p.ProcessRecord([]byte(mail))
	require.NoError(t, err)
	require.Len(t, res.Events, 1)
	e = res.Events[0]
	assert.Empty(t, e.Question)
	assert.Equal(t, map[string][]string{
		"EMAIL": {p.tokens.TokenWithRegion("EMAIL", "mario.rossi@libero.it", "IT")},
		"IBAN":  {p.tokens.TokenWithRegion("IBAN", "IT60X0542811101000000123456", "IT")},
	}, e.Subject, "the recipient of a customer's email is the company, in the quoted reply too")
	assert.Len(t, tokensIn(res.Output, "EMAIL"), 2)
}

func TestEventSubjectEmptyAndUnknownSpeakers(t *testing.T) {
	evs := eventsOf(t, `{"id":"r","channel":"chat","messages":[{"from":"customer","at":"t","text":"Please delete my data."}]}`)
	require.Len(t, evs, 1)
	out, err := json.Marshal(evs[0])
	require.NoError(t, err)
	assert.Contains(t, string(out), `"subject":{}`, "subject is on every event, empty when the record has none")

	evs = eventsOf(t, `{"id":"r","note":"please delete my data, mail laurits.andresen@gmail.com, call +45 20 12 34 56"}`)
	require.Len(t, evs, 1)
	assert.Len(t, evs[0].Subject["EMAIL"], 1, "who spoke is unknown: every identifier is the customer's")
	assert.Len(t, evs[0].Subject["PHONE"], 1)
}

func TestEventsAreDeterministicWithProof(t *testing.T) {
	later := eventsClock.Add(time.Hour)
	a := eventsOf(t, proofCall)
	p := testPipeline(t, WithClock(func() time.Time { return later }))
	res, err := p.ProcessRecord([]byte(proofCall))
	require.NoError(t, err)
	b := res.Events
	require.Len(t, b, len(a))
	for i := range a {
		b[i].ObservedAt = a[i].ObservedAt
		assert.Equal(t, a[i], b[i], "reprocessing gives the same event, id, question and subject included")
	}
}

func TestComplianceMessagesCarryProof(t *testing.T) {
	p := testPipeline(t)
	out, err := NewStreamProcessor(p).Process(t.Context(), stream.Input{Value: []byte(proofCall)})
	require.NoError(t, err)
	require.Len(t, out.Compliance, 3)
	email := p.tokens.TokenWithRegion("EMAIL", "laurits.andresen@gmail.com", "DE")
	var kinds []string
	for _, m := range out.Compliance {
		var ev map[string]any
		require.NoError(t, json.Unmarshal(m.Value, &ev))
		kinds = append(kinds, ev["kind"].(string))
		assert.Equal(t, []any{email}, ev["subject"].(map[string]any)["EMAIL"], "%s", ev["kind"])
		assert.Contains(t, string(out.Value), email, "the token the redacted record carries")
		if ev["kind"] == "consent_given" {
			assert.Contains(t, ev["question"], "sind sie damit einverstanden")
			assert.Equal(t, "/segments/0/text", ev["question_path"])
			assert.EqualValues(t, 0, ev["question_start_ms"])
		}
		assert.NotContains(t, string(m.Value), "laurits")
	}
	assert.ElementsMatch(t, []string{"consent_given", "erasure_request", KindRecordingConsent}, kinds)
}
