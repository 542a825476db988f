package detectors

import (
	"slices"

	"github.com/piiguard/piiguard/detectors/lexicon"
	"github.com/piiguard/piiguard/detectors/tokens"
)

// minNameLetters is the shortest first name the name pass takes.
const minNameLetters = 3

// lexiconNames is the name pass of rule r (lexicon: names) over the token stream: a first name of the lexicons
// followed by a surname-like word is a person, wherever it stands ("parla con Iacopo Bianchi", "my name is June
// Edwards", "grazie mille Gianmaria Lucchesi"), and a person found by a rule takes the lexicon first name or
// surname right beside it, so a name is decided whole ("danuta <PERSON>" never happens). See surnameLike for
// what the second word may be. fs are the resolved findings of the text (sorted, not overlapping); so is the
// result.
func (a *analysis) lexiconNames(fs []Finding, r *compiledRule) []Finding {
	lex := lexicon.Default()
	text := a.nfkc.text
	a.toks = tokens.Append(a.toks[:0], text)
	toks := a.toks
	// covered[i] is the index+1 of the finding that covers token i, 0 for none.
	covered := slices.Grow(a.covered[:0], len(toks))[:len(toks)]
	clear(covered)
	a.covered = covered
	ti := 0
	for fi, f := range fs { // both in text order: one sweep, in original offsets
		for ti < len(toks) && a.origEnd(toks[ti]) <= f.Start {
			ti++
		}
		for j := ti; j < len(toks) && a.origStart(toks[j]) < f.End; j++ {
			covered[j] = fi + 1
		}
	}
	var added []Finding
	for i := 0; i+1 < len(toks); i++ {
		t1, t2 := toks[i], toks[i+1]
		if !adjacentWords(text, t1, t2) {
			continue
		}
		e1, e2 := lex.Lookup(t1.Hash), lex.Lookup(t2.Hash)
		if !firstNameLike(t1, e1) || !surnameLike(t1, t2, e2, sentenceStart(text, toks, i)) {
			continue
		}
		c1, c2 := covered[i], covered[i+1]
		switch {
		case c1 == 0 && c2 == 0:
			start, end := a.nfkc.span(int(t1.Start), int(t2.End))
			added = append(added, Finding{Type: r.typ, Subtype: r.subtype, Category: r.category, Start: start,
				End: end, Score: round2(r.score), Rule: r.id})
			i++
		case c1 == 0 && fs[c2-1].Type == "PERSON" && startsAt(a, fs[c2-1], t2):
			fs[c2-1].Start, _ = a.nfkc.span(int(t1.Start), int(t1.End)) // the first name before a found surname
		case c2 == 0 && fs[c1-1].Type == "PERSON" && endsAt(a, fs[c1-1], t1):
			_, fs[c1-1].End = a.nfkc.span(int(t2.Start), int(t2.End)) // the surname after a found first name
		}
	}
	if len(added) == 0 {
		return fs
	}
	return mergeSorted(fs, added)
}

// adjacentWords reports whether t1 and t2 are words of letters separated by spaces or tabs only.
func adjacentWords(text string, t1, t2 tokens.Token) bool {
	if t1.Kind != tokens.Word || t2.Kind != tokens.Word || t2.Start == t1.End {
		return false
	}
	for _, c := range []byte(text[t1.End:t2.Start]) {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// isStopWord reports a function word of one of the four languages.
func isStopWord(e lexicon.Entry) bool {
	return e.In(lexicon.StopWord, lexicon.DE|lexicon.DA|lexicon.IT|lexicon.EN)
}

// firstNameLike reports a first name of the lexicons that is no stop word and has at least minNameLetters bytes;
// a name only in the immigrant lists must be capitalised (those lists hold many short common words).
func firstNameLike(t tokens.Token, e lexicon.Entry) bool {
	if t.Len() < minNameLetters || !e.Is(lexicon.FirstName) || isStopWord(e) {
		return false
	}
	return e.In(lexicon.FirstName, lexicon.DE|lexicon.DA|lexicon.IT|lexicon.EN) || t.Flags&tokens.Upper != 0
}

// surnameLike reports a second word that can be the surname after the first name t1: a surname of the lexicons,
// or a capitalised word after a capitalised first name; never a stop word, never all capitals (an acronym).
// A pair that opens a sentence or line is left to the rules with cues: there, capitals say nothing and company
// names stand ("Gentile Signora", "Grace Period", "luce verde energia buongiorno").
func surnameLike(t1, t2 tokens.Token, e2 lexicon.Entry, atSentenceStart bool) bool {
	if atSentenceStart || t2.Len() < 2 || isStopWord(e2) || t2.Flags&tokens.AllUpper != 0 {
		return false
	}
	if e2.Is(lexicon.Surname) {
		return true
	}
	return t1.Flags&tokens.Upper != 0 && t2.Flags&tokens.Upper != 0
}

// sentenceStart reports whether token i opens the text, a line, a sentence or a quotation.
func sentenceStart(text string, toks []tokens.Token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	switch p.Kind {
	case tokens.Newline:
		return true
	case tokens.Punct:
		switch text[p.Start] {
		case '.', '!', '?', '>', '"', '(', '\'':
			return true
		}
	}
	return false
}

// origStart and origEnd map a token of the normalised view to the original text.
func (a *analysis) origStart(t tokens.Token) int {
	s, _ := a.nfkc.span(int(t.Start), int(t.End))
	return s
}

func (a *analysis) origEnd(t tokens.Token) int {
	_, e := a.nfkc.span(int(t.Start), int(t.End))
	return e
}

// startsAt reports whether finding f starts at token t.
func startsAt(a *analysis, f Finding, t tokens.Token) bool { return f.Start == a.origStart(t) }

// endsAt reports whether finding f ends at token t.
func endsAt(a *analysis, f Finding, t tokens.Token) bool { return f.End == a.origEnd(t) }

// mergeSorted merges two sorted, mutually non-overlapping finding lists.
func mergeSorted(a, b []Finding) []Finding {
	out := make([]Finding, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i].Start <= b[j].Start {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
