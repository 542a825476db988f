package stream

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"log/slog"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/piiguard/piiguard/engine/broker"
)

// selfSigned returns a server certificate for 127.0.0.1 that no client
// trusts.
func selfSigned(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kfake"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// TestTLSThatCannotWorkFailsFast configures TLS that cannot work: against a
// plaintext listener, and against a TLS listener whose certificate is not
// trusted. Every failed handshake is an ERROR and Run stops with an error
// after a bounded number of attempts.
func TestTLSThatCannotWorkFailsFast(t *testing.T) {
	tests := map[string]struct {
		broker []broker.Opt
	}{
		"TLS against a plaintext listener": {},
		"untrusted broker certificate": {broker: []broker.Opt{broker.ClusterOpts(kfake.TLS(&tls.Config{
			Certificates: []tls.Certificate{selfSigned(t)}}))}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			addr := startBroker(t, tc.broker...)
			var buf syncBuffer
			log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
			r := start(t, upper{}, testOpts(addr, TLS(&tls.Config{MinVersion: tls.VersionTLS12}), withDialTimeout(300*time.Millisecond), Logger(log))...)
			err := r.wait(t, 30*time.Second)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "TLS handshake failed")
			assert.False(t, r.e.Health().Live)
			assert.False(t, r.e.Health().Ready)
			assert.Contains(t, buf.String(), `level=ERROR msg="TLS handshake failed`)
		})
	}
}

// TestTLSWorks connects over TLS to a broker whose certificate is trusted:
// the engine joins its group and is ready, with no security error.
func TestTLSWorks(t *testing.T) {
	cert := selfSigned(t)
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	require.NoError(t, err)
	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	addr := startBroker(t, broker.ClusterOpts(kfake.TLS(&tls.Config{Certificates: []tls.Certificate{cert}})))
	r := start(t, upper{}, testOpts(addr, TLS(&tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}))...)
	require.Eventually(t, func() bool { return r.e.Health().Ready }, 15*time.Second, 10*time.Millisecond)
	assert.Zero(t, r.e.securityFailures.Load())
	require.NoError(t, r.stop())
}
