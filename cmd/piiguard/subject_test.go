package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/broker"
	"github.com/piiguard/piiguard/engine/stream"
	"github.com/piiguard/piiguard/engine/subjects"
)

// Customers of the subject tests: X objects to all processing, Y says nothing.
const (
	subjectEmailX = "xavier.quint@example.org"
	subjectPhoneX = "+45 20 30 40 50"
	subjectEmailY = "yara.olsen@example.net"
)

func subjectChat(id, email, text string) []byte {
	return fmt.Appendf(nil, `{"id":%q,"channel":"chat","language":"en","started_at":"2025-03-01T10:00:00Z","messages":[`+
		`{"from":"agent","at":"2025-03-01T10:00:00Z","text":"Hello, how can I help?"},`+
		`{"from":"customer","at":"2025-03-01T10:00:30Z","text":"Hi, my e-mail address is %s. %s"}]}`, id, email, text)
}

func subjectEmail(id, from, body string) []byte {
	return fmt.Appendf(nil, `{"id":%q,"channel":"email","language":"en","sent_at":"2025-03-02T09:00:00Z","subject":"My order",`+
		`"from":%q,"to":"support@shop.example","body":%q}`, id, from, body)
}

// subjectRun is an engine on the embedded broker, in this process, with the key file of the test.
type subjectRun struct {
	addr string
	key  string
	eng  *stream.Engine
}

func startSubjectRun(t *testing.T) *subjectRun {
	t.Helper()
	// Not t.Context(): it ends before the cleanups, and the engine commits its offsets when it stops.
	b, err := broker.Start(context.Background(), broker.Addr("127.0.0.1:0"), broker.Partitions(3),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500*time.Millisecond)))
	require.NoError(t, err)
	t.Cleanup(b.Close)
	r := &subjectRun{addr: b.Addrs()[0], key: writeKey(t, t.TempDir(), "k1")}
	pf := pipelineFlags{keyFile: r.key, maxRecord: engine.DefaultMaxRecordBytes}
	p, err := pf.pipeline(&environ{getenv: func(string) string { return "" }})
	require.NoError(t, err)
	r.eng, err = stream.New(engine.NewStreamProcessor(p), stream.Brokers(r.addr), stream.Logger(nil),
		stream.SessionTimeout(time.Second), stream.CommitInterval(100*time.Millisecond), stream.DrainTimeout(5*time.Second))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.eng.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		assert.NoError(t, <-done)
	})
	return r
}

// send produces records with kafka-go, an independent client, to the input topic.
func (r *subjectRun) send(t *testing.T, values ...[]byte) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(r.addr), Topic: stream.DefaultInTopic, RequiredAcks: kafka.RequireAll,
		BatchTimeout: 5 * time.Millisecond}
	defer w.Close()
	msgs := make([]kafka.Message, len(values))
	for i, v := range values {
		msgs[i] = kafka.Message{Value: v}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	require.NoError(t, w.WriteMessages(ctx, msgs...))
}

// records returns every committed record of topic.
func (r *subjectRun) records(t *testing.T, topic string) []*kgo.Record {
	t.Helper()
	var out []*kgo.Record
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	require.NoError(t, readTopic(ctx, &kafkaFlags{brokers: r.addr}, topic, func(rec *kgo.Record) { out = append(out, rec) }))
	return out
}

// ids returns the "id" member of each record of topic.
func (r *subjectRun) ids(t *testing.T, topic string) []string {
	var out []string
	for _, rec := range r.records(t, topic) {
		var v struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal(rec.Value, &v))
		out = append(out, v.ID)
	}
	return out
}

// waitFor waits until the record id is in topic.
func (r *subjectRun) waitFor(t *testing.T, topic, id string) {
	t.Helper()
	require.Eventually(t, func() bool { return contains(r.ids(t, topic), id) }, 60*time.Second, 50*time.Millisecond,
		"record %s in %s", id, topic)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// cli runs piiguard with args against the run's broker and key file.
func (r *subjectRun) cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLI(t, strings.NewReader(""), append(args, "--brokers", r.addr, "--key-file", r.key)...)
}

type statusOut struct {
	State  *subjects.State `json:"state"`
	Tokens []struct {
		Type  string          `json:"type"`
		Token string          `json:"token"`
		State *subjects.State `json:"state"`
	} `json:"tokens"`
}

func (r *subjectRun) status(t *testing.T, ids ...string) statusOut {
	t.Helper()
	code, out, errs := r.cli(t, append([]string{"subject", "status"}, ids...)...)
	require.Equal(t, exitOK, code, errs)
	var st statusOut
	require.NoError(t, json.Unmarshal([]byte(out), &st), out)
	return st
}

var tokenRE = regexp.MustCompile(`^<(EMAIL|PHONE|IBAN):k1:[^>]+>$`)

func TestSubjectStatusAndLiftEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an engine on the embedded broker")
	}
	r := startSubjectRun(t)
	r.send(t, subjectChat("x-chat-1", subjectEmailX, "I object to my data being used for profiling."),
		subjectEmail("y-mail-1", subjectEmailY, "Where is my parcel? Order 4711."))
	r.waitFor(t, stream.DefaultRestrictedTopic, "x-chat-1")
	r.waitFor(t, stream.DefaultOutTopic, "y-mail-1")
	tokX := scanToken(t, r.key, string(subjectChat("x", subjectEmailX, "")), "EMAIL")

	t.Run("status names X's state per token", func(t *testing.T) {
		st := r.status(t, "--email", subjectEmailX, "--phone", subjectPhoneX)
		require.NotNil(t, st.State)
		assert.Equal(t, subjects.Objected, st.State.State)
		assert.Equal(t, subjects.PurposeAll, st.State.Purpose)
		require.Len(t, st.Tokens, 2)
		assert.Equal(t, "EMAIL", st.Tokens[0].Type)
		assert.Equal(t, tokX, st.Tokens[0].Token, "the token scan and run write")
		require.NotNil(t, st.Tokens[0].State)
		assert.Equal(t, subjects.Objected, st.Tokens[0].State.State)
		assert.Equal(t, "PHONE", st.Tokens[1].Type)
		assert.Nil(t, st.Tokens[1].State, "X's phone was never in a record")
	})
	t.Run("status of Y: nothing known", func(t *testing.T) {
		st := r.status(t, "--email", subjectEmailY)
		assert.Nil(t, st.State)
		require.Len(t, st.Tokens, 1)
		assert.Nil(t, st.Tokens[0].State)
	})

	code, out, errs := r.cli(t, "subject", "lift", "--email", subjectEmailX, "--phone", subjectPhoneX,
		"--reason", "objection withdrawn by the customer in writing, ticket 881")
	require.Equal(t, exitOK, code, errs)
	t.Run("lift writes a lifted state for X's token with reason and time", func(t *testing.T) {
		var lift struct{ Lifted, Unchanged []tokenState }
		require.NoError(t, json.Unmarshal([]byte(out), &lift), out)
		require.Len(t, lift.Lifted, 1)
		assert.Equal(t, tokX, lift.Lifted[0].Token)
		assert.Equal(t, subjects.Lifted, lift.Lifted[0].State.State)
		assert.Len(t, lift.Unchanged, 1, "the phone had no state")
		assert.NotContains(t, out+errs, subjectEmailX)

		recs := r.records(t, stream.DefaultSubjectsTopic)
		require.Len(t, recs, 2, "the objection and its lift: the history stays in the topic")
		for _, rec := range recs {
			assert.Equal(t, tokX, string(rec.Key))
			assert.Regexp(t, tokenRE, string(rec.Key), "keys are tokens only")
			assert.NotContains(t, string(rec.Value), "example.org")
			assert.NotContains(t, string(rec.Value), "20 30 40 50")
		}
		last, err := subjects.Unmarshal(recs[1].Value)
		require.NoError(t, err)
		assert.Equal(t, subjects.Lifted, last.State)
		assert.Equal(t, "objection withdrawn by the customer in writing, ticket 881", last.Reason)
		assert.WithinDuration(t, time.Now(), last.Since, time.Minute)
		assert.NotEmpty(t, last.EventIDs, "the events the objection rested on stay listed")
	})
	t.Run("status after the lift", func(t *testing.T) {
		st := r.status(t, "--email", subjectEmailX)
		assert.Nil(t, st.State, "no active state")
		require.NotNil(t, st.Tokens[0].State)
		assert.Equal(t, subjects.Lifted, st.Tokens[0].State.State)
	})
	t.Run("a second lift changes nothing", func(t *testing.T) {
		code, out, errs := r.cli(t, "subject", "lift", "--email", subjectEmailX, "--reason", "again")
		require.Equal(t, exitOK, code, errs)
		assert.Contains(t, out, `"lifted": []`)
		assert.Len(t, r.records(t, stream.DefaultSubjectsTopic), 2)
	})

	// The running engine follows the topic; the next record of X is routed once it has read the lift.
	require.Eventually(t, func() bool {
		s, ok := r.eng.Subject(tokX)
		return ok && s.State == subjects.Lifted
	}, 30*time.Second, 20*time.Millisecond, "the engine reads the lift")
	r.send(t, subjectEmail("x-mail-2", subjectEmailX, "Any news about my parcel?"))
	r.waitFor(t, stream.DefaultOutTopic, "x-mail-2")
	t.Run("after the lift X's next record flows to analytics", func(t *testing.T) {
		assert.NotContains(t, r.ids(t, stream.DefaultRestrictedTopic), "x-mail-2")
		assert.Len(t, r.records(t, stream.DefaultSubjectsTopic), 2, "the old objection is not raised again")
	})
}

func TestSubjectUsage(t *testing.T) {
	key := writeKey(t, t.TempDir(), "k1")
	tests := map[string]struct {
		args []string
		want string
	}{
		"no subcommand":          {[]string{"subject"}, "usage: piiguard subject SUBCOMMAND"},
		"unknown subcommand":     {[]string{"subject", "frobnicate"}, "want status, lift or find"},
		"no identifier":          {[]string{"subject", "status", "--key-file", key}, "name the subject"},
		"no key":                 {[]string{"subject", "status", "--email", subjectEmailX}, "--key-file"},
		"national phone":         {[]string{"subject", "status", "--key-file", key, "--phone", "20 30 40 50"}, "--region"},
		"lift without reason":    {[]string{"subject", "lift", "--key-file", key, "--email", subjectEmailX}, "--reason"},
		"identifier as argument": {[]string{"subject", "status", "--key-file", key, subjectEmailX}, "identifiers go in flags"},
		"id without type":        {[]string{"subject", "status", "--key-file", key, "--id", "12345"}, "TYPE=VALUE"},
		"bad region":             {[]string{"subject", "status", "--key-file", key, "--region", "DNK", "--email", "a@b.example"}, "ISO 3166"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCLI(t, strings.NewReader(""), append(tc.args, "--brokers", "127.0.0.1:1")...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errs, tc.want)
			assert.NotContains(t, errs, "20 30 40 50", "no identifier in an error")
			assert.NotContains(t, errs, "12345")
		})
	}
}
