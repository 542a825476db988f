package policy

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed default.yaml
var defaultYAML []byte

// fileYAML is the policy file as written.
type fileYAML struct {
	Version             string                 `yaml:"version"`
	MetadataKeys        []string               `yaml:"metadata_keys"`
	ClassificationField string                 `yaml:"classification_field"`
	Languages           []string               `yaml:"languages"`
	Channels            map[string]channelYAML `yaml:"channels"`
	Paths               map[string]scopeYAML   `yaml:"paths"`
	scopeYAML           `yaml:",inline"`
}

// channelYAML is one channel's overrides.
type channelYAML struct {
	Languages []string `yaml:"languages"`
	scopeYAML `yaml:",inline"`
}

// scopeYAML holds the rules of one scope: the whole policy, a channel or a path.
type scopeYAML struct {
	Default    *ruleYAML           `yaml:"default"`
	Categories map[string]ruleYAML `yaml:"categories"`
	Subtypes   map[string]ruleYAML `yaml:"subtypes"`
	Types      map[string]ruleYAML `yaml:"types"`
}

// ruleYAML is one rule: an action name, or a mapping with action, keep_first, keep_last and char.
type ruleYAML struct {
	Action    string
	KeepFirst *int
	KeepLast  *int
	Char      *string
}

// UnmarshalYAML reads either form of a rule, rejecting unknown fields (yaml.v3 does not pass KnownFields on to
// custom unmarshalers).
func (r *ruleYAML) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		r.Action = n.Value
		return nil
	case yaml.MappingNode:
		var msgs []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			var err error
			switch k.Value {
			case "action":
				err = v.Decode(&r.Action)
			case "keep_first":
				err = v.Decode(&r.KeepFirst)
			case "keep_last":
				err = v.Decode(&r.KeepLast)
			case "char":
				err = v.Decode(&r.Char)
			default:
				msgs = append(msgs, fmt.Sprintf("line %d: unknown field %q in a rule (want action, keep_first, keep_last, char)", k.Line, k.Value))
			}
			var te *yaml.TypeError
			if errors.As(err, &te) {
				msgs = append(msgs, te.Errors...)
			} else if err != nil {
				msgs = append(msgs, fmt.Sprintf("line %d: %v", v.Line, err))
			}
		}
		if len(msgs) > 0 {
			return &yaml.TypeError{Errors: msgs}
		}
		return nil
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: a rule is an action name or a mapping with action, keep_first, keep_last, char", n.Line)}}
}

// Parse reads and validates a policy. source names the file in errors, which read "source:line: problem"; all
// problems are reported at once, joined.
func Parse(source string, data []byte) (*Policy, error) {
	return ParseWithTypes(source, data, nil)
}

// ParseWithTypes is Parse with extraTypes (upper-case names such as user rule packs define) accepted as entity
// types besides KnownTypes.
func ParseWithTypes(source string, data []byte, extraTypes []string) (*Policy, error) {
	known := make(map[string]bool, len(knownTypes)+len(extraTypes))
	for _, t := range knownTypes {
		known[t] = true
	}
	for _, t := range extraTypes {
		if !typeName.MatchString(t) {
			return nil, fmt.Errorf("%s: extra entity type %q is not an upper-case name like MY_TYPE", source, t)
		}
		known[t] = true
	}
	var f fileYAML
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s:1: policy is empty", source)
		}
		return nil, yamlError(source, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(source, err)
	}
	c := &compiler{source: source, lines: lineIndex{}, known: known}
	c.lines.index(&doc, nil)
	p := c.compile(&f)
	if err := c.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// Default returns the embedded default policy (default.yaml): names, identifiers, contact and financial data
// pseudonymised, DATE_OF_BIRTH generalised to the year, special categories redacted. It is parsed once; the
// policy is immutable, so every caller shares it.
func Default() *Policy { return defaultPolicy() }

var defaultPolicy = sync.OnceValue(func() *Policy {
	p, err := Parse("default.yaml", defaultYAML)
	if err != nil {
		// The default policy is tested on every build; a broken one is a programming error.
		panic("policy: default policy is invalid: " + err.Error())
	}
	return p
})

var (
	yamlLine     = regexp.MustCompile(`(?s)^line (\d+): (.*)$`)
	yamlNotFound = regexp.MustCompile(`field (\S+) not found in type policy\.(\w+)`)
	// yamlPlaces says where each YAML struct sits, for unknown-field errors.
	yamlPlaces = map[string]string{"fileYAML": "at the top level", "channelYAML": "in a channel", "scopeYAML": "in a path"}
)

// yamlError turns yaml.v3's errors into "source:line: problem" errors without yaml's Go type names.
func yamlError(source string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	errs := make([]error, 0, len(msgs))
	for _, m := range msgs {
		m = yamlNotFound.ReplaceAllStringFunc(m, func(s string) string {
			g := yamlNotFound.FindStringSubmatch(s)
			return fmt.Sprintf("unknown field %q %s", g[1], yamlPlaces[g[2]])
		})
		m = strings.ReplaceAll(m, "policy.ruleYAML", "a rule")
		if g := yamlLine.FindStringSubmatch(m); g != nil {
			errs = append(errs, fmt.Errorf("%s:%s: %s", source, g[1], g[2]))
		} else {
			errs = append(errs, fmt.Errorf("%s: %s", source, m))
		}
	}
	return errors.Join(errs...)
}

// lineIndex maps the key path of every mapping key and sequence item (joined with NUL) to its line.
type lineIndex map[string]int

// index records the lines below n, whose key path is at.
func (l lineIndex) index(n *yaml.Node, at []string) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.AliasNode:
		for _, c := range n.Content {
			l.index(c, at)
		}
		if n.Alias != nil {
			l.index(n.Alias, at)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := append(at[:len(at):len(at)], n.Content[i].Value)
			l[strings.Join(k, "\x00")] = n.Content[i].Line
			l.index(n.Content[i+1], k)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			k := append(at[:len(at):len(at)], fmt.Sprint(i))
			l[strings.Join(k, "\x00")] = c.Line
			l.index(c, k)
		}
	}
}

// line returns the line of the key path at, or of its nearest ancestor that has one; 1 when none has.
func (l lineIndex) line(at ...string) int {
	for n := len(at); n > 0; n-- {
		if line, ok := l[strings.Join(at[:n], "\x00")]; ok {
			return line
		}
	}
	return 1
}
