package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestBlindSetLabels checks that every label of the blind set names a known kind and a turn of its record
// spoken by the labelled speaker, that names are unique, and that near-misses expect nothing.
func TestBlindSetLabels(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "eval", "blind", "statements", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no blind set files: %v", err)
	}
	names := map[string]bool{}
	perKind := map[string]int{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var c labelled
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
			if c.Name == "" || names[c.Name] {
				t.Errorf("%s:%d: name %q empty or repeated", file, i+1, c.Name)
			}
			names[c.Name] = true
			if c.NearMiss && len(c.Expect) > 0 {
				t.Errorf("%s: near-miss with expected events", c.Name)
			}
			var rec map[string]any
			if err := json.Unmarshal(c.Record, &rec); err != nil {
				t.Fatalf("%s: record: %v", c.Name, err)
			}
			for _, e := range c.Expect {
				if !slices.Contains(kinds, e.Kind) {
					t.Errorf("%s: unknown kind %q", c.Name, e.Kind)
				}
				perKind[e.Kind]++
				if got := speakerAt(rec, e.Path); got != e.Speaker {
					t.Errorf("%s: %s at %s is spoken by %q, label says %q", c.Name, e.Kind, e.Path, got, e.Speaker)
				}
			}
		}
	}
	for _, k := range kinds {
		if perKind[k] < 48 {
			t.Errorf("kind %s has %d statements, want at least 12 per language", k, perKind[k])
		}
	}
}

// speakerAt returns who wrote the text at path of rec ("customer" for an e-mail body), or "" when path names
// no text.
func speakerAt(rec map[string]any, path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(parts) == 1 && parts[0] == "body" {
		return "customer"
	}
	if len(parts) != 3 || parts[2] != "text" {
		return ""
	}
	turns, _ := rec[parts[0]].([]any)
	i, err := strconv.Atoi(parts[1])
	if err != nil || i < 0 || i >= len(turns) {
		return ""
	}
	turn, _ := turns[i].(map[string]any)
	if from, ok := turn["from"].(string); ok {
		return from
	}
	who, _ := turn["speaker"].(string)
	return who
}

// TestSideBySide checks the comparison table: one row per kind and a micro row with both sets' figures, and
// each set's near-miss events.
func TestSideBySide(t *testing.T) {
	mk := func(name string, tp, fp, fn, near, reported int) *report {
		r := &report{name: name, byKind: map[string]*score{}, nearMiss: near, nearMissReported: reported}
		for _, k := range kinds {
			r.byKind[k] = &score{}
		}
		r.byKind["objection"] = &score{tp: tp, fp: fp, fn: fn}
		return r
	}
	var out bytes.Buffer
	sideBySide(&out, mk("development set", 9, 0, 1, 10, 0), mk("blind set", 3, 1, 1, 20, 2))
	lines := strings.Split(out.String(), "\n")
	tests := map[string]string{
		"objection":        "objection              |    10  1.000  0.900  0.947 |     4  0.750  0.750  0.750",
		"micro":            "micro                  |    10  1.000  0.900  0.947 |     4  0.750  0.750  0.750",
		"consent_given":    "consent_given          |     0  1.000  1.000  1.000 |     0  1.000  1.000  1.000",
		"near-miss events": "near-miss events       |             0 of 10 |             2 of 20",
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			if !slices.Contains(lines, want) {
				t.Errorf("no line %q in\n%s", want, out.String())
			}
		})
	}
}
