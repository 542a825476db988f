package stream_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/stream"
)

// personal are the values the records of these tests carry: none may reach
// a log line, a dead-letter header or the redacted topic.
var personal = []string{"Jane Doe", "jane.doe@example.com", "DE89 3704 0044 0532 0130 00", "Laurits", "Andresen",
	"@mail.example.org"}

// chat returns a chat record with one customer message.
func chat(id, text string) []byte {
	b, err := json.Marshal(map[string]any{"id": id, "channel": "chat", "language": "en",
		"messages": []map[string]string{{"from": "customer", "at": "2024-05-01T10:00:00Z", "text": text}}})
	if err != nil {
		panic(err)
	}
	return b
}

// goodRecords returns n records over keys k0..k(keys-1), each full of
// personal data; the id "g<i>.k<key>.s<seq>" holds the key's sequence number.
func goodRecords(n, keys int) []kafka.Message {
	seq := make([]int, keys)
	out := make([]kafka.Message, n)
	for i := range out {
		k := i % keys
		id := fmt.Sprintf("g%d.k%d.s%d", i, k, seq[k])
		seq[k]++
		out[i] = kafka.Message{Key: []byte("k" + strconv.Itoa(k)),
			Value: chat(id, "Hi, I am Jane Doe, my e-mail is jane.doe@example.com and my IBAN is DE89 3704 0044 0532 0130 00.")}
	}
	return out
}

// idOf returns a record's id member ("" when it is not a JSON object with one).
func idOf(v []byte) string {
	var r struct{ ID string }
	if json.Unmarshal(v, &r) != nil {
		return ""
	}
	return r.ID
}

// pipelineRun is an engine running the real pipeline on an embedded broker,
// logging at debug level into logs.
type pipelineRun struct {
	addr string
	logs *stream.SyncBufferForTest
	e    *stream.Engine
	stop func() error
}

func startPipeline(t *testing.T, opts ...stream.Opt) *pipelineRun {
	t.Helper()
	p, err := engine.NewPipeline()
	require.NoError(t, err)
	r := &pipelineRun{addr: stream.StartBrokerForTest(t), logs: &stream.SyncBufferForTest{}}
	log := slog.New(slog.NewJSONHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r.e, r.stop = stream.StartForTest(t, engine.NewStreamProcessor(p),
		stream.TestOptsForTest(r.addr, append([]stream.Opt{stream.Logger(log)}, opts...)...)...)
	return r
}

// waitAcknowledged waits until the engine has acknowledged n records.
func (r *pipelineRun) waitAcknowledged(t *testing.T, n int, within time.Duration) {
	t.Helper()
	require.Eventually(t, func() bool { return r.e.Stats().Acknowledged >= uint64(n) }, within, 10*time.Millisecond,
		"acknowledged %d of %d records", r.e.Stats().Acknowledged, n)
}

// assertNothingPersonal fails if any personal value is in s.
func assertNothingPersonal(t *testing.T, what, s string) {
	t.Helper()
	for _, v := range personal {
		assert.NotContains(t, s, v, "a personal value in %s", what)
	}
}

func flatten(parts map[int][]kafka.Message) []kafka.Message {
	var out []kafka.Message
	for _, ms := range parts {
		out = append(out, ms...)
	}
	return out
}

func headerOf(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

// checkRedacted asserts that every good record reached the redacted topic,
// redacted, in order per key, and returns the ids found there.
func checkRedacted(t *testing.T, addr string, good []kafka.Message) map[string]kafka.Message {
	t.Helper()
	got := map[string]kafka.Message{}
	for p, ms := range stream.ReadAllForTest(t, addr, stream.DefaultOutTopic) {
		last := map[string]int{}
		for _, m := range ms {
			id := idOf(m.Value)
			require.NotEmpty(t, id, "a redacted record is its input's JSON shape")
			_, again := got[id]
			got[id] = m
			assertNothingPersonal(t, "the redacted topic", string(m.Value))
			if f := strings.Split(id, "."); len(f) == 3 && f[0][0] == 'g' && !again {
				// At-least-once may deliver a batch again (after a rebalance under load): a record seen before
				// is a duplicate, not a reordering. Each record's first delivery must follow its key's order.
				seq, err := strconv.Atoi(f[2][1:])
				require.NoError(t, err)
				prev, seen := last[f[1]]
				assert.True(t, !seen || seq > prev, "partition %d key %s: seq %d first delivered after %d", p, f[1], seq, prev)
				last[f[1]] = seq
			}
		}
	}
	for _, m := range good {
		assert.Contains(t, got, idOf(m.Value), "good record reaches the redacted topic")
	}
	return got
}

// TestPoisonFlood mixes malformed JSON, invalid UTF-8, over-size and deeply
// nested records (all carrying personal data) with good ones on the same
// keys: every bad record is dead-lettered with its reason and source
// headers, every good one is redacted in order per key, and no personal
// value reaches a dead-letter header or a log line.
func TestPoisonFlood(t *testing.T) {
	const maxRecord = 4096
	pii := "Jane Doe jane.doe@example.com DE89 3704 0044 0532 0130 00"
	kinds := map[string]struct {
		value  func(id string) []byte
		reason string
	}{
		"malformed JSON":   {func(id string) []byte { v := chat(id, pii); return v[:len(v)-4] }, "invalid_json"},
		"trailing garbage": {func(id string) []byte { return append(chat(id, pii), " }"...) }, "invalid_json"},
		"invalid UTF-8": {func(id string) []byte {
			return []byte(`{"id":"` + id + `","text":"` + pii + " \xff\xfe " + `"}`)
		}, "invalid_utf8"},
		"over-size": {func(id string) []byte { return chat(id, strings.Repeat(pii+" ", maxRecord/len(pii)+1)) }, "too_large"},
		"deeply nested": {func(id string) []byte {
			return []byte(`{"id":"` + id + `","a":` + strings.Repeat(`{"a":`, 100) + `"` + pii + `"` + strings.Repeat("}", 101))
		}, "too_deep"},
	}
	good := goodRecords(200, 8)
	want := map[string]string{} // bad value → reason
	var all []kafka.Message
	i := 0
	for round := range 8 {
		all = append(all, good[round*25:(round+1)*25]...)
		for _, k := range kinds {
			id := fmt.Sprintf("b%d", i)
			v := k.value(id)
			want[string(v)] = k.reason
			all = append(all, kafka.Message{Key: []byte("k" + strconv.Itoa(i%8)), Value: v})
			i++
		}
	}

	r := startPipeline(t, stream.MaxRecordBytes(maxRecord))
	stream.ProduceForTest(t, r.addr, stream.DefaultInTopic, all)
	r.waitAcknowledged(t, len(all), 30*time.Second)
	require.NoError(t, r.stop())

	got := checkRedacted(t, r.addr, good)
	assert.Len(t, got, len(good), "only the good records reach the redacted topic")

	source := map[string]string{} // "partition/offset" → value
	for p, ms := range stream.ReadAllForTest(t, r.addr, stream.DefaultInTopic) {
		for _, m := range ms {
			source[fmt.Sprintf("%d/%d", p, m.Offset)] = string(m.Value)
		}
	}
	reasons := map[string]int{}
	for _, m := range flatten(stream.ReadAllForTest(t, r.addr, stream.DefaultDLQTopic)) {
		reason, ok := want[string(m.Value)]
		require.True(t, ok, "only bad records, with their original value, are dead-lettered")
		assert.Equal(t, reason, headerOf(m, stream.HeaderReason))
		assert.Equal(t, stream.DefaultInTopic, headerOf(m, stream.HeaderSourceTopic))
		at := headerOf(m, stream.HeaderSourcePartition) + "/" + headerOf(m, stream.HeaderSourceOffset)
		assert.Equal(t, source[at], string(m.Value), "the source headers point at the original")
		for _, h := range m.Headers {
			assertNothingPersonal(t, "a dead-letter header", h.Key+"="+string(h.Value))
		}
		reasons[reason]++
	}
	wantReasons := map[string]int{}
	for _, reason := range want {
		wantReasons[reason]++
	}
	assert.Equal(t, wantReasons, reasons, "every bad record dead-lettered once, with its reason")
	assert.Contains(t, r.logs.String(), "record dead-lettered")
	assertNothingPersonal(t, "the logs", r.logs.String())
}

// TestAdversarialRecordsDoNotStarve mixes records built to make scanning
// expensive (a name repeated 5,000 times, a long run of digits, thousands of
// e-mails) with good records on the same keys: every good record arrives,
// and each adversarial one comes through redacted or is dead-lettered with
// reason scan_timeout.
func TestAdversarialRecordsDoNotStarve(t *testing.T) {
	var mails strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&mails, "user%04d@mail.example.org ", i)
	}
	adversarial := map[string][]byte{
		"a-name":   chat("a-name", strings.Repeat("I am Laurits Andresen. ", 5000)),
		"a-digits": chat("a-digits", strings.Repeat("4", 100_000)),
		"a-mails":  chat("a-mails", mails.String()),
	}
	good := goodRecords(60, 4)
	var all []kafka.Message
	all = append(all, good[:20]...)
	k := 0
	for _, v := range adversarial {
		all = append(all, kafka.Message{Key: []byte("k" + strconv.Itoa(k)), Value: v})
		k++
	}
	all = append(all, good[20:]...)

	r := startPipeline(t, stream.ProcessTimeout(2*time.Second))
	stream.ProduceForTest(t, r.addr, stream.DefaultInTopic, all)
	r.waitAcknowledged(t, len(all), 30*time.Second)
	require.NoError(t, r.stop())

	got := checkRedacted(t, r.addr, good)
	dlq := map[string]string{}
	for _, m := range flatten(stream.ReadAllForTest(t, r.addr, stream.DefaultDLQTopic)) {
		dlq[idOf(m.Value)] = headerOf(m, stream.HeaderReason)
	}
	for id := range adversarial {
		_, redacted := got[id]
		reason, dead := dlq[id]
		assert.True(t, redacted != dead, "%s: redacted or dead-lettered, once (redacted %v, dead-lettered %v)", id, redacted, dead)
		if dead {
			assert.Equal(t, "scan_timeout", reason, id)
		}
	}
	assert.Len(t, got, len(good)+len(adversarial)-len(dlq), "nothing else reaches the redacted topic")
	assertNothingPersonal(t, "the logs", r.logs.String())
}
