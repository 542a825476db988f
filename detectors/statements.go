package detectors

import (
	"errors"
	"fmt"
	"sort"

	"github.com/piiguard/piiguard/rules"
)

// Statement kinds: the event kinds of the compliance contract, and the kinds used by the dialogue logic.
const (
	KindConsentGiven     = "consent_given"
	KindConsentRefused   = "consent_refused"
	KindConsentWithdrawn = "consent_withdrawn"
	KindConsentQuestion  = "consent_question"
	KindAnswerYes        = "answer_yes"
	KindAnswerNo         = "answer_no"
	KindCancel           = "cancel"
)

// Roles of a speaker.
const (
	RoleAgent    = "agent"
	RoleCustomer = "customer"
)

// eventKinds are the statement kinds that become compliance events.
var eventKinds = map[string]bool{
	KindConsentGiven: true, KindConsentRefused: true, KindConsentWithdrawn: true, "objection": true,
	"erasure_request": true, "access_request": true, "rectification_request": true,
	"portability_request": true, "restriction_request": true,
}

// IsEventKind reports whether kind is a compliance event kind (not a dialogue kind such as consent_question).
func IsEventKind(kind string) bool { return eventKinds[kind] }

// Utterance is one turn of a conversation: a call segment, a chat message, an email's subject or body, or any
// other text field. Speaker and Role say who spoke; the other fields are passed through to the caller.
type Utterance struct {
	// Speaker labels the speaker as the record does ("agent", "spk_1", …); it is only compared for equality.
	Speaker string
	// Role is "agent", "customer" or "" when unknown. Unknown roles may be inferred from the dialogue.
	Role string
	// Text is the utterance.
	Text string
	// Field is the caller's index of the text (e.g. a record field); not used by the detector.
	Field int
	// StartMS is the position in a call, At the time of a message; not used by the detector.
	StartMS *int64
	At      string
	// Language is the record's language hint; not used by the detector (every rule runs).
	Language string
}

// Statement is a compliance statement found in a conversation. It holds no text, only where the sentence is.
type Statement struct {
	// Utterance is the index of the utterance that holds the statement.
	Utterance int
	// Start and End are the half-open byte span of the statement's sentence in that utterance's Text.
	Start, End int
	// Kind is an event kind, or consent_question for an agent's question (kept for the call summary).
	Kind string
	// Rule is the id of the statement rule; for consent derived from a short answer, the answer's rule.
	Rule string
	// Topic is what a consent statement is about (recording, marketing, …), "" when unknown.
	Topic string
	// Role is the speaker's role as given or inferred: "agent", "customer" or "".
	Role string
	// Language is the rule's language when it has exactly one, else "".
	Language string
	// Confidence is in [0,1].
	Confidence float64
	// Question is the utterance that asked for the consent this answer gives or refuses; -1 otherwise.
	Question int
}

// statementRule is a compiled compliance statement rule.
type statementRule struct {
	id, kind, topic string
	bare, inverted  bool
	lang            string
	langs           map[string]bool
	gate            []int
	match           matcher
	negative        matcher
	confidence      float64
	cancels         map[string]bool // nil: every event kind
}

// statementSet holds the compiled statement rules of a scanner and their keyword gate.
type statementSet struct {
	gate      phraseGate
	content   []*statementRule // event kinds and consent_question
	answers   []*statementRule
	cancels   []*statementRule
	contentKW []int // every keyword of a content rule
	byID      map[string]*statementRule
}

// compileStatements compiles statement rules. Their keywords go into the statement set's own gate, not into the
// shared entity automaton: see phraseGate.
func compileStatements(sts []rules.Statement) (*statementSet, error) {
	set := &statementSet{byID: map[string]*statementRule{}}
	var errs []error
	seenKW := map[int]bool{}
	for _, st := range sts {
		sr := &statementRule{id: st.ID, kind: st.Kind, topic: st.Topic, confidence: st.ConfidenceOrDefault(),
			bare: st.Polarity == "bare", inverted: st.Polarity == "inverted"}
		if len(st.Languages) > 0 {
			sr.langs = map[string]bool{}
			for _, l := range st.Languages {
				sr.langs[l] = true
			}
			if len(st.Languages) == 1 {
				sr.lang = st.Languages[0]
			}
		}
		if len(st.Cancels) > 0 {
			sr.cancels = map[string]bool{}
			for _, k := range st.Cancels {
				sr.cancels[k] = true
			}
		}
		var err error
		sr.match, err = compileStatementPattern(st.ID, st.Pattern, st.Engine, st.Timeout)
		if err == nil && st.Negative != "" {
			sr.negative, err = compileStatementPattern(st.ID, st.Negative, st.Engine, st.Timeout)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("statement %s: %w", st.ID, err))
			continue
		}
		for _, k := range st.Keywords {
			sr.gate = append(sr.gate, set.gate.add(k))
		}
		set.byID[st.ID] = sr
		switch st.Kind {
		case KindAnswerYes, KindAnswerNo:
			set.answers = append(set.answers, sr)
		case KindCancel:
			set.cancels = append(set.cancels, sr)
		default:
			set.content = append(set.content, sr)
			for _, id := range sr.gate {
				if !seenKW[id] {
					seenKW[id] = true
					set.contentKW = append(set.contentKW, id)
				}
			}
		}
	}
	set.gate.build()
	return set, errors.Join(errs...)
}

// compilePattern compiles a pattern with its engine.
func compilePattern(id, pattern, engine string, timeout rules.Duration) (matcher, error) {
	if engine == "regexp2" {
		return newRegexp2(id, pattern, timeout)
	}
	return newRE2(pattern)
}

// compileStatementPattern compiles a statement pattern: RE2 patterns split into literal-gated alternatives.
func compileStatementPattern(id, pattern, engine string, timeout rules.Duration) (matcher, error) {
	if engine == "regexp2" {
		return newRegexp2(id, pattern, timeout)
	}
	return newAltMatcher(pattern)
}

func (r *statementRule) selected(opt Options) bool {
	if len(opt.Languages) == 0 || r.langs == nil {
		return true
	}
	for _, l := range opt.Languages {
		if r.langs[l] {
			return true
		}
	}
	return false
}

// gated reports whether one of the rule's keywords is in b; a rule without keywords always runs.
func (r *statementRule) gated(b bitset) bool { return len(r.gate) == 0 || b.anyOf(r.gate) }

// matches reports whether m matches anywhere in w.
func matches(m matcher, w string) (bool, error) {
	if am, ok := m.(*altMatcher); ok {
		_, _, found := am.first(w)
		return found, nil
	}
	found := false
	err := m.find(w, func(int, int) { found = true })
	return found, err
}

// firstMatch returns the first span m matches in w, or ok false.
func firstMatch(m matcher, w string) (s, e int, ok bool, err error) {
	if am, isAlt := m.(*altMatcher); isAlt {
		s, e, ok = am.first(w)
		return s, e, ok, nil
	}
	s, e = -1, -1
	err = m.find(w, func(ms, me int) {
		if s < 0 {
			s, e = ms, me
		}
	})
	return s, e, s >= 0, err
}

// candidate is a statement rule match before dialogue logic: the utterance and the sentence it is in.
type candidate struct {
	utt, sent int
	rule      *statementRule
	void      bool
}

// conversation is the state of one Statements call.
type conversation struct {
	set   *statementSet
	us    []Utterance
	opt   Options
	bits  []bitset
	texts []*utext
	roles []string // effective role per utterance
}

func (c *conversation) text(i int) *utext {
	if c.texts[i] == nil {
		c.texts[i] = c.set.gate.prepare(c.us[i].Text)
	}
	return c.texts[i]
}

// Statements finds the compliance statements of a conversation: consent given, refused or withdrawn,
// objections and data-subject requests, each attributed to the utterance (and so the speaker) that made it, and
// the agents' consent questions. A short answer ("ja, klar", "nej tak") to a consent question becomes the
// answering speaker's consent or refusal. Negated and hypothetical mentions, and event statements by agents,
// are not reported. Statements are sorted by utterance and position. opt.Languages narrows the rules.
func (s *Scanner) Statements(us []Utterance, opt Options) ([]Statement, error) {
	set := s.stmts
	if set == nil || len(us) == 0 || (len(set.content) == 0 && len(set.answers) == 0) {
		return nil, nil
	}
	c := &conversation{set: set, us: us, opt: opt, bits: make([]bitset, len(us)), texts: make([]*utext, len(us))}
	words := (len(set.gate.words) + 63) / 64
	backing := make(bitset, words*len(us))
	found := false
	for i, u := range us {
		c.bits[i] = set.gate.match(u.Text, backing[i*words:(i+1)*words])
		found = found || c.bits[i].anyOf(set.contentKW)
	}
	if !found {
		return nil, nil
	}
	cands, err := c.findCandidates()
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return nil, nil
	}
	c.inferRoles(cands)
	out := make([]Statement, 0, len(cands))
	for _, cd := range cands {
		if cd.void {
			continue
		}
		role := c.roles[cd.utt]
		if cd.rule.kind == KindConsentQuestion {
			if role == RoleCustomer {
				continue
			}
		} else if role == RoleAgent {
			continue // agents explain, confirm and repeat; their words are not the customer's statements
		}
		out = append(out, c.statement(cd.utt, cd.sent, cd.rule))
	}
	out = dedupe(out)
	if out, err = c.answerQuestions(out); err != nil {
		return nil, err
	}
	out = dedupe(out)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Utterance != out[j].Utterance {
			return out[i].Utterance < out[j].Utterance
		}
		return out[i].Start < out[j].Start
	})
	c.markWithdrawals(out)
	return out, nil
}

// statement builds the Statement of rule r in sentence k of utterance i.
func (c *conversation) statement(i, k int, r *statementRule) Statement {
	t := c.text(i)
	s, e := t.original(t.sents[k].start, t.sents[k].end)
	return Statement{Utterance: i, Start: s, End: e, Kind: r.kind, Rule: r.id, Topic: r.topic, Role: c.roles[i],
		Language: r.lang, Confidence: r.confidence, Question: -1}
}

// findCandidates runs the content rules on every utterance whose gate fired, then drops matches voided by the
// rule's negative pattern or a cancel rule in the same sentence.
func (c *conversation) findCandidates() ([]candidate, error) {
	var cands []candidate
	for i := range c.us {
		if !c.bits[i].anyOf(c.set.contentKW) {
			continue
		}
		t := c.text(i)
		first := len(cands)
		for _, r := range c.set.content {
			if !r.selected(c.opt) || !r.gated(c.bits[i]) {
				continue
			}
			var err error
			if r.kind == KindConsentQuestion {
				cands, err = c.matchUtterance(i, t, r, cands)
			} else {
				cands, err = c.matchSentences(i, t, r, cands)
			}
			if err != nil {
				return nil, err
			}
		}
		if err := c.applyCancels(t, cands[first:]); err != nil {
			return nil, err
		}
	}
	return cands, nil
}

// matchUtterance matches r on the whole utterance: a question may follow an announcement ("das gespräch wird
// aufgezeichnet. sind sie einverstanden?"). The statement is the sentence where the match ends.
func (c *conversation) matchUtterance(i int, t *utext, r *statementRule, cands []candidate) ([]candidate, error) {
	w, idx := t.whole()
	_, me, ok, err := firstMatch(r.match, w)
	if err != nil || !ok {
		return cands, err
	}
	if r.negative != nil {
		if neg, err := matches(r.negative, w); err != nil || neg {
			return cands, err
		}
	}
	return append(cands, candidate{utt: i, sent: t.sentenceOf(int(idx[me-1])), rule: r}), nil
}

// matchSentences matches r on each sentence of the utterance that holds one of its keywords.
func (c *conversation) matchSentences(i int, t *utext, r *statementRule, cands []candidate) ([]candidate, error) {
	for k := range t.sents {
		if !r.gated(t.sentBits[k]) {
			continue
		}
		w := t.sentence(k)
		_, _, ok, err := firstMatch(r.match, w)
		if err != nil {
			return cands, err
		}
		if !ok {
			continue
		}
		if r.negative != nil {
			neg, err := matches(r.negative, w)
			if err != nil {
				return cands, err
			}
			if neg {
				continue
			}
		}
		cands = append(cands, candidate{utt: i, sent: k, rule: r})
	}
	return cands, nil
}

// applyCancels voids the event candidates of a sentence in which a cancel rule matches.
func (c *conversation) applyCancels(t *utext, cands []candidate) error {
	for j := range cands {
		cd := &cands[j]
		if cd.void || !eventKinds[cd.rule.kind] {
			continue
		}
		w := t.sentence(cd.sent)
		for _, r := range c.set.cancels {
			if !r.selected(c.opt) || !r.gated(t.sentBits[cd.sent]) || (r.cancels != nil && !r.cancels[cd.rule.kind]) {
				continue
			}
			hit, err := matches(r.match, w)
			if err != nil {
				return err
			}
			if hit {
				cd.void = true
				break
			}
		}
	}
	return nil
}

// dedupe keeps one statement per utterance and kind (the most confident, then the first), and of a consent
// given and a consent refused in one utterance the later: speakers correct themselves ("ja… nein, lieber nicht").
func dedupe(sts []Statement) []Statement {
	type key struct {
		utt  int
		kind string
	}
	best := map[key]int{}
	keep := make([]bool, len(sts))
	for i, st := range sts {
		k := key{st.Utterance, st.Kind}
		j, seen := best[k]
		if !seen {
			best[k] = i
			keep[i] = true
			continue
		}
		o := sts[j]
		if st.Confidence > o.Confidence || (st.Confidence == o.Confidence && st.Start < o.Start) {
			keep[j], keep[i] = false, true
			best[k] = i
		}
	}
	for i, st := range sts {
		if !keep[i] || (st.Kind != KindConsentGiven && st.Kind != KindConsentRefused) {
			continue
		}
		other := KindConsentRefused
		if st.Kind == KindConsentRefused {
			other = KindConsentGiven
		}
		j, ok := best[key{st.Utterance, other}]
		if ok && keep[j] && (sts[j].Start > st.Start || (sts[j].Start == st.Start && other == KindConsentRefused)) {
			keep[i] = false
		}
	}
	out := sts[:0]
	for i, st := range sts {
		if keep[i] {
			out = append(out, st)
		}
	}
	return out
}
