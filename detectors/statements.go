package detectors

import (
	"errors"
	"fmt"

	"github.com/piiguard/piiguard/rules"
)

// statementRule is a compiled compliance statement rule.
type statementRule struct {
	id, kind   string
	langs      map[string]bool
	gate       []int
	match      matcher
	negative   matcher
	confidence float64
}

// statementSet holds the compiled statement rules of a scanner.
type statementSet struct {
	rules []*statementRule
}

// compileStatements compiles statement rules, registering their keywords in kw.
func compileStatements(sts []rules.Statement, kw *keywords) (*statementSet, error) {
	set := &statementSet{}
	var errs []error
	for _, st := range sts {
		sr := &statementRule{id: st.ID, kind: st.Kind, confidence: st.ConfidenceOrDefault()}
		if len(st.Languages) > 0 {
			sr.langs = map[string]bool{}
			for _, l := range st.Languages {
				sr.langs[l] = true
			}
		}
		var err error
		sr.match, err = compilePattern(st.ID, st.Pattern, st.Engine, st.Timeout)
		if err == nil && st.Negative != "" {
			sr.negative, err = compilePattern(st.ID, st.Negative, st.Engine, st.Timeout)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("statement %s: %w", st.ID, err))
			continue
		}
		for _, k := range st.Keywords {
			sr.gate = append(sr.gate, kw.add(k))
		}
		set.rules = append(set.rules, sr)
	}
	return set, errors.Join(errs...)
}

// compilePattern compiles a pattern with its engine.
func compilePattern(id, pattern, engine string, timeout rules.Duration) (matcher, error) {
	if engine == "regexp2" {
		return newRegexp2(id, pattern, timeout)
	}
	return newRE2(pattern)
}
