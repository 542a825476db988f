package stream

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// Defaults of the options below.
const (
	DefaultBroker                = "127.0.0.1:9092"
	DefaultInTopic               = "interactions.raw"
	DefaultOutTopic              = "interactions.redacted"
	DefaultComplianceTopic       = "interactions.compliance"
	DefaultDLQTopic              = "interactions.dlq"
	DefaultRestrictedTopic       = "interactions.restricted"
	DefaultSubjectsTopic         = "interactions.subjects"
	DefaultGroup                 = "piiguard"
	DefaultClientID              = "piiguard"
	DefaultMaxRecordBytes        = 4 << 20
	DefaultMaxInFlight           = 4096
	DefaultProcessTimeout        = 5 * time.Second
	DefaultCompression           = "lz4"
	DefaultSessionTimeout        = 45 * time.Second
	DefaultCommitInterval        = 5 * time.Second
	DefaultDrainTimeout          = 30 * time.Second
	DefaultProducerBatchMaxBytes = 1000012
)

// Opt configures an Engine.
type Opt interface{ apply(*config) }

type opt func(*config)

func (o opt) apply(c *config) { o(c) }

type config struct {
	brokers         []string
	inTopics        []string
	outTopic        string
	complianceTopic string
	dlqTopic        string
	restrictedTopic string
	subjectsTopic   string
	group           string
	clientID        string
	workers         int
	maxRecordBytes  int
	maxInFlight     int
	processTimeout  time.Duration
	exactlyOnce     bool
	txnID           string
	tls             *tls.Config
	saslMechanism   string
	saslUser        string
	saslPass        string
	logger          *slog.Logger
	registerer      prometheus.Registerer
	compression     string
	sessionTimeout  time.Duration
	commitInterval  time.Duration
	drainTimeout    time.Duration
	batchMaxBytes   int32
	kgoExtra        []kgo.Opt     // tests only: appended to the client options
	pingInterval    time.Duration // how often Run checks that a broker answers
	dialTimeout     time.Duration // bounds a connection with TLS, handshake included
	logEvery        time.Duration // how often one identical warning is logged at most
	entityTypes     []string      // metric label values of entity_type; nil: any code
	rulesVersion    string        // rules_version label of piiguard_rules_info; "": unknown
}

func defaults() config {
	return config{
		brokers:         []string{DefaultBroker},
		inTopics:        []string{DefaultInTopic},
		outTopic:        DefaultOutTopic,
		complianceTopic: DefaultComplianceTopic,
		dlqTopic:        DefaultDLQTopic,
		restrictedTopic: DefaultRestrictedTopic,
		subjectsTopic:   DefaultSubjectsTopic,
		group:           DefaultGroup,
		clientID:        DefaultClientID,
		workers:         runtime.GOMAXPROCS(0),
		maxRecordBytes:  DefaultMaxRecordBytes,
		maxInFlight:     DefaultMaxInFlight,
		processTimeout:  DefaultProcessTimeout,
		compression:     DefaultCompression,
		sessionTimeout:  DefaultSessionTimeout,
		commitInterval:  DefaultCommitInterval,
		drainTimeout:    DefaultDrainTimeout,
		batchMaxBytes:   DefaultProducerBatchMaxBytes,
		pingInterval:    2 * time.Second,
		dialTimeout:     10 * time.Second,
		logEvery:        DefaultLogEvery,
		logger:          slog.Default(),
	}
}

// Brokers sets the bootstrap brokers (host:port), overriding the default 127.0.0.1:9092.
func Brokers(addrs ...string) Opt {
	return opt(func(c *config) { c.brokers = append([]string(nil), addrs...) })
}

// InTopics sets the topics to consume, overriding the default interactions.raw.
func InTopics(topics ...string) Opt {
	return opt(func(c *config) { c.inTopics = append([]string(nil), topics...) })
}

// OutTopic sets the redacted topic, overriding the default interactions.redacted.
func OutTopic(topic string) Opt { return opt(func(c *config) { c.outTopic = topic }) }

// ComplianceTopic sets the compliance-event topic, overriding the default interactions.compliance.
func ComplianceTopic(topic string) Opt { return opt(func(c *config) { c.complianceTopic = topic }) }

// DLQTopic sets the dead-letter topic, overriding the default interactions.dlq.
func DLQTopic(topic string) Opt { return opt(func(c *config) { c.dlqTopic = topic }) }

// RestrictedTopic sets the topic that receives the redacted records of subjects who objected to all
// processing, asked for restriction or erasure, overriding the default interactions.restricted.
func RestrictedTopic(topic string) Opt { return opt(func(c *config) { c.restrictedTopic = topic }) }

// SubjectsTopic sets the compacted subject-state topic, overriding the default interactions.subjects.
func SubjectsTopic(topic string) Opt { return opt(func(c *config) { c.subjectsTopic = topic }) }

// Group sets the consumer group, overriding the default piiguard.
func Group(group string) Opt { return opt(func(c *config) { c.group = group }) }

// ClientID sets the Kafka client id, overriding the default piiguard.
func ClientID(id string) Opt { return opt(func(c *config) { c.clientID = id }) }

// Workers sets how many records are processed at once, overriding the default GOMAXPROCS; 1 to 1024.
func Workers(n int) Opt { return opt(func(c *config) { c.workers = n }) }

// MaxRecordBytes sets the largest input (key, value and headers) that is processed, overriding the
// default 4 MiB; larger records are dead-lettered with reason too_large without being processed.
func MaxRecordBytes(n int) Opt { return opt(func(c *config) { c.maxRecordBytes = n }) }

// MaxInFlight bounds the input records consumed but not yet fully acknowledged, overriding the default
// 4096; 1 to 1,048,576. Fetching pauses while the bound is reached.
func MaxInFlight(n int) Opt { return opt(func(c *config) { c.maxInFlight = n }) }

// ProcessTimeout bounds one Process call, overriding the default 5s; a record that takes longer is
// dead-lettered with reason scan_timeout. 1ms to 10m.
func ProcessTimeout(d time.Duration) Opt { return opt(func(c *config) { c.processTimeout = d }) }

// ExactlyOnce switches from at-least-once (the default, false) to Kafka transactions: outputs and
// input offsets commit atomically; read the outputs with isolation level read_committed.
func ExactlyOnce(enabled bool) Opt { return opt(func(c *config) { c.exactlyOnce = enabled }) }

// TransactionalID sets the transactional id used with ExactlyOnce, overriding the default of the
// group name, "-" and 16 random hex digits (unique per engine). It must be unique per running engine.
func TransactionalID(id string) Opt { return opt(func(c *config) { c.txnID = id }) }

// TLS enables TLS with the given configuration, overriding the default plaintext.
func TLS(cfg *tls.Config) Opt { return opt(func(c *config) { c.tls = cfg }) }

// SASL enables SASL authentication, overriding the default none. Mechanism is plain,
// scram-sha-256 or scram-sha-512 (case-insensitive).
func SASL(mechanism, user, password string) Opt {
	return opt(func(c *config) { c.saslMechanism, c.saslUser, c.saslPass = mechanism, user, password })
}

// Logger sets the structured logger, overriding the default slog.Default(); nil discards logs.
// Nothing a record contains is ever logged.
func Logger(l *slog.Logger) Opt {
	return opt(func(c *config) { c.logger = l })
}

// Registerer sets where metrics are registered, overriding the default of a fresh registry served
// by Handler. If it is also a prometheus.Gatherer (as *prometheus.Registry is), Handler serves it;
// otherwise Handler serves prometheus.DefaultGatherer.
func Registerer(r prometheus.Registerer) Opt { return opt(func(c *config) { c.registerer = r }) }

// Compression sets the produce compression codec: none, gzip, snappy, lz4 or zstd, overriding the
// default lz4.
func Compression(codec string) Opt { return opt(func(c *config) { c.compression = codec }) }

// SessionTimeout sets the consumer-group session timeout, overriding the default 45s; 1s to 1h.
// The heartbeat interval is a third of it, at most 3s.
func SessionTimeout(d time.Duration) Opt { return opt(func(c *config) { c.sessionTimeout = d }) }

// CommitInterval sets how often acknowledged offsets are committed in at-least-once mode,
// overriding the default 5s; 100ms to 1h. Offsets are also committed on revoke and shutdown.
func CommitInterval(d time.Duration) Opt { return opt(func(c *config) { c.commitInterval = d }) }

// DrainTimeout bounds how long shutdown and partition revocation wait for in-flight records to be
// acknowledged, overriding the default 30s; 1ms to 10m. Records not acknowledged by then are not
// committed and are processed again later.
func DrainTimeout(d time.Duration) Opt { return opt(func(c *config) { c.drainTimeout = d }) }

// ProducerBatchMaxBytes sets the largest produce batch, overriding the default 1,000,012 bytes
// (Kafka's default max.message.bytes); 16 KiB to 1 GiB. An output that cannot fit is dead-lettered
// with reason output_too_large. Raise it only together with the topics' max.message.bytes.
func ProducerBatchMaxBytes(n int32) Opt { return opt(func(c *config) { c.batchMaxBytes = n }) }

// withKgoOpts appends raw client options; tests use it to shorten franz-go's
// backoffs.
func withKgoOpts(opts ...kgo.Opt) Opt {
	return opt(func(c *config) { c.kgoExtra = append(c.kgoExtra, opts...) })
}

// withPingInterval sets how often Run checks broker reachability; tests
// shorten it.
func withPingInterval(d time.Duration) Opt { return opt(func(c *config) { c.pingInterval = d }) }

// withDialTimeout bounds a TLS connection and its handshake (default 10s,
// as franz-go's); tests shorten it.
func withDialTimeout(d time.Duration) Opt { return opt(func(c *config) { c.dialTimeout = d }) }

func (c *config) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("stream: "+format, args...)) }
	if len(c.brokers) == 0 {
		bad("no brokers")
	}
	for _, b := range c.brokers {
		if strings.TrimSpace(b) == "" {
			bad("empty broker address")
		}
	}
	if len(c.inTopics) == 0 {
		bad("no input topics")
	}
	outs := map[string]string{"out": c.outTopic, "compliance": c.complianceTopic, "dead-letter": c.dlqTopic,
		"restricted": c.restrictedTopic, "subject-state": c.subjectsTopic}
	for name, t := range outs {
		if t == "" {
			bad("empty %s topic", name)
		}
		for _, in := range c.inTopics {
			if in == t && t != "" {
				bad("%s topic %q is also an input topic", name, t)
			}
		}
	}
	for _, in := range c.inTopics {
		if in == "" {
			bad("empty input topic")
		}
	}
	if c.group == "" {
		bad("empty group")
	}
	if c.workers < 1 || c.workers > 1024 {
		bad("workers %d out of range [1, 1024]", c.workers)
	}
	if c.maxRecordBytes < 1 || c.maxRecordBytes > 1<<30 {
		bad("max record bytes %d out of range [1, 1 GiB]", c.maxRecordBytes)
	}
	if c.maxInFlight < 1 || c.maxInFlight > 1<<20 {
		bad("max in flight %d out of range [1, 1048576]", c.maxInFlight)
	}
	if c.processTimeout < time.Millisecond || c.processTimeout > 10*time.Minute {
		bad("process timeout %v out of range [1ms, 10m]", c.processTimeout)
	}
	if c.sessionTimeout < time.Second || c.sessionTimeout > time.Hour {
		bad("session timeout %v out of range [1s, 1h]", c.sessionTimeout)
	}
	if c.commitInterval < 100*time.Millisecond || c.commitInterval > time.Hour {
		bad("commit interval %v out of range [100ms, 1h]", c.commitInterval)
	}
	if c.drainTimeout < time.Millisecond || c.drainTimeout > 10*time.Minute {
		bad("drain timeout %v out of range [1ms, 10m]", c.drainTimeout)
	}
	if c.batchMaxBytes < 16<<10 || c.batchMaxBytes > 1<<30 {
		bad("producer batch max bytes %d out of range [16 KiB, 1 GiB]", c.batchMaxBytes)
	}
	if _, err := c.codec(); err != nil {
		errs = append(errs, err)
	}
	if _, err := c.mechanism(); err != nil {
		errs = append(errs, err)
	}
	if c.txnID != "" && !c.exactlyOnce {
		bad("transactional id set without exactly-once")
	}
	return errors.Join(errs...)
}

func (c *config) codec() (kgo.CompressionCodec, error) {
	switch strings.ToLower(c.compression) {
	case "none", "":
		return kgo.NoCompression(), nil
	case "gzip":
		return kgo.GzipCompression(), nil
	case "snappy":
		return kgo.SnappyCompression(), nil
	case "lz4":
		return kgo.Lz4Compression(), nil
	case "zstd":
		return kgo.ZstdCompression(), nil
	}
	return kgo.CompressionCodec{}, fmt.Errorf("stream: unknown compression %q (want none, gzip, snappy, lz4 or zstd)", c.compression)
}

func (c *config) mechanism() (sasl.Mechanism, error) {
	if c.saslMechanism == "" && c.saslUser == "" && c.saslPass == "" {
		return nil, nil
	}
	if c.saslUser == "" {
		return nil, errors.New("stream: SASL needs a user")
	}
	switch strings.ToLower(c.saslMechanism) {
	case "plain":
		return plain.Auth{User: c.saslUser, Pass: c.saslPass}.AsMechanism(), nil
	case "scram-sha-256":
		return scram.Auth{User: c.saslUser, Pass: c.saslPass}.AsSha256Mechanism(), nil
	case "scram-sha-512":
		return scram.Auth{User: c.saslUser, Pass: c.saslPass}.AsSha512Mechanism(), nil
	}
	return nil, fmt.Errorf("stream: unknown SASL mechanism %q (want plain, scram-sha-256 or scram-sha-512)", c.saslMechanism)
}

// transactionalID returns the configured id or a fresh unique one.
func (c *config) transactionalID() string {
	if c.txnID != "" {
		return c.txnID
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return c.group + "-" + hex.EncodeToString(b[:])
}

// heartbeat is a third of the session timeout, at most kgo's default 3s.
func (c *config) heartbeat() time.Duration {
	return min(c.sessionTimeout/3, 3*time.Second)
}
