package detectors

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/piiguard/piiguard/detectors/spelled"
	"github.com/piiguard/piiguard/detectors/spoken"
	"github.com/piiguard/piiguard/detectors/tokens"
	"github.com/piiguard/piiguard/detectors/validate"
	"github.com/piiguard/piiguard/rules"
)

// viewKind selects the text a rule sees.
type viewKind int

const (
	viewFolded  viewKind = iota // NFKC, lower case
	viewCased                   // NFKC, case kept
	viewSpoken                  // folded, spelled-out numbers as digits
	viewSpelled                 // spoken, with spelled-out letters and emails written compactly
	numViews
)

// trigger bits.
const (
	trigDigits = 1 << iota
	trigAt
	trigColon
	numTriggers = 3
)

// triggerBits are the trigger bits in the order of their indexes.
var triggerBits = [numTriggers]int{trigDigits, trigAt, trigColon}

// term is one dictionary entry of a terms rule.
type term struct {
	text   string
	prefix bool
	id     int
}

// compiledRule is a rule ready to run.
type compiledRule struct {
	id, typ, subtype, category string
	langs                      map[string]bool
	view                       viewKind
	match                      matcher
	terms                      []term
	gate                       []int    // keyword ids; the rule runs only when one occurs
	gateWords                  []string // the same, as text, for keyword windows
	triggers                   int
	minDigits                  int
	window                     int
	anchored                   bool
	wholeText                  bool
	spokenOnly                 bool
	extend                     int
	exclude                    map[string]bool
	validator                  validate.Func
	validatorName              string
	score, minScore            float64
	ctxWords, ctxNeg           []int
	boost, penalty             float64
	ctxWindow                  int
}

// Scanner is every rule of a rule set compiled into one pass. It is safe for concurrent use.
type Scanner struct {
	rules     []*compiledRule
	gatedBy   [][]int32 // keyword id → indexes of the rules it gates
	ungated   bitset    // rules with no gate
	untrigger bitset    // rules with no trigger
	// triggered lists, per view kind and trigger, the indexes of the rules that trigger lets run.
	triggered [numViews][numTriggers][]int32
	kw        keywords
	version   string
	stmts     *statementSet
	// names are the rules with lexicon: names (see analysis.lexiconNames).
	names []*compiledRule
	// analyses recycles the per-scan state and its buffers, so a scan allocates little beyond its findings.
	analyses sync.Pool
}

// Compile builds a Scanner from a rule set.
func Compile(set *rules.Set) (*Scanner, error) {
	s := &Scanner{version: set.Version()}
	var errs []error
	for _, r := range set.Rules() {
		cr, err := s.compileRule(r)
		if err != nil {
			errs = append(errs, fmt.Errorf("rule %s: %w", r.ID, err))
			continue
		}
		if r.Lexicon == "names" {
			s.names = append(s.names, cr) // runs over the token stream after the pattern rules
			continue
		}
		s.rules = append(s.rules, cr)
	}
	st, err := compileStatements(set.Statements())
	if err != nil {
		errs = append(errs, err)
	}
	s.stmts = st
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s.kw.build()
	s.gatedBy = make([][]int32, len(s.kw.words))
	s.ungated = make(bitset, (len(s.rules)+63)/64)
	s.untrigger = make(bitset, len(s.ungated))
	for i, r := range s.rules {
		if len(r.gate) == 0 {
			s.ungated.set(i)
		}
		if r.triggers == 0 {
			s.untrigger.set(i)
		}
		for ti, t := range triggerBits {
			if r.triggers&t != 0 {
				s.triggered[r.view][ti] = append(s.triggered[r.view][ti], int32(i))
			}
		}
		for _, id := range r.gate {
			if l := s.gatedBy[id]; len(l) == 0 || l[len(l)-1] != int32(i) {
				s.gatedBy[id] = append(l, int32(i))
			}
		}
	}
	return s, nil
}

// MustCompileDefault returns the scanner of the embedded default packs, compiled once per process and shared
// (a Scanner is immutable and safe for concurrent use). It panics if the packs are broken (they are tested).
func MustCompileDefault() *Scanner {
	defaultOnce.Do(func() {
		set, err := rules.NewSet(rules.Default()...)
		if err != nil {
			panic(err)
		}
		if defaultScanner, err = Compile(set); err != nil {
			panic(err)
		}
	})
	return defaultScanner
}

var (
	defaultOnce    sync.Once
	defaultScanner *Scanner
)

// Version is the rules version the scanner was compiled from.
func (s *Scanner) Version() string { return s.version }

func (s *Scanner) compileRule(r rules.Rule) (*compiledRule, error) {
	cr := &compiledRule{
		id: r.ID, typ: r.Type, subtype: r.Subtype, category: r.Category,
		minDigits: r.MinDigits, window: r.WindowOrDefault(),
		score: r.ScoreOrDefault(), minScore: r.MinScoreOrDefault(),
		boost: r.Context.BoostOrDefault(), penalty: r.Context.PenaltyOrDefault(), ctxWindow: r.Context.WindowOrDefault(),
	}
	if len(r.Languages) > 0 {
		cr.langs = map[string]bool{}
		for _, l := range r.Languages {
			cr.langs[l] = true
		}
	}
	switch r.View {
	case "cased":
		cr.view = viewCased
	case "spoken":
		cr.view = viewSpoken
	case "spelled":
		cr.view = viewSpelled
	}
	if len(r.Terms) > 0 && cr.view >= viewSpoken {
		cr.view = viewFolded // terms are found by the keyword pass, in folded offsets
	}
	for _, t := range r.Triggers {
		switch t {
		case "digits":
			cr.triggers |= trigDigits
		case "at":
			cr.triggers |= trigAt
		case "colon":
			cr.triggers |= trigColon
		}
	}
	cr.anchored, cr.extend, cr.spokenOnly, cr.wholeText = r.Anchor == "keyword", r.Extend, r.SpokenOnly, r.WholeText
	if len(r.Exclude) > 0 {
		cr.exclude = map[string]bool{}
		for _, w := range r.Exclude {
			cr.exclude[w] = true
		}
	}
	if r.Pattern != "" {
		pattern := r.Pattern
		if cr.anchored {
			pattern = `^(?:` + pattern + `)`
			if r.Engine == "regexp2" {
				pattern = `\A(?:` + r.Pattern + `)`
			}
		}
		m, err := compilePattern(r.ID, pattern, r.Engine, r.Timeout)
		if err != nil {
			return nil, err
		}
		cr.match = m
	}
	for _, t := range r.Terms {
		tm := term{text: strings.TrimSuffix(t, "*"), prefix: strings.HasSuffix(t, "*")}
		tm.id = s.kw.add(tm.text)
		cr.terms = append(cr.terms, tm)
		cr.gate = append(cr.gate, tm.id)
	}
	for _, k := range r.Keywords {
		cr.gate = append(cr.gate, s.kw.add(k))
		cr.gateWords = append(cr.gateWords, k)
	}
	for _, w := range r.Context.Words {
		cr.ctxWords = append(cr.ctxWords, s.kw.add(w))
	}
	for _, w := range r.Context.Negative {
		cr.ctxNeg = append(cr.ctxNeg, s.kw.add(w))
	}
	if r.Validator != "" {
		v, ok := validate.Lookup(r.Validator)
		if !ok {
			return nil, fmt.Errorf("unknown validator %q", r.Validator)
		}
		cr.validator, cr.validatorName = v, r.Validator
	}
	return cr, nil
}

// Options narrow a scan.
type Options struct {
	// Languages limits the scan to rules for these languages (rules with no language always run).
	// Default: every rule runs, whatever the record's language.
	Languages []string
	// Types limits the scan to these entity types. Default: all.
	Types []string
}

// Scan finds the personal data in text with every rule. Findings are sorted by start and do not overlap.
func (s *Scanner) Scan(text string) ([]Finding, error) {
	return s.ScanWith(text, Options{})
}

// ScanWith is Scan narrowed by opt.
func (s *Scanner) ScanWith(text string, opt Options) ([]Finding, error) {
	return s.ScanContext(context.Background(), text, opt)
}

// ScanContext is ScanWith that stops when ctx is done: it checks ctx before each rule and each window a rule
// reads, and then returns ctx's error (wrapped; errors.Is finds context.DeadlineExceeded or context.Canceled).
// A scan that has timed out does not keep the CPU busy after its caller has given up.
func (s *Scanner) ScanContext(ctx context.Context, text string, opt Options) ([]Finding, error) {
	if text == "" {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan stopped: %w", err)
	}
	a := s.analyze(text)
	defer s.release(a)
	a.ctx = ctx
	active := s.activeRules(a)
	cands := a.cands[:0]
	for i, r := range s.rules {
		if !active.has(i) || !r.selected(opt) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("scan stopped: %w", err)
		}
		var err error
		cands, err = s.runRule(a, r, cands)
		if err != nil {
			return nil, err
		}
	}
	a.cands = cands
	fs := resolve(cands)
	for _, r := range s.names {
		if r.selected(opt) {
			fs = a.lexiconNames(fs, r)
		}
	}
	return s.spelledValues(a, fs, opt), nil
}

// activeRules returns the set of rules (by index) whose prefilter lets them run on the analysed text: every rule
// without a gate, and the gated rules of the keywords that occur; of those, a rule with triggers only when one of
// them fires in its view (a digit run of at least its minDigits, an '@', a hex-colon run). Its cost follows the
// keyword hits and the triggers that fire, not the size of the gates (a first-name rule is gated by hundreds of
// names) nor the number of digit rules (most texts have no digits).
func (s *Scanner) activeRules(a *analysis) bitset {
	active := a.active.reuse(len(s.ungated))
	copy(active, s.ungated)
	for _, h := range a.occ.hits {
		for _, ri := range s.gatedBy[h.id] {
			active.set(int(ri))
		}
	}
	fired := a.fired.reuse(len(s.untrigger))
	copy(fired, s.untrigger)
	for v := range s.triggered {
		for ti, rs := range s.triggered[v] {
			if len(rs) == 0 {
				continue
			}
			most, any := a.triggerFires(viewKind(v), triggerBits[ti])
			if !any {
				continue
			}
			for _, ri := range rs {
				if triggerBits[ti] != trigDigits || s.rules[ri].minDigits <= most {
					fired.set(int(ri))
				}
			}
		}
	}
	for i := range active {
		active[i] &= fired[i]
	}
	a.active, a.fired = active, fired
	return active
}

func (r *compiledRule) selected(opt Options) bool {
	if len(opt.Languages) > 0 && r.langs != nil {
		ok := false
		for _, l := range opt.Languages {
			ok = ok || r.langs[l]
		}
		if !ok {
			return false
		}
	}
	if len(opt.Types) > 0 {
		for _, t := range opt.Types {
			if t == r.typ {
				return true
			}
		}
		return false
	}
	return true
}

// analysis is what one scan computes once and every rule shares: the views, the keywords present and the
// trigger windows, each made on first use.
type analysis struct {
	orig    string
	nfkc    view
	folded  string
	present bitset
	occ     occurrences
	kw      *keywords

	spokenDone bool
	spoken     spoken.View
	hasSpoken  bool

	spelledDone bool
	spelled     spelled.View
	hasSpelled  bool

	windows [numViews][numTriggers]triggerWindows // per view kind and trigger index, made on first use

	ctx context.Context // the scan stops when it is done

	wordPosDone [numViews]bool    // per view kind (see sameAs): wordStarts made
	wordPos     [numViews][]int32 // per view kind: the positions where a value can start

	// Buffers reused from scan to scan (see Scanner.analyses).
	active, fired bitset
	cands         []Finding
	ruleWs        []window  // ruleWindows' result
	whole         [1]window // a window over a whole view text
	starts        []int
	checked       []checkedValue // validator verdicts of this scan
	toks          []tokens.Token // the token pass of the normalised text (lexiconNames)
	covered       []int          // per token, the finding that covers it (lexiconNames)
	spans         [][2]int       // the value spans a matcher's find reported
	emit          func(s, e int) // appends to spans; made once per analysis, so find's callback does not allocate
}

// triggerWindows are the windows of one trigger in one view, and the most digits one of them holds.
type triggerWindows struct {
	done      bool
	ws        []window
	maxDigits int
}

// analyze returns the analysis of text, recycled from an earlier scan where one is free; release gives it back.
func (s *Scanner) analyze(text string) *analysis {
	a, _ := s.analyses.Get().(*analysis)
	if a == nil {
		a = &analysis{}
		a.emit = func(s, e int) { a.spans = append(a.spans, [2]int{s, e}) }
	}
	a.reset(text, &s.kw)
	a.nfkc = nfkcView(text)
	a.folded = fold(a.nfkc.text)
	s.kw.matchInto(&a.occ, a.folded)
	a.present = a.occ.present
	return a
}

// maxPooledBytes bounds the text whose analysis is recycled: the buffers of a huge record are let go.
const maxPooledBytes = 64 << 10

// release gives a back for reuse. Nothing of it may be used afterwards.
func (s *Scanner) release(a *analysis) {
	if len(a.orig) > maxPooledBytes {
		return
	}
	a.reset("", nil)
	s.analyses.Put(a)
}

// reset clears a for the scan of text, keeping its buffers.
func (a *analysis) reset(text string, kw *keywords) {
	a.orig, a.kw, a.ctx = text, kw, context.Background()
	a.nfkc, a.folded = view{}, ""
	a.spokenDone, a.spoken, a.hasSpoken = false, spoken.View{}, false
	a.spelledDone, a.spelled, a.hasSpelled = false, spelled.View{}, false
	a.wordPosDone = [numViews]bool{}
	for v := range a.windows {
		a.wordPos[v] = a.wordPos[v][:0]
		for t := range a.windows[v] {
			tw := &a.windows[v][t]
			tw.done, tw.ws, tw.maxDigits = false, tw.ws[:0], 0
		}
	}
	clear(a.cands) // findings and verdicts hold strings: let them go
	a.cands = a.cands[:0]
	clear(a.checked)
	a.checked = a.checked[:0]
}

// text returns the view text of kind k.
func (a *analysis) text(k viewKind) string {
	switch k {
	case viewCased:
		return a.nfkc.text
	case viewSpoken:
		if !a.spokenDone {
			a.spoken, a.hasSpoken = spoken.Digits(a.folded)
			a.spokenDone = true
		}
		if a.hasSpoken {
			return a.spoken.Text()
		}
	case viewSpelled:
		base := a.text(viewSpoken)
		if !a.spelledDone {
			a.spelled, a.hasSpelled = spelled.Letters(base)
			a.spelledDone = true
		}
		if a.hasSpelled {
			return a.spelled.Text()
		}
		return base
	}
	return a.folded
}

// hasSpelledText reports whether the spelled view differs from the spoken one.
func (a *analysis) hasSpelledText() bool {
	a.text(viewSpelled)
	return a.hasSpelled
}

// toOriginal maps a span of view k to the original text, and says whether spelled-out numbers were part of it.
func (a *analysis) toOriginal(k viewKind, s, e int) (int, int, bool) {
	spokenPart := false
	if k == viewSpelled && a.hasSpelled {
		fs, fe := a.spelled.Span(s, e)
		spokenPart = fe-fs != e-s
		s, e = fs, fe
	}
	if k >= viewSpoken && a.hasSpoken {
		fs, fe := a.spoken.Span(s, e)
		spokenPart = spokenPart || fe-fs != e-s || a.folded[fs:fe] != a.spoken.Text()[s:e]
		s, e = fs, fe
	}
	s, e = a.nfkc.span(s, e)
	return s, e, spokenPart
}

// sameAs returns the view kind whose text (and offsets) view k shares: cased reads the folded offsets, a
// spelled view without spelled letters is the spoken one, a spoken view without number words the folded one.
func (a *analysis) sameAs(k viewKind) viewKind {
	if k == viewCased {
		k = viewFolded
	}
	if k == viewSpelled && !a.hasSpelledText() {
		k = viewSpoken
	}
	if k == viewSpoken && a.text(viewSpoken) == a.folded {
		k = viewFolded
	}
	return k
}

// triggerWindows returns the windows of trigger bit t in view k.
func (a *analysis) triggerWindows(k viewKind, t int) []window {
	return a.trigger(k, t).ws
}

// triggerFires reports whether trigger bit t fires in view k, and the most digits one of its windows holds.
func (a *analysis) triggerFires(k viewKind, t int) (maxDigits int, fires bool) {
	tw := a.trigger(k, t)
	return tw.maxDigits, len(tw.ws) > 0
}

func (a *analysis) trigger(k viewKind, t int) *triggerWindows {
	k = a.sameAs(k)
	ti := 0
	for triggerBits[ti] != t {
		ti++
	}
	tw := &a.windows[k][ti]
	if tw.done {
		return tw
	}
	txt := a.text(k)
	switch t {
	case trigDigits:
		tw.ws = digitWindows(tw.ws[:0], txt)
	case trigAt:
		tw.ws = byteWindows(tw.ws[:0], txt, '@', nil)
	case trigColon:
		tw.ws = byteWindows(tw.ws[:0], txt, ':', hexColon)
	}
	for _, w := range tw.ws {
		tw.maxDigits = max(tw.maxDigits, w.digits)
	}
	tw.done = true
	return tw
}

// ruleWindows returns where rule r's regex runs.
func (a *analysis) ruleWindows(r *compiledRule) []window {
	txt := a.text(r.view)
	if r.wholeText && r.triggers != 0 {
		// A whole-text rule with triggers reads the whole text, but only when one of its triggers fires.
		for _, t := range []int{trigDigits, trigAt, trigColon} {
			if r.triggers&t == 0 {
				continue
			}
			for _, w := range a.triggerWindows(r.view, t) {
				if t != trigDigits || w.digits >= r.minDigits {
					a.whole[0] = window{start: 0, end: len(txt)}
					return a.whole[:]
				}
			}
		}
		return nil
	}
	if r.triggers == 0 {
		if len(r.gateWords) == 0 {
			a.whole[0] = window{start: 0, end: len(txt)}
			return a.whole[:]
		}
		starts := a.starts[:0]
		defer func() { a.starts = starts }()
		for i, id := range r.gate[len(r.gate)-len(r.gateWords):] {
			if !a.present.has(id) {
				continue
			}
			if txt == a.folded || r.view == viewCased {
				starts = a.occ.starts(id, starts)
				continue
			}
			// The spoken view has its own offsets: find the keyword in it.
			for off := 0; ; {
				j := indexFrom(txt, r.gateWords[i], off)
				if j < 0 {
					break
				}
				starts = append(starts, j)
				off = j + 1
			}
		}
		slices.Sort(starts)
		if r.anchored {
			ws := a.ruleWs[:0]
			for _, st := range starts {
				ws = append(ws, window{start: st, end: tokenEnd(txt, min(len(txt), st+r.window))})
			}
			a.ruleWs = ws
			return ws
		}
		a.ruleWs = keywordWindows(a.ruleWs[:0], len(txt), starts, r.window/4, r.window, txt)
		return a.ruleWs
	}
	ws := a.ruleWs[:0]
	for _, t := range []int{trigDigits, trigAt, trigColon} {
		if r.triggers&t == 0 {
			continue
		}
		for _, w := range a.triggerWindows(r.view, t) {
			if t == trigDigits && w.digits < r.minDigits {
				continue
			}
			if r.extend > 0 {
				w.end = tokenEnd(txt, min(len(txt), w.end+r.extend))
			}
			ws = append(ws, w)
		}
	}
	if r.triggers&(r.triggers-1) != 0 || r.extend > 0 {
		ws = mergeWindows(ws)
	}
	a.ruleWs = ws
	return ws
}

func (s *Scanner) runRule(a *analysis, r *compiledRule, out []Finding) ([]Finding, error) {
	txt := a.text(r.view)
	if len(r.terms) > 0 {
		starts := a.starts[:0]
		defer func() { a.starts = starts }()
		for _, t := range r.terms {
			if !a.present.has(t.id) {
				continue
			}
			starts = a.occ.starts(t.id, starts[:0])
			for _, i := range starts {
				if !wordBoundaryBefore(txt, i) {
					continue
				}
				end := min(len(txt), i+len(t.text))
				if t.prefix {
					end = wordEnd(txt, end)
				} else if !wordBoundaryAfter(txt, end) {
					continue
				}
				out, _, _ = r.accept(a, txt, i, end, out)
			}
		}
		return out, nil
	}
	re2, isRE2 := r.match.(*re2Matcher)
	whole := r.wholeText || r.triggers == 0 && len(r.gateWords) == 0
	for _, w := range a.ruleWindows(r) {
		if err := a.ctx.Err(); err != nil {
			return out, fmt.Errorf("scan stopped: %w", err)
		}
		if isRE2 && !whole {
			out = r.matchAtStarts(a, re2, txt, w, out)
			continue
		}
		a.spans = a.spans[:0]
		if err := r.match.find(txt[w.start:w.end], a.emit); err != nil {
			return out, err
		}
		for _, sp := range a.spans {
			out, _, _ = r.accept(a, txt, w.start+sp[0], w.start+sp[1], out)
		}
	}
	return out, nil
}

// matchAtStarts tries an RE2 rule anchored at each word start of window w, leftmost first: a start inside a
// value already accepted is skipped, and a match that fails its validator or score lets the next start try.
// The word starts come from one pass over the view text, shared by every rule (see analysis.wordStarts).
func (r *compiledRule) matchAtStarts(a *analysis, m *re2Matcher, txt string, w window, out []Finding) []Finding {
	next := w.start
	starts := a.wordStarts(r.view)
	i, _ := slices.BinarySearch(starts, int32(w.start))
	for ; i < len(starts) && int(starts[i]) < w.end; i++ {
		s := int(starts[i])
		if s < next {
			continue
		}
		if r.anchored {
			// A keyword-anchored rule has one attempt: at the first word start of the keyword's window (the
			// keyword itself, or the word after a keyword that starts with a space or a sign).
			next = w.end
		}
		if !m.first.has(txt[s]) {
			continue
		}
		vs, ve, end, ok := m.at(txt[s:w.end])
		if !ok {
			continue
		}
		var accepted bool
		var cutEnd int
		if out, cutEnd, accepted = r.accept(a, txt, s+vs, s+ve, out); accepted && !r.anchored {
			// Go on after the value as accepted: a value cut before an excluded word leaves the rest to try.
			next = min(s+end, cutEnd)
		}
	}
	return out
}

// wordStarts returns the positions of the text of view k where a value can start (isWordStart), found once per
// scan and view: every rule's anchored attempts read them instead of testing each byte of each window again.
func (a *analysis) wordStarts(k viewKind) []int32 {
	k = a.sameAs(k)
	if a.wordPosDone[k] {
		return a.wordPos[k]
	}
	txt := a.text(k)
	ws := a.wordPos[k][:0]
	for s := 0; s < len(txt); s++ {
		if isWordStart(txt, s) {
			ws = append(ws, int32(s))
		}
	}
	a.wordPos[k], a.wordPosDone[k] = ws, true
	return ws
}

// isWordStart reports whether a value can start at s: a letter, digit, '+' or '(' that does not continue a word
// — also at the start of a window, so a keyword found inside a longer word ("hi" in "chi") anchors nothing.
func isWordStart(txt string, s int) bool {
	c := txt[s]
	if !(isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c >= 0x80 || c == '+' || c == '(') {
		return false
	}
	if s == 0 {
		return !(c >= 0x80 && c < 0xC0) // never inside a UTF-8 sequence
	}
	p := txt[s-1]
	if isAlnumByte(p) {
		return false
	}
	// A '.', '-', '/' or '_' between two word characters joins one token ("1.192.168.1.20", "ft2025-7699"):
	// no value starts inside it.
	if (p == '.' || p == '-' || p == '/' || p == '_') && s-2 >= 0 && isAlnumByte(txt[s-2]) {
		return false
	}
	return true
}

// isAlnumByte reports ASCII letters and digits and any byte of a multi-byte rune (letters, mostly).
func isAlnumByte(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c >= 0x80
}

// accept validates and scores the span [vs,ve) of view txt and appends it as a finding when it passes; it
// returns the end of the value as accepted (a cut or a trimmed value ends earlier).
func (r *compiledRule) accept(a *analysis, txt string, vs, ve int, out []Finding) ([]Finding, int, bool) {
	if r.exclude != nil {
		var ok bool
		if ve, ok = r.cutExcluded(txt, vs, ve); !ok {
			return out, ve, false
		}
	}
	if r.validator != nil && !a.valid(r, txt[vs:ve]) {
		var ok bool
		if ve, ok = r.validPrefix(a, txt, vs, ve); !ok {
			return out, ve, false
		}
	}
	score := r.score
	if len(r.ctxWords) > 0 || len(r.ctxNeg) > 0 {
		ctx := txt[max(0, vs-r.ctxWindow):min(len(txt), ve+r.ctxWindow)]
		if a.near(ctx, r.ctxWords) {
			score += r.boost
		}
		if a.near(ctx, r.ctxNeg) {
			score -= r.penalty
		}
		score = min(1, max(0, score))
	}
	if score < r.minScore {
		return out, ve, false
	}
	s, e, sp := a.toOriginal(r.view, vs, ve)
	if r.spokenOnly && !sp {
		return out, ve, false
	}
	return append(out, Finding{Type: r.typ, Subtype: r.subtype, Category: r.category,
		Start: s, End: e, Score: round2(score), Rule: r.id, Spoken: sp, validated: r.validator != nil}), ve, true
}

// cutExcluded ends the value [vs,ve) before its first excluded word; ok is false when that is its first word.
func (r *compiledRule) cutExcluded(txt string, vs, ve int) (int, bool) {
	for i := vs; i < ve; {
		c, n := utf8.DecodeRuneInString(txt[i:])
		if !isWordRune(c) {
			i += n
			continue
		}
		j := i
		for j < ve {
			c, n := utf8.DecodeRuneInString(txt[j:])
			if !isWordRune(c) && c != '-' && c != '\'' {
				break
			}
			j += n
		}
		if r.exclude[strings.ToLower(txt[i:j])] {
			if i == vs {
				return ve, false
			}
			for i > vs {
				r, n := utf8.DecodeLastRuneInString(txt[:i])
				if isWordRune(r) {
					break
				}
				i -= n
			}
			return i, true
		}
		i = j
	}
	return ve, true
}

// maxTrims is how many trailing groups validPrefix may drop.
const maxTrims = 3

// validPrefix retries a candidate that failed its validator without its last separated groups: a greedy pattern
// may have taken the expiry date after a card number or the next number after a phone. It returns the new end.
func (r *compiledRule) validPrefix(a *analysis, txt string, vs, ve int) (int, bool) {
	for range maxTrims {
		j := strings.LastIndexAny(txt[vs:ve], " -./")
		if j <= 0 {
			return ve, false
		}
		ve = vs + j
		for ve > vs && strings.IndexByte(" -./", txt[ve-1]) >= 0 {
			ve--
		}
		if a.valid(r, txt[vs:ve]) {
			return ve, true
		}
	}
	return ve, false
}

// checkedValue is a value a validator has judged in this scan.
type checkedValue struct {
	validator, value string
	ok               bool
}

// maxChecked bounds the validator verdicts one scan remembers.
const maxChecked = 64

// valid runs r's validator on value once per scan: several rules (a phone number's national, international and
// spoken forms) validate the same digits, and phone metadata is the costliest check.
func (a *analysis) valid(r *compiledRule, value string) bool {
	for _, c := range a.checked {
		if c.validator == r.validatorName && c.value == value {
			return c.ok
		}
	}
	ok := r.validator(value)
	if len(a.checked) < maxChecked {
		a.checked = append(a.checked, checkedValue{validator: r.validatorName, value: value, ok: ok})
	}
	return ok
}

// near reports whether one of the keyword ids occurs in ctx.
func (a *analysis) near(ctx string, ids []int) bool {
	for _, id := range ids {
		if a.present.has(id) && strings.Contains(ctx, a.kw.words[id]) {
			return true
		}
	}
	return false
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func wordBoundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordRune(r)
}

func wordBoundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

// wordEnd returns the end of the word that continues at i.
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) && r != '-' {
			break
		}
		i += n
	}
	return i
}

// WrittenForm returns text with case folded and spelled-out numbers written as digits: the form of a Spoken
// finding's value that its written twin has ("null eins fünf eins" → "0151"), so both get one pseudonym.
func WrittenForm(text string) string {
	f := fold(nfkcView(text).text)
	if v, ok := spoken.Digits(f); ok {
		f = v.Text()
	}
	if v, ok := spelled.Letters(f); ok {
		f = v.Text()
	}
	return f
}
