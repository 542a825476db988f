package stream

import (
	"regexp"

	"github.com/prometheus/client_golang/prometheus"
)

const namespace = "piiguard"

// Output kinds, the values of the topic_kind label.
const (
	kindRedacted   = "redacted"
	kindCompliance = "compliance"
	kindDLQ        = "dlq"
)

// metrics holds the engine's Prometheus metrics. It is one Collector so that
// it registers, and lints, as a unit. No label carries a record's content:
// label values are fixed words or codes that pass safeLabel.
type metrics struct {
	consumed      prometheus.Counter
	produced      *prometheus.CounterVec
	produceErrors *prometheus.CounterVec
	deadLettered  *prometheus.CounterVec
	detections    *prometheus.CounterVec
	events        *prometheus.CounterVec
	processing    prometheus.Histogram
	endToEnd      prometheus.Histogram
	lag           prometheus.Gauge
	rebalances    prometheus.Counter
	aborted       prometheus.Counter
	inFlight      prometheus.Gauge
	brokerReady   prometheus.Gauge
}

var _ prometheus.Collector = (*metrics)(nil)

func newMetrics() *metrics {
	m := &metrics{
		consumed: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "records_consumed_total",
			Help: "Input records consumed.",
		}),
		produced: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "records_produced_total",
			Help: "Output records acknowledged by the broker, by topic kind (redacted, compliance, dlq).",
		}, []string{"topic_kind"}),
		produceErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "produce_errors_total",
			Help: "Output records the broker did not accept after retries, by topic kind.",
		}, []string{"topic_kind"}),
		deadLettered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "records_dead_lettered_total",
			Help: "Input records sent to the dead-letter topic, by reason code.",
		}, []string{"reason"}),
		detections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "detections_total",
			Help: "Personal-data findings, by entity type.",
		}, []string{"entity_type"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "compliance_events_total",
			Help: "Compliance events found, by kind.",
		}, []string{"kind"}),
		processing: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace, Name: "processing_duration_seconds",
			Help:    "Time to process one input record.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 16), // 100µs to ~3.3s
		}),
		endToEnd: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace, Name: "end_to_end_latency_seconds",
			Help:    "Time from an input record's timestamp to the acknowledgement of its last output.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 18), // 1ms to ~131s
		}),
		lag: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "consumer_lag_records",
			Help: "Records behind the high watermark, summed over this instance's partitions.",
		}),
		rebalances: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "rebalances_total",
			Help: "Consumer-group assignments received.",
		}),
		aborted: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "transactions_aborted_total",
			Help: "Kafka transactions aborted (exactly-once mode).",
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "records_in_flight",
			Help: "Input records consumed but not yet fully acknowledged.",
		}),
		brokerReady: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "broker_ready",
			Help: "1 when a broker answered the last readiness check, else 0.",
		}),
	}
	for _, k := range []string{kindRedacted, kindCompliance, kindDLQ} {
		m.produced.WithLabelValues(k)
		m.produceErrors.WithLabelValues(k)
	}
	return m
}

func (m *metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{
		m.consumed, m.produced, m.produceErrors, m.deadLettered, m.detections, m.events,
		m.processing, m.endToEnd, m.lag, m.rebalances, m.aborted, m.inFlight, m.brokerReady,
	}
}

// Describe implements prometheus.Collector.
func (m *metrics) Describe(ch chan<- *prometheus.Desc) {
	for _, c := range m.collectors() {
		c.Describe(ch)
	}
}

// Collect implements prometheus.Collector.
func (m *metrics) Collect(ch chan<- prometheus.Metric) {
	for _, c := range m.collectors() {
		c.Collect(ch)
	}
}

var labelRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

// safeLabel returns v if it looks like a code (lower-case letters, digits,
// '_', '.', '-', at most 64 bytes) and "other" otherwise, so that a
// processor bug cannot turn a personal value into a metric label.
func safeLabel(v string) string {
	if labelRE.MatchString(v) {
		return v
	}
	return "other"
}

// observe records one processed record's detections and compliance events.
func (m *metrics) observe(out *Output) {
	for t, n := range out.Detections {
		if n > 0 {
			m.detections.WithLabelValues(safeLabel(t)).Add(float64(n))
		}
	}
	for k, n := range out.EventKinds {
		if n > 0 {
			m.events.WithLabelValues(safeLabel(k)).Add(float64(n))
		}
	}
}
