package engine

import (
	"errors"
	"sort"
	"strings"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/policy"
	"github.com/piiguard/piiguard/engine/pseudonym"
	"github.com/piiguard/piiguard/engine/record"
	"github.com/piiguard/piiguard/engine/stream"
)

// Pipeline processes records: decode, scan, decide, replace, classify, encode. It is safe for concurrent use.
type Pipeline struct {
	scanner *detectors.Scanner
	policy  *policy.Policy
	tokens  *pseudonym.Pseudonymizer
	maxSize int
}

// Option configures a Pipeline.
type Option func(*Pipeline)

// WithScanner sets the scanner; default: the embedded default rule packs.
func WithScanner(s *detectors.Scanner) Option { return func(p *Pipeline) { p.scanner = s } }

// WithPolicy sets the policy; default: policy.Default().
func WithPolicy(pol *policy.Policy) Option { return func(p *Pipeline) { p.policy = pol } }

// WithPseudonymizer sets the token maker; default: a pseudonymizer with an ephemeral random key.
func WithPseudonymizer(ps *pseudonym.Pseudonymizer) Option {
	return func(p *Pipeline) { p.tokens = ps }
}

// WithMaxRecordBytes rejects larger records with reason too_large; default 4 MiB.
func WithMaxRecordBytes(n int) Option { return func(p *Pipeline) { p.maxSize = n } }

// DefaultMaxRecordBytes is the record size limit when none is set.
const DefaultMaxRecordBytes = 4 << 20

// NewPipeline returns a pipeline; see the options for the defaults.
func NewPipeline(opts ...Option) (*Pipeline, error) {
	p := &Pipeline{maxSize: DefaultMaxRecordBytes}
	for _, o := range opts {
		o(p)
	}
	if p.scanner == nil {
		p.scanner = detectors.MustCompileDefault()
	}
	if p.policy == nil {
		p.policy = policy.Default()
	}
	if p.tokens == nil {
		kr, err := pseudonym.EphemeralKeyring()
		if err != nil {
			return nil, err
		}
		if p.tokens, err = pseudonym.New(kr); err != nil {
			return nil, err
		}
	}
	if p.maxSize <= 0 {
		return nil, errors.New("engine: max record bytes must be positive")
	}
	return p, nil
}

// Scanner returns the pipeline's scanner.
func (p *Pipeline) Scanner() *detectors.Scanner { return p.scanner }

// FieldFinding is a finding located in a record: the DESIGN.md findings contract. It never holds the value.
type FieldFinding struct {
	RecordID string `json:"record_id,omitempty"`
	Path     string `json:"path"`
	detectors.Finding
	Action string `json:"action"`
}

// Result is what one record turns into.
type Result struct {
	// ID is the record's "id" member ("" when it has none); Channel and Language likewise.
	ID, Channel, Language string
	// Output is the redacted record, in the input's shape.
	Output []byte
	// Findings are every finding with its path and the action taken.
	Findings []FieldFinding
	// Classification summarises the findings.
	Classification policy.Classification
	// Events are the compliance statements found in the record.
	Events []Event
}

// Reason codes of rejected records (besides the record package's decode reasons).
const (
	ReasonTooLarge    = "too_large"
	ReasonScanTimeout = "scan_timeout"
	ReasonEncode      = "encode"
)

// ProcessRecord processes one record. A record that cannot be processed returns a stream.ProcessError whose
// Reason names the problem; its message never holds record content.
func (p *Pipeline) ProcessRecord(raw []byte) (*Result, error) {
	if len(raw) > p.maxSize {
		return nil, stream.ProcessError{Reason: ReasonTooLarge}
	}
	rec, err := record.Decode(raw, record.Options{MetadataKeys: p.policy.MetadataKeys()})
	if err != nil {
		var de *record.Error
		if errors.As(err, &de) {
			return nil, stream.ProcessError{Reason: de.Reason, Err: err}
		}
		return nil, stream.ProcessError{Reason: record.ReasonInvalidJSON, Err: err}
	}
	res := &Result{ID: rec.Get("id"), Channel: rec.Get("channel"), Language: rec.Get("language")}
	region := pseudonym.RegionForLanguage(res.Language)
	opt := detectors.Options{Languages: p.policy.Languages(res.Channel)}

	type located struct {
		field int
		f     detectors.Finding
	}
	var all []located
	for i, f := range rec.Fields {
		if f.Meta || f.Value == "" {
			continue
		}
		fs, err := p.scanner.ScanWith(f.Value, opt)
		if err != nil {
			if errors.Is(err, detectors.ErrTimeout) {
				return nil, stream.ProcessError{Reason: ReasonScanTimeout, Err: err}
			}
			return nil, stream.ProcessError{Reason: "internal", Err: err}
		}
		for _, fd := range fs {
			all = append(all, located{i, fd})
		}
	}

	names := newNameBook()
	for _, l := range all {
		if l.f.Type == "PERSON" {
			names.add(rec.Fields[l.field].Value[l.f.Start:l.f.End])
		}
	}

	repl := map[int]string{}
	dropped := map[int]bool{}
	findings := make([]detectors.Finding, 0, len(all))
	// Replace from the last finding of a field to the first, so the offsets of earlier ones stay valid.
	for k := len(all) - 1; k >= 0; k-- {
		l := all[k]
		fld := rec.Fields[l.field]
		d := p.policy.Decide(l.f, res.Channel, fld.Path)
		findings = append(findings, l.f)
		res.Findings = append(res.Findings, FieldFinding{RecordID: res.ID, Path: fld.Path, Finding: l.f, Action: string(d.Action)})
		if dropped[l.field] {
			continue
		}
		value := fld.Value[l.f.Start:l.f.End]
		switch {
		case l.f.Spoken:
			value = detectors.WrittenForm(value)
		case l.f.Type == "PERSON":
			value = names.canonical(value)
		}
		text, drop := policy.Render(d, l.f, value, p.tokens, region)
		if drop {
			dropped[l.field] = true
			repl[l.field] = ""
			continue
		}
		cur, ok := repl[l.field]
		if !ok {
			cur = fld.Value
		}
		repl[l.field] = cur[:l.f.Start] + text + cur[l.f.End:]
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Path != b.Path {
			return fieldIndex(rec, a.Path) < fieldIndex(rec, b.Path)
		}
		return a.Start < b.Start
	})
	res.Classification = policy.Classify(findings, p.scanner.Version(), p.policy.Version())
	if res.Output, err = rec.Encode(repl); err != nil {
		return nil, stream.ProcessError{Reason: ReasonEncode, Err: err}
	}
	return res, nil
}

func fieldIndex(rec *record.Record, path string) int {
	for i, f := range rec.Fields {
		if f.Path == path {
			return i
		}
	}
	return len(rec.Fields)
}

// nameBook makes one person one token within a record: a surname alone ("Herr Andresen") takes the token of the
// full name it belongs to ("Laurits Andresen") when exactly one full name in the record ends with it.
type nameBook struct {
	bySurname map[string][]string
}

func newNameBook() *nameBook { return &nameBook{bySurname: map[string][]string{}} }

func (b *nameBook) add(name string) {
	n := pseudonym.Normalize("PERSON", name)
	words := strings.Fields(n)
	if len(words) < 2 {
		return
	}
	last := words[len(words)-1]
	for _, have := range b.bySurname[last] {
		if have == n {
			return
		}
	}
	b.bySurname[last] = append(b.bySurname[last], n)
}

// canonical returns the full name a lone surname stands for, or name itself.
func (b *nameBook) canonical(name string) string {
	n := pseudonym.Normalize("PERSON", name)
	if strings.Contains(n, " ") {
		return name
	}
	if full := b.bySurname[n]; len(full) == 1 {
		return full[0]
	}
	return name
}
