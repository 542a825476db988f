package engine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenSamples returns the first record of each channel in each language of the hand-written eval set, and the
// first record of each channel form (raw email, HTML, quoted reply, spelled, split) in each language.
func goldenSamples(t *testing.T) [][]byte {
	t.Helper()
	out := evalSamples(t)
	forms, err := filepath.Glob(filepath.Join("..", "testdata", "forms", "*", "*.jsonl"))
	require.NoError(t, err)
	for _, f := range forms {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		first, _, _ := bytes.Cut(data, []byte("\n"))
		var l struct {
			Record json.RawMessage `json:"record"`
		}
		require.NoError(t, json.Unmarshal(first, &l))
		out = append(out, l.Record)
	}
	return out
}

// evalSamples returns the first record of each channel in each language of testdata/eval.
func evalSamples(t *testing.T) [][]byte {
	t.Helper()
	var out [][]byte
	for _, lang := range []string{"de", "da", "it", "en"} {
		f, err := os.Open(filepath.Join("..", "testdata", "eval", lang+".jsonl"))
		require.NoError(t, err)
		seen := map[string]bool{}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var l struct {
				Record json.RawMessage `json:"record"`
			}
			require.NoError(t, json.Unmarshal(sc.Bytes(), &l))
			var head struct{ Channel string }
			require.NoError(t, json.Unmarshal(l.Record, &head))
			if !seen[head.Channel] {
				seen[head.Channel] = true
				out = append(out, l.Record)
			}
		}
		f.Close()
	}
	return out
}

// TestGoldenSamples runs one record per channel and language through the default policy with the public test key
// and compares output, findings and compliance events with testdata/golden/samples.jsonl. The golden file was
// reviewed by hand; after an intended change, rerun with -update and review the diff.
func TestGoldenSamples(t *testing.T) {
	fixed := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	p := testPipeline(t, WithClock(func() time.Time { return fixed }))
	var got bytes.Buffer
	for _, rec := range goldenSamples(t) {
		res, err := p.ProcessRecord(rec)
		require.NoError(t, err)
		line, err := json.Marshal(struct {
			Output   json.RawMessage `json:"output"`
			Findings []FieldFinding  `json:"findings"`
			Events   []Event         `json:"events"`
		}{res.Output, res.Findings, res.Events})
		require.NoError(t, err)
		got.Write(line)
		got.WriteByte('\n')
	}
	path := filepath.Join("testdata", "golden", "samples.jsonl")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./engine -run TestGoldenSamples -update once, and review the file")
	require.Equal(t, string(want), got.String())
}
