package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine/stream"
)

type findOut struct {
	Tokens  []subjectToken `json:"tokens"`
	Records []foundRecord  `json:"records"`
	Events  []foundEvent   `json:"events"`
}

func recordIDs(a findOut) []string {
	var out []string
	for _, r := range a.Records {
		out = append(out, r.ID)
	}
	return out
}

func TestSubjectFindEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an engine on the embedded broker")
	}
	r := startSubjectRun(t)
	r.send(t, subjectChat("x-chat-1", subjectEmailX, "I object to my data being used for profiling."),
		subjectChat("y-chat-1", subjectEmailY, "Yes, you can send me your newsletter."),
		subjectEmail("y-mail-1", subjectEmailY, "Where is my parcel? Order 4711."))
	r.waitFor(t, stream.DefaultRestrictedTopic, "x-chat-1")
	r.waitFor(t, stream.DefaultOutTopic, "y-mail-1")
	r.send(t, subjectEmail("x-mail-2", subjectEmailX, "Any news about my parcel? Or write to "+subjectEmailY+"."))
	r.waitFor(t, stream.DefaultRestrictedTopic, "x-mail-2")
	r.waitFor(t, stream.DefaultOutTopic, "y-chat-1")
	tokX := scanToken(t, r.key, string(subjectChat("x", subjectEmailX, "")), "EMAIL")
	tokY := scanToken(t, r.key, string(subjectChat("y", subjectEmailY, "")), "EMAIL")

	find := func(t *testing.T, args ...string) (findOut, string) {
		t.Helper()
		code, out, errs := r.cli(t, append([]string{"subject", "find"}, args...)...)
		require.Equal(t, exitOK, code, errs)
		var a findOut
		require.NoError(t, json.Unmarshal([]byte(out), &a), out)
		assert.NotContains(t, out+errs, "example.org", "no raw identifier")
		assert.NotContains(t, out+errs, "example.net", "no raw identifier")
		return a, out
	}
	x, xout := find(t, "--email", subjectEmailX)
	t.Run("X's records: id, channel, time, topic, where the token stands", func(t *testing.T) {
		assert.Equal(t, []string{"x-chat-1", "x-mail-2"}, recordIDs(x))
		chat, mail := x.Records[0], x.Records[1]
		assert.Equal(t, "chat", chat.Channel)
		assert.Equal(t, "2025-03-01T10:00:00Z", chat.Time)
		assert.Equal(t, stream.DefaultRestrictedTopic, chat.Topic)
		assert.Equal(t, []foundAt{{Path: "/messages/1/text", Type: "EMAIL"}}, chat.Found)
		assert.Equal(t, "email", mail.Channel)
		assert.Equal(t, []foundAt{{Path: "/from", Type: "EMAIL"}}, mail.Found, "not the mention of Y in the body")
		assert.NotNil(t, mail.Offset)
	})
	t.Run("X's compliance events", func(t *testing.T) {
		require.NotEmpty(t, x.Events)
		kinds := map[string]foundEvent{}
		for _, e := range x.Events {
			kinds[e.Kind] = e
			assert.Equal(t, "x-chat-1", e.RecordID)
		}
		obj, ok := kinds["objection"]
		require.True(t, ok, "%+v", x.Events)
		assert.Contains(t, obj.Statement, "object")
		assert.NotEmpty(t, obj.Time)
		assert.Equal(t, stream.DefaultComplianceTopic, obj.Topic)
	})
	t.Run("nothing of Y", func(t *testing.T) {
		assert.NotContains(t, xout, "y-chat-1")
		assert.NotContains(t, xout, "y-mail-1")
		assert.NotContains(t, xout, tokY)
		assert.NotContains(t, xout, "newsletter")
	})
	t.Run("Y's answer holds Y only", func(t *testing.T) {
		y, yout := find(t, "--email", subjectEmailY)
		assert.ElementsMatch(t, []string{"y-chat-1", "y-mail-1", "x-mail-2"}, recordIDs(y),
			"X's e-mail names Y: that record holds Y's data too")
		assert.NotContains(t, yout, tokX)
		assert.NotContains(t, yout, "profiling")
		for _, e := range y.Events {
			assert.Equal(t, "y-chat-1", e.RecordID)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		code, out, errs := r.cli(t, "subject", "find", "--email", subjectEmailX, "--format", "csv")
		require.Equal(t, exitOK, code, errs)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		require.Equal(t, csvHeader, rows[0])
		require.Len(t, rows, 1+len(x.Records)+len(x.Events))
		assert.Equal(t, []string{"record", stream.DefaultRestrictedTopic, "x-chat-1", "x-chat-1", "chat",
			"2025-03-01T10:00:00Z", "", "/messages/1/text=EMAIL", "", "", "", "", ""}, rows[1])
		for _, row := range rows[len(x.Records)+1:] {
			assert.Equal(t, "event", row[0])
		}
		assert.NotContains(t, out, "y-chat-1")
		assert.NotContains(t, out, "y-mail-1")
		assert.NotContains(t, out, tokY)
		assert.NotContains(t, out, "example.org")
	})
	t.Run("JSONL exports give the same answer", func(t *testing.T) {
		dir := t.TempDir()
		var args []string
		for _, topic := range defaultFindTopics() {
			var lines []string
			for _, rec := range r.records(t, topic) {
				lines = append(lines, string(rec.Value))
			}
			path := filepath.Join(dir, topic+".jsonl")
			require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600))
			args = append(args, "--input", path)
		}
		code, out, errs := runCLI(t, strings.NewReader(""),
			append([]string{"subject", "find", "--key-file", r.key, "--email", subjectEmailX, "--brokers", "127.0.0.1:1"}, args...)...)
		require.Equal(t, exitOK, code, errs)
		var fromFiles findOut
		require.NoError(t, json.Unmarshal([]byte(out), &fromFiles))
		for i := range x.Records {
			x.Records[i].Partition, x.Records[i].Offset = nil, nil
		}
		assert.Equal(t, x, fromFiles)
	})
}
