package detectors

// statementExample reports whether the statement rule id finds its statement in text, as one utterance of a
// customer (of an agent for a consent_question). An answer rule is tried as the reply to a consent question; a
// cancel rule must match a sentence of text.
func (s *Scanner) statementExample(id, text string) (bool, error) {
	set := s.stmts
	r := set.byID[id]
	if r == nil {
		return false, nil
	}
	us := []Utterance{{Text: text, Role: RoleCustomer}}
	switch r.kind {
	case KindAnswerYes, KindAnswerNo:
		c := &conversation{set: set, us: us, bits: []bitset{set.gate.match(text, nil)}, texts: make([]*utext, 1)}
		got, _, ok, err := c.answer(0)
		return ok && got == r, err
	case KindCancel:
		t := set.gate.prepare(text)
		for k := range t.sents {
			if hit, err := matches(r.match, t.sentence(k)); err != nil || hit {
				return hit, err
			}
		}
		return false, nil
	case KindConsentQuestion:
		us[0].Role = RoleAgent
	}
	sts, err := s.Statements(us, Options{})
	for _, st := range sts {
		if st.Rule == id {
			return true, err
		}
	}
	return false, err
}
