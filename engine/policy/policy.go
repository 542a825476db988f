package policy

import (
	"maps"
	"slices"

	"github.com/piiguard/piiguard/detectors"
)

// Policy is a validated policy. It is immutable and safe for concurrent use.
type Policy struct {
	version    string
	classField string
	languages  []string
	metadata   map[string]bool
	global     scope
	channels   map[string]*channelScope
	paths      []*pathScope // most specific first
}

// rule is one compiled rule.
type rule struct {
	action Action
	// mask is the complete MaskSpec (without Char) of a type rule with action mask, when hasMask is set.
	mask    MaskSpec
	hasMask bool
	// char is the rule's mask character; "" means the default.
	char string
}

// scope holds the rules of the whole policy, one channel or one path.
type scope struct {
	def        *rule
	categories map[string]rule
	subtypes   map[string]rule
	types      map[string]rule
}

// channelScope is a channel's rules and languages.
type channelScope struct {
	scope
	languages []string
}

// pathScope is the rules of the fields a path pattern matches.
type pathScope struct {
	pattern pattern
	scope
}

// lookup returns the most specific rule of s for f: type, then subtype, then category, then the scope's default.
func (s *scope) lookup(f detectors.Finding) (rule, bool) {
	if r, ok := s.types[f.Type]; ok {
		return r, true
	}
	if f.Subtype != "" {
		if r, ok := s.subtypes[f.Subtype]; ok {
			return r, true
		}
	}
	if r, ok := s.categories[f.Category]; ok {
		return r, true
	}
	if s.def != nil {
		return *s.def, true
	}
	return rule{}, false
}

// Version returns the policy's version, as written in its file.
func (p *Policy) Version() string { return p.version }

// MetadataKeys returns the keys whose values are never scanned, in a new map; default: id, channel, language,
// speaker, start_ms, end_ms, at, timestamp.
func (p *Policy) MetadataKeys() map[string]bool { return maps.Clone(p.metadata) }

// ClassificationField returns the name of the record field the classification is written to; "" (the
// default) means Kafka headers only.
func (p *Policy) ClassificationField() string { return p.classField }

// Languages returns the rule languages to scan records of channel with, in a new slice: the channel's own list,
// else the policy's, else nil, which means all languages.
func (p *Policy) Languages(channel string) []string {
	if c := p.channels[channel]; c != nil && c.languages != nil {
		return slices.Clone(c.languages)
	}
	return slices.Clone(p.languages)
}

// Decide picks the action for a finding in a record of channel, in the field at the JSON Pointer path. The
// most specific rule wins: a path override (the most specific matching pattern first: fewer wildcards, then
// literal tokens further left) over a channel override over the policy's type, subtype and category rules over
// its default. Within each override the order is the same: type, subtype, category, default.
//
// The decision is what Render will do: a special-category finding gets redact unless a rule says drop; mask on
// a type Mask does not support and generalise on a type Generalise does not support become redact; a Mask
// decision carries the type's MaskSpec.
func (p *Policy) Decide(f detectors.Finding, channel, path string) Decision {
	r, ok := rule{}, false
	if path != "" {
		for _, ps := range p.paths {
			if ps.pattern.match(path) {
				if r, ok = ps.lookup(f); ok {
					break
				}
			}
		}
	}
	if !ok {
		if c := p.channels[channel]; c != nil {
			r, ok = c.lookup(f)
		}
	}
	if !ok {
		r, _ = p.global.lookup(f) // the global scope always has a default
	}
	return decision(r, f)
}

// decision turns the rule chosen for f into what Render will do with f.
func decision(r rule, f detectors.Finding) Decision {
	switch a := r.action; {
	case isSpecial(f) && a != Drop:
		return Decision{Action: Redact}
	case a == Mask:
		spec, ok := maskLimits[f.Type]
		if !ok {
			return Decision{Action: Redact}
		}
		if r.hasMask {
			spec = r.mask
		}
		spec.Char = defaultMaskChar
		if r.char != "" {
			spec.Char = r.char
		}
		return Decision{Action: Mask, Mask: spec}
	case a == Generalise && !generalisable[f.Type]:
		return Decision{Action: Redact}
	case a == "":
		return Decision{Action: Redact}
	default:
		return Decision{Action: a}
	}
}
