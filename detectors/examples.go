package detectors

import (
	"fmt"

	"github.com/piiguard/piiguard/rules"
)

// ExampleFailure is a rule example that did not behave as the rule says.
type ExampleFailure struct {
	// Source and Line locate the rule; Rule is its id.
	Source string
	Line   int
	Rule   string
	// Want is "match" or "no_match"; Example is the example text (written by the rule's author, not user data).
	Want    string
	Example string
	// Err is set when the rule could not run at all.
	Err error
}

// Error describes the failure.
func (f ExampleFailure) Error() string {
	if f.Err != nil {
		return fmt.Sprintf("%s:%d: rule %s: %v", f.Source, f.Line, f.Rule, f.Err)
	}
	verb := "found nothing in"
	if f.Want == "no_match" {
		verb = "found something in"
	}
	return fmt.Sprintf("%s:%d: rule %s %s %s example %q", f.Source, f.Line, f.Rule, verb, f.Want, f.Example)
}

// CheckExamples runs every rule's own examples, each rule compiled alone, and returns the failures.
// It returns how many examples ran. A statement rule runs with its pack's cancel rules (negations and
// hypotheticals are shared); its match examples must yield a statement of the rule, its no_match examples none.
func CheckExamples(packs []rules.Pack) (int, []ExampleFailure) {
	var fails []ExampleFailure
	n := 0
	for _, p := range packs {
		sn, sf := checkStatementExamples(p)
		n += sn
		fails = append(fails, sf...)
		for _, r := range p.Rules {
			r = p.Resolve(r)
			one := rules.Pack{Name: p.Name, Version: p.Version, Source: p.Source, Rules: []rules.Rule{r}}
			set, err := rules.NewSet(one)
			var sc *Scanner
			if err == nil {
				sc, err = Compile(set)
			}
			if err != nil {
				fails = append(fails, ExampleFailure{Source: p.Source, Line: r.Line, Rule: r.ID, Err: err})
				continue
			}
			check := func(want string, ex string, expect bool) {
				n++
				fs, err := sc.Scan(ex)
				if err != nil {
					fails = append(fails, ExampleFailure{Source: p.Source, Line: r.Line, Rule: r.ID, Want: want, Example: ex, Err: err})
					return
				}
				if (len(fs) > 0) != expect {
					fails = append(fails, ExampleFailure{Source: p.Source, Line: r.Line, Rule: r.ID, Want: want, Example: ex})
				}
			}
			for _, ex := range r.Examples.Match {
				check("match", ex, true)
			}
			for _, ex := range r.Examples.NoMatch {
				check("no_match", ex, false)
			}
		}
	}
	return n, fails
}

// checkStatementExamples runs the examples of a pack's statement rules.
func checkStatementExamples(p rules.Pack) (int, []ExampleFailure) {
	var fails []ExampleFailure
	n := 0
	var cancels []rules.Statement
	for _, st := range p.Statements {
		if st.Kind == KindCancel {
			if len(st.Languages) == 0 {
				st.Languages = p.Languages
			}
			cancels = append(cancels, st)
		}
	}
	for _, st := range p.Statements {
		if len(st.Languages) == 0 {
			st.Languages = p.Languages
		}
		sts := []rules.Statement{st}
		if IsEventKind(st.Kind) {
			sts = append(sts, cancels...)
		}
		one := rules.Pack{Name: p.Name, Version: p.Version, Source: p.Source, Statements: sts}
		set, err := rules.NewSet(one)
		var sc *Scanner
		if err == nil {
			sc, err = Compile(set)
		}
		if err != nil {
			fails = append(fails, ExampleFailure{Source: p.Source, Line: st.Line, Rule: st.ID, Err: err})
			continue
		}
		check := func(want string, ex string, expect bool) {
			n++
			got, err := sc.statementExample(st.ID, ex)
			if err != nil {
				fails = append(fails, ExampleFailure{Source: p.Source, Line: st.Line, Rule: st.ID, Want: want, Example: ex, Err: err})
				return
			}
			if got != expect {
				fails = append(fails, ExampleFailure{Source: p.Source, Line: st.Line, Rule: st.ID, Want: want, Example: ex})
			}
		}
		for _, ex := range st.Examples.Match {
			check("match", ex, true)
		}
		for _, ex := range st.Examples.NoMatch {
			check("no_match", ex, false)
		}
	}
	return n, fails
}
