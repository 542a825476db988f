package detectors

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spelled copies of found values. A caller who gives a name, an e-mail, a street or an ID often spells it right
// after ("kowalski, k o w a l s k i", "Sommer, S wie Samuel, O wie Otto…", "ferri, effe e erre erre i", "Dodd,
// D for David…"), or spells it after a cue ("das schreibt man", "buchstabiert", "staves", "si scrive", "that's
// spelled"). The rules find the value where it is said; spelledValues then finds the spelled words of the
// spelled view (detectors/spelled) near it and gives them the value's type, so the spelled copy is replaced
// too and never left beside the value's token.

// Rule ids of the findings spelledValues adds.
const (
	ruleSpelledCopy = "spelled.copy" // a spelled word that repeats or completes a value found nearby
	ruleSpelledCue  = "spelled.cue"  // a spelled word after a spelling cue, with no value it repeats
	ruleSpelledMail = "spelled.mail" // spelled letters that begin an e-mail's local part ("d okafor at …")
)

// spelledAfter and spelledBefore bound, in bytes of the original text, how far after the end of a value (or
// before its start) its spelled copy may start (or end). spelledCueGap bounds the bytes between a spelling cue
// and the spelled word after it.
const (
	spelledAfter  = 160
	spelledBefore = 80
	spelledCueGap = 40
)

// spelledScoreCue is the score of a spelled word found after a cue alone: a spelled word with no value it
// repeats, typed PERSON.
const spelledScoreCue = 0.8

// spelledSources are the types whose values are looked for spelled: names, e-mails, addresses and IDs.
var spelledSources = map[string]bool{
	"PERSON": true, "EMAIL": true, "ADDRESS": true, "IBAN": true, "DE_TAX_ID": true, "DK_CPR": true,
	"IT_FISCAL_CODE": true, "UK_NINO": true, "US_SSN": true, "ES_DNI": true, "ES_NIE": true, "FR_NIR": true,
	"NL_BSN": true, "SE_PERSONNUMMER": true, "NO_FNR": true, "FI_HETU": true, "PL_PESEL": true,
}

// spellingCues are what a caller says before spelling (folded text). A long cue may stand up to spelledCueGap
// bytes before the spelled word; the short links (wie, come, for, som, as, like) only right before it.
var spellingCues = []string{
	"schreibt man", "schreibt sich", "geschrieben", "buchstabiert", "buchstabiere", "buchstabieren",
	"staves", "stavet", "staver", "stave",
	"si scrive", "scritto", "lettera per lettera",
	"spelled", "spelt", "spelling", "spell",
}

// spellingLinks are the cue words that must stand right before the spelled word ("huber, wie h u b e r").
var spellingLinks = map[string]bool{"wie": true, "come": true, "for": true, "som": true, "as": true, "like": true}

// spelledWord is a word of the spelled view that spelled letters made, with its span in the original text.
type spelledWord struct {
	text       string // the view's letters, folded
	start, end int    // in the original text
}

// spelledValues returns fs (sorted, not overlapping) with the spelled copies of its values added and the
// spelled letters that begin an e-mail joined to it; findings the copies overlap are trimmed or dropped. A
// spelled word after a cue alone is added as PERSON only when one of s's PERSON rules runs under opt. The
// result is sorted by start and does not overlap.
func (s *Scanner) spelledValues(a *analysis, fs []Finding, opt Options) []Finding {
	sources := 0
	for _, f := range fs {
		if spelledSources[f.Type] {
			sources++
		}
	}
	cueTypes := hasSpellingCue(a.folded) && s.scansFor("PERSON", opt)
	if sources == 0 && !cueTypes {
		return fs
	}
	fs = a.joinMailLetters(fs)
	if !a.hasSpelledText() {
		return fs
	}
	var added []Finding
	for _, w := range a.spelledWords() {
		if f, ok := coveredBy(fs, w.start, w.end); ok {
			// A value found together with its spelled copy ("anna huber, h-u-b-e-r") is split: the copy gets
			// its own finding, so both are replaced by the value's token.
			if spelledSources[f.Type] && f.Start < w.start && spells(skeleton(w.text), a.orig[f.Start:w.start]) {
				added = append(added, Finding{Type: f.Type, Subtype: f.Subtype, Category: f.Category,
					Start: w.start, End: w.end, Score: f.Score, Rule: ruleSpelledCopy, Spoken: true})
			}
			continue
		}
		if f, ok := spelledCopyOf(a.orig, fs, w); ok {
			added = append(added, Finding{Type: f.Type, Subtype: f.Subtype, Category: f.Category,
				Start: w.start, End: w.end, Score: f.Score, Rule: ruleSpelledCopy, Spoken: true})
			continue
		}
		if !cueTypes || !cueBefore(a.orig, w.start) || !lettersOnly(w.text) || utf8.RuneCountInString(w.text) < 2 {
			continue
		}
		added = append(added, Finding{Type: "PERSON", Category: "personal", Start: w.start, End: w.end,
			Score: spelledScoreCue, Rule: ruleSpelledCue, Spoken: true})
	}
	if len(added) == 0 {
		return fs
	}
	return mergeSpelled(a.orig, fs, added)
}

// scansFor reports whether one of s's rules of type typ runs under opt.
func (s *Scanner) scansFor(typ string, opt Options) bool {
	for _, r := range s.rules {
		if r.typ == typ && r.selected(opt) {
			return true
		}
	}
	return false
}

// hasSpellingCue reports whether the folded text holds a spelling cue.
func hasSpellingCue(folded string) bool {
	for _, c := range spellingCues {
		if strings.Contains(folded, c) {
			return true
		}
	}
	return false
}

// spelledWords returns the words of the spelled view that spelled letters made (a run of letters or digits of
// the view whose source is longer than it), in order, with their spans in the original text.
func (a *analysis) spelledWords() []spelledWord {
	v := a.spelled.Text()
	var out []spelledWord
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(v) {
			r, n := utf8.DecodeRuneInString(v[j:])
			if !isWordRune(r) {
				break
			}
			j += n
		}
		if fs, fe := a.spelled.Span(i, j); fe-fs != j-i {
			s, e, _ := a.toOriginal(viewSpelled, i, j)
			out = append(out, spelledWord{text: v[i:j], start: s, end: e})
		}
		i = j
	}
	return out
}

// coveredBy returns the finding of fs that covers [s,e), if one does.
func coveredBy(fs []Finding, s, e int) (Finding, bool) {
	for _, f := range fs {
		if f.Start <= s && e <= f.End {
			return f, true
		}
	}
	return Finding{}, false
}

// spelledCopyOf returns the finding of a source type near w whose value w spells: the part of its value outside
// w, within spelledAfter bytes before w or spelledBefore bytes after it. The nearest finding is tried first.
func spelledCopyOf(orig string, fs []Finding, w spelledWord) (Finding, bool) {
	type near struct {
		f    Finding
		dist int
	}
	var cands []near
	for _, f := range fs {
		if !spelledSources[f.Type] {
			continue
		}
		switch {
		case f.Start < w.start && f.End <= w.start+(w.end-w.start) && w.start-f.End <= spelledAfter:
			cands = append(cands, near{f, max(0, w.start-f.End)})
		case f.End > w.end && f.Start >= w.start && f.Start-w.end <= spelledBefore:
			cands = append(cands, near{f, max(0, f.Start-w.end)})
		}
	}
	slices.SortStableFunc(cands, func(x, y near) int { return cmp.Compare(x.dist, y.dist) })
	spelled := skeleton(w.text)
	for _, c := range cands {
		f := c.f
		vs, ve := f.Start, f.End
		if ve > w.start && vs < w.start {
			ve = w.start // the value runs into the spelled word: compare what is said before it
		}
		if vs < w.end && ve > w.end {
			vs = w.end
		}
		if ve > vs && spells(spelled, orig[vs:ve]) {
			return f, true
		}
	}
	return Finding{}, false
}

// spells reports whether the spelled letters (a skeleton) repeat or complete value: they equal one of its words
// or several in a row, or one is a prefix of the other with at least three letters.
func spells(spelled, value string) bool {
	words := strings.FieldsFunc(skeleton(value), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 8 {
		words = words[:8]
	}
	for i := range words {
		joined := ""
		for j := i; j < len(words); j++ {
			joined += words[j]
			if agrees(spelled, joined) {
				return true
			}
		}
	}
	return false
}

// agrees reports whether a spelled skeleton and a word of a value agree: equal, or one begins the other and the
// shorter has at least three letters (a name said in part and spelled whole, or spelled in part).
func agrees(spelled, word string) bool {
	if spelled == word {
		return true
	}
	short := min(utf8.RuneCountInString(spelled), utf8.RuneCountInString(word))
	return short >= 3 && (strings.HasPrefix(word, spelled) || strings.HasPrefix(spelled, word))
}

// skeleton folds s for comparing spellings: lower case, letters without their marks (ü → u, ø → o, ß → ss,
// æ → ae), and the written-out umlauts and Danish å (ue, oe, ae, aa) as one letter, so "m u e l l e r",
// "m ü l l e r" and "Müller" agree.
func skeleton(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if x, ok := foldLetter[r]; ok {
			b.WriteString(x)
			continue
		}
		b.WriteRune(r)
	}
	t := b.String()
	if strings.Contains(t, "e") || strings.Contains(t, "aa") {
		t = skeletonPairs.Replace(t)
	}
	return t
}

// foldLetter maps the letters with marks of the four languages (and their neighbours) to plain letters.
var foldLetter = map[rune]string{
	'ä': "a", 'ö': "o", 'ü': "u", 'ß': "ss", 'æ': "ae", 'ø': "o", 'å': "aa",
	'à': "a", 'á': "a", 'â': "a", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i",
	'ï': "i", 'ò': "o", 'ó': "o", 'ô': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ç': "c", 'ñ': "n",
}

// skeletonPairs writes the written-out umlauts and å as one letter.
var skeletonPairs = strings.NewReplacer("ue", "u", "oe", "o", "ae", "a", "aa", "a")

// lettersOnly reports whether w holds letters only.
func lettersOnly(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// cueBefore reports whether a spelling cue ends shortly before byte start of the original text: a link word
// (wie, come, for…) right before it, or a longer cue (das schreibt man, staves, si scrive…) within
// spelledCueGap bytes.
func cueBefore(orig string, start int) bool {
	before := strings.ToLower(orig[max(0, start-spelledCueGap-len("lettera per lettera")):start])
	if w := lastWord(before); spellingLinks[w] {
		return true
	}
	for _, c := range spellingCues {
		if i := strings.LastIndex(before, c); i >= 0 && len(before)-(i+len(c)) <= spelledCueGap {
			return true
		}
	}
	return false
}

// lastWord returns the last word of s when only spaces and punctuation follow it.
func lastWord(s string) string {
	e := len(s)
	for e > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:e])
		if isWordRune(r) {
			break
		}
		e -= n
	}
	b := e
	for b > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:b])
		if !isWordRune(r) {
			break
		}
		b -= n
	}
	return s[b:e]
}

// joinMailLetters joins to an e-mail finding the single spelled letters said right before it, separated by
// spaces only ("d okafor at yahoo dot co dot uk": the d is the first letter of the local part). A bare a, e, i
// or o is a word of the sentence (English a, Italian and, or), not a letter: the letters stop there.
func (a *analysis) joinMailLetters(fs []Finding) []Finding {
	s := a.orig
	for k := range fs {
		f := &fs[k]
		if f.Type != "EMAIL" {
			continue
		}
		floor := 0
		if k > 0 {
			floor = fs[k-1].End
		}
		start := f.Start
		for {
			j := start
			for j > floor && s[j-1] == ' ' {
				j--
			}
			l := j - 1 // the letter
			if j == start || l < floor || !isASCIILetter(s[l]) || strings.IndexByte("aeioAEIO", s[l]) >= 0 ||
				l > 0 && !isSpaceByte(s[l-1]) {
				break
			}
			start = l
		}
		if start < f.Start {
			f.Start, f.Rule, f.Spoken = start, ruleSpelledMail, true
		}
	}
	return fs
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isSpaceByte reports whether c is a space, a tab or a line break.
func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// mergeSpelled adds the spelled copies to fs: a finding inside a copy is dropped, one that overlaps it is cut
// to its parts outside it (without the spaces and punctuation at the cuts); a copy that overlaps a validated
// finding (an IBAN, a card number) is not added. The result is sorted by start and does not overlap.
func mergeSpelled(orig string, fs, added []Finding) []Finding {
	var keep []Finding
	for _, n := range added {
		ok := true
		for _, f := range fs {
			if f.validated && f.Start < n.End && n.Start < f.End {
				ok = false
				break
			}
		}
		if ok && !overlapsAny(keep, n) {
			keep = append(keep, n)
		}
	}
	slices.SortFunc(keep, func(x, y Finding) int { return cmp.Compare(x.Start, y.Start) })
	out := fs[:0:0]
	for _, f := range fs {
		// The parts of f outside the copies, each without the spaces and punctuation at its cuts.
		for _, n := range keep {
			if f.End <= n.Start || n.End <= f.Start {
				continue
			}
			if f.Start < n.Start {
				head := f
				head.End = trimRight(orig, f.Start, n.Start)
				if head.End > head.Start {
					out = append(out, head)
				}
			}
			f.Start = trimLeft(orig, min(f.End, n.End), f.End)
		}
		if f.End > f.Start {
			out = append(out, f)
		}
	}
	out = append(out, keep...)
	slices.SortFunc(out, func(x, y Finding) int { return cmp.Compare(x.Start, y.Start) })
	return out
}

// overlapsAny reports whether n overlaps one of fs.
func overlapsAny(fs []Finding, n Finding) bool {
	for _, f := range fs {
		if f.Start < n.End && n.Start < f.End {
			return true
		}
	}
	return false
}

// trimRight returns the end of s[from:to] without the spaces and punctuation at its end.
func trimRight(s string, from, to int) int {
	for to > from {
		r, n := utf8.DecodeLastRuneInString(s[from:to])
		if isWordRune(r) {
			break
		}
		to -= n
	}
	return to
}

// trimLeft returns the start of s[from:to] without the spaces and punctuation at its start.
func trimLeft(s string, from, to int) int {
	for from < to {
		r, n := utf8.DecodeRuneInString(s[from:to])
		if isWordRune(r) {
			break
		}
		from += n
	}
	return from
}
