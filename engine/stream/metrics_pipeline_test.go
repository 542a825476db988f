package stream_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/broker"
	"github.com/piiguard/piiguard/engine/pseudonym"
	"github.com/piiguard/piiguard/engine/stream"
	"github.com/piiguard/piiguard/rules"
)

// TestDetectionMetricsRealPipeline sends records with e-mails, names, IBANs and phone numbers through the
// real pipeline (default rules and policy) on the embedded broker and checks the detection labels /metrics
// shows: each entity type and action by name, no "other", and no value.
func TestDetectionMetricsRealPipeline(t *testing.T) {
	addr := startRealBroker(t)
	p, set := realPipeline(t)

	values := []string{
		`{"id":"c1","channel":"chat","language":"en","messages":[{"from":"customer","at":"2024-01-01T10:00:00Z","text":"Hi, I am Jane Miller, write to jane.miller@example.com or call +44 7700 900123."}]}`,
		`{"id":"c2","channel":"email","language":"de","subject":"Erstattung","from":"max.mustermann@example.de","to":"service@example.com","body":"Bitte auf IBAN DE89 3704 0044 0532 0130 00 überweisen. Max Mustermann"}`,
		`{"id":"c3","channel":"call","language":"da","segments":[{"speaker":"customer","start_ms":0,"end_ms":900,"text":"Mit nummer er 20 30 40 50 og min mail er lars.jensen@example.dk"}]}`,
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	require.NoError(t, err)
	defer cl.Close()
	for _, v := range values {
		require.NoError(t, cl.ProduceSync(context.Background(), &kgo.Record{Topic: stream.DefaultInTopic, Value: []byte(v)}).FirstErr())
	}

	reg := prometheus.NewRegistry()
	e, err := stream.New(engine.NewStreamProcessor(p), stream.Brokers(addr), stream.Registerer(reg),
		stream.EntityTypes(ruleTypes(set)...), stream.SessionTimeout(time.Second), stream.Logger(slog.New(slog.DiscardHandler)))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	require.Eventually(t, func() bool { return e.Stats().Acknowledged == uint64(len(values)) }, 20*time.Second, 10*time.Millisecond)

	body := scrape(t, e)
	cancel()
	require.NoError(t, <-done)

	re := regexp.MustCompile(`(?m)^piiguard_detections_total\{action="([^"]*)",entity_type="([^"]*)"\} (\d+)`)
	var labels []string
	for _, m := range re.FindAllStringSubmatch(string(body), -1) {
		labels = append(labels, m[2]+"/"+m[1])
	}
	sort.Strings(labels)
	t.Logf("detection labels: %v", labels)
	for _, want := range []string{"email/pseudonymise", "iban/pseudonymise", "person/pseudonymise", "phone/pseudonymise"} {
		assert.Contains(t, labels, want)
	}
	for _, l := range labels {
		typ, action, _ := strings.Cut(l, "/")
		assert.NotEqual(t, "other", typ, l)
		assert.NotEqual(t, "unknown", action, l)
	}
	for _, secret := range []string{"jane", "miller", "mustermann", "jensen", "de89", "7700", "20 30"} {
		assert.NotContains(t, strings.ToLower(string(body)), secret)
	}
}

// startRealBroker starts the embedded broker with partitions partitions per topic (0: its default).
func startRealBroker(t *testing.T, opts ...broker.Opt) string {
	t.Helper()
	opts = append([]broker.Opt{broker.Addr("127.0.0.1:0"),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500 * time.Millisecond))}, opts...)
	b, err := broker.Start(context.Background(), opts...)
	require.NoError(t, err)
	t.Cleanup(b.Close)
	return b.Addrs()[0]
}

// realPipeline returns the pipeline piiguard run builds from the default rules (ephemeral key), and the rules.
func realPipeline(t *testing.T) (*engine.Pipeline, *rules.Set) {
	t.Helper()
	set, err := rules.NewSet(rules.Default()...)
	require.NoError(t, err)
	sc, err := detectors.Compile(set)
	require.NoError(t, err)
	kr, err := pseudonym.EphemeralKeyring()
	require.NoError(t, err)
	ps, err := pseudonym.New(kr)
	require.NoError(t, err)
	p, err := engine.NewPipeline(engine.WithScanner(sc), engine.WithPseudonymizer(ps))
	require.NoError(t, err)
	return p, set
}

func ruleTypes(set *rules.Set) []string {
	var types []string
	for _, r := range set.Rules() {
		types = append(types, r.Type)
	}
	return types
}

// scrape returns the engine's /metrics page.
func scrape(t *testing.T, e *stream.Engine) string {
	t.Helper()
	srv := httptest.NewServer(e.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(body)
}

// seriesOf returns the samples of the metric families named in body whose name starts with prefix, keyed
// by name and labels as exposed, e.g. `piiguard_ready` or `piiguard_records_processed_total{outcome="redacted",reason="none"}`.
func seriesOf(body, prefix string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, prefix) {
			if i := strings.LastIndexByte(line, ' '); i > 0 {
				out[line[:i]] = line[i+1:]
			}
		}
	}
	return out
}

// TestPlatformMetricsRealPipeline runs the real pipeline on the embedded broker (two partitions) with records
// that are redacted, one whose customer objects (restricted) and one too large (dead-lettered), and checks the
// series a platform team watches: records by outcome and reason, lag by topic and partition, readiness, the
// rules version, the processing histogram and records in flight. Label values are codes, never a value.
func TestPlatformMetricsRealPipeline(t *testing.T) {
	addr := startRealBroker(t, broker.Partitions(2))
	p, set := realPipeline(t)

	values := map[int32][]string{
		0: {
			`{"id":"r1","channel":"chat","language":"en","messages":[{"from":"customer","at":"2024-01-01T10:00:00Z","text":"Please call me on +44 7700 900123."}]}`,
			`{"id":"r2","channel":"email","language":"en","subject":"Parcel","from":"olga.brandt@example.org","to":"support@shop.example","body":"Where is my parcel?"}`,
			`{"id":"big","channel":"chat","language":"en","messages":[{"from":"customer","at":"2024-01-01T10:00:00Z","text":"` + strings.Repeat("parcel ", 800) + `"}]}`,
		},
		1: {
			`{"id":"r3","channel":"chat","language":"en","messages":[{"from":"customer","at":"2024-01-01T10:00:00Z","text":"Hi, my e-mail address is xavier.quint@example.org. I object to my data being used for profiling."}]}`,
			`{"id":"r4","channel":"chat","language":"en","messages":[{"from":"customer","at":"2024-01-01T10:00:00Z","text":"Thanks, bye."}]}`,
		},
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	require.NoError(t, err)
	defer cl.Close()
	n := 0
	for part, vs := range values {
		for _, v := range vs {
			r := &kgo.Record{Topic: stream.DefaultInTopic, Partition: part, Value: []byte(v)}
			require.NoError(t, cl.ProduceSync(context.Background(), r).FirstErr())
			n++
		}
	}

	reg := prometheus.NewRegistry()
	e, err := stream.New(engine.NewStreamProcessor(p), stream.Brokers(addr), stream.Registerer(reg),
		stream.EntityTypes(ruleTypes(set)...), stream.RulesVersion(set.Version()), stream.MaxRecordBytes(4096),
		stream.SessionTimeout(time.Second), stream.Logger(slog.New(slog.DiscardHandler)))
	require.NoError(t, err)
	assert.Equal(t, "0", seriesOf(scrape(t, e), "piiguard_ready")["piiguard_ready"], "not ready before Run")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	require.Eventually(t, func() bool { return e.Stats().Acknowledged == uint64(n) }, 30*time.Second, 10*time.Millisecond)
	require.Eventually(t, func() bool { return e.Health().Ready }, 10*time.Second, 10*time.Millisecond)

	body := scrape(t, e)
	cancel()
	require.NoError(t, <-done)

	assert.Equal(t, map[string]string{
		`piiguard_records_processed_total{outcome="redacted",reason="none"}`:           "3",
		`piiguard_records_processed_total{outcome="restricted",reason="none"}`:         "1",
		`piiguard_records_processed_total{outcome="dead_lettered",reason="too_large"}`: "1",
	}, seriesOf(body, "piiguard_records_processed_total"))
	assert.Equal(t, map[string]string{
		`piiguard_consumer_partition_lag_records{partition="0",topic="interactions.raw"}`: "0",
		`piiguard_consumer_partition_lag_records{partition="1",topic="interactions.raw"}`: "0",
	}, seriesOf(body, "piiguard_consumer_partition_lag_records"))
	assert.Equal(t, map[string]string{"piiguard_ready": "1"}, seriesOf(body, "piiguard_ready"))
	assert.Equal(t, map[string]string{`piiguard_rules_info{rules_version="` + set.Version() + `"}`: "1"},
		seriesOf(body, "piiguard_rules_info"))
	assert.Equal(t, map[string]string{"piiguard_records_in_flight": "0"}, seriesOf(body, "piiguard_records_in_flight"))
	assert.Equal(t, strconv.Itoa(n-1), seriesOf(body, "piiguard_processing_duration_seconds_count")["piiguard_processing_duration_seconds_count"],
		"every record but the one too large to process")
	for _, secret := range []string{"olga", "brandt", "xavier", "quint", "7700", "parcel"} {
		assert.NotContains(t, strings.ToLower(body), secret)
	}

	after := scrape(t, e)
	assert.Equal(t, map[string]string{"piiguard_ready": "0"}, seriesOf(after, "piiguard_ready"), "not ready once stopped")
	assert.Empty(t, seriesOf(after, "piiguard_consumer_partition_lag_records"), "no lag for partitions no longer owned")
}
