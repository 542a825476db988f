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

// helperEOSEnv, when set, makes the helper engine exactly-once.
const helperEOSEnv = "PIIGUARD_STREAM_HELPER_EOS"

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
	opts := testOpts(addr, MaxInFlight(20))
	if os.Getenv(helperEOSEnv) != "" {
		// A stable id: the restarted engine fences the killed one and
		// aborts its open transaction at once.
		opts = append(opts, ExactlyOnce(true), TransactionalID("piiguard-crash-test"))
	}
	e, err := New(upper{delay: 3 * time.Millisecond}, opts...)
	require.NoError(t, err)
	require.NoError(t, e.Run(ctx))
}

func startHelper(t *testing.T, addr string, eos bool) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperBrokerEnv+"="+addr)
	if eos {
		cmd.Env = append(cmd.Env, helperEOSEnv+"=1")
	}
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

// TestCrashRecovery kills an engine process (SIGKILL: no drain, no commit,
// no leave) mid-stream and starts another: every record reaches the
// redacted topic, exactly once in exactly-once mode.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	modes := map[string]bool{"at-least-once": false, "exactly-once": true}
	for name, eos := range modes {
		t.Run(name, func(t *testing.T) {
			addr := startBroker(t) // the broker lives in this process and survives the crash
			msgs := inputs(400, 12)
			produce(t, addr, DefaultInTopic, msgs)

			first := startHelper(t, addr, eos)
			waitCount(t, addr, DefaultOutTopic, 60)
			require.NoError(t, first.Process.Kill())
			_ = first.Wait()
			require.Less(t, total(endOffsets(t, addr, DefaultOutTopic)), int64(len(msgs)), "killed mid-stream")

			second := startHelper(t, addr, eos)
			waitAllCommitted(t, addr, int64(len(msgs)))
			require.NoError(t, second.Process.Signal(syscall.SIGTERM))
			require.NoError(t, second.Wait(), "graceful exit on SIGTERM")
			assertDelivered(t, addr, msgs, eos)
		})
	}
}
