package engine

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/piiguard/piiguard/engine/broker"
	"github.com/piiguard/piiguard/engine/stream"
	"github.com/piiguard/piiguard/engine/subjects"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// TestSubjectStateEndToEndExactlyOnce is TestSubjectStateEndToEnd with ExactlyOnce on: the first transaction,
// which carries X's objection, is aborted (its offset commit fails) and processed again, and every output is
// read with read_committed isolation.
func TestSubjectStateEndToEndExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an exactly-once engine on the embedded broker")
	}
	b, err := broker.Start(t.Context(), broker.Addr("127.0.0.1:0"), broker.Partitions(3),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500*time.Millisecond)))
	require.NoError(t, err)
	t.Cleanup(b.Close)
	addr := b.Addrs()[0]
	fault := b.Cluster().Fault(kfake.Fault{
		Keys: []kmsg.Key{kmsg.TxnOffsetCommit}, Err: kerr.IllegalGeneration, Count: 1,
	})
	p := testPipeline(t)
	tokX := p.tokens.Token("EMAIL", emailX)

	send(t, addr, 0, chatRecord("x-chat-1", emailX, "I object to my data being used for profiling."),
		emailRecord("y-mail-1", emailY, "Where is my parcel? Order 4711."))
	e, err := stream.New(NewStreamProcessor(p), append(subjectOpts(addr), stream.ExactlyOnce(true))...)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})

	waitFor(t, addr, stream.DefaultRestrictedTopic, "x-chat-1")
	waitFor(t, addr, stream.DefaultOutTopic, "y-mail-1")
	send(t, addr, 1, emailRecord("x-mail-2", emailX, "Any news about my parcel?"))
	later := waitFor(t, addr, stream.DefaultRestrictedTopic, "x-mail-2")
	require.Equal(t, 1, fault.Hits(), "the fault fired")
	assert.GreaterOrEqual(t, e.Stats().AbortedTransactions, uint64(1), "the objection's first transaction aborted")

	t.Run("X's later record is withheld and Y flows", func(t *testing.T) {
		assert.Equal(t, subjects.Objected, recHeader(later, subjects.HeaderState))
		assert.Equal(t, subjects.PurposeAll, recHeader(later, subjects.HeaderObjection))
		assert.NotEmpty(t, recHeader(later, subjects.HeaderEvents))
		assert.NotContains(t, string(later.Value), emailX)
		red := byID(t, topicRecords(t, addr, stream.DefaultOutTopic))
		assert.NotContains(t, red, "x-chat-1")
		assert.NotContains(t, red, "x-mail-2")
		assert.Contains(t, red, "y-mail-1", "Y's records flow")
	})
	t.Run("the state record is committed once, with tokens only", func(t *testing.T) {
		s := onlyState(t, addr, tokX) // the state survives the aborted transaction
		assert.Equal(t, subjects.Objected, s.State)
		assert.Equal(t, subjects.PurposeAll, s.Purpose)
	})
	t.Run("nothing is duplicated in the committed output", func(t *testing.T) {
		seen := map[string]int{}
		for _, topic := range []string{stream.DefaultOutTopic, stream.DefaultRestrictedTopic} {
			for _, r := range topicRecords(t, addr, topic) {
				var v struct {
					ID string `json:"id"`
				}
				require.NoError(t, json.Unmarshal(r.Value, &v))
				seen[v.ID]++
			}
		}
		assert.Equal(t, map[string]int{"x-chat-1": 1, "y-mail-1": 1, "x-mail-2": 1}, seen)
		objections := 0
		for _, r := range topicRecords(t, addr, stream.DefaultComplianceTopic) {
			var ev Event
			require.NoError(t, json.Unmarshal(r.Value, &ev))
			if ev.Kind == subjects.KindObjection {
				objections++
			}
		}
		assert.Equal(t, 1, objections, "one objection event committed")
	})
}
