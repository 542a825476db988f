package rules

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed packs/*.yaml
var defaultPacks embed.FS

// Parse reads one pack from data. source names the file in errors. Parse also validates the pack.
func Parse(source string, data []byte) (Pack, error) {
	var p Pack
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return Pack{}, fmt.Errorf("%s: %w", source, cleanYAMLError(err))
	}
	p.Source = source
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err == nil {
		setLines(&doc, "rules", func(i, line int) {
			if i < len(p.Rules) {
				p.Rules[i].Line = line
			}
		})
		setLines(&doc, "statements", func(i, line int) {
			if i < len(p.Statements) {
				p.Statements[i].Line = line
			}
		})
	}
	if err := p.Validate(); err != nil {
		return Pack{}, err
	}
	return p, nil
}

// cleanYAMLError keeps yaml.v3's line-numbered message but drops its "yaml: " prefix.
func cleanYAMLError(err error) error {
	return errors.New(strings.TrimPrefix(strings.ReplaceAll(err.Error(), "yaml: unmarshal errors:\n  ", ""), "yaml: "))
}

// setLines calls set with the index and line of each item of the top-level sequence under key.
func setLines(doc *yaml.Node, key string, set func(i, line int)) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range m.Content[i+1].Content {
			set(j, item.Line)
		}
	}
}

// LoadFS reads every *.yaml and *.yml pack below root in fsys (a file or a folder), sorted by path.
func LoadFS(fsys fs.FS, root string) ([]Pack, error) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, err
	}
	var files []string
	if !info.IsDir() {
		files = []string{root}
	} else {
		err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (path.Ext(p) == ".yaml" || path.Ext(p) == ".yml") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no rule packs (*.yaml) found", root)
	}
	var packs []Pack
	var errs []error
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p, err := Parse(f, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		packs = append(packs, p)
	}
	return packs, errors.Join(errs...)
}

// Default returns the packs embedded in the binary: one per language plus the language-independent pack.
func Default() []Pack {
	packs, err := LoadFS(defaultPacks, "packs")
	if err != nil {
		// The default packs are tested on every build; a broken one is a programming error.
		panic("rules: default packs are invalid: " + err.Error())
	}
	return packs
}

// Set is the validated union of several packs.
type Set struct {
	Packs []Pack
}

// NewSet checks that ids are unique across packs and returns the set.
func NewSet(packs ...Pack) (*Set, error) {
	seen := map[string]string{}
	var errs []error
	check := func(p Pack, id string, line int) {
		if prev, dup := seen[id]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: rule %s: id already used in %s", p.Source, line, id, prev))
			return
		}
		seen[id] = p.Source
	}
	for _, p := range packs {
		for _, r := range p.Rules {
			check(p, r.ID, r.Line)
		}
		for _, s := range p.Statements {
			check(p, s.ID, s.Line)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &Set{Packs: packs}, nil
}

// Version names the packs and their versions, e.g. "common@1.0.0,de@1.0.0".
func (s *Set) Version() string {
	parts := make([]string, 0, len(s.Packs))
	for _, p := range s.Packs {
		parts = append(parts, p.Name+"@"+p.Version)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// Rules returns every rule of every pack, with the pack's languages filled in where a rule names none and the
// pack's lists expanded in Exclude.
func (s *Set) Rules() []Rule {
	var out []Rule
	for _, p := range s.Packs {
		for _, r := range p.Rules {
			out = append(out, p.Resolve(r))
		}
	}
	return out
}

// Resolve returns r as it runs in pack p: the pack's languages where r names none, and "@list" entries of
// Exclude replaced by the list's words.
func (p *Pack) Resolve(r Rule) Rule {
	if len(r.Languages) == 0 {
		r.Languages = p.Languages
	}
	if len(r.Exclude) > 0 {
		var ex []string
		for _, x := range r.Exclude {
			if name, ok := strings.CutPrefix(x, "@"); ok {
				ex = append(ex, p.Lists[name]...)
			} else {
				ex = append(ex, x)
			}
		}
		r.Exclude = ex
	}
	return r
}

// Statements returns every statement rule of every pack, with the pack's languages filled in.
func (s *Set) Statements() []Statement {
	var out []Statement
	for _, p := range s.Packs {
		for _, st := range p.Statements {
			if len(st.Languages) == 0 {
				st.Languages = p.Languages
			}
			out = append(out, st)
		}
	}
	return out
}
