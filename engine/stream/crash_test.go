package stream

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// helperBrokerEnv names the broker a re-executed test binary runs an
// engine against (see TestCrashHelper).
const helperBrokerEnv = "PIIGUARD_STREAM_HELPER_BROKER"

// TestCrashHelper is not a test: TestCrashRecovery runs the test binary
// with only this test and helperBrokerEnv set, and it then runs an engine
// until SIGTERM (or SIGKILL).
func TestCrashHelper(t *testing.T) {
	addr := os.Getenv(helperBrokerEnv)
	if addr == "" {
		t.Skip("helper process for TestCrashRecovery")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	e, err := New(upper{delay: 3 * time.Millisecond}, testOpts(addr, MaxInFlight(20))...)
	require.NoError(t, err)
	require.NoError(t, e.Run(ctx))
}

func startHelper(t *testing.T, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperBrokerEnv+"="+addr)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd
}

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	addr := startBroker(t) // the broker lives in this process and survives the crash
	msgs := inputs(400, 12)
	produce(t, addr, DefaultInTopic, msgs)

	first := startHelper(t, addr)
	waitCount(t, addr, DefaultOutTopic, 60)
	require.NoError(t, first.Process.Kill()) // SIGKILL: no drain, no commit, no leave
	_ = first.Wait()
	require.Less(t, total(endOffsets(t, addr, DefaultOutTopic)), int64(len(msgs)), "killed mid-stream")

	second := startHelper(t, addr)
	waitCount(t, addr, DefaultOutTopic, int64(len(msgs)))
	require.Eventually(t, func() bool {
		got := countIDs(flat(readAll(t, addr, DefaultOutTopic)))
		for _, id := range ids(msgs) {
			if got[id] == 0 {
				return false
			}
		}
		return true
	}, 30*time.Second, 100*time.Millisecond, "every id reaches the redacted topic")
	require.NoError(t, second.Process.Signal(syscall.SIGTERM))
	require.NoError(t, second.Wait(), "graceful exit on SIGTERM")
}
