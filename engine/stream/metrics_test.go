package stream

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMetricsLintClean(t *testing.T) {
	e, err := New(upper{})
	require.NoError(t, err)
	problems, err := testutil.CollectAndLint(e.metrics)
	require.NoError(t, err)
	assert.Empty(t, problems)
}

func TestMetricsAfterTraffic(t *testing.T) {
	addr := startBroker(t)
	msgs := inputs(20, 4) // ids 0, 7, 14 mention consent
	msgs = append(msgs, kafka.Message{Key: []byte("k1"), Value: []byte("!id-90001 seq x")})
	produce(t, addr, DefaultInTopic, msgs)

	reg := prometheus.NewRegistry()
	r := start(t, upper{}, testOpts(addr, Registerer(reg))...)
	require.Eventually(t, func() bool { return r.e.Stats().Acknowledged == uint64(len(msgs)) }, 20*time.Second, 5*time.Millisecond)

	m := r.e.metrics
	assert.Equal(t, 21.0, testutil.ToFloat64(m.consumed))
	assert.Equal(t, 20.0, testutil.ToFloat64(m.produced.WithLabelValues(kindRedacted)))
	assert.Equal(t, 3.0, testutil.ToFloat64(m.produced.WithLabelValues(kindCompliance)))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.produced.WithLabelValues(kindDLQ)))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.deadLettered.WithLabelValues("invalid_json")))
	assert.Equal(t, 20.0, testutil.ToFloat64(m.detections.WithLabelValues("email", "unknown")))
	assert.Equal(t, 3.0, testutil.ToFloat64(m.events.WithLabelValues("consent_given")))
	assert.Equal(t, 0.0, testutil.ToFloat64(m.inFlight))
	assert.Equal(t, 20.0, testutil.ToFloat64(m.outcomes.WithLabelValues(outcomeRedacted, reasonNone)))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.outcomes.WithLabelValues(outcomeDeadLettered, "invalid_json")))
	assert.Equal(t, 0.0, testutil.ToFloat64(m.outcomes.WithLabelValues(outcomeRestricted, reasonNone)))
	assert.GreaterOrEqual(t, testutil.ToFloat64(m.rebalances), 1.0)
	assert.Equal(t, 2, testutil.CollectAndCount(m, "piiguard_processing_duration_seconds", "piiguard_end_to_end_latency_seconds"))

	problems, err := testutil.GatherAndLint(reg)
	require.NoError(t, err)
	assert.Empty(t, problems)

	srv := httptest.NewServer(r.e.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, name := range []string{
		"piiguard_records_consumed_total 21",
		`piiguard_records_produced_total{topic_kind="redacted"} 20`,
		`piiguard_records_dead_lettered_total{reason="invalid_json"} 1`,
		"piiguard_processing_duration_seconds_bucket",
		"piiguard_end_to_end_latency_seconds_count 21", // dead-lettered records too
		"piiguard_consumer_lag_records 0",
		"piiguard_transactions_aborted_total 0",
		"piiguard_broker_ready",
		`piiguard_rules_info{rules_version="unknown"} 1`,
		"piiguard_ready 1",
	} {
		assert.Contains(t, string(body), name)
	}
	assert.NotContains(t, string(body), "id-", "no record content in metrics")
	require.NoError(t, r.stop())
}

func TestSafeLabel(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"entity type":     {"email", "email"},
		"dotted":          {"iban.de", "iban.de"},
		"personal value":  {"jane.doe@example.com", "other"},
		"spaces":          {"credit card", "other"},
		"upper case":      {"EMAIL", "email"},
		"upper case code": {"SPECIAL_CATEGORY", "special_category"},
		"empty":           {"", "other"},
		"too long":        {strings.Repeat("a", 65), "other"},
		"phone number":    {"+49 170 1234567", "other"},
		"leading hyphen":  {"-x", "other"},
		"digits and _":    {"de_tax_id_2", "de_tax_id_2"},
		"unicode letters": {"straße", "other"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, safeLabel(tc.in))
		})
	}
}

func TestDetectionLabels(t *testing.T) {
	tests := map[string]struct {
		known []string // nil: no EntityTypes option
		out   Output
		want  map[[2]string]float64 // entity_type, action → count
	}{
		"rule types in upper case": {
			known: []string{"EMAIL", "PHONE", "IBAN"},
			out:   Output{Detections: map[string]int{"EMAIL": 2, "PHONE": 1}},
			want:  map[[2]string]float64{{"email", "unknown"}: 2, {"phone", "unknown"}: 1},
		},
		"type and action": {
			known: []string{"EMAIL", "PERSON"},
			out: Output{Detections: map[string]int{"EMAIL": 3, "PERSON": 1},
				DetectionActions: map[Detection]int{{"EMAIL", "pseudonymise"}: 2, {"EMAIL", "mask"}: 1, {"PERSON", "redact"}: 1}},
			want: map[[2]string]float64{{"email", "pseudonymise"}: 2, {"email", "mask"}: 1, {"person", "redact"}: 1},
		},
		"unknown type is other": {
			known: []string{"EMAIL"},
			out:   Output{DetectionActions: map[Detection]int{{"CUSTOMER_NO", "keep"}: 1, {"EMAIL", "keep"}: 1}},
			want:  map[[2]string]float64{{"other", "keep"}: 1, {"email", "keep"}: 1},
		},
		"value as type or action": {
			known: []string{"EMAIL"},
			out:   Output{DetectionActions: map[Detection]int{{"jane.doe@example.com", "jane"}: 1, {"EMAIL", "Jane"}: 1}},
			want:  map[[2]string]float64{{"other", "other"}: 1, {"email", "other"}: 1},
		},
		"no known types: codes in lower case": {
			out:  Output{Detections: map[string]int{"IBAN": 1, "+49 170 1234567": 1}},
			want: map[[2]string]float64{{"iban", "unknown"}: 1, {"other", "unknown"}: 1},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := newMetrics(tc.known, "")
			m.observe(&tc.out)
			got := map[[2]string]float64{}
			ch := make(chan prometheus.Metric, 16)
			m.detections.Collect(ch)
			close(ch)
			for c := range ch {
				var pb dto.Metric
				require.NoError(t, c.Write(&pb))
				lv := map[string]string{}
				for _, l := range pb.GetLabel() {
					lv[l.GetName()] = l.GetValue()
				}
				got[[2]string{lv["entity_type"], lv["action"]}] = pb.GetCounter().GetValue()
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestPartitionLag(t *testing.T) {
	e, err := New(upper{})
	require.NoError(t, err)
	a, b := topicPartition{DefaultInTopic, 0}, topicPartition{DefaultInTopic, 3}
	e.setLag(a, 5)
	e.setLag(b, -2) // a high watermark behind the last record read counts as none
	assert.Equal(t, 5.0, testutil.ToFloat64(e.metrics.partitionLag.WithLabelValues(DefaultInTopic, "0")))
	assert.Equal(t, 0.0, testutil.ToFloat64(e.metrics.partitionLag.WithLabelValues(DefaultInTopic, "3")))
	assert.Equal(t, 5.0, testutil.ToFloat64(e.metrics.lag))

	e.dropLag(map[string][]int32{DefaultInTopic: {0}})
	assert.Equal(t, 1, testutil.CollectAndCount(e.metrics.partitionLag), "partition 0 revoked")
	assert.Equal(t, 0.0, testutil.ToFloat64(e.metrics.lag))
	e.setLag(a, 7)
	e.clearLag()
	assert.Equal(t, 0, testutil.CollectAndCount(e.metrics.partitionLag), "no partition owned once stopped")
}

// TestReadyGauge checks that piiguard_ready follows Health().Ready, also where piiguard_broker_ready does not.
func TestReadyGauge(t *testing.T) {
	e, err := New(upper{})
	require.NoError(t, err)
	ready := func() float64 { return testutil.ToFloat64(e.metrics.ready) }
	assert.Equal(t, 0.0, ready(), "not running")

	e.health.running.Store(true)
	e.health.assigned.Store(true)
	e.setBrokerOK(true)
	assert.Equal(t, 1.0, ready())

	e.health.assigned.Store(false) // a rebalance took the assignment away
	assert.Equal(t, 0.0, ready())
	assert.Equal(t, 1.0, testutil.ToFloat64(e.metrics.brokerReady), "the broker still answers")
	e.health.assigned.Store(true)

	e.fetchFailed()
	assert.Equal(t, 0.0, ready(), "a fetch just failed")
	assert.Equal(t, 1.0, testutil.ToFloat64(e.metrics.brokerReady))
	e.health.fetchErrAt.Store(0)

	e.health.stopping.Store(true)
	assert.Equal(t, 0.0, ready(), "stopping")
}

func TestRulesInfo(t *testing.T) {
	tests := map[string]struct{ version, want string }{
		"packs":        {"common@1.0.0,de@1.0.0", "common@1.0.0,de@1.0.0"},
		"not set":      {"", "unknown"},
		"spaces":       {"common 1.0", "other"},
		"quote":        {`x"y`, "other"},
		"too long":     {strings.Repeat("a", 257), "other"},
		"pre-release":  {"custom@2.0.0-rc.1+b7", "custom@2.0.0-rc.1+b7"},
		"leading sign": {"@1.0", "other"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e, err := New(upper{}, RulesVersion(tc.version))
			require.NoError(t, err)
			assert.Equal(t, 1, testutil.CollectAndCount(e.metrics.rulesInfo))
			assert.Equal(t, 1.0, testutil.ToFloat64(e.metrics.rulesInfo.WithLabelValues(tc.want)))
		})
	}
}

func TestRecordOutcome(t *testing.T) {
	tests := map[string]struct {
		res             result
		outcome, reason string
	}{
		"redacted":      {result{kinds: []string{kindRedacted, kindCompliance}}, outcomeRedacted, reasonNone},
		"restricted":    {result{kinds: []string{kindRestricted, kindSubject}}, outcomeRestricted, reasonNone},
		"dead-lettered": {result{kinds: []string{kindDLQ}, reason: ReasonScanTimeout}, outcomeDeadLettered, ReasonScanTimeout},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := newMetrics(nil, "")
			m.done(&tc.res)
			assert.Equal(t, 1.0, testutil.ToFloat64(m.outcomes.WithLabelValues(tc.outcome, tc.reason)))
			ch := make(chan prometheus.Metric, 8)
			m.outcomes.Collect(ch)
			close(ch)
			var total float64
			for c := range ch {
				var pb dto.Metric
				require.NoError(t, c.Write(&pb))
				total += pb.GetCounter().GetValue()
			}
			assert.Equal(t, 1.0, total, "one outcome per record")
		})
	}
}
