package detectors

// Dialogue limits.
const (
	// answerWindow is how many utterances after a consent question may hold its answer.
	answerWindow = 6
	// answerTries is how many turns of the other party are searched for the answer.
	answerTries = 2
	// answerReach is how far into an utterance (bytes) an answer's sentence may start: answers come first.
	answerReach = 80
)

// Recording consent statuses of a call (see RecordingConsent).
const (
	ConsentStatusGiven           = "given"
	ConsentStatusRefused         = "refused"
	ConsentStatusWithdrawn       = "withdrawn"
	ConsentStatusAskedUnanswered = "asked_unanswered"
	ConsentStatusNotAsked        = "not_asked"
)

// TopicRecording is the topic of consent to recording the conversation.
const TopicRecording = "recording"

// inferRoles sets the effective role of every utterance: the given role, else the role inferred for its speaker.
// A speaker who asks for consent is an agent; in a two-party conversation with one known agent or customer, the
// other speaker has the other role.
func (c *conversation) inferRoles(cands []candidate) {
	c.roles = make([]string, len(c.us))
	known := map[string]string{}
	var labels []string
	for _, u := range c.us {
		if u.Speaker == "" {
			continue
		}
		if _, seen := known[u.Speaker]; !seen {
			labels = append(labels, u.Speaker)
			known[u.Speaker] = ""
		}
		if u.Role != "" && known[u.Speaker] == "" {
			known[u.Speaker] = u.Role
		}
	}
	for _, cd := range cands {
		u := c.us[cd.utt]
		if !cd.void && cd.rule.kind == KindConsentQuestion && u.Speaker != "" && known[u.Speaker] == "" {
			known[u.Speaker] = RoleAgent
		}
	}
	if len(labels) == 2 {
		a, b := labels[0], labels[1]
		switch {
		case known[a] == RoleAgent && known[b] == "":
			known[b] = RoleCustomer
		case known[b] == RoleAgent && known[a] == "":
			known[a] = RoleCustomer
		case known[a] == RoleCustomer && known[b] == "":
			known[b] = RoleAgent
		case known[b] == RoleCustomer && known[a] == "":
			known[a] = RoleAgent
		}
	}
	for i, u := range c.us {
		c.roles[i] = u.Role
		if u.Role == "" && u.Speaker != "" {
			c.roles[i] = known[u.Speaker]
		}
	}
}

// sameSpeaker reports whether utterances i and j are by the same speaker, as far as the record tells.
func (c *conversation) sameSpeaker(i, j int) bool {
	if a, b := c.us[i].Speaker, c.us[j].Speaker; a != "" && b != "" {
		return a == b
	}
	if a, b := c.roles[i], c.roles[j]; a != "" && b != "" {
		return a == b
	}
	return false
}

// answerQuestions turns the short answers to consent questions into consent given or refused by the answering
// speaker. An answer is looked for in the next turns of the other party, until the asker asks again. When the
// answering turn states consent or refusal in its own words, that statement stands and takes the question's topic.
func (c *conversation) answerQuestions(sts []Statement) ([]Statement, error) {
	var derived []Statement
	for qi := range sts {
		q := sts[qi]
		if q.Kind != KindConsentQuestion {
			continue
		}
		qr := c.set.byID[q.Rule]
		tries := 0
	turns:
		for j := q.Utterance + 1; j < len(c.us) && j <= q.Utterance+answerWindow; j++ {
			if c.sameSpeaker(q.Utterance, j) {
				if hasKind(sts, j, KindConsentQuestion) {
					break
				}
				continue
			}
			if c.roles[j] == RoleAgent {
				continue
			}
			tries++
			explicit := false
			for k := range sts {
				st := &sts[k]
				if st.Utterance == j && (st.Kind == KindConsentGiven || st.Kind == KindConsentRefused) {
					explicit = true
					st.Question = q.Utterance
					if st.Topic == "" {
						st.Topic = q.Topic
					}
				}
			}
			if explicit {
				break
			}
			ar, k, ok, err := c.answer(j)
			if err != nil {
				return nil, err
			}
			if ok {
				given := ar.kind == KindAnswerYes
				if qr != nil && qr.inverted {
					given = ar.kind == KindAnswerNo || !ar.bare
				}
				st := c.statement(j, k, ar)
				st.Kind, st.Topic, st.Question = KindConsentRefused, q.Topic, q.Utterance
				if given {
					st.Kind = KindConsentGiven
				}
				st.Confidence = min(st.Confidence, q.Confidence)
				if q.Language != "" {
					st.Language = q.Language // short answers ("ok", "ja") are shared by several languages
				}
				derived = append(derived, st)
				break turns
			}
			if tries >= answerTries {
				break
			}
		}
	}
	return append(sts, derived...), nil
}

func hasKind(sts []Statement, utt int, kind string) bool {
	for _, st := range sts {
		if st.Utterance == utt && st.Kind == kind {
			return true
		}
	}
	return false
}

// answer finds a short yes or no at the start of utterance j: in the first sentence within answerReach bytes
// that holds one; when several answer rules match it, the longest match (the most specific: "nein, kein problem"
// over "nein") wins.
func (c *conversation) answer(j int) (*statementRule, int, bool, error) {
	gated := false
	for _, r := range c.set.answers {
		gated = gated || (r.selected(c.opt) && r.gated(c.bits[j]))
	}
	if !gated {
		return nil, 0, false, nil
	}
	t := c.text(j)
	for k, sp := range t.sents {
		if sp.start > answerReach {
			break
		}
		w := t.sentence(k)
		var best *statementRule
		bestLen := 0
		for _, r := range c.set.answers {
			if !r.selected(c.opt) || !r.gated(t.sentBits[k]) {
				continue
			}
			ms, me, ok, err := firstMatch(r.match, w)
			if err != nil {
				return nil, 0, false, err
			}
			if !ok || me-ms <= bestLen {
				continue
			}
			if r.negative != nil {
				if neg, err := matches(r.negative, w); err != nil || neg {
					if err != nil {
						return nil, 0, false, err
					}
					continue
				}
			}
			best, bestLen = r, me-ms
		}
		if best != nil {
			return best, k, true, nil
		}
	}
	return nil, 0, false, nil
}

// markWithdrawals turns a refusal into a withdrawal when the same speaker gave consent on the same topic before
// ("ja, okay" … "stop recording, I've changed my mind"). sts must be in conversation order.
func (c *conversation) markWithdrawals(sts []Statement) {
	type key struct{ who, topic string }
	given := map[key]bool{}
	for i := range sts {
		st := &sts[i]
		if st.Topic == "" {
			continue
		}
		k := key{c.us[st.Utterance].Speaker + "\x00" + st.Role, st.Topic}
		switch st.Kind {
		case KindConsentGiven:
			given[k] = true
		case KindConsentRefused:
			if given[k] {
				st.Kind = KindConsentWithdrawn
				given[k] = false
			}
		case KindConsentWithdrawn:
			given[k] = false
		}
	}
}

// RecordingConsent summarises a call's consent to being recorded from its statements (in conversation order):
// the status is that of the last consent given, refused or withdrawn about recording (or about no named topic;
// a withdrawal that names no topic counts only after consent was given: "I withdraw my consent to the processing
// of my data" is no statement about the recording), else asked_unanswered when an agent asked, else not_asked. at is the index in sts of the deciding statement (the question for
// asked_unanswered), or -1.
func RecordingConsent(sts []Statement) (status string, at int) {
	status, at = ConsentStatusNotAsked, -1
	for i, st := range sts {
		if st.Topic != TopicRecording && st.Topic != "" {
			continue
		}
		switch st.Kind {
		case KindConsentQuestion:
			if status == ConsentStatusNotAsked {
				status, at = ConsentStatusAskedUnanswered, i
			}
		case KindConsentGiven:
			status, at = ConsentStatusGiven, i
		case KindConsentRefused:
			status, at = ConsentStatusRefused, i
		case KindConsentWithdrawn:
			if st.Topic == TopicRecording || status == ConsentStatusGiven {
				status, at = ConsentStatusWithdrawn, i
			}
		}
	}
	return status, at
}
