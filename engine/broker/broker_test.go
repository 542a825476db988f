package broker

import (
	"context"
	"net"
	"sort"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

func start(t *testing.T, opts ...Opt) *Broker {
	t.Helper()
	b, err := Start(context.Background(), append([]Opt{Addr("127.0.0.1:0")}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(b.Close)
	return b
}

// topics lists topic → partition count with franz-go's admin client.
func topics(t *testing.T, addr string) map[string]int {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	require.NoError(t, err)
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	td, err := kadm.NewClient(cl).ListTopics(ctx)
	require.NoError(t, err)
	out := map[string]int{}
	for name, d := range td {
		out[name] = len(d.Partitions)
	}
	return out
}

func TestStartCreatesTopics(t *testing.T) {
	tests := map[string]struct {
		opts []Opt
		want map[string]int
	}{
		"defaults": {want: map[string]int{
			DefaultInTopic: 6, DefaultOutTopic: 6, DefaultComplianceTopic: 6, DefaultDLQTopic: 6,
			DefaultRestrictedTopic: 6, DefaultSubjectsTopic: 6,
		}},
		"partitions": {opts: []Opt{Partitions(2)}, want: map[string]int{DefaultInTopic: 2, DefaultOutTopic: 2,
			DefaultComplianceTopic: 2, DefaultDLQTopic: 2, DefaultRestrictedTopic: 2, DefaultSubjectsTopic: 2}},
		"own topics": {opts: []Opt{Topics("a", "b"), CompactedTopics("c"), Partitions(3)},
			want: map[string]int{"a": 3, "b": 3, "c": 3}},
		"no topics at all": {opts: []Opt{Topics(), CompactedTopics()}, want: map[string]int{}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			b := start(t, tc.opts...)
			addrs := b.Addrs()
			require.Len(t, addrs, 1)
			host, port, err := net.SplitHostPort(addrs[0])
			require.NoError(t, err)
			assert.Equal(t, "127.0.0.1", host)
			assert.NotEqual(t, "0", port, "port 0 picks a real port")
			assert.Equal(t, tc.want, topics(t, addrs[0]))
		})
	}
}

func TestStartRejectsBadOptions(t *testing.T) {
	tests := map[string][]Opt{
		"no port":          {Addr("localhost")},
		"zero partitions":  {Addr("127.0.0.1:0"), Partitions(0)},
		"empty topic name": {Addr("127.0.0.1:0"), Topics("a", "")},
	}
	for name, opts := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Start(context.Background(), opts...)
			require.Error(t, err)
		})
	}
}

func TestStartOnBusyAddressFails(t *testing.T) {
	b := start(t)
	_, err := Start(context.Background(), Addr(b.Addrs()[0]))
	require.Error(t, err)
}

// TestSpeaksKafka round-trips records through an independent client.
func TestSpeaksKafka(t *testing.T) {
	b := start(t)
	addr := b.Addrs()[0]
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: DefaultInTopic, Balancer: kafka.Murmur2Balancer{},
		BatchTimeout: 5 * time.Millisecond, RequiredAcks: kafka.RequireAll}
	require.NoError(t, w.WriteMessages(ctx,
		kafka.Message{Key: []byte("a"), Value: []byte("one")},
		kafka.Message{Key: []byte("a"), Value: []byte("two")},
	))
	require.NoError(t, w.Close())

	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{addr}, Topic: DefaultInTopic, GroupID: "test",
		MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 50 * time.Millisecond, StartOffset: kafka.FirstOffset})
	defer r.Close()
	var got []string
	for len(got) < 2 {
		m, err := r.ReadMessage(ctx)
		require.NoError(t, err)
		got = append(got, string(m.Value))
	}
	assert.Equal(t, []string{"one", "two"}, got, "one key, one partition, in order")
}

func TestCloseAndContextStopTheBroker(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b, err := Start(ctx, Addr("127.0.0.1:0"))
	require.NoError(t, err)
	addr := b.Addrs()[0]
	cancel()
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 5*time.Second, 10*time.Millisecond)
	b.Close()
	b.Close() // idempotent
}

func TestDataDirSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	b, err := Start(context.Background(), Addr("127.0.0.1:0"), DataDir(dir), Topics("kept"), Partitions(1))
	require.NoError(t, err)
	addr := b.Addrs()[0]
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, cl.ProduceSync(ctx, &kgo.Record{Topic: "kept", Value: []byte("still here")}).FirstErr())
	cl.Close()
	b.Close()

	b2 := start(t, DataDir(dir))
	cl, err = kgo.NewClient(kgo.SeedBrokers(b2.Addrs()[0]), kgo.ConsumeTopics("kept"))
	require.NoError(t, err)
	defer cl.Close()
	fs := cl.PollFetches(ctx)
	require.NoError(t, fs.Err0())
	var vals []string
	fs.EachRecord(func(r *kgo.Record) { vals = append(vals, string(r.Value)) })
	sort.Strings(vals)
	assert.Equal(t, []string{"still here"}, vals)
	assert.Contains(t, topics(t, b2.Addrs()[0]), "kept", "topics come back too")
}

func TestStartCompactsTheSubjectTopic(t *testing.T) {
	b := start(t)
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()[0]))
	require.NoError(t, err)
	defer cl.Close()
	rc, err := kadm.NewClient(cl).DescribeTopicConfigs(t.Context(), DefaultSubjectsTopic, DefaultOutTopic)
	require.NoError(t, err)
	policy := map[string]string{}
	for _, r := range rc {
		require.NoError(t, r.Err)
		for _, c := range r.Configs {
			if c.Key == "cleanup.policy" && c.Value != nil {
				policy[r.Name] = *c.Value
			}
		}
	}
	assert.Equal(t, "compact", policy[DefaultSubjectsTopic])
	assert.NotEqual(t, "compact", policy[DefaultOutTopic])
}
