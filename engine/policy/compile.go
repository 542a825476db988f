package policy

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// defaultMetadataKeys are the keys never scanned when a policy names none.
var defaultMetadataKeys = []string{"id", "channel", "language", "speaker", "start_ms", "end_ms", "at", "timestamp"}

// fieldName is what a classification field may be called.
var fieldName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// actionList is the list of actions error messages offer.
const actionList = "pseudonymise, mask, redact, generalise, drop, keep"

// ruleKind says what a rule is keyed by.
type ruleKind int

const (
	kindDefault ruleKind = iota
	kindCategory
	kindSubtype
	kindType
)

// problem is one validation error at a line.
type problem struct {
	line int
	msg  string
}

// compiler turns a parsed policy file into a Policy, collecting every problem with its line.
type compiler struct {
	source string
	lines  lineIndex
	known  map[string]bool
	probs  []problem
}

// add records a problem at line.
func (c *compiler) add(line int, format string, args ...any) {
	c.probs = append(c.probs, problem{line, fmt.Sprintf(format, args...)})
}

// err returns the problems as "source:line: problem" errors in line order, or nil.
func (c *compiler) err() error {
	if len(c.probs) == 0 {
		return nil
	}
	sort.SliceStable(c.probs, func(i, j int) bool { return c.probs[i].line < c.probs[j].line })
	errs := make([]error, len(c.probs))
	for i, p := range c.probs {
		errs[i] = fmt.Errorf("%s:%d: %s", c.source, p.line, p.msg)
	}
	return errors.Join(errs...)
}

// compile validates f and builds the policy.
func (c *compiler) compile(f *fileYAML) *Policy {
	p := &Policy{
		version:    strings.TrimSpace(f.Version),
		classField: f.ClassificationField,
		languages:  c.languages(f.Languages, "languages"),
		metadata:   map[string]bool{},
		channels:   map[string]*channelScope{},
	}
	if p.version == "" {
		c.add(c.lines.line("version"), "version is required (e.g. version: \"1\")")
	}
	keys := f.MetadataKeys
	if keys == nil {
		keys = defaultMetadataKeys
	}
	for i, k := range keys {
		if strings.TrimSpace(k) == "" {
			c.add(c.lines.line("metadata_keys", fmt.Sprint(i)), "metadata key %d is empty", i+1)
		}
		p.metadata[k] = true
	}
	if p.classField != "" && !fieldName.MatchString(p.classField) {
		c.add(c.lines.line("classification_field"),
			"classification_field %q is not a plain field name (letters, digits, '_', '.', '-'; e.g. _piiguard)", p.classField)
	}

	p.global = c.scope(nil, f.scopeYAML)
	if p.global.def == nil {
		p.global.def = &rule{action: Pseudonymise}
	}
	if _, ok := p.global.categories[specialCategory]; !ok {
		p.global.categories[specialCategory] = rule{action: Redact}
	}

	for _, name := range sortedKeys(f.Channels) {
		ch := f.Channels[name]
		if strings.TrimSpace(name) == "" {
			c.add(c.lines.line("channels", name), "channel name is empty")
		}
		p.channels[name] = &channelScope{
			scope:     c.scope([]string{"channels", name}, ch.scopeYAML),
			languages: c.languages(ch.Languages, "channels", name, "languages"),
		}
	}
	for _, raw := range sortedKeys(f.Paths) {
		pat, err := parsePattern(raw)
		if err != nil {
			c.add(c.lines.line("paths", raw), "path %q: %v", raw, err)
			continue
		}
		p.paths = append(p.paths, &pathScope{pattern: pat, scope: c.scope([]string{"paths", raw}, f.Paths[raw])})
	}
	sort.SliceStable(p.paths, func(i, j int) bool { return p.paths[i].pattern.moreSpecific(p.paths[j].pattern) })
	return p
}

// languages checks ISO 639-1 codes; nil stays nil (all languages).
func (c *compiler) languages(langs []string, at ...string) []string {
	for i, l := range langs {
		if !langName.MatchString(l) {
			c.add(c.lines.line(append(at, fmt.Sprint(i))...), "language %q is not a lower-case ISO 639-1 code such as de", l)
		}
	}
	return langs
}

// scope compiles the rules of one scope whose key path is at.
func (c *compiler) scope(at []string, s scopeYAML) scope {
	sc := scope{categories: map[string]rule{}, subtypes: map[string]rule{}, types: map[string]rule{}}
	sub := func(keys ...string) []string { return append(at[:len(at):len(at)], keys...) }
	if s.Default != nil {
		r := c.rule(sub("default"), *s.Default, kindDefault, "")
		sc.def = &r
	}
	for _, name := range sortedKeys(s.Categories) {
		if !slices.Contains(categories, name) {
			c.add(c.lines.line(sub("categories", name)...), "unknown category %q (known: %s)", name, strings.Join(categories, ", "))
			continue
		}
		sc.categories[name] = c.rule(sub("categories", name), s.Categories[name], kindCategory, name)
	}
	for _, name := range sortedKeys(s.Subtypes) {
		if !subtypeName.MatchString(name) {
			c.add(c.lines.line(sub("subtypes", name)...), "subtype %q is not a lower-case name such as health", name)
			continue
		}
		sc.subtypes[name] = c.rule(sub("subtypes", name), s.Subtypes[name], kindSubtype, name)
	}
	for _, name := range sortedKeys(s.Types) {
		if !c.known[name] {
			c.add(c.lines.line(sub("types", name)...), "unknown entity type %q (known: %s; a rule pack's own types are "+
				"known when the policy is loaded with the packs)", name, strings.Join(sortedKeys(c.known), ", "))
			continue
		}
		sc.types[name] = c.rule(sub("types", name), s.Types[name], kindType, name)
	}
	return sc
}

// rule compiles one rule whose key path is at.
func (c *compiler) rule(at []string, r ruleYAML, kind ruleKind, name string) rule {
	line := c.lines.line(at...)
	fieldLine := func(field string) int { return c.lines.line(append(at[:len(at):len(at)], field)...) }
	what := map[ruleKind]string{kindDefault: "default", kindCategory: "category ", kindSubtype: "subtype ", kindType: "type "}[kind] + name

	a, ok := actionNames[strings.TrimSpace(r.Action)]
	switch {
	case strings.TrimSpace(r.Action) == "":
		c.add(line, "%s: no action (want one of %s)", what, actionList)
		return rule{action: Redact}
	case !ok:
		c.add(line, "%s: unknown action %q (want one of %s)", what, r.Action, actionList)
		return rule{action: Redact}
	}
	out := rule{action: a}

	special := kind == kindCategory && name == specialCategory || kind == kindType && name == specialType || kind == kindSubtype
	if special && a != Redact && a != Drop {
		c.add(line, "%s: action %s is refused: special categories (health, religion, …) may only be redacted or "+
			"dropped, never kept, pseudonymised into joinable tokens, masked or generalised", what, a)
		return rule{action: Redact}
	}

	maskFields := []struct {
		name string
		set  bool
	}{{"keep_first", r.KeepFirst != nil}, {"keep_last", r.KeepLast != nil}, {"char", r.Char != nil}}
	for _, f := range maskFields {
		switch {
		case f.set && a != Mask:
			c.add(fieldLine(f.name), "%s: %s applies only to action mask, not %s", what, f.name, a)
		case f.set && kind != kindType && f.name != "char":
			c.add(fieldLine(f.name), "%s: %s is set per entity type, under types", what, f.name)
		}
	}
	if r.Char != nil {
		if !validMaskChar(*r.Char) {
			c.add(fieldLine("char"), "%s: char %q must be one printable character that is no letter, digit or space", what, *r.Char)
		}
		out.char = *r.Char
	}
	if kind != kindType {
		return out
	}

	switch a {
	case Mask:
		lim, ok := maskLimits[name]
		if !ok {
			c.add(line, "%s: mask is not supported for %s (supported: %s)", what, name, strings.Join(sortedKeys(maskLimits), ", "))
			return out
		}
		out.mask, out.hasMask = lim, true
		check := func(field string, v *int, max int, dst *int) {
			switch {
			case v == nil:
			case *v < 0:
				c.add(fieldLine(field), "%s: %s must not be negative", what, field)
			case *v > max:
				c.add(fieldLine(field), "%s: %s %d reveals more than mask allows for %s (at most keep_first %d, keep_last %d)",
					what, field, *v, name, lim.KeepFirst, lim.KeepLast)
			default:
				*dst = *v
			}
		}
		check("keep_first", r.KeepFirst, lim.KeepFirst, &out.mask.KeepFirst)
		check("keep_last", r.KeepLast, lim.KeepLast, &out.mask.KeepLast)
	case Generalise:
		if !generalisable[name] {
			c.add(line, "%s: generalise is not supported for %s (supported: %s)", what, name, strings.Join(sortedKeys(generalisable), ", "))
		}
	}
	return out
}
