package engine

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/detectors/lexicon"
	"github.com/piiguard/piiguard/engine/record"
)

// spreadable says which types are spread: values whose repetition in the same record means the same person or
// account. Special categories and dates are not (a term or a date may stand again in another sense).
var spreadable = map[string]bool{
	"PERSON": true, "EMAIL": true, "PHONE": true, "IBAN": true, "CREDIT_CARD": true, "ADDRESS": true,
	"IP_ADDRESS": true, "DE_TAX_ID": true, "DK_CPR": true, "IT_FISCAL_CODE": true, "UK_NINO": true,
	"ES_DNI": true, "ES_NIE": true, "FR_NIR": true, "NL_BSN": true, "SE_PERSONNUMMER": true, "NO_FNR": true,
	"FI_HETU": true, "PL_PESEL": true, "US_SSN": true,
}

// minSpread is the shortest value (or name word) that is spread in any case; shorter ones are too likely to be
// words. A capitalised name word of minExactSpread or more letters ("Doe", "Li", "Ng") is spread where it
// stands capitalised the same way ("the Doe family", "passport_Doe.pdf").
const (
	minSpread      = 4
	minExactSpread = 2
)

// spreadFinding is a value found somewhere in a record, to look for elsewhere.
type spreadFinding struct {
	needle string // lower case; as written when exact
	exact  bool   // looked for in the case it was written in
	f      detectors.Finding
	value  string // what the pseudonym is made from
}

// spreadValues finds, in every scanned field of rec, the verbatim repetitions of the values already found
// (case-insensitive, on word boundaries) and returns them as extra findings: a phone number given in a
// signature and again as a link text, a name introduced in full and later said alone, "Frederik" of
// "Frederik Nielsen". Each word of a multi-word name is spread too. have holds the findings per field so far.
// The cost is linear in the size of the record: each distinct needle is looked for once, all of them in one
// pass over each field, and a repetition's overlap with what is already found is checked on a byte map.
func spreadValues(rec *record.Record, have map[int][]detectors.Finding, found []spreadFinding) map[int][]detectors.Finding {
	extra, _ := spreadValuesWork(rec, have, found)
	return extra
}

// spreadValuesWork is spreadValues that also returns its work: the bytes scanned plus the bytes of every
// candidate repetition checked. It is linear in the size of the record for any number of repetitions.
func spreadValuesWork(rec *record.Record, have map[int][]detectors.Finding, found []spreadFinding) (map[int][]detectors.Finding, int) {
	if len(found) == 0 {
		return nil, 0
	}
	// One needle per distinct text, the first finding that gave it; earlier needles win overlaps. Needles that
	// are looked for in any case are matched on the lower-cased field, exact ones on the field as written.
	seen := make(map[spreadKey]bool, len(found))
	uniq := found[:0:0]
	for _, sf := range found {
		if k := (spreadKey{sf.needle, sf.exact}); !seen[k] {
			seen[k] = true
			uniq = append(uniq, sf)
		}
	}
	var anyCase, exact []string
	var anyID, exactID []int
	for k, sf := range uniq {
		if sf.exact {
			exact, exactID = append(exact, sf.needle), append(exactID, k)
		} else {
			anyCase, anyID = append(anyCase, sf.needle), append(anyID, k)
		}
	}
	acAny, acExact := newMatcher(anyCase), newMatcher(exact)
	extra := map[int][]detectors.Finding{}
	work := 0
	var taken []bool
	type match struct{ id, start, end int }
	var ms []match
	for i, fld := range rec.Fields {
		if fld.Meta || fld.Value == "" {
			continue
		}
		hay := strings.ToLower(fld.Value)
		if len(hay) != len(fld.Value) {
			hay = fld.Value // lower-casing changed lengths: search as written
		}
		work += len(hay)
		ms = ms[:0]
		acAny.each(hay, func(id, end int) {
			s := end - len(anyCase[id])
			if boundary(hay, s, end) {
				ms = append(ms, match{anyID[id], s, end})
			}
		})
		if len(exact) > 0 {
			work += len(fld.Value)
			acExact.each(fld.Value, func(id, end int) {
				s := end - len(exact[id])
				if boundary(fld.Value, s, end) {
					ms = append(ms, match{exactID[id], s, end})
				}
			})
		}
		if len(ms) == 0 {
			continue
		}
		sort.Slice(ms, func(a, b int) bool {
			if ms[a].id != ms[b].id {
				return ms[a].id < ms[b].id
			}
			return ms[a].start < ms[b].start
		})
		taken = append(taken[:0], make([]bool, len(hay))...)
		for _, f := range have[i] {
			for p := max(f.Start, 0); p < min(f.End, len(taken)); p++ {
				taken[p] = true
			}
		}
		for _, m := range ms {
			work += m.end - m.start
			if slices.Contains(taken[m.start:m.end], true) {
				continue
			}
			for p := m.start; p < m.end; p++ {
				taken[p] = true
			}
			f := uniq[m.id].f
			f.Start, f.End, f.Rule = m.start, m.end, "engine.spread"
			extra[i] = append(extra[i], f)
		}
		sort.Slice(extra[i], func(a, b int) bool { return extra[i][a].Start < extra[i][b].Start })
	}
	return extra, work
}

// spreadNeedles returns what to look for of one found value: the value, and for a name each word of it.
func spreadNeedles(f detectors.Finding, text string) []spreadFinding {
	if !spreadable[f.Type] || f.Spoken {
		return nil
	}
	var out []spreadFinding
	add := func(s string) {
		if utf8.RuneCountInString(s) >= minSpread {
			out = append(out, spreadFinding{needle: strings.ToLower(s), f: f, value: s})
		}
	}
	add(strings.TrimSpace(text))
	if f.Type == "PERSON" {
		words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' })
		if len(words) > 1 {
			for _, w := range words {
				add(w)
				if n := utf8.RuneCountInString(w); n >= minExactSpread && n < minSpread && shortSurname(w) {
					out = append(out, spreadFinding{needle: w, exact: true, f: f, value: w})
				}
			}
		}
	}
	return out
}

// spreadKey identifies a needle.
type spreadKey struct {
	needle string
	exact  bool
}

// shortSurname reports a short name word worth spreading in its written case: capitalised, the rest lower case
// ("Doe", not "DE" or "de"), and no stop word of the four languages ("Der", "Den", "Il", "The").
func shortSurname(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || strings.ToLower(w[n:]) != w[n:] {
		return false
	}
	e := lexicon.Default().Get(w)
	return !e.In(lexicon.StopWord, lexicon.DE|lexicon.DA|lexicon.IT|lexicon.EN)
}

func boundary(s string, start, end int) bool {
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func overlaps(fs []detectors.Finding, s, e int) bool {
	for _, f := range fs {
		if s < f.End && f.Start < e {
			return true
		}
	}
	return false
}
