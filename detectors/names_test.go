package detectors

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLexiconNames runs the default packs on names that no gazetteer rule lists, in the four languages, and on
// company names, salutations and titles that the lexicon rule must not take for persons (other rules may).
func TestLexiconNames(t *testing.T) {
	s := MustCompileDefault()
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"en introduction, month as first name", "my name is June Edwards and I have a question", []string{"PERSON:June Edwards"}},
		{"it after a preposition", "parla con Iacopo Bianchi", []string{"PERSON:Iacopo Bianchi"}},
		{"it thanks", "grazie mille Gianmaria Lucchesi", []string{"PERSON:Gianmaria Lucchesi"}},
		{"lower case speech, surname of the lexicons", "ich verbinde sie mit iacopo bianchi", []string{"PERSON:iacopo bianchi"}},
		{"company at the start of a call", "luce verde energia buongiorno", nil},
		{"salutation", "> Gentile Signora,", nil},
		{"title case at a sentence start", "Grace Period applies to every plan", nil},
		{"acronym after a name", "ask Anna about GDPR", nil},
		{"stop word after a name", "Anna und ich", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			var persons []string
			for _, f := range fs {
				if f.Rule == "common.person.lexicon" {
					persons = append(persons, f.Type+":"+tc.text[f.Start:f.End])
				}
			}
			assert.Equal(t, tc.want, persons)
		})
	}
}

// TestLexiconNamesWidenAFoundName checks that a person found by a rule takes the lexicon first name before it
// or the lexicon surname after it, so no part of the name stays readable.
func TestLexiconNamesWidenAFoundName(t *testing.T) {
	s := compileYAML(t, `
name: t
version: "1"
rules:
  - id: t.surname
    type: PERSON
    category: personal
    terms: [bianchi]
    examples: {match: ["sig. bianchi"], no_match: ["bianco"]}
  - id: t.firstname
    type: PERSON
    category: personal
    terms: [iacopo]
    examples: {match: ["iacopo"], no_match: ["jacob"]}
  - id: t.names
    type: PERSON
    category: personal
    lexicon: names
    examples: {match: ["parla con Iacopo Bianchi"], no_match: ["parla con noi"]}
`)
	for _, tc := range []struct{ name, text, want string }{
		{"first name before a found surname", "parla con giulia bianchi adesso", "PERSON:giulia bianchi"},
		{"surname after a found first name", "parla con iacopo rossi adesso", "PERSON:iacopo rossi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Scan(tc.text)
			require.NoError(t, err)
			assert.Equal(t, []string{tc.want}, spans(tc.text, fs))
		})
	}
}
