package stream

import (
	"crypto/tls"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine/broker"
)

func TestNewValidatesOptions(t *testing.T) {
	tests := map[string]struct {
		opts    []Opt
		wantErr string
	}{
		"defaults":               {},
		"all set":                {opts: []Opt{Brokers("a:9092", "b:9092"), InTopics("x", "y"), OutTopic("o"), ComplianceTopic("c"), DLQTopic("d"), Group("g"), ClientID("id"), Workers(8), MaxRecordBytes(1 << 20), MaxInFlight(100), ProcessTimeout(time.Second), ExactlyOnce(true), TransactionalID("tx"), TLS(&tls.Config{}), SASL("SCRAM-SHA-512", "u", "p"), Compression("zstd"), SessionTimeout(10 * time.Second), CommitInterval(time.Second), DrainTimeout(time.Minute), ProducerBatchMaxBytes(4 << 20)}},
		"sasl plain":             {opts: []Opt{SASL("plain", "u", "p")}},
		"sasl scram-sha-256":     {opts: []Opt{SASL("scram-sha-256", "u", "p")}},
		"no brokers":             {opts: []Opt{Brokers()}, wantErr: "no brokers"},
		"empty broker":           {opts: []Opt{Brokers(" ")}, wantErr: "empty broker"},
		"no input topics":        {opts: []Opt{InTopics()}, wantErr: "no input topics"},
		"output is input":        {opts: []Opt{OutTopic(DefaultInTopic)}, wantErr: "also an input topic"},
		"dlq is input":           {opts: []Opt{DLQTopic(DefaultInTopic)}, wantErr: "also an input topic"},
		"empty compliance topic": {opts: []Opt{ComplianceTopic("")}, wantErr: "empty compliance topic"},
		"empty group":            {opts: []Opt{Group("")}, wantErr: "empty group"},
		"zero workers":           {opts: []Opt{Workers(0)}, wantErr: "workers 0"},
		"too many workers":       {opts: []Opt{Workers(5000)}, wantErr: "workers 5000"},
		"zero max record bytes":  {opts: []Opt{MaxRecordBytes(0)}, wantErr: "max record bytes"},
		"zero in flight":         {opts: []Opt{MaxInFlight(0)}, wantErr: "max in flight"},
		"tiny process timeout":   {opts: []Opt{ProcessTimeout(time.Microsecond)}, wantErr: "process timeout"},
		"short session":          {opts: []Opt{SessionTimeout(100 * time.Millisecond)}, wantErr: "session timeout"},
		"short commit interval":  {opts: []Opt{CommitInterval(time.Millisecond)}, wantErr: "commit interval"},
		"zero drain":             {opts: []Opt{DrainTimeout(0)}, wantErr: "drain timeout"},
		"small batch":            {opts: []Opt{ProducerBatchMaxBytes(100)}, wantErr: "batch max bytes"},
		"unknown compression":    {opts: []Opt{Compression("brotli")}, wantErr: "unknown compression"},
		"unknown sasl":           {opts: []Opt{SASL("gssapi", "u", "p")}, wantErr: "unknown SASL mechanism"},
		"sasl without user":      {opts: []Opt{SASL("plain", "", "p")}, wantErr: "SASL needs a user"},
		"txn id without eos":     {opts: []Opt{TransactionalID("tx")}, wantErr: "without exactly-once"},
		"several errors at once": {opts: []Opt{Workers(0), MaxInFlight(0)}, wantErr: "max in flight"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := New(upper{}, tc.opts...)
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestNewRejectsNilProcessor(t *testing.T) {
	_, err := New(nil)
	require.Error(t, err)
}

func TestNewRegistersMetricsOnce(t *testing.T) {
	reg := prometheus.NewRegistry()
	_, err := New(upper{}, Registerer(reg))
	require.NoError(t, err)
	_, err = New(upper{}, Registerer(reg))
	require.Error(t, err, "two engines cannot share a registry")
}

func TestDefaultsMatchEmbeddedBroker(t *testing.T) {
	assert.Equal(t, []string{DefaultInTopic, DefaultOutTopic, DefaultComplianceTopic, DefaultDLQTopic, DefaultRestrictedTopic},
		broker.DefaultTopics())
	assert.Equal(t, []string{DefaultSubjectsTopic}, broker.DefaultCompactedTopics())
	assert.Equal(t, DefaultBroker, broker.DefaultAddr)
}

func TestTransactionalIDDefaultsUnique(t *testing.T) {
	c := defaults()
	a, b := c.transactionalID(), c.transactionalID()
	assert.NotEqual(t, a, b)
	assert.Regexp(t, `^piiguard-[0-9a-f]{16}$`, a)
	c.txnID = "fixed"
	assert.Equal(t, "fixed", c.transactionalID())
}
