package broker

import (
	"errors"
	"fmt"
	"net"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Defaults: the address and partition count of a broker, and the topic
// names, which are the stream engine's defaults too.
const (
	DefaultAddr            = "127.0.0.1:9092"
	DefaultPartitions      = 6
	DefaultInTopic         = "interactions.raw"
	DefaultOutTopic        = "interactions.redacted"
	DefaultComplianceTopic = "interactions.compliance"
	DefaultDLQTopic        = "interactions.dlq"
	DefaultRestrictedTopic = "interactions.restricted"
	DefaultSubjectsTopic   = "interactions.subjects"
)

// DefaultTopics returns the five topics a broker creates by default: raw,
// redacted, compliance, dead-letter and restricted.
func DefaultTopics() []string {
	return []string{DefaultInTopic, DefaultOutTopic, DefaultComplianceTopic, DefaultDLQTopic, DefaultRestrictedTopic}
}

// DefaultCompactedTopics returns the topics a broker creates by default with
// cleanup.policy=compact: the subject-state topic.
func DefaultCompactedTopics() []string { return []string{DefaultSubjectsTopic} }

// Opt configures a Broker.
type Opt interface{ apply(*config) }

type opt func(*config)

func (o opt) apply(c *config) { o(c) }

type config struct {
	addr        string
	partitions  int
	topics      []string
	compacted   []string
	dataDir     string
	clusterOpts []kfake.Opt
}

func defaults() config {
	return config{
		addr:       DefaultAddr,
		partitions: DefaultPartitions,
		topics:     DefaultTopics(),
		compacted:  DefaultCompactedTopics(),
	}
}

// Addr sets the host:port to listen on, overriding the default 127.0.0.1:9092.
// Port 0 picks any free port; read it back with [Broker.Addrs].
func Addr(hostport string) Opt { return opt(func(c *config) { c.addr = hostport }) }

// Partitions sets how many partitions each created topic has, overriding the
// default 6. Topics that clients create later with -1 partitions get this many too.
func Partitions(n int) Opt { return opt(func(c *config) { c.partitions = n }) }

// Topics sets the topics created at start, overriding the default five
// (interactions.raw, interactions.redacted, interactions.compliance,
// interactions.dlq, interactions.restricted). No topics at all is allowed.
func Topics(topics ...string) Opt {
	return opt(func(c *config) { c.topics = append([]string(nil), topics...) })
}

// CompactedTopics sets the topics created at start with
// cleanup.policy=compact, overriding the default interactions.subjects. None
// at all is allowed.
func CompactedTopics(topics ...string) Opt {
	return opt(func(c *config) { c.compacted = append([]string(nil), topics...) })
}

// DataDir keeps the broker's log, offsets and groups in dir across restarts,
// overriding the default of keeping everything in memory.
func DataDir(dir string) Opt { return opt(func(c *config) { c.dataDir = dir }) }

// ClusterOpts passes extra kfake options, applied after the ones derived from
// the other options (for tests and tuning, e.g. kfake.GroupMinSessionTimeout).
// Default none.
func ClusterOpts(opts ...kfake.Opt) Opt {
	return opt(func(c *config) { c.clusterOpts = append(c.clusterOpts, opts...) })
}

func (c *config) validate() error {
	if _, _, err := net.SplitHostPort(c.addr); err != nil {
		return fmt.Errorf("broker: address %q: %w", c.addr, err)
	}
	if c.partitions < 1 || c.partitions > 1024 {
		return fmt.Errorf("broker: partitions %d out of range [1, 1024]", c.partitions)
	}
	for _, t := range append(c.topics, c.compacted...) {
		if t == "" {
			return errors.New("broker: empty topic name")
		}
	}
	return nil
}
