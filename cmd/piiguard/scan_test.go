package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCLI runs the CLI in-process with stdin and returns exit code, stdout and stderr.
func runCLI(t *testing.T, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &environ{stdin: stdin, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := dispatch(env, args)
	return code, out.String(), errb.String()
}

func TestScanBadInputKeepsGoing(t *testing.T) {
	big := strings.Repeat("x", 3<<20) // over the 1 MiB limit set below
	deep := strings.Repeat(`{"a":`, 200) + `"b"` + strings.Repeat("}", 200)
	lines := []string{
		`{"id":"1","text":"mail laurits.andresen@gmail.com"}`,
		"invalid \xff utf-8 laurits.andresen@gmail.com",
		`{"id":"3","text":"broken`,
		"",
		big,
		deep,
		`plain text +45 20 12 34 56`,
	}
	code, out, errs := runCLI(t, strings.NewReader(strings.Join(lines, "\n")+"\n"),
		"scan", "--ephemeral-key", "--max-record-bytes", fmt.Sprint(1<<20))
	assert.Equal(t, exitFailed, code)
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, got, len(lines), "one output line per input line")
	assert.Contains(t, got[0], "<EMAIL:ephemeral:")
	assert.Equal(t, "", got[1])
	assert.Equal(t, "", got[2])
	assert.Equal(t, "", got[3])
	assert.Equal(t, "", got[4])
	assert.Equal(t, "", got[5])
	assert.Contains(t, got[6], "<PHONE:ephemeral:")
	for _, want := range []string{"line 2: invalid_utf8", "line 3: invalid_json", "line 5: too_large", "line 6: too_deep"} {
		assert.Contains(t, errs, want)
	}
	assert.NotContains(t, errs, "laurits", "errors never quote a record")
	assert.NotContains(t, errs, "line 4", "an empty line is not an error")
}

func TestScanKeepsOrderWithManyWorkers(t *testing.T) {
	var in strings.Builder
	for i := range 300 {
		fmt.Fprintf(&in, `{"id":"r%d","text":"call me on +45 20 12 34 %02d"}`+"\n", i, i%100)
	}
	code, out, _ := runCLI(t, strings.NewReader(in.String()), "scan", "--ephemeral-key", "--workers", "8")
	require.Equal(t, exitOK, code)
	sc := bufio.NewScanner(strings.NewReader(out))
	n := 0
	for sc.Scan() {
		var rec struct{ ID, Text string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		assert.Equal(t, fmt.Sprintf("r%d", n), rec.ID)
		assert.NotContains(t, rec.Text, "+45")
		n++
	}
	assert.Equal(t, 300, n)
}

func TestScanWritesFindingsWithoutValues(t *testing.T) {
	dir := t.TempDir()
	fpath := filepath.Join(dir, "findings.jsonl")
	code, _, _ := runCLI(t, strings.NewReader(`{"id":"a","text":"iban DE89 3704 0044 0532 0130 00"}`+"\n"),
		"scan", "--ephemeral-key", "--findings-out", fpath)
	require.Equal(t, exitOK, code)
	data, err := os.ReadFile(fpath)
	require.NoError(t, err)
	var f map[string]any
	require.NoError(t, json.Unmarshal(bytes.TrimSpace(data), &f))
	assert.Equal(t, "IBAN", f["type"])
	assert.Equal(t, "/text", f["path"])
	assert.Equal(t, "a", f["record_id"])
	assert.EqualValues(t, 5, f["start"])
	assert.NotContains(t, string(data), "3704")
}

func TestScanNeedsAKey(t *testing.T) {
	code, _, errs := runCLI(t, strings.NewReader("x\n"), "scan")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--key-file")
}

func TestKeygenPseudonymRoundTrip(t *testing.T) {
	code, key, _ := runCLI(t, nil, "keygen", "--id", "k7")
	require.Equal(t, exitOK, code)
	kf := filepath.Join(t.TempDir(), "k.key")
	require.NoError(t, os.WriteFile(kf, []byte(key), 0o600))

	code, out, _ := runCLI(t, strings.NewReader(`{"text":"mail Laurits.Andresen@Gmail.com"}`+"\n"), "scan", "--key-file", kf)
	require.Equal(t, exitOK, code)
	code, tok, _ := runCLI(t, nil, "pseudonym", "--key-file", kf, "--type", "EMAIL", "laurits.andresen@gmail.com")
	require.Equal(t, exitOK, code)
	tok = strings.TrimSpace(tok)
	assert.Regexp(t, `^<EMAIL:k7:[0-9A-Z]{16}>$`, tok)
	assert.Contains(t, out, tok, "pseudonym prints the token scan writes")
}

func TestRulesTestCommand(t *testing.T) {
	code, out, errs := runCLI(t, nil, "rules", "test")
	assert.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "0 failed")

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("name: bad\nversion: \"1\"\nrules:\n  - id: bad.x\n    type: X\n    category: personal\n    pattern: '(a+'\n    examples: {match: [a]}\n"), 0o600))
	code, _, errs = runCLI(t, nil, "rules", "test", bad)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errs, "bad.yaml:4: rule bad.x: pattern")
}

func TestScanComplianceEventsCarryProof(t *testing.T) {
	code, key, _ := runCLI(t, nil, "keygen", "--id", "k9")
	require.Equal(t, exitOK, code)
	dir := t.TempDir()
	kf, cpath := filepath.Join(dir, "k.key"), filepath.Join(dir, "events.jsonl")
	require.NoError(t, os.WriteFile(kf, []byte(key), 0o600))
	rec := `{"id":"c1","channel":"call","language":"en","segments":[` +
		`{"speaker":"agent","start_ms":0,"text":"may i record this call"},` +
		`{"speaker":"customer","start_ms":900,"text":"yes sure"},` +
		`{"speaker":"customer","start_ms":3000,"text":"my email is Laurits.Andresen@gmail.com, please delete my data"}]}`
	code, out, errs := runCLI(t, strings.NewReader(rec+"\n"), "scan", "--key-file", kf, "--compliance-out", cpath)
	require.Equal(t, exitOK, code, errs)
	code, tok, _ := runCLI(t, nil, "pseudonym", "--key-file", kf, "--type", "EMAIL", "laurits.andresen@gmail.com")
	require.Equal(t, exitOK, code)
	tok = strings.TrimSpace(tok)
	assert.Contains(t, out, tok, "the redacted record carries the token")

	data, err := os.ReadFile(cpath)
	require.NoError(t, err)
	assert.NotContains(t, strings.ToLower(string(data)), "laurits", "no raw identifier in an event")
	kinds := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var ev struct {
			Kind            string              `json:"kind"`
			Question        string              `json:"question"`
			QuestionPath    string              `json:"question_path"`
			QuestionStartMS *int64              `json:"question_start_ms"`
			Subject         map[string][]string `json:"subject"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &ev))
		kinds[ev.Kind] = true
		assert.Equal(t, map[string][]string{"EMAIL": {tok}}, ev.Subject, ev.Kind)
		if ev.Kind == "consent_given" {
			assert.Equal(t, "may i record this call", ev.Question)
			assert.Equal(t, "/segments/0/text", ev.QuestionPath)
			require.NotNil(t, ev.QuestionStartMS)
			assert.EqualValues(t, 0, *ev.QuestionStartMS)
		}
	}
	assert.Equal(t, map[string]bool{"consent_given": true, "erasure_request": true, "recording_consent": true}, kinds)
}

// TestScanTimeoutBoundsARecord: a record that takes longer than --timeout fails as scan_timeout (its scan stops)
// and the lines after it are processed as usual.
func TestScanTimeoutBoundsARecord(t *testing.T) {
	slow := `{"id":"2","text":"` + strings.Repeat("I am Laurits Andresen, IBAN DE89 3704 0044 0532 0130 00. ", 8000) + `"}`
	lines := []string{`{"id":"1","text":"mail jane.doe@example.com"}`, slow, `{"id":"3","text":"mail jane.doe@example.com"}`}
	code, out, errs := runCLI(t, strings.NewReader(strings.Join(lines, "\n")+"\n"),
		"scan", "--ephemeral-key", "--timeout", "150ms", "--workers", "1")
	assert.Equal(t, exitFailed, code)
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, got, 3)
	assert.Contains(t, got[0], "<EMAIL:ephemeral:")
	assert.Equal(t, "", got[1], "the slow record (456 KB of values, seconds to scan) is written as an empty line")
	assert.Contains(t, got[2], "<EMAIL:ephemeral:", "the next line goes on")
	assert.Contains(t, errs, "line 2: scan_timeout")
	assert.NotContains(t, errs, "Laurits")

	code, _, errs = runCLI(t, strings.NewReader(lines[0]+"\n"), "scan", "--ephemeral-key", "--timeout", "0s")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--timeout must be positive")
}
