package stream

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
)

const namespace = "piiguard"

// Output kinds, the values of the topic_kind label.
const (
	kindRedacted   = "redacted"
	kindCompliance = "compliance"
	kindDLQ        = "dlq"
	kindRestricted = "restricted"
	kindSubject    = "subject"
)

// metrics holds the engine's Prometheus metrics. It is one Collector so that
// it registers, and lints, as a unit. No label carries a record's content:
// label values are fixed words or codes that pass safeLabel.
type metrics struct {
	// entityTypes are the entity_type label values allowed (lower case); nil allows any code-like value.
	entityTypes   map[string]bool
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
	// partitionLag is the lag of each partition this instance owns, by topic and partition number.
	partitionLag *prometheus.GaugeVec
	// outcomes counts input records fully acknowledged, by outcome and dead-letter reason.
	outcomes *prometheus.CounterVec
	// rulesInfo is 1 for the rules version loaded (RulesVersion).
	rulesInfo *prometheus.GaugeVec
	// ready is 1 while Health().Ready, read at each scrape; nil until the Engine sets it.
	ready prometheus.GaugeFunc
}

// Outcomes, the values of the outcome label of piiguard_records_processed_total.
const (
	outcomeRedacted     = "redacted"
	outcomeRestricted   = "restricted"
	outcomeDeadLettered = "dead_lettered"
	// reasonNone is the reason label of a record that was not dead-lettered.
	reasonNone = "none"
)

var _ prometheus.Collector = (*metrics)(nil)

func newMetrics(entityTypes []string, rulesVersion string) *metrics {
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
			Help: "Personal-data findings, by entity type (lower case; other when not a type of the loaded rules) and policy action.",
		}, []string{"entity_type", "action"}),
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
		partitionLag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Name: "consumer_partition_lag_records",
			Help: "Records behind the high watermark, by input topic and partition, for the partitions this instance owns.",
		}, []string{"topic", "partition"}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "records_processed_total",
			Help: "Input records whose outputs were all acknowledged, by outcome (redacted, restricted, dead_lettered) " +
				"and dead-letter reason code (none when not dead-lettered).",
		}, []string{"outcome", "reason"}),
		rulesInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Name: "rules_info",
			Help: "1, labelled with the version of the loaded rule packs (unknown when not set).",
		}, []string{"rules_version"}),
	}
	m.outcomes.WithLabelValues(outcomeRedacted, reasonNone)
	m.outcomes.WithLabelValues(outcomeRestricted, reasonNone)
	m.rulesInfo.WithLabelValues(versionLabel(rulesVersion)).Set(1)
	for _, k := range []string{kindRedacted, kindCompliance, kindDLQ} {
		m.produced.WithLabelValues(k)
		m.produceErrors.WithLabelValues(k)
	}
	if entityTypes != nil {
		m.entityTypes = make(map[string]bool, len(entityTypes))
		for _, t := range entityTypes {
			if l := safeLabel(t); l != "other" {
				m.entityTypes[l] = true
			}
		}
	}
	return m
}

// EntityTypes sets the entity types of the loaded rules, the only values the entity_type label of
// piiguard_detections_total takes (in lower case); any other type is counted as "other". Default: any
// code-like type (letters, digits, '_', '.', '-') is accepted.
func EntityTypes(types ...string) Opt {
	return opt(func(c *config) { c.entityTypes = append([]string{}, types...) })
}

// RulesVersion sets the version of the loaded rule packs (rules.Set.Version, e.g.
// "common@1.0.0,de@1.0.0"), the rules_version label of piiguard_rules_info; a version that is not
// code-like (letters, digits, '_', '.', '@', ',', '+', '-', at most 256 bytes) is shown as "other".
// Default: "unknown".
func RulesVersion(v string) Opt {
	return opt(func(c *config) { c.rulesVersion = v })
}

var versionRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.@,+-]{0,255}$`)

// versionLabel returns the rules_version label of v: "unknown" when empty, v when code-like, else "other".
func versionLabel(v string) string {
	switch {
	case v == "":
		return "unknown"
	case versionRE.MatchString(v):
		return v
	}
	return "other"
}

// readiness sets the readiness gauge, piiguard_ready, to read ready at each scrape.
func (m *metrics) readiness(ready func() bool) {
	m.ready = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: namespace, Name: "ready",
		Help: "1 while /readyz answers 200 (running, not stopping, a broker answered, the group's assignment held, no recent fetch error), else 0.",
	}, func() float64 {
		if ready() {
			return 1
		}
		return 0
	})
}

// setPartitionLag sets the lag of one partition.
func (m *metrics) setPartitionLag(tp topicPartition, lag int64) {
	m.partitionLag.WithLabelValues(tp.topic, strconv.FormatInt(int64(tp.partition), 10)).Set(float64(lag))
}

// dropPartitionLag removes the lag series of one partition.
func (m *metrics) dropPartitionLag(tp topicPartition) {
	m.partitionLag.DeleteLabelValues(tp.topic, strconv.FormatInt(int64(tp.partition), 10))
}

// done counts one input record whose outputs were all acknowledged, by its outcome.
func (m *metrics) done(res *result) {
	switch {
	case res.reason != "":
		m.outcomes.WithLabelValues(outcomeDeadLettered, res.reason).Inc()
	case len(res.kinds) > 0 && res.kinds[0] == kindRestricted:
		m.outcomes.WithLabelValues(outcomeRestricted, reasonNone).Inc()
	default:
		m.outcomes.WithLabelValues(outcomeRedacted, reasonNone).Inc()
	}
}

func (m *metrics) collectors() []prometheus.Collector {
	cs := []prometheus.Collector{
		m.consumed, m.produced, m.produceErrors, m.deadLettered, m.detections, m.events,
		m.processing, m.endToEnd, m.lag, m.rebalances, m.aborted, m.inFlight, m.brokerReady,
		m.partitionLag, m.outcomes, m.rulesInfo,
	}
	if m.ready != nil {
		cs = append(cs, m.ready)
	}
	return cs
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

// safeLabel returns v in lower case if it looks like a code (ASCII letters,
// digits, '_', '.', '-', at most 64 bytes) and "other" otherwise, so that a
// processor bug cannot turn a personal value into a metric label.
func safeLabel(v string) string {
	if l := strings.ToLower(v); labelRE.MatchString(l) {
		return l
	}
	return "other"
}

// actions are the values of the action label: the policy actions, else "other".
var actions = map[string]bool{"pseudonymise": true, "mask": true, "redact": true, "generalise": true,
	"drop": true, "keep": true}

// typeLabel returns the entity_type label of type t: t in lower case when it is a known type, else "other".
func (m *metrics) typeLabel(t string) string {
	l := safeLabel(t)
	if m.entityTypes != nil && !m.entityTypes[l] {
		return "other"
	}
	return l
}

// observe records one processed record's detections and compliance events.
func (m *metrics) observe(out *Output) {
	if out.DetectionActions != nil {
		for d, n := range out.DetectionActions {
			if n > 0 {
				a := safeLabel(d.Action)
				if !actions[a] {
					a = "other"
				}
				m.detections.WithLabelValues(m.typeLabel(d.Type), a).Add(float64(n))
			}
		}
	} else {
		for t, n := range out.Detections {
			if n > 0 {
				m.detections.WithLabelValues(m.typeLabel(t), "unknown").Add(float64(n))
			}
		}
	}
	for k, n := range out.EventKinds {
		if n > 0 {
			m.events.WithLabelValues(safeLabel(k)).Add(float64(n))
		}
	}
}
