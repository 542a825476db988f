package main

import (
	"bytes"
	"encoding/json"
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
	code := run(&out, &errw, config{fixtures: "../../testdata/eval", forms: "../../testdata/forms", synthetic: 12, seed: 1})
	require.Equal(t, 0, code, errw.String())
	assert.Contains(t, out.String(), "fixture records")
	assert.Contains(t, out.String(), "look-alikes kept")
	assert.True(t, strings.Contains(out.String(), "call/de") && strings.Contains(out.String(), "email/en"))
}

func TestScoreSeesThroughEncodingsPerForm(t *testing.T) {
	raw := "From: =?utf-8?q?Sabine_M=C3=BCller?= <sabine.mueller@gmx.de>\r\nSubject: x\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"Tel. 089 4521 =\r\n7736, Rechnung 2026-003981\r\n"
	record := func(raw string) []byte {
		b, err := json.Marshal(map[string]string{"id": "m1", "channel": "email", "language": "de", "raw": raw})
		require.NoError(t, err)
		return b
	}
	c := evalCase{source: "email_raw/de.jsonl:1", form: "email_raw", record: record(raw),
		pii: []synth.Value{{Type: "PHONE", Text: "089 4521 7736"}, {Type: "PERSON", Text: "Sabine Müller"},
			{Type: "EMAIL", Text: "sabine.mueller@gmx.de"}},
		keep: []string{"2026-003981"}}

	s := newScore()
	// The output still holds the phone number, split by a soft line break, and the encoded name.
	out := strings.Replace(raw, "<sabine.mueller@gmx.de>", "<x@invalid>", 1)
	misses := s.add(c, record(out))
	assert.Zero(t, s.broken, "every label is found in the decoded input")
	assert.Equal(t, tally{labelled: 1, readable: 1}, *s.byForm["email_raw"].types["PHONE"], "a QP-encoded value is readable")
	assert.Equal(t, tally{labelled: 1, readable: 1}, *s.byForm["email_raw/de"].types["PERSON"], "an encoded word is readable")
	assert.Equal(t, tally{labelled: 1}, *s.byForm["email_raw"].types["EMAIL"])
	assert.Equal(t, keepTally{total: 1, kept: 1}, s.byForm["email_raw"].keep)
	assert.Len(t, misses, 2)
	assert.Equal(t, 1, s.bySource["forms"].records)

	html := newScore()
	hc := evalCase{source: "email_html/de.jsonl:1", form: "email_html",
		record: []byte(`{"id":"h1","channel":"email","language":"de","body_html":"<p>Herr <b>Laurits</b> Andresen, laurits.andre<wbr>sen&#64;gmail.com</p>"}`),
		pii:    []synth.Value{{Type: "PERSON", Text: "Laurits Andresen"}, {Type: "EMAIL", Text: "laurits.andresen@gmail.com"}}}
	html.add(hc, []byte(`{"id":"h1","channel":"email","language":"de","body_html":"<p>Herr <b>&lt;PERSON:k:A&gt;</b> Andresen, laurits.andre<wbr>sen&#64;gmail.com</p>"}`))
	assert.Zero(t, html.broken)
	assert.Equal(t, tally{labelled: 1, partial: 1}, *html.byForm["email_html"].types["PERSON"], "the surname is left")
	assert.Equal(t, tally{labelled: 1, readable: 1}, *html.byForm["email_html"].types["EMAIL"], "the email reads whole across <wbr>")

	var buf bytes.Buffer
	s.print(&buf)
	report := buf.String()
	assert.Contains(t, report, "per form (testdata/forms)")
	assert.Contains(t, report, "email_raw/de")
	assert.Contains(t, report, "all forms")
	assert.NotContains(t, report, "4521", "the report holds counts, not values")
}

func TestLoadFormsChecksTheFolder(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "spelled"), 0o755))
	line := `{"form":"spelled","record":{"id":"a","channel":"call","language":"de","segments":[]},"pii":[{"type":"EMAIL","text":"a punkt b at c punkt de","written":"a.b@c.de"}],"keep":[]}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "spelled", "de.jsonl"), []byte(line+"\n"), 0o600))
	cases, err := loadForms(dir)
	require.NoError(t, err)
	require.Len(t, cases, 1)
	assert.Equal(t, "spelled/de.jsonl:1", cases[0].source)
	assert.Equal(t, "spelled", cases[0].form)
	assert.Equal(t, []string{"a.b@c.de"}, cases[0].written)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "spelled", "de.jsonl"), []byte(strings.Replace(line, `"form":"spelled"`, `"form":"email_raw"`, 1)+"\n"), 0o600))
	_, err = loadForms(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spelled/de.jsonl:1")
	assert.NotContains(t, err.Error(), "punkt")

	_, err = loadForms(t.TempDir())
	assert.Error(t, err)
}

func TestRunReportsTheBlindSetApartAndNeverFailsOnIt(t *testing.T) {
	tests := map[string]struct {
		blind     string
		wantBlind bool
	}{
		"blind set":         {blind: "../../testdata/eval/blind/entities", wantBlind: true},
		"missing blind dir": {blind: t.TempDir(), wantBlind: false},
		"no blind set":      {blind: "", wantBlind: false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var out, errw bytes.Buffer
			code := run(&out, &errw, config{fixtures: "../../testdata/eval", blind: tc.blind, synthetic: 0, seed: 1})
			if code != 0 {
				t.Fatalf("exit %d, stderr %s", code, errw.String())
			}
			got := out.String()
			if strings.Contains(got, "==== blind set:") != tc.wantBlind {
				t.Fatalf("blind heading present = %v, want %v", !tc.wantBlind, tc.wantBlind)
			}
			if tc.wantBlind && !strings.Contains(got, "PERSON_UNLISTED") {
				t.Fatal("no PERSON_UNLISTED row in the blind report")
			}
			if !tc.wantBlind && strings.Contains(got, "PERSON_UNLISTED") {
				t.Fatal("PERSON_UNLISTED counted without the blind set")
			}
			if before, _, ok := strings.Cut(got, "==== blind set:"); ok && strings.Contains(before, "blind ") {
				t.Fatal("blind records counted in the tuned report")
			}
		})
	}
}
