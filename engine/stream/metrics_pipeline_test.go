package stream_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
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
	b, err := broker.Start(context.Background(), broker.Addr("127.0.0.1:0"),
		broker.ClusterOpts(kfake.GroupMinSessionTimeout(500*time.Millisecond)))
	require.NoError(t, err)
	t.Cleanup(b.Close)
	addr := b.Addrs()[0]

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
	var types []string
	for _, r := range set.Rules() {
		types = append(types, r.Type)
	}

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
		stream.EntityTypes(types...), stream.SessionTimeout(time.Second), stream.Logger(slog.New(slog.DiscardHandler)))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	require.Eventually(t, func() bool { return e.Stats().Acknowledged == uint64(len(values)) }, 20*time.Second, 10*time.Millisecond)

	srv := httptest.NewServer(e.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
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
