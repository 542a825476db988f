package broker

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
)

// Broker is a running embedded broker. It is safe for concurrent use.
type Broker struct {
	cluster *kfake.Cluster
	once    sync.Once
	stop    func() bool
}

// Start starts a one-node broker listening on the configured address with the
// configured topics already created. It runs until Close is called or ctx is
// done.
func Start(ctx context.Context, opts ...Opt) (*Broker, error) {
	cfg := defaults()
	for _, o := range opts {
		o.apply(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	addr := cfg.addr
	kopts := []kfake.Opt{
		kfake.NumBrokers(1),
		// kfake listens on 127.0.0.1 only; ListenFn lets us honour the
		// configured host as well as the port.
		kfake.ListenFn(func(network, _ string) (net.Listener, error) {
			return net.Listen(network, addr)
		}),
		kfake.DefaultNumPartitions(cfg.partitions),
		kfake.ClusterID("piiguard"),
	}
	if len(cfg.topics) > 0 {
		kopts = append(kopts, kfake.SeedTopics(int32(cfg.partitions), cfg.topics...))
	}
	if cfg.dataDir != "" {
		kopts = append(kopts, kfake.DataDir(cfg.dataDir))
	}
	kopts = append(kopts, cfg.clusterOpts...)
	c, err := kfake.NewCluster(kopts...)
	if err != nil {
		return nil, fmt.Errorf("broker: start on %s: %w", addr, err)
	}
	for _, t := range cfg.compacted {
		err := c.CreateTopic(t, int32(cfg.partitions), map[string]string{"cleanup.policy": "compact"})
		if err != nil && !errors.Is(err, kerr.TopicAlreadyExists) { // kept in DataDir
			c.Close()
			return nil, fmt.Errorf("broker: create topic %s: %w", t, err)
		}
	}
	b := &Broker{cluster: c}
	b.stop = context.AfterFunc(ctx, b.closeCluster)
	return b, nil
}

// Addrs returns the host:port addresses the broker listens on, to use as
// bootstrap brokers.
func (b *Broker) Addrs() []string { return b.cluster.ListenAddrs() }

// Cluster returns the underlying kfake cluster, for fault injection in tests
// (Fault, ControlKey).
func (b *Broker) Cluster() *kfake.Cluster { return b.cluster }

// Close stops the broker; with DataDir it saves its state first. It is safe to
// call more than once.
func (b *Broker) Close() {
	b.stop()
	b.closeCluster()
}

func (b *Broker) closeCluster() { b.once.Do(b.cluster.Close) }
