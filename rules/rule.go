// Package rules holds piiguard's rule-pack schema, loads and validates packs, and embeds the default packs.
//
// A pack is a YAML file of detection rules and statement rules. Rules are data: each carries its own
// pattern, prefilter, validator, context words and examples, and Validate runs when the pack loads.
package rules

import (
	"fmt"
	"time"
)

// Pack is one rule pack: usually one language, or the language-independent pack.
type Pack struct {
	// Name identifies the pack, e.g. "de" or "common". Required.
	Name string `yaml:"name"`
	// Version is the pack's version; the rules version of a scan is derived from all packs' versions.
	Version string `yaml:"version"`
	// Languages are the pack's default languages (ISO 639-1), used by rules that name none. Empty means any.
	Languages []string `yaml:"languages"`
	// Rules are the entity rules.
	Rules []Rule `yaml:"rules"`
	// Statements are the compliance statement rules (consent, objection, data-subject requests).
	Statements []Statement `yaml:"statements"`
	// Lists are named word lists that rules of this pack refer to as "@name" in Exclude.
	Lists map[string][]string `yaml:"lists"`

	// Source is the file the pack was read from; set by the loader.
	Source string `yaml:"-"`
}

// Rule is one entity rule. A rule finds values by Pattern (a regular expression) or by Terms
// (a dictionary), confirms them with an optional Validator and scores them with Context.
type Rule struct {
	// ID is unique across all loaded packs, e.g. "de.person.intro". Required.
	ID string `yaml:"id"`
	// Type is the upper-case entity type: PERSON, EMAIL, PHONE, IBAN, … Required.
	Type string `yaml:"type"`
	// Subtype refines Type; SPECIAL_CATEGORY rules name the category here (health, religion, …).
	Subtype string `yaml:"subtype"`
	// Category is personal, contact, financial, identifier or special_category. Required.
	Category string `yaml:"category"`
	// Description says in one line what the rule finds.
	Description string `yaml:"description"`
	// Languages narrows the rule to these languages; default: the pack's languages.
	Languages []string `yaml:"languages"`

	// Keywords gate the rule: it runs only when one of them occurs in the text (lower case, matched on the
	// case-folded text). Without Triggers, the regex runs on windows around each keyword occurrence.
	Keywords []string `yaml:"keywords"`
	// Triggers name cheap byte classes whose occurrences open the windows the regex runs on:
	// "digits" (runs of digits with separators), "at" ('@'), "colon" (hex and ':' runs, for IPv6).
	Triggers []string `yaml:"triggers"`
	// MinDigits skips digit windows with fewer digits than this; default 0 (no limit).
	MinDigits int `yaml:"min_digits"`
	// Window is how many bytes around a keyword the regex looks at; default 64 after and a quarter of it before.
	Window int `yaml:"window"`
	// Anchor "keyword" runs the pattern once at each keyword occurrence, anchored at the keyword's start (the
	// pattern must match there), over Window bytes: the cheapest way to say "a name after this word".
	Anchor string `yaml:"anchor"`
	// Extend widens trigger windows by this many bytes to the right (then to the end of a token), for values
	// that run on after the number ("2100 københavn ø"); default 0.
	Extend int `yaml:"extend"`
	// SpokenOnly keeps only values that were dictated as number or letter words (a spoken or spelled view
	// rewrote them): a number read out digit by digit in a call is an identifier far more often than the same
	// digits written in a chat. Default false.
	SpokenOnly bool `yaml:"spoken_only"`
	// WholeText runs the pattern over the whole text (for patterns anchored at the start of a turn, "^…"). It is
	// slow: the loader refuses a rule without keywords, triggers or terms unless this is set. With Triggers, the
	// whole text is read only when a trigger fires (and, for digits, MinDigits is met).
	WholeText bool `yaml:"whole_text"`
	// Exclude lists words (lower case; "@name" names a list of the pack) that a value may not contain: the value
	// ends before the first such word, and a value that starts with one is dropped ("ich bin sehr zufrieden").
	Exclude []string `yaml:"exclude"`

	// Pattern is the regular expression. A named group "value" marks the span to report; otherwise the whole match.
	Pattern string `yaml:"pattern"`
	// Engine is "re2" (default, Go's regexp) or "regexp2" (look-around; needs Timeout).
	Engine string `yaml:"engine"`
	// Timeout bounds one regexp2 match; required for regexp2 rules.
	Timeout Duration `yaml:"timeout"`
	// View is the text the rule sees: "folded" (default: NFKC, lower case), "cased" (NFKC, case kept) or
	// "spoken" (folded, with spelled-out numbers written as digits) or "spelled" (spoken, with spelled-out letters
	// and dictated emails written compactly: "l a u r i t s punkt andresen at gmail punkt com").
	View string `yaml:"view"`
	// Terms is a dictionary of lower-case words or phrases matched on word boundaries; a trailing '*' matches
	// any word that starts with the term. A rule has Pattern, Terms or Lexicon, one of them.
	Terms []string `yaml:"terms"`
	// Lexicon names a detector that reads the token stream with the embedded lexicons (rules/lexicons) instead of
	// a pattern. "names": a first name of the lexicons followed by a surname-like word (a surname of the
	// lexicons, or a capitalised word after a capitalised first name; no stop word) is a person, and a person
	// found by another rule takes the lexicon first name or surname right beside it. Type must be PERSON.
	Lexicon string `yaml:"lexicon"`

	// Validator names a check the matched value must pass (see detectors/validate), e.g. "iban".
	Validator string `yaml:"validator"`
	// Score is the base confidence in [0,1]; default 0.6.
	Score float64 `yaml:"score"`
	// MinScore is the least score a finding needs after context; default 0.5.
	MinScore float64 `yaml:"min_score"`
	// Context raises or lowers the score when words occur near the match.
	Context Context `yaml:"context"`
	// Examples are texts the rule must and must not find something in; they run as tests.
	Examples Examples `yaml:"examples"`

	// Line is the line of the rule in its pack; set by the loader.
	Line int `yaml:"-"`
}

// Context lists words that change a finding's score when they occur within Window bytes of it.
type Context struct {
	// Words raise the score by Boost (default 0.3) when one occurs near the match.
	Words []string `yaml:"words"`
	// Boost is added when a Words entry is near; default 0.3.
	Boost float64 `yaml:"boost"`
	// Negative words lower the score by Penalty (default 0.5): "bestellnummer", "order number", …
	Negative []string `yaml:"negative"`
	// Penalty is subtracted when a Negative entry is near; default 0.5.
	Penalty float64 `yaml:"penalty"`
	// Window is how many bytes before and after the match are searched; default 48.
	Window int `yaml:"window"`
}

// Examples are a rule's self-tests.
type Examples struct {
	// Match are texts in which the rule must report a finding.
	Match []string `yaml:"match"`
	// NoMatch are texts in which the rule must report nothing.
	NoMatch []string `yaml:"no_match"`
}

// Statement is a compliance statement rule: a sentence that says consent, refusal, objection or a request.
type Statement struct {
	// ID is unique across all loaded packs. Required.
	ID string `yaml:"id"`
	// Kind is the event kind: consent_given, consent_refused, consent_withdrawn, objection, erasure_request,
	// access_request, rectification_request, portability_request, restriction_request; or consent_question
	// (an agent asking for consent) and the short answers answer_yes and answer_no used by dialogue logic;
	// or cancel: a frame (negation, hypothetical, an explanation of rights) that voids the event statements
	// of its sentence.
	Kind string `yaml:"kind"`
	// Topic says what a consent statement or question is about, one lower-case word: recording (of the call),
	// marketing, processing, contact… An answer takes its question's topic; a call's recording consent is
	// decided by statements with topic recording (or none). Default: none.
	Topic string `yaml:"topic"`
	// Polarity refines the dialogue kinds. On a consent_question, "inverted" marks a question that "no"
	// answers with consent ("do you mind if we record?"). On an answer_yes, "bare" marks a plain yes ("ja",
	// "yes") that, under an inverted question, means the customer does mind. Default: none.
	Polarity string `yaml:"polarity"`
	// Cancels lists the kinds a cancel statement voids; default: every event kind.
	Cancels []string `yaml:"cancels"`
	// Description says in one line what the rule finds.
	Description string `yaml:"description"`
	// Languages narrows the rule; default: the pack's languages.
	Languages []string `yaml:"languages"`
	// Keywords gate the rule (lower case); at least one must occur in the sentence.
	Keywords []string `yaml:"keywords"`
	// Pattern is matched on the lower-cased sentence (on the whole utterance for consent_question, so the
	// question may follow an announcement in an earlier sentence; answers are anchored with ^ at a sentence
	// start).
	Pattern string `yaml:"pattern"`
	// Engine is "re2" (default) or "regexp2" (needs Timeout).
	Engine string `yaml:"engine"`
	// Timeout bounds one regexp2 match; required for regexp2.
	Timeout Duration `yaml:"timeout"`
	// Negative is a pattern that cancels the statement when it matches the same sentence (negation, hypothetical).
	Negative string `yaml:"negative"`
	// Confidence is the event's confidence in [0,1]; default 0.9.
	Confidence float64 `yaml:"confidence"`
	// Examples are the rule's self-tests.
	Examples Examples `yaml:"examples"`

	// Line is the line of the statement in its pack; set by the loader.
	Line int `yaml:"-"`
}

// Duration is a time.Duration written as in Go ("50ms").
type Duration time.Duration

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("invalid duration %q", b)
	}
	*d = Duration(v)
	return nil
}

// Std returns d as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// Defaults for rule fields left empty.
const (
	DefaultScore          = 0.6
	DefaultMinScore       = 0.5
	DefaultBoost          = 0.3
	DefaultPenalty        = 0.5
	DefaultContextWindow  = 48
	DefaultKeywordWindow  = 64
	DefaultConfidence     = 0.9
	MaxRegexp2Timeout     = time.Second
	DefaultRegexp2Timeout = 50 * time.Millisecond
)

// ScoreOrDefault returns the rule's base score.
func (r *Rule) ScoreOrDefault() float64 { return orDefault(r.Score, DefaultScore) }

// MinScoreOrDefault returns the least score a finding of the rule needs.
func (r *Rule) MinScoreOrDefault() float64 { return orDefault(r.MinScore, DefaultMinScore) }

// WindowOrDefault returns the keyword window in bytes.
func (r *Rule) WindowOrDefault() int { return orDefaultInt(r.Window, DefaultKeywordWindow) }

// BoostOrDefault returns the context boost.
func (c *Context) BoostOrDefault() float64 { return orDefault(c.Boost, DefaultBoost) }

// PenaltyOrDefault returns the negative-context penalty.
func (c *Context) PenaltyOrDefault() float64 { return orDefault(c.Penalty, DefaultPenalty) }

// WindowOrDefault returns the context window in bytes.
func (c *Context) WindowOrDefault() int { return orDefaultInt(c.Window, DefaultContextWindow) }

// ConfidenceOrDefault returns the statement's confidence.
func (s *Statement) ConfidenceOrDefault() float64 { return orDefault(s.Confidence, DefaultConfidence) }

func orDefault(v, d float64) float64 {
	if v == 0 {
		return d
	}
	return v
}

func orDefaultInt(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}
