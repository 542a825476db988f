package stream

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRateLimitedLogging(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(newRateLimited(slog.NewTextHandler(&buf, nil), 200*time.Millisecond)).With("component", "stream")
	for range 1000 {
		l.Warn("fetch error", "partition", 1, "err", "UNKNOWN_TOPIC_ID")
		l.Warn("fetch error", "partition", 2, "err", "UNKNOWN_TOPIC_ID")
		l.Info("partitions assigned", "count", 3)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	assert.Len(t, lines, 1002, "one line per distinct warning, every info line")
	assert.Equal(t, 1, strings.Count(buf.String(), "partition=1"))

	time.Sleep(250 * time.Millisecond)
	buf.Reset()
	l.Warn("fetch error", "partition", 1, "err", "UNKNOWN_TOPIC_ID")
	assert.Contains(t, buf.String(), "repeated=999", "the next line counts the ones held back")
	buf.Reset()
	l.Warn("fetch error", "partition", 1, "err", "UNKNOWN_TOPIC_ID")
	assert.Empty(t, buf.String())
}
