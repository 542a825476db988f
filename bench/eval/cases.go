package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/piiguard/piiguard/engine/synth"
)

// evalCase is one labelled record.
type evalCase struct {
	// source says where the case comes from: "file.jsonl:line", "form/file.jsonl:line" or "synthetic".
	source string
	// form is the form of a testdata/forms record ("email_raw", "spelled"…), "" for any other.
	form   string
	record []byte
	pii    []synth.Value
	// written holds, for each pii value, its "written" form from the fixture ("" when there is none).
	written []string
	// unlisted marks, for each pii value, a person name its writer took from no name list (blind set only).
	unlisted []bool
	keep     []string
	// blind says the case is from the blind set, scored apart from the tuned sets.
	blind bool
}

// fixtureLine is one line of a testdata/eval/*.jsonl or testdata/forms/<form>/*.jsonl file.
type fixtureLine struct {
	// Form names the form of a testdata/forms record; it matches the folder.
	Form   string          `json:"form,omitempty"`
	Record json.RawMessage `json:"record"`
	PII    []struct {
		Type string `json:"type"`
		Text string `json:"text"`
		// Written is the value in writing where the text is not: a spelled-out value, or the whole value one
		// part of which the text is. The fixture tests validate it.
		Written string `json:"written,omitempty"`
		// Unlisted marks a person name that is in no name list its writer knew of (a name from an immigrant
		// community, a rare surname); such names are also counted as PERSON_UNLISTED.
		Unlisted bool `json:"unlisted,omitempty"`
	} `json:"pii"`
	Keep []string `json:"keep"`
}

// loadFixtures reads every *.jsonl file of dir, one labelled record a line (empty lines are
// skipped), in file name order.
func loadFixtures(dir string) ([]evalCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.jsonl files in %s", dir)
	}
	return loadFiles(dir, files, false)
}

// loadForms reads the labelled records of every form folder of dir (testdata/forms/<form>/<lang>.jsonl), in
// path order. Every record names its form, and the form is its folder's name.
func loadForms(dir string) ([]evalCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no <form>/*.jsonl files in %s", dir)
	}
	return loadFiles(dir, files, true)
}

// loadFiles reads files, which lie in dir and are named in a case's source by their path from dir; forms
// requires every record's form to be its folder's name.
func loadFiles(dir string, files []string, forms bool) ([]evalCase, error) {
	sort.Strings(files)
	var cases []evalCase
	for _, f := range files {
		name, err := filepath.Rel(dir, f)
		if err != nil {
			return nil, err
		}
		name = filepath.ToSlash(name)
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
		for n := 1; sc.Scan(); n++ {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			var fl fixtureLine
			dec := json.NewDecoder(bytes.NewReader(line))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&fl); err != nil {
				// The position only: the line is labelled data and stays out of messages.
				return nil, fmt.Errorf("%s:%d: not a labelled record", name, n)
			}
			if forms && fl.Form != filepath.Base(filepath.Dir(f)) {
				return nil, fmt.Errorf("%s:%d: the form is not the folder's", name, n)
			}
			c := evalCase{source: fmt.Sprintf("%s:%d", name, n), form: fl.Form, record: fl.Record, keep: fl.Keep}
			for _, v := range fl.PII {
				c.pii = append(c.pii, synth.Value{Type: v.Type, Text: v.Text})
				c.written = append(c.written, v.Written)
				c.unlisted = append(c.unlisted, v.Unlisted)
			}
			cases = append(cases, c)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return cases, nil
}

// syntheticCases returns n generated records of seed.
func syntheticCases(n int, seed uint64) []evalCase {
	g := synth.New(seed)
	cases := make([]evalCase, n)
	for i := range cases {
		l := g.Next()
		cases[i] = evalCase{source: "synthetic", record: l.Record, pii: l.PII, keep: l.Keep}
	}
	return cases
}
