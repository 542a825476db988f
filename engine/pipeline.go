package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"
	"unicode"

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
	clock   func() time.Time
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

// documentParsers expand the values with inner structure: HTML bodies anywhere, RFC 5322 messages in the "raw"
// member of email records.
var documentParsers = record.Parsers{
	ByKey:          map[string]record.Parser{"body_html": record.ParseHTML},
	ByKeyInChannel: map[string]map[string]record.Parser{"email": {"raw": record.ParseMIME}},
}

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
	// Subject is the customer's subject of the record: the tokens of their linking identifiers grouped by entity
	// type, as the events carry it (see subjectOf); never nil once the record is processed.
	Subject map[string][]string
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
	return p.ProcessRecordContext(context.Background(), raw)
}

// ProcessRecordContext is ProcessRecord that stops scanning when ctx is done (a stream's process timeout): it then
// returns a ProcessError with reason scan_timeout that wraps ctx's error, and leaves no scan running.
func (p *Pipeline) ProcessRecordContext(ctx context.Context, raw []byte) (*Result, error) {
	if len(raw) > p.maxSize {
		return nil, stream.ProcessError{Reason: ReasonTooLarge}
	}
	rec, err := record.Decode(raw, record.Options{MetadataKeys: p.policy.MetadataKeys(), Parsers: documentParsers})
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

	// located is one piece of a finding: the part of it that lies in one field.
	type located struct {
		field int
		f     detectors.Finding // Start and End are offsets in the field's value
		value string            // the whole value, across the pieces of its unit
		first bool
		blank bool // a later piece of a value whose replacement stands in the first piece only
	}
	var all []located
	us := units(rec)
	scanned := make([][]detectors.Finding, len(us))
	owner := companyOf(rec)
	for k, u := range us {
		fs, err := p.scanner.ScanContext(ctx, u.text, opt)
		if err != nil {
			if errors.Is(err, detectors.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) ||
				errors.Is(err, context.Canceled) {
				return nil, stream.ProcessError{Reason: ReasonScanTimeout, Err: err}
			}
			return nil, stream.ProcessError{Reason: "internal", Err: err}
		}
		owner.learn(u.text, fs)
		scanned[k] = fs
	}
	// The company's own name is no person (learnt from the whole record first: a signature may name it late).
	for k, u := range us {
		fs := owner.keepCompany(u.text, scanned[k])
		if len(u.fields) == 1 && len(fs) == 0 {
			if f, ok := hinted(rec.Fields[u.fields[0]]); ok {
				fs = append(fs, f)
			}
		}
		if len(u.fields) == 1 {
			for _, tf := range tableFindings(u.text) {
				if !overlaps(fs, tf.Start, tf.End) {
					fs = append(fs, tf)
				}
			}
			sort.Slice(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
		}
		for _, fd := range fs {
			value := u.text[fd.Start:fd.End]
			for _, pc := range u.split(fd) {
				lf := fd
				lf.Start, lf.End = pc.start, pc.end
				all = append(all, located{field: pc.field, f: lf, value: value, first: pc.first, blank: !pc.first && !u.repeat})
			}
		}
	}
	// Spread: a value found once is protected wherever else it stands in the record.
	var needles []spreadFinding
	byField := map[int][]detectors.Finding{}
	for _, l := range all {
		byField[l.field] = append(byField[l.field], l.f)
		if l.first {
			needles = append(needles, spreadNeedles(l.f, l.value)...)
		}
	}
	for field, fs := range spreadValues(rec, byField, needles) {
		for _, f := range fs {
			all = append(all, located{field: field, f: f, value: rec.Fields[field].Value[f.Start:f.End], first: true})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].field != all[j].field {
			return all[i].field < all[j].field
		}
		return all[i].f.Start < all[j].f.Start
	})

	names := newNameBook()
	for _, l := range all {
		if l.f.Type == "PERSON" && l.first {
			names.add(l.value)
		}
	}

	// Decide every piece in field order; findings are reported in that order.
	decisions := make([]policy.Decision, len(all))
	findings := make([]detectors.Finding, len(all))
	res.Findings = make([]FieldFinding, len(all))
	for k, l := range all {
		path := rec.Fields[l.field].Path
		decisions[k] = p.policy.Decide(l.f, res.Channel, path)
		findings[k] = l.f
		res.Findings[k] = FieldFinding{RecordID: res.ID, Path: path, Finding: l.f, Action: string(decisions[k].Action)}
	}
	// Replace from the last piece of a field to the first, so the offsets of earlier ones stay valid.
	edits := map[int][]edit{} // per field, in descending start order
	dropped := map[int]bool{}
	var idents []identifier // the linking identifiers' tokens, for the events' subject
	for k := len(all) - 1; k >= 0; k-- {
		l := all[k]
		if dropped[l.field] {
			continue
		}
		if l.blank {
			edits[l.field] = append(edits[l.field], edit{l.f.Start, l.f.End, ""})
			continue
		}
		value := l.value
		switch {
		case l.f.Spoken:
			value = detectors.WrittenForm(value)
		case l.f.Type == "PERSON":
			value = names.canonical(value)
		}
		text, drop := policy.Render(decisions[k], l.f, value, p.tokens, region)
		if drop {
			dropped[l.field] = true
			continue
		}
		if id, ok := p.identifier(l.field, l.f.Type, value, text); ok {
			idents = append(idents, id)
		}
		edits[l.field] = append(edits[l.field], edit{l.f.Start, l.f.End, text})
	}
	repl := make(map[int]string, len(edits)+len(dropped))
	for i, es := range edits {
		repl[i] = applyEdits(rec.Fields[i].Value, 0, len(rec.Fields[i].Value), es)
	}
	for i := range dropped {
		repl[i] = ""
	}
	red := &redactor{rec: rec, edits: edits, dropped: dropped}
	if err := ctx.Err(); err != nil {
		return nil, stream.ProcessError{Reason: ReasonScanTimeout, Err: err}
	}
	if res.Events, err = p.findEvents(rec, res, red, idents); err != nil {
		return nil, err
	}
	res.Classification = policy.Classify(findings, p.scanner.Version(), p.policy.Version())
	if res.Output, err = rec.Encode(repl); err != nil {
		return nil, stream.ProcessError{Reason: ReasonEncode, Err: err}
	}
	if name := p.policy.ClassificationField(); name != "" && rec.Kind == record.JSON {
		if res.Output, err = addMember(res.Output, name, res.Classification); err != nil {
			return nil, stream.ProcessError{Reason: ReasonEncode, Err: err}
		}
	}
	return res, nil
}

// addMember appends the member name: v to the top-level JSON object obj.
func addMember(obj []byte, name string, v any) ([]byte, error) {
	val, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	key, _ := json.Marshal(name)
	end := bytes.LastIndexByte(obj, '}')
	if end < 0 {
		return nil, errors.New("not an object")
	}
	body := bytes.TrimRight(obj[:end], " \t\r\n")
	out := make([]byte, 0, len(obj)+len(key)+len(val)+2)
	out = append(out, body...)
	if body[len(body)-1] != '{' {
		out = append(out, ',')
	}
	out = append(out, key...)
	out = append(out, ':')
	out = append(out, val...)
	return append(out, obj[end:]...), nil
}

// edit replaces the bytes [start,end) of a field value with text.
type edit struct {
	start, end int
	text       string
}

// applyEdits returns value[from:to] with the edits inside that span applied; edits are in descending start order.
func applyEdits(value string, from, to int, es []edit) string {
	var b strings.Builder
	b.Grow(to - from + 16)
	pos := from
	for k := len(es) - 1; k >= 0; k-- {
		e := es[k]
		if e.end <= from || e.start >= to {
			continue
		}
		s, t := max(e.start, from), min(e.end, to)
		b.WriteString(value[pos:s])
		b.WriteString(e.text)
		pos = t
	}
	b.WriteString(value[pos:to])
	return b.String()
}

// redactor gives the redacted text of any span of a record's fields, for compliance statements: a statement is
// reported in its redacted form, never with the personal data it contains.
type redactor struct {
	rec     *record.Record
	edits   map[int][]edit
	dropped map[int]bool
}

// Span returns the redacted text of rec.Fields[field].Value[start:end]. A finding cut by the span boundary is
// replaced whole; a dropped field yields "".
func (r *redactor) Span(field, start, end int) string {
	if r.dropped[field] {
		return ""
	}
	v := r.rec.Fields[field].Value
	for _, e := range r.edits[field] {
		if e.start < start && e.end > start {
			start = e.start
		}
		if e.start < end && e.end > end {
			end = e.end
		}
	}
	return applyEdits(v, start, end, r.edits[field])
}

// hintCategories are the categories of the entity types a document's structure can imply.
var hintCategories = map[string]string{"PERSON": "personal", "EMAIL": "contact", "PHONE": "contact"}

// hinted reports the whole value of a field whose place in its document says what it is (a tel: link's number,
// a header's display name): no sentence rule may recognise a bare "28173945" or "Kundenservice", but the place
// does, and fail closed means protecting it.
func hinted(f record.Field) (detectors.Finding, bool) {
	cat, ok := hintCategories[f.Hint]
	if !ok {
		return detectors.Finding{}, false
	}
	start := len(f.Value) - len(strings.TrimLeft(f.Value, " \t\"'<"))
	end := len(strings.TrimRight(f.Value, " \t\"'>"))
	if end <= start || !strings.ContainsFunc(f.Value[start:end], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return detectors.Finding{}, false
	}
	return detectors.Finding{Type: f.Hint, Category: cat, Start: start, End: end, Score: 0.9,
		Rule: "engine.structure." + strings.ToLower(f.Hint)}, true
}

// nameBook makes one person one token within a record: a surname alone ("Herr Andresen") or a first name alone
// ("Hej Laurits") takes the token of the full name it belongs to ("Laurits Andresen") when exactly one full name
// in the record ends or starts with it.
type nameBook struct {
	byWord map[string][]string // "last:andresen", "first:laurits" → full names
}

func newNameBook() *nameBook { return &nameBook{byWord: map[string][]string{}} }

func (b *nameBook) add(name string) {
	n := pseudonym.Normalize("PERSON", name)
	words := strings.Fields(n)
	if len(words) < 2 {
		return
	}
	b.index("last:"+words[len(words)-1], n)
	b.index("first:"+words[0], n)
}

func (b *nameBook) index(key, full string) {
	for _, have := range b.byWord[key] {
		if have == full {
			return
		}
	}
	b.byWord[key] = append(b.byWord[key], full)
}

// canonical returns the full name a lone surname or first name stands for, or name itself.
func (b *nameBook) canonical(name string) string {
	n := pseudonym.Normalize("PERSON", name)
	if strings.Contains(n, " ") {
		return name
	}
	if full := b.byWord["last:"+n]; len(full) == 1 {
		return full[0]
	}
	if full := b.byWord["first:"+n]; len(full) == 1 && len(b.byWord["last:"+n]) == 0 {
		return full[0]
	}
	return name
}
