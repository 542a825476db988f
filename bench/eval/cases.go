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
	// source says where the case comes from: "file.jsonl:line" or "synthetic".
	source string
	record []byte
	pii    []synth.Value
	keep   []string
}

// fixtureLine is one line of a testdata/eval/*.jsonl file.
type fixtureLine struct {
	Record json.RawMessage `json:"record"`
	PII    []struct {
		Type string `json:"type"`
		Text string `json:"text"`
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
	sort.Strings(files)
	var cases []evalCase
	for _, f := range files {
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
				return nil, fmt.Errorf("%s:%d: not a labelled record", filepath.Base(f), n)
			}
			c := evalCase{source: fmt.Sprintf("%s:%d", filepath.Base(f), n), record: fl.Record, keep: fl.Keep}
			for _, v := range fl.PII {
				c.pii = append(c.pii, synth.Value{Type: v.Type, Text: v.Text})
			}
			cases = append(cases, c)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(f), err)
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
