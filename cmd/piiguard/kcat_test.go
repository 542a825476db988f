package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildBinary builds piiguard once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "piiguard")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// needKcat returns kcat's path; CI installs it (.ci/run), elsewhere the test is skipped without it.
func needKcat(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("kcat")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("kcat is not installed; .ci/run installs it")
		}
		t.Skip("kcat not installed (apt-get install -y kcat)")
	}
	return p
}

var addrRE = regexp.MustCompile(`Kafka protocol on (\S+),`)

// startBroker runs `piiguard broker` on a free port and returns its address.
func startBroker(t *testing.T, ctx context.Context, bin string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, "broker", "--addr", "127.0.0.1:0", "--partitions", "3")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if m := addrRE.FindStringSubmatch(sc.Text()); m != nil {
			go func() {
				for sc.Scan() {
				}
			}()
			return m[1]
		}
	}
	t.Fatal("broker printed no address")
	return ""
}

// consume reads n records from topic with kcat, printing key and value per line.
func consume(t *testing.T, ctx context.Context, kcat, addr, topic string, n int) []string {
	t.Helper()
	var lines []string
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := exec.CommandContext(ctx, kcat, "-C", "-b", addr, "-t", topic, "-o", "beginning", "-e", "-q",
			"-f", "%k\t%s\n", "-X", "isolation.level=read_committed").Output()
		lines = nil
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) >= n {
			return lines
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("read %d of %d records from %s", len(lines), n, topic)
	return nil
}

// TestKcatInterop: kcat (librdkafka) produces raw records to `piiguard broker`, `piiguard run` processes them,
// and kcat reads the redacted, compliance and dead-letter records back.
func TestKcatInterop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs processes")
	}
	kcat := needKcat(t)
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	addr := startBroker(t, ctx, bin)

	run := exec.CommandContext(ctx, bin, "run", "--brokers", addr, "--ephemeral-key", "--log-level", "warn")
	var runErr bytes.Buffer
	run.Stderr = &runErr
	require.NoError(t, run.Start())
	t.Cleanup(func() { _ = run.Process.Kill(); _ = run.Wait() })

	var in strings.Builder
	const n = 20
	for i := range n {
		fmt.Fprintf(&in, `k%d|{"id":"r%d","channel":"chat","language":"en","messages":[{"from":"customer","at":"2026-11-22T10:00:00Z","text":"please stop sending me offers, my email is jane.doe%d@example.com"}]}`+"\n", i, i, i)
	}
	in.WriteString(`bad|{"id":"broken` + "\n")
	prod := exec.CommandContext(ctx, kcat, "-P", "-b", addr, "-t", "interactions.raw", "-K", "|")
	prod.Stdin = strings.NewReader(in.String())
	out, err := prod.CombinedOutput()
	require.NoError(t, err, "%s", out)

	redacted := consume(t, ctx, kcat, addr, "interactions.redacted", n)
	ids := map[string]bool{}
	for _, l := range redacted {
		key, val, ok := strings.Cut(l, "\t")
		require.True(t, ok)
		assert.Regexp(t, `^k\d+$`, key, "a key that is not personal is kept")
		assert.NotContains(t, val, "jane.doe")
		assert.Contains(t, val, "<EMAIL:ephemeral:")
		var rec struct{ ID string }
		require.NoError(t, json.Unmarshal([]byte(val), &rec))
		ids[rec.ID] = true
	}
	assert.Len(t, ids, n, "every record arrives")

	dlq := consume(t, ctx, kcat, addr, "interactions.dlq", 1)
	assert.True(t, strings.HasPrefix(dlq[0], "bad\t"), "the broken record is dead-lettered with its key")

	if os.Getenv("PIIGUARD_EXPECT_STATEMENTS") != "" || statementsAvailable() {
		events := consume(t, ctx, kcat, addr, "interactions.compliance", n)
		for _, l := range events {
			_, val, _ := strings.Cut(l, "\t")
			assert.NotContains(t, val, "jane.doe", "compliance events never carry a personal value")
			assert.Contains(t, val, `"kind":"objection"`)
		}
	}
	assert.NotContains(t, runErr.String(), "jane.doe", "logs never carry a personal value")
}
