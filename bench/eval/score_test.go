package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine/synth"
)

func TestScoreCountsReadableDroppedAndBroken(t *testing.T) {
	c := evalCase{
		source: "x.jsonl:1",
		record: []byte(`{"id":"c1","channel":"chat","language":"de","messages":[{"text":"Anna Schmidt, Tel 0151 2345678, Bestellung 4711-23"},{"text":"IBAN DE89 3704 0044 0532 0130 00, Betrag 12,00 €"}]}`),
		pii: []synth.Value{{Type: "PERSON", Text: "Anna Schmidt"}, {Type: "PHONE", Text: "0151 2345678"},
			{Type: "IBAN", Text: "DE89 3704 0044 0532 0130 00"}, {Type: "EMAIL", Text: "not@there.de"}},
		keep: []string{"4711-23", "12,00 €"},
	}
	out := []byte(`{"id":"c1","channel":"chat","language":"de","messages":[{"text":"<PERSON:k:A> Schmidt, Tel 0151 2345678, Bestellung <X>"},{"text":"IBAN <IBAN:k:B>, Betrag 12,00 €"}]}`)
	s := newScore()
	misses := s.add(c, out)

	assert.Equal(t, tally{labelled: 1, readable: 0, partial: 1}, *s.all.types["PERSON"])
	assert.Equal(t, tally{labelled: 1, readable: 1}, *s.all.types["PHONE"])
	assert.Equal(t, tally{labelled: 1}, *s.all.types["IBAN"])
	assert.Nil(t, s.all.types["EMAIL"], "a label missing from its input is not scored")
	assert.Equal(t, 1, s.broken)
	assert.Equal(t, keepTally{total: 2, kept: 1}, s.all.keep)
	assert.Equal(t, 1, s.bySlice["chat/de"].records)
	assert.Equal(t, 1, s.bySource["fixtures"].records)

	kinds := map[string]string{}
	for _, m := range misses {
		kinds[m.kind] = m.typ + " " + m.path
	}
	assert.Equal(t, map[string]string{"readable": "PHONE /messages/0/text", "dropped": "KEEP /messages/0/text",
		"unlabelled": "EMAIL "}, kinds)

	var buf bytes.Buffer
	s.print(&buf)
	report := buf.String()
	assert.Contains(t, report, "structured identifiers readable")
	assert.Contains(t, report, "50.00%", "one of two structured identifiers readable")
	assert.Contains(t, report, "MISSED")
	assert.Contains(t, report, "WARNING: 1 labels")
	assert.NotContains(t, report, "0151", "the report holds counts, not values")
}

func TestLoadFixturesNamesTheLineNotTheContent(t *testing.T) {
	dir := t.TempDir()
	good := `{"record":{"id":"a","channel":"chat","language":"de","messages":[]},"pii":[{"type":"PERSON","text":"Anna"}],"keep":[]}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(good+"\n\n"+`{"record":{},"secret":"Anna Schmidt"}`+"\n"), 0o600))
	_, err := loadFixtures(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a.jsonl:3")
	assert.NotContains(t, err.Error(), "Anna")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(good+"\n"), 0o600))
	cases, err := loadFixtures(dir)
	require.NoError(t, err)
	require.Len(t, cases, 1)
	assert.Equal(t, "a.jsonl:1", cases[0].source)
	assert.Equal(t, []synth.Value{{Type: "PERSON", Text: "Anna"}}, cases[0].pii)

	_, err = loadFixtures(t.TempDir())
	assert.Error(t, err, "an empty directory is an error, not an empty evaluation")
}

func TestRunReportsAndExitsZero(t *testing.T) {
	var out, errw bytes.Buffer
	code := run(&out, &errw, "../../testdata/eval", 12, 1, false)
	require.Equal(t, 0, code, errw.String())
	assert.Contains(t, out.String(), "fixture records")
	assert.Contains(t, out.String(), "look-alikes kept")
	assert.True(t, strings.Contains(out.String(), "call/de") && strings.Contains(out.String(), "email/en"))
}
