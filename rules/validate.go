package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dlclark/regexp2"

	"github.com/piiguard/piiguard/detectors/validate"
)

// Known values of the enumerated fields.
var (
	categories = set("personal", "contact", "financial", "identifier", "special_category")
	triggers   = set("digits", "at", "colon")
	views      = set("", "folded", "cased", "spoken", "spelled")
	engines    = set("", "re2", "regexp2")
	kinds      = set("consent_given", "consent_refused", "consent_withdrawn", "objection", "erasure_request",
		"access_request", "rectification_request", "portability_request", "restriction_request",
		"consent_question", "answer_yes", "answer_no", "cancel")
	eventKinds = set("consent_given", "consent_refused", "consent_withdrawn", "objection", "erasure_request",
		"access_request", "rectification_request", "portability_request", "restriction_request")
	topicName = regexp.MustCompile(`^[a-z][a-z_]*$`)
	typeName  = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	idName    = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)
	langName  = regexp.MustCompile(`^[a-z]{2}$`)
)

func set(v ...string) map[string]bool {
	m := make(map[string]bool, len(v))
	for _, s := range v {
		m[s] = true
	}
	return m
}

// Validate checks every rule and statement of the pack; each error names the file, the line and the rule.
func (p *Pack) Validate() error {
	var errs []error
	if p.Name == "" {
		errs = append(errs, fmt.Errorf("%s: pack has no name", p.Source))
	}
	for _, l := range p.Languages {
		if !langName.MatchString(l) {
			errs = append(errs, fmt.Errorf("%s: language %q is not an ISO 639-1 code", p.Source, l))
		}
	}
	for name, words := range p.Lists {
		for _, w := range words {
			if w == "" || w != strings.ToLower(w) {
				errs = append(errs, fmt.Errorf("%s: list %s: word %q must be non-empty and lower case", p.Source, name, w))
			}
		}
	}
	for i := range p.Rules {
		r := &p.Rules[i]
		for _, x := range r.Exclude {
			if name, ok := strings.CutPrefix(x, "@"); ok {
				if _, known := p.Lists[name]; !known {
					errs = append(errs, fmt.Errorf("%s:%d: rule %s: exclude names unknown list %q", p.Source, r.Line, r.ID, name))
				}
			} else if x != strings.ToLower(x) {
				errs = append(errs, fmt.Errorf("%s:%d: rule %s: exclude word %q must be lower case", p.Source, r.Line, r.ID, x))
			}
		}
		for _, err := range r.problems() {
			errs = append(errs, fmt.Errorf("%s:%d: rule %s: %w", p.Source, r.Line, r.ID, err))
		}
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		for _, err := range s.problems() {
			errs = append(errs, fmt.Errorf("%s:%d: statement %s: %w", p.Source, s.Line, s.ID, err))
		}
	}
	return errors.Join(errs...)
}

func (r *Rule) problems() []error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if !idName.MatchString(r.ID) {
		add("id must be lower case letters, digits, '.', '_' or '-'")
	}
	if !typeName.MatchString(r.Type) {
		add("type %q must be an upper-case name such as EMAIL", r.Type)
	}
	if !categories[r.Category] {
		add("category %q is not one of personal, contact, financial, identifier, special_category", r.Category)
	}
	if r.Type == "SPECIAL_CATEGORY" && r.Subtype == "" {
		add("SPECIAL_CATEGORY rules need a subtype (health, religion, …)")
	}
	for _, l := range r.Languages {
		if !langName.MatchString(l) {
			add("language %q is not an ISO 639-1 code", l)
		}
	}
	for _, t := range r.Triggers {
		if !triggers[t] {
			add("unknown trigger %q (want digits, at or colon)", t)
		}
	}
	if !views[r.View] {
		add("unknown view %q (want folded, cased, spoken or spelled)", r.View)
	}
	kinds := 0
	for _, set := range []bool{r.Pattern != "", len(r.Terms) > 0, r.Lexicon != ""} {
		if set {
			kinds++
		}
	}
	switch {
	case kinds == 0:
		add("needs a pattern, terms or a lexicon")
	case kinds > 1:
		add("has more than one of pattern, terms and lexicon; use one")
	}
	switch r.Lexicon {
	case "":
	case "names":
		if r.Type != "PERSON" {
			add("lexicon: names finds PERSON values; type is %q", r.Type)
		}
	default:
		add("unknown lexicon %q (want names)", r.Lexicon)
	}
	if r.Pattern != "" {
		errs = append(errs, checkPattern(r.Pattern, r.Engine, r.Timeout)...)
	}
	if r.Pattern != "" && len(r.Keywords) == 0 && len(r.Triggers) == 0 && !r.WholeText {
		add("needs keywords or triggers so it runs only where it can match (or whole_text: true to scan every text)")
	}
	switch r.Anchor {
	case "":
	case "keyword":
		if len(r.Keywords) == 0 || len(r.Triggers) > 0 {
			add("anchor: keyword needs keywords and no triggers")
		}
	default:
		add("unknown anchor %q (want keyword)", r.Anchor)
	}
	if r.Extend < 0 {
		add("extend must not be negative")
	}
	if r.SpokenOnly && r.View != "spoken" && r.View != "spelled" {
		add("spoken_only needs view: spoken or view: spelled")
	}
	for _, t := range r.Terms {
		if t == "" || t != strings.ToLower(t) {
			add("term %q must be non-empty and lower case", t)
		}
	}
	for _, k := range append(append(append([]string{}, r.Keywords...), r.Context.Words...), r.Context.Negative...) {
		if k == "" || k != strings.ToLower(k) {
			add("keyword %q must be non-empty and lower case", k)
		}
	}
	if r.Validator != "" {
		if _, ok := validate.Lookup(r.Validator); !ok {
			add("unknown validator %q (known: %s)", r.Validator, strings.Join(validate.Names(), ", "))
		}
	}
	for name, v := range map[string]float64{"score": r.Score, "min_score": r.MinScore,
		"context.boost": r.Context.Boost, "context.penalty": r.Context.Penalty} {
		if v < 0 || v > 1 {
			add("%s %v is outside [0,1]", name, v)
		}
	}
	if r.MinDigits < 0 || r.Window < 0 || r.Context.Window < 0 {
		add("min_digits, window and context.window must not be negative")
	}
	if len(r.Examples.Match) == 0 {
		add("needs at least one examples.match")
	}
	return errs
}

func (s *Statement) problems() []error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if !idName.MatchString(s.ID) {
		add("id must be lower case letters, digits, '.', '_' or '-'")
	}
	if !kinds[s.Kind] {
		add("unknown kind %q", s.Kind)
	}
	if s.Topic != "" && !topicName.MatchString(s.Topic) {
		add("topic %q must be one lower-case word", s.Topic)
	}
	switch {
	case s.Polarity == "":
	case s.Polarity == "inverted" && s.Kind == "consent_question":
	case s.Polarity == "bare" && s.Kind == "answer_yes":
	default:
		add("polarity %q fits no %s rule (inverted: consent_question; bare: answer_yes)", s.Polarity, s.Kind)
	}
	if len(s.Cancels) > 0 && s.Kind != "cancel" {
		add("cancels is only for kind cancel")
	}
	for _, k := range s.Cancels {
		if !eventKinds[k] {
			add("cancels names %q, which is not an event kind", k)
		}
	}
	if s.Pattern == "" {
		add("needs a pattern")
	} else {
		errs = append(errs, checkPattern(s.Pattern, s.Engine, s.Timeout)...)
	}
	if s.Negative != "" {
		errs = append(errs, checkPattern(s.Negative, s.Engine, s.Timeout)...)
	}
	for _, k := range s.Keywords {
		if k == "" || k != strings.ToLower(k) {
			add("keyword %q must be non-empty and lower case", k)
		}
	}
	if s.Confidence < 0 || s.Confidence > 1 {
		add("confidence %v is outside [0,1]", s.Confidence)
	}
	if len(s.Examples.Match) == 0 {
		add("needs at least one examples.match")
	}
	return errs
}

// checkPattern compiles pattern with its engine and checks a regexp2 rule's timeout.
func checkPattern(pattern, engine string, timeout Duration) []error {
	if !engines[engine] {
		return []error{fmt.Errorf("unknown engine %q (want re2 or regexp2)", engine)}
	}
	if engine == "regexp2" {
		var errs []error
		if timeout <= 0 {
			errs = append(errs, errors.New("regexp2 rules need a timeout (e.g. timeout: 50ms)"))
		} else if timeout.Std() > MaxRegexp2Timeout {
			errs = append(errs, fmt.Errorf("timeout %v is over the %v limit", timeout.Std(), MaxRegexp2Timeout))
		}
		if _, err := regexp2.Compile(pattern, regexp2.None); err != nil {
			errs = append(errs, fmt.Errorf("pattern: %v", err))
		}
		return errs
	}
	if _, err := regexp.Compile(pattern); err != nil {
		return []error{fmt.Errorf("pattern: %v", err)}
	}
	return nil
}
