package main

import "slices"

// structuredTypes are the identifiers with a structure or checksum, whose target is that
// fewer than 1 in 100 stay readable.
var structuredTypes = []string{"EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "DE_TAX_ID", "DK_CPR", "IT_FISCAL_CODE",
	"UK_NINO", "US_SSN", "ES_DNI", "ES_NIE", "FR_NIR", "NL_BSN", "SE_PERSONNUMMER", "NO_FNR", "FI_HETU", "PL_PESEL",
	"IP_ADDRESS"}

// otherTypes are reported after the structured ones, in this order.
var otherTypes = []string{"PERSON", unlistedPerson, "DATE_OF_BIRTH", "ADDRESS", "SPECIAL_CATEGORY"}

// unlistedPerson counts, apart, the person names a fixture marks as in no name list (they are PERSON too).
const unlistedPerson = "PERSON_UNLISTED"

// Targets of the hidden benchmark.
const (
	targetStructured = 0.01 // at most this share of structured identifiers readable
	targetPerson     = 0.10 // at most this share of person names readable
	targetKeep       = 0.98 // at least this share of look-alikes kept
)

// tally counts the labelled values of one entity type.
type tally struct {
	labelled, readable, partial int
}

func (t *tally) add(o tally) {
	t.labelled += o.labelled
	t.readable += o.readable
	t.partial += o.partial
}

// keepTally counts look-alikes.
type keepTally struct{ total, kept int }

// group is the counts of a set of records: per entity type and the look-alikes.
type group struct {
	records int
	types   map[string]*tally
	keep    keepTally
}

func newGroup() *group { return &group{types: map[string]*tally{}} }

func (g *group) typ(t string) *tally {
	if g.types[t] == nil {
		g.types[t] = &tally{}
	}
	return g.types[t]
}

// sum adds up the tallies of types.
func (g *group) sum(types []string) tally {
	var s tally
	for _, t := range types {
		if x := g.types[t]; x != nil {
			s.add(*x)
		}
	}
	return s
}

// miss is one value the pipeline got wrong: personal data left readable, a look-alike
// dropped, or a label that does not occur in its own input record (a broken fixture).
type miss struct {
	kind   string // "readable", "dropped", "unlabelled"
	typ    string // entity type, or KEEP
	source string
	id     string
	path   string
	text   string // fixture or synthetic data only: see -v
}

// score holds every count of an evaluation run.
type score struct {
	all      *group
	bySource map[string]*group // "fixtures", "forms", "synthetic", "blind"
	bySlice  map[string]*group // "call/de", …
	byForm   map[string]*group // "email_raw", "email_raw/de", … (testdata/forms records only)
	byLang   map[string]*group // "de", "da", … (the record's language)
	errors   int
	broken   int // labels not found in their input
}

func newScore() *score {
	return &score{all: newGroup(), bySource: map[string]*group{}, bySlice: map[string]*group{}, byForm: map[string]*group{},
		byLang: map[string]*group{}}
}

func (s *score) group(m map[string]*group, key string) *group {
	if m[key] == nil {
		m[key] = newGroup()
	}
	return m[key]
}

// add scores one record: input and output are the record before and after the pipeline.
func (s *score) add(c evalCase, output []byte) []miss {
	in, out := stringFields(c.record), stringFields(output)
	source := "synthetic"
	switch {
	case c.blind:
		source = "blind"
	case c.form != "":
		source = "forms"
	case c.source != "synthetic":
		source = "fixtures"
	}
	groups := []*group{s.all, s.group(s.bySource, source), s.group(s.bySlice, in["/channel"]+"/"+in["/language"]),
		s.group(s.byLang, in["/language"])}
	if c.form != "" {
		groups = append(groups, s.group(s.byForm, c.form), s.group(s.byForm, c.form+"/"+in["/language"]))
	}
	for _, g := range groups {
		g.records++
	}
	var misses []miss
	at := func(kind, typ, path, text string) {
		misses = append(misses, miss{kind: kind, typ: typ, source: c.source, id: in["/id"], path: path, text: text})
	}
	for i, v := range c.pii {
		paths := pathsOf(in, v.Text)
		if len(paths) == 0 {
			s.broken++
			at("unlabelled", v.Type, "", v.Text)
			continue
		}
		t := tally{labelled: 1}
		if p, ok := readableAt(out, paths, v.Text); ok {
			t.readable = 1
			at("readable", v.Type, p, v.Text)
		} else if partlyReadable(in, out, paths, v.Text) {
			t.partial = 1
		}
		for _, g := range groups {
			g.typ(v.Type).add(t)
			if i < len(c.unlisted) && c.unlisted[i] {
				g.typ(unlistedPerson).add(t)
			}
		}
	}
	for _, k := range c.keep {
		paths := pathsOf(in, k)
		if len(paths) == 0 {
			s.broken++
			at("unlabelled", "KEEP", "", k)
			continue
		}
		kt := keepTally{total: 1}
		if _, ok := readableAt(out, paths, k); ok {
			kt.kept = 1
		} else {
			at("dropped", "KEEP", paths[0], k)
		}
		for _, g := range groups {
			g.keep.total += kt.total
			g.keep.kept += kt.kept
		}
	}
	return misses
}

// typeOrder lists the types of g: structured first, then the others, then any unknown ones.
func typeOrder(g *group) []string {
	var order []string
	known := map[string]bool{}
	for _, t := range append(append([]string{}, structuredTypes...), otherTypes...) {
		known[t] = true
		if g.types[t] != nil {
			order = append(order, t)
		}
	}
	var rest []string
	for t := range g.types {
		if !known[t] {
			rest = append(rest, t)
		}
	}
	slices.Sort(rest)
	return append(order, rest...)
}
