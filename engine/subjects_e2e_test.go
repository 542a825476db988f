package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/piiguard/piiguard/engine/broker"
	"github.com/piiguard/piiguard/engine/stream"
	"github.com/piiguard/piiguard/engine/subjects"
	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Customers of the subject tests: X objects to all processing, Y says nothing, Z objects to marketing only.
const (
	emailX = "xavier.quint@example.org"
	emailY = "yara.olsen@example.net"
	emailZ = "zoe.marsh@example.com"
)

func chatRecord(id, email, text string) []byte {
	return fmt.Appendf(nil, `{"id":%q,"channel":"chat","language":"en","messages":[`+
		`{"from":"agent","at":"2025-03-01T10:00:00Z","text":"Hello, how can I help?"},`+
		`{"from":"customer","at":"2025-03-01T10:00:30Z","text":"Hi, my e-mail address is %s. %s"}]}`, id, email, text)
}

func emailRecord(id, from, body string) []byte {
	return fmt.Appendf(nil, `{"id":%q,"channel":"email","language":"en","subject":"My order","from":%q,`+
		`"to":"support@shop.example","body":%q}`, id, from, body)
}

func TestStreamProcessorSubject(t *testing.T) {
	p := testPipeline(t)
	out, err := NewStreamProcessor(p).Process(t.Context(), stream.Input{
		Value: chatRecord("x-1", emailX, "I object to my data being used for profiling.")})
	require.NoError(t, err)
	tok := p.tokens.Token("EMAIL", emailX)
	assert.Equal(t, []string{tok}, out.Subject)
	require.Len(t, out.StateChanges, 1)
	assert.Equal(t, subjects.Objected, out.StateChanges[0].State)
	assert.Equal(t, subjects.PurposeAll, out.StateChanges[0].Purpose)

	out, err = NewStreamProcessor(p).Process(t.Context(), stream.Input{
		Value: emailRecord("x-2", emailX, "Where is my parcel?")})
	require.NoError(t, err)
	assert.Equal(t, []string{tok}, out.Subject, "a record without statements has its subject too; the company mailbox is not in it")
	assert.Empty(t, out.StateChanges)
}

// subjectsHelperEnv names the broker a re-executed test binary runs an engine against (see TestSubjectsHelper).
const subjectsHelperEnv = "PIIGUARD_SUBJECTS_HELPER_BROKER"

// TestSubjectsHelper is not a test: TestSubjectStateEndToEnd runs the test binary with only this test and
// subjectsHelperEnv set, and it then runs an engine until it is killed.
func TestSubjectsHelper(t *testing.T) {
	addr := os.Getenv(subjectsHelperEnv)
	if addr == "" {
		t.Skip("helper process for TestSubjectStateEndToEnd")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	e, err := stream.New(NewStreamProcessor(testPipeline(t)), subjectOpts(addr)...)
	require.NoError(t, err)
	require.NoError(t, e.Run(ctx))
}

func subjectOpts(addr string) []stream.Opt {
	return []stream.Opt{
		stream.Brokers(addr),
		stream.Logger(nil),
		stream.SessionTimeout(time.Second),
		stream.CommitInterval(100 * time.Millisecond),
		stream.DrainTimeout(5 * time.Second),
	}
}

func startSubjectsHelper(t *testing.T, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSubjectsHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), subjectsHelperEnv+"="+addr)
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

func startSubjectBroker(t *testing.T, partitions int) string {
	t.Helper()
	b, err := broker.Start(t.Context(), broker.Addr("127.0.0.1:0"), broker.Partitions(partitions),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500*time.Millisecond)))
	require.NoError(t, err)
	t.Cleanup(b.Close)
	return b.Addrs()[0]
}

// send produces records with kafka-go, an independent client, to the given partition of the input topic.
func send(t *testing.T, addr string, partition int, values ...[]byte) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: stream.DefaultInTopic, RequiredAcks: kafka.RequireAll,
		BatchTimeout: 5 * time.Millisecond, Balancer: fixedPartition(partition)}
	defer w.Close()
	msgs := make([]kafka.Message, len(values))
	for i, v := range values {
		msgs[i] = kafka.Message{Value: v}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	require.NoError(t, w.WriteMessages(ctx, msgs...))
}

type fixedPartition int

func (f fixedPartition) Balance(_ kafka.Message, partitions ...int) int {
	return partitions[int(f)%len(partitions)]
}

// topicRecords reads every committed record of a topic.
func topicRecords(t *testing.T, addr, topic string) []*kgo.Record {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	require.NoError(t, err)
	defer cl.Close()
	var out []*kgo.Record
	for {
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		fs := cl.PollFetches(ctx)
		cancel()
		n := 0
		fs.EachRecord(func(r *kgo.Record) { out = append(out, r); n++ })
		if n == 0 {
			return out
		}
	}
}

// byID indexes records by their "id" member.
func byID(t *testing.T, recs []*kgo.Record) map[string]*kgo.Record {
	out := map[string]*kgo.Record{}
	for _, r := range recs {
		var v struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal(r.Value, &v))
		out[v.ID] = r
	}
	return out
}

func recHeader(r *kgo.Record, key string) string {
	for _, h := range r.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

// waitFor waits until id is in topic, with a deadline, and returns its record.
func waitFor(t *testing.T, addr, topic, id string) *kgo.Record {
	t.Helper()
	var got *kgo.Record
	require.Eventually(t, func() bool {
		got = byID(t, topicRecords(t, addr, topic))[id]
		return got != nil
	}, 60*time.Second, 50*time.Millisecond, "record %s in %s", id, topic)
	return got
}

// onlyState returns the state of the one committed record of the subject-state topic, after checking that it
// is keyed by tok and names no e-mail domain.
func onlyState(t *testing.T, addr, tok string) subjects.State {
	t.Helper()
	recs := topicRecords(t, addr, stream.DefaultSubjectsTopic)
	require.Len(t, recs, 1, "one token, written once")
	assert.Equal(t, tok, string(recs[0].Key))
	assert.NotContains(t, string(recs[0].Value), "example.org")
	s, err := subjects.Unmarshal(recs[0].Value)
	require.NoError(t, err)
	return s
}

func TestSubjectStateEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs engine processes on the embedded broker")
	}
	addr := startSubjectBroker(t, 3)
	p := testPipeline(t)
	tokX := p.tokens.Token("EMAIL", emailX)

	first := startSubjectsHelper(t, addr)
	send(t, addr, 0, chatRecord("x-chat-1", emailX, "I object to my data being used for profiling."),
		emailRecord("y-mail-1", emailY, "Where is my parcel? Order 4711."))
	objection := waitFor(t, addr, stream.DefaultRestrictedTopic, "x-chat-1")
	waitFor(t, addr, stream.DefaultOutTopic, "y-mail-1")
	send(t, addr, 1, emailRecord("x-mail-2", emailX, "Any news about my parcel?"))
	later := waitFor(t, addr, stream.DefaultRestrictedTopic, "x-mail-2")

	t.Run("the statement's own record and the later e-mail are withheld", func(t *testing.T) {
		for _, r := range []*kgo.Record{objection, later} {
			assert.Equal(t, subjects.Objected, recHeader(r, subjects.HeaderState))
			assert.Equal(t, subjects.PurposeAll, recHeader(r, subjects.HeaderObjection))
			assert.NotEmpty(t, recHeader(r, subjects.HeaderEvents))
			assert.NotContains(t, string(r.Value), emailX)
		}
		var ev Event
		for _, r := range topicRecords(t, addr, stream.DefaultComplianceTopic) {
			require.NoError(t, json.Unmarshal(r.Value, &ev))
			if ev.Kind == "objection" {
				break
			}
		}
		assert.Equal(t, ev.EventID, recHeader(later, subjects.HeaderEvents), "the header names the objection event")
		red := byID(t, topicRecords(t, addr, stream.DefaultOutTopic))
		assert.NotContains(t, red, "x-chat-1")
		assert.NotContains(t, red, "x-mail-2")
		assert.Contains(t, red, "y-mail-1", "Y's records flow")
		assert.Empty(t, recHeader(red["y-mail-1"], subjects.HeaderState))
	})
	t.Run("the state topic holds tokens only", func(t *testing.T) {
		assert.Equal(t, subjects.Objected, onlyState(t, addr, tokX).State)
	})

	require.NoError(t, first.Process.Kill()) // SIGKILL: no drain, no commit, no leave
	_ = first.Wait()
	second := startSubjectsHelper(t, addr)
	send(t, addr, 2, emailRecord("x-mail-3", emailX, "Hello again, still waiting."),
		chatRecord("z-chat-1", emailZ, "Please take me off your mailing list."))
	waitFor(t, addr, stream.DefaultRestrictedTopic, "x-mail-3")
	tagged := waitFor(t, addr, stream.DefaultOutTopic, "z-chat-1")
	send(t, addr, 0, emailRecord("z-mail-2", emailZ, "Thanks for the refund."))
	taggedLater := waitFor(t, addr, stream.DefaultOutTopic, "z-mail-2")

	t.Run("after a SIGKILL and restart X stays withheld", func(t *testing.T) {
		assert.NotContains(t, byID(t, topicRecords(t, addr, stream.DefaultOutTopic)), "x-mail-3")
	})
	t.Run("a marketing-only objection tags and lets through", func(t *testing.T) {
		for _, r := range []*kgo.Record{tagged, taggedLater} {
			assert.Equal(t, subjects.PurposeMarketing, recHeader(r, subjects.HeaderObjection))
			assert.Equal(t, subjects.Objected, recHeader(r, subjects.HeaderState))
		}
		restricted := byID(t, topicRecords(t, addr, stream.DefaultRestrictedTopic))
		assert.NotContains(t, restricted, "z-chat-1")
		assert.NotContains(t, restricted, "z-mail-2")
	})
	require.NoError(t, second.Process.Signal(syscall.SIGTERM))
	require.NoError(t, second.Wait(), "graceful exit on SIGTERM")
}

func TestSubjectStateSharedByInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three engines on the embedded broker")
	}
	addr := startSubjectBroker(t, 3)
	p := testPipeline(t)
	tokX := p.tokens.Token("EMAIL", emailX)
	ctx, cancel := context.WithCancel(t.Context())
	engines := make([]*stream.Engine, 3)
	done := make(chan error, len(engines))
	for i := range engines {
		e, err := stream.New(NewStreamProcessor(p), append(subjectOpts(addr), stream.Workers(1))...)
		require.NoError(t, err)
		engines[i] = e
		go func() { done <- e.Run(ctx) }()
	}
	t.Cleanup(func() {
		cancel()
		for range engines {
			require.NoError(t, <-done)
		}
	})

	send(t, addr, 0, chatRecord("x-chat-1", emailX, "Please restrict the use of my data."))
	waitFor(t, addr, stream.DefaultRestrictedTopic, "x-chat-1")
	require.Eventually(t, func() bool {
		for _, e := range engines {
			if s, ok := e.Subject(tokX); !ok || !s.Withheld() {
				return false
			}
		}
		return true
	}, 30*time.Second, 20*time.Millisecond, "every instance reads the state written through partition 0")

	for part := range 3 {
		send(t, addr, part, emailRecord(fmt.Sprintf("x-mail-%d", part), emailX, "Where is my parcel?"))
	}
	for part := range 3 {
		waitFor(t, addr, stream.DefaultRestrictedTopic, fmt.Sprintf("x-mail-%d", part))
	}
	red := byID(t, topicRecords(t, addr, stream.DefaultOutTopic))
	for id := range red {
		assert.False(t, strings.HasPrefix(id, "x-"), "%s reached analytics", id)
	}
}
