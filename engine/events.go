package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/record"
	"github.com/piiguard/piiguard/engine/stream"
)

// KindRecordingConsent is the kind of a call's summary event; its Status says whether the customer consented to
// the recording (see detectors.RecordingConsent for the statuses).
const KindRecordingConsent = "recording_consent"

// findEvents finds the compliance statements of a record and returns them as events, each statement redacted
// through red and carrying the subject made of ids (see subjectOf). A call also gets one recording_consent
// summary event.
func (p *Pipeline) findEvents(rec *record.Record, res *Result, red *redactor, ids []identifier) ([]Event, error) {
	conv := conversationOf(rec, res.Channel)
	var sts []detectors.Statement
	if len(conv.us) > 0 {
		var err error
		sts, err = p.scanner.Statements(conv.us, detectors.Options{Languages: p.policy.Languages(res.Channel)})
		if err != nil {
			if errors.Is(err, detectors.ErrTimeout) {
				return nil, stream.ProcessError{Reason: ReasonScanTimeout, Err: err}
			}
			return nil, stream.ProcessError{Reason: "internal", Err: err}
		}
	}
	eb := eventBuilder{rec: rec, res: res, red: red, conv: conv, version: p.scanner.Version(), now: p.now().UTC(),
		questions: questionEnds(sts)}
	eb.subject, eb.names = subjectOf(conv, sts, red, ids)
	res.Subject = eb.subject
	if len(sts) == 0 && res.Channel != "call" {
		return nil, nil
	}
	if res.Channel == "email" {
		sts = conv.onePerKind(sts)
	}
	var events []Event
	for _, st := range sts {
		if detectors.IsEventKind(st.Kind) {
			events = append(events, eb.event(st))
		}
	}
	if res.Channel == "call" {
		events = append(events, eb.recordingConsent(sts))
	}
	return events, nil
}

// eventBuilder makes the events of one record.
type eventBuilder struct {
	rec     *record.Record
	res     *Result
	red     *redactor
	conv    *conversation
	version string
	now     time.Time
	// questions gives the end of the consent question in each utterance that asks one.
	questions map[int]int
	subject   map[string][]string
	names     []string
}

// questionEnds maps each utterance that holds a consent question to the end of its question sentence.
func questionEnds(sts []detectors.Statement) map[int]int {
	out := map[int]int{}
	for _, st := range sts {
		if st.Kind == detectors.KindConsentQuestion {
			out[st.Utterance] = max(out[st.Utterance], st.End)
		}
	}
	return out
}

// event builds the event of statement st.
func (b *eventBuilder) event(st detectors.Statement) Event {
	u := b.conv.us[st.Utterance]
	field, statement := b.conv.redacted(b.red, st)
	path := b.rec.Fields[field].Path
	ev := Event{
		EventID:      eventID(b.res.ID, path, strconv.Itoa(st.Start), st.Kind),
		RecordID:     b.res.ID,
		Kind:         st.Kind,
		Language:     st.Language,
		Speaker:      b.conv.speaker(st.Utterance, st.Role),
		Path:         path,
		StartMS:      u.StartMS,
		At:           u.At,
		Statement:    statement,
		Topic:        st.Topic,
		Rule:         st.Rule,
		RulesVersion: b.version,
		Confidence:   st.Confidence,
		ObservedAt:   b.now,
		Subject:      b.subject,
		SubjectNames: b.names,
	}
	if ev.Language == "" {
		ev.Language = b.res.Language
	}
	b.question(&ev, st.Question)
	return ev
}

// question sets the question fields of ev from utterance q, the agent's question: its text from the start of
// the turn to the end of the question sentence (the whole turn when the detector gave no sentence), redacted.
func (b *eventBuilder) question(ev *Event, q int) {
	if q < 0 || q >= len(b.conv.us) {
		return
	}
	u := b.conv.us[q]
	end, ok := b.questions[q]
	if !ok {
		end = len(u.Text)
	}
	field, text := b.conv.redacted(b.red, detectors.Statement{Utterance: q, Start: 0, End: end})
	ev.Question, ev.QuestionPath = strings.TrimSpace(text), b.rec.Fields[field].Path
	ev.QuestionStartMS, ev.QuestionAt = u.StartMS, u.At
}

// recordingConsent builds a call's summary event from all its statements.
func (b *eventBuilder) recordingConsent(sts []detectors.Statement) Event {
	status, at := detectors.RecordingConsent(sts)
	ev := Event{
		EventID:      eventID(b.res.ID, KindRecordingConsent),
		RecordID:     b.res.ID,
		Kind:         KindRecordingConsent,
		Language:     b.res.Language,
		Status:       status,
		Topic:        detectors.TopicRecording,
		RulesVersion: b.version,
		Confidence:   1,
		ObservedAt:   b.now,
		Subject:      b.subject,
		SubjectNames: b.names,
	}
	if at >= 0 {
		d := b.event(sts[at])
		ev.Speaker, ev.Path, ev.StartMS, ev.At, ev.Statement = d.Speaker, d.Path, d.StartMS, d.At, d.Statement
		ev.Rule, ev.Confidence = d.Rule, d.Confidence
		ev.Question, ev.QuestionPath, ev.QuestionStartMS, ev.QuestionAt = d.Question, d.QuestionPath, d.QuestionStartMS, d.QuestionAt
		if detectors.IsEventKind(d.Kind) {
			ev.BasedOn = []string{d.EventID}
		} else {
			// asked, unanswered: the question is the statement itself.
			b.question(&ev, sts[at].Utterance)
		}
	}
	return ev
}

// eventID is a deterministic id from the record id and the statement's place: the hex of a SHA-256, truncated
// to 128 bits. It holds no personal value (record ids are not personal; paths and offsets are positions).
func eventID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// conversation is a record read as a conversation: its utterances and the fields each is made of.
type conversation struct {
	us    []detectors.Utterance
	parts [][]utterancePart
	subj  []bool
	// sender is the role of whoever sent the record as a whole (an email's sender), "" when unknown.
	sender string
	// labels gives each speaker label that might be personal (a name) a neutral one ("speaker_2").
	labels map[string]string
}

// utterancePart is one field of an utterance: inline HTML splits one sentence into several text fields.
type utterancePart struct {
	field int
	start int // where the field's value starts in the utterance text
}

// identityKeys hold who wrote or receives a text, never the text itself.
var identityKeys = map[string]bool{
	"from": true, "to": true, "cc": true, "bcc": true, "reply_to": true, "sender": true, "recipient": true,
	"recipients": true, "author": true, "user": true, "email": true, "phone": true, "name": true, "role": true,
	"from_role": true, "direction": true, "speaker": true,
}

// conversationOf reads the utterances of a record: call segments (speaker, start_ms), chat messages (from, at),
// an email's subject and body (its sender), or each scanned text field of any other record. The speaker of a
// text is read from its sibling members (speaker, from_role, role, from, sender, author, direction), else from the
// record's top level (an email's from_role, direction or From address).
func conversationOf(rec *record.Record, channel string) *conversation {
	c := &conversation{labels: map[string]string{}}
	byPath := make(map[string]int, len(rec.Fields))
	for i, f := range rec.Fields {
		byPath[f.Path] = i
	}
	sibling := func(parent, key string) (string, bool) {
		if i, ok := byPath[parent+"/"+key]; ok {
			return rec.Fields[i].Value, true
		}
		return "", false
	}
	top := who{}
	top.read("", sibling)
	if top.label == "" {
		for _, f := range rec.Fields {
			if strings.HasSuffix(f.Path, "/headers/from/0/address") {
				top.label, top.role = f.Value, roleOf(f.Value, channel)
				break
			}
		}
	}
	c.sender = top.role
	if c.sender == "" && top.label != "" {
		c.sender = roleOf(top.label, channel)
	}
	lang := rec.Get("language")
	for i := 0; i < len(rec.Fields); i++ {
		f := rec.Fields[i]
		if !isUtteranceField(f) {
			continue
		}
		parts := []utterancePart{{field: i}}
		text := f.Value
		for f.Continues && i+1 < len(rec.Fields) {
			i++
			f = rec.Fields[i]
			parts = append(parts, utterancePart{field: i, start: len(text)})
			text += f.Value
		}
		first := rec.Fields[parts[0].field]
		parent := first.Path[:max(0, strings.LastIndexByte(first.Path, '/'))]
		w := who{}
		if rec.Kind == record.JSON && first.Path != "" {
			w.read(parent, sibling)
		}
		if w.label == "" && w.role == "" {
			w = top
		}
		if w.role == "" && w.label != "" {
			w.role = roleOf(w.label, channel)
		}
		u := detectors.Utterance{Speaker: strings.ToLower(strings.TrimSpace(w.label)), Role: w.role, Text: text,
			Field: parts[0].field, Language: lang}
		if v, ok := sibling(parent, "start_ms"); ok {
			if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
				u.StartMS = &ms
			}
		}
		for _, k := range []string{"at", "timestamp", "ts", "time", "created_at", "sent_at", "date"} {
			if v, ok := sibling(parent, k); ok {
				u.At = v
				break
			}
		}
		c.us = append(c.us, u)
		c.parts = append(c.parts, parts)
		c.subj = append(c.subj, first.Key == "subject" || strings.HasSuffix(first.Path, "/headers/subject"))
	}
	return c
}

// isUtteranceField reports whether a field holds text someone said or wrote.
func isUtteranceField(f record.Field) bool {
	if f.Meta || f.Number || f.Value == "" || identityKeys[f.Key] {
		return false
	}
	// Email headers other than the subject hold addresses, names and routing, not statements.
	if i := strings.Index(f.Path, "/headers/"); i >= 0 && !strings.HasSuffix(f.Path, "/headers/subject") {
		return false
	}
	return true
}

// who is the speaker of a text as a record gives it.
type who struct {
	label string // the speaker value, which may be personal (a name, an address): never written out
	role  string
}

// read fills w from the members of the object at parent.
func (w *who) read(parent string, sibling func(parent, key string) (string, bool)) {
	for _, k := range []string{"from_role", "role", "direction"} {
		if v, ok := sibling(parent, k); ok {
			if r := roleWord(v); r != "" {
				w.role = r
				break
			}
		}
	}
	for _, k := range []string{"speaker", "from", "sender", "author"} {
		if v, ok := sibling(parent, k); ok && strings.TrimSpace(v) != "" {
			w.label = v
			break
		}
	}
}

// roleWords map speaker and direction values to roles.
var roleWords = map[string]string{
	"agent": detectors.RoleAgent, "bot": detectors.RoleAgent, "system": detectors.RoleAgent,
	"assistant": detectors.RoleAgent, "operator": detectors.RoleAgent, "advisor": detectors.RoleAgent,
	"representative": detectors.RoleAgent, "rep": detectors.RoleAgent, "support": detectors.RoleAgent,
	"service": detectors.RoleAgent, "employee": detectors.RoleAgent, "staff": detectors.RoleAgent,
	"ivr": detectors.RoleAgent, "mitarbeiter": detectors.RoleAgent, "berater": detectors.RoleAgent,
	"medarbejder": detectors.RoleAgent, "rådgiver": detectors.RoleAgent, "operatore": detectors.RoleAgent,
	"outbound": detectors.RoleAgent, "out": detectors.RoleAgent, "outgoing": detectors.RoleAgent,
	"customer": detectors.RoleCustomer, "caller": detectors.RoleCustomer, "client": detectors.RoleCustomer,
	"user": detectors.RoleCustomer, "visitor": detectors.RoleCustomer, "guest": detectors.RoleCustomer,
	"consumer": detectors.RoleCustomer, "kunde": detectors.RoleCustomer, "kundin": detectors.RoleCustomer,
	"anrufer": detectors.RoleCustomer, "cliente": detectors.RoleCustomer, "utente": detectors.RoleCustomer,
	"borger": detectors.RoleCustomer, "inbound": detectors.RoleCustomer, "in": detectors.RoleCustomer,
	"incoming": detectors.RoleCustomer, "contact": detectors.RoleCustomer, "csr": detectors.RoleAgent,
	"customer service": detectors.RoleAgent, "customer_service": detectors.RoleAgent,
	"customer-service": detectors.RoleAgent, "customer care": detectors.RoleAgent,
	"kundenservice": detectors.RoleAgent, "kundeservice": detectors.RoleAgent,
	"servizio clienti": detectors.RoleAgent, "assistenza": detectors.RoleAgent,
}

// roleWord maps a role-like value ("Agent", "customer_1", "bot") to a role, or "".
func roleWord(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if r, ok := roleWords[v]; ok {
		return r
	}
	if i := strings.IndexAny(v, " _-0123456789"); i > 0 {
		return roleWords[v[:i]]
	}
	return ""
}

// serviceMailboxes are address local parts of a company's own mailboxes: mail from them is the agent's.
var serviceMailboxes = []string{"support", "service", "kundenservice", "kundeservice", "servizioclienti",
	"assistenza", "help", "care", "noreply", "no-reply", "info", "team", "datenschutz", "privacy", "dpo",
	"kontakt", "contact", "customerservice", "hotline"}

// serviceMailbox reports whether an address's local part is one of a company's own mailboxes ("support",
// "kundeservice.nord", "service-de").
func serviceMailbox(local string) bool {
	local = strings.ToLower(local)
	for _, m := range serviceMailboxes {
		if local == m || strings.HasPrefix(local, m+".") || strings.HasPrefix(local, m+"-") {
			return true
		}
	}
	return false
}

// roleOf is the role of a speaker value: a role word, or for an email address the agent when it is a service
// mailbox and the customer otherwise. An email from an unknown sender is the customer's.
func roleOf(v, channel string) string {
	if r := roleWord(v); r != "" {
		return r
	}
	if at := strings.IndexByte(v, '@'); at > 0 {
		local := strings.TrimSpace(v[:at])
		if serviceMailbox(local[strings.LastIndexAny(local, "<\" ")+1:]) {
			return detectors.RoleAgent
		}
		return detectors.RoleCustomer
	}
	if channel == "email" {
		return detectors.RoleCustomer
	}
	return ""
}

// safeLabel matches speaker labels that cannot be a name or an address: "spk_1", "speaker 2", "a", "ch0".
func safeLabel(v string) bool {
	if len(v) == 1 && v[0] >= 'a' && v[0] <= 'z' {
		return true
	}
	digits, letters := 0, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			letters++
		case c == '_' || c == '-' || c == ' ':
		default:
			return false
		}
	}
	return digits > 0 && letters <= 8 && len(v) <= 16
}

// speaker is the speaker written into an event: the role when known, else a label that cannot identify anyone.
func (c *conversation) speaker(i int, role string) string {
	if role != "" {
		return role
	}
	l := c.us[i].Speaker
	if l == "" || safeLabel(l) {
		return l
	}
	if n, ok := c.labels[l]; ok {
		return n
	}
	n := "speaker_" + strconv.Itoa(len(c.labels)+1)
	c.labels[l] = n
	return n
}

// redacted returns the field where statement st starts and its sentence, redacted.
func (c *conversation) redacted(red *redactor, st detectors.Statement) (int, string) {
	parts := c.parts[st.Utterance]
	field := parts[0].field
	var b strings.Builder
	for k, p := range parts {
		end := len(c.us[st.Utterance].Text)
		if k+1 < len(parts) {
			end = parts[k+1].start
		}
		s, e := max(st.Start, p.start), min(st.End, end)
		if s >= e {
			continue
		}
		if b.Len() == 0 {
			field = p.field
		}
		b.WriteString(red.Span(p.field, s-p.start, e-p.start))
	}
	return field, b.String()
}

// onePerKind keeps one statement of each kind in an email: one message makes one request, however often it
// repeats it. A statement in the body wins over the subject's.
func (c *conversation) onePerKind(sts []detectors.Statement) []detectors.Statement {
	best := map[string]int{}
	for i, st := range sts {
		j, ok := best[st.Kind]
		if !ok || (c.subj[sts[j].Utterance] && !c.subj[st.Utterance]) {
			best[st.Kind] = i
		}
	}
	out := sts[:0]
	for i, st := range sts {
		if best[st.Kind] == i {
			out = append(out, st)
		}
	}
	return out
}
