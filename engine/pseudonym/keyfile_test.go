package pseudonym

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testSecret returns n bytes counting up from start, a recognisable fake secret.
func testSecret(start byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = start + byte(i)
	}
	return b
}

func TestParseKeyring(t *testing.T) {
	s1 := base64.StdEncoding.EncodeToString(testSecret(1, 32))
	s2 := base64.StdEncoding.EncodeToString(testSecret(100, 16))
	ring, err := ParseKeyring([]byte(`# piiguard key file: keep it secret
active: k2
keys:
  - id: k1
    created: 2026-11-22T12:00:00Z
    secret: ` + s1 + `
  - id: k2
    secret: ` + s2 + `
  - id: k3
    created: 2025-01-31
    secret: ` + s1 + `
`))
	require.NoError(t, err)
	assert.Equal(t, "k2", ring.ActiveID())
	assert.Equal(t, []string{"k1", "k2", "k3"}, ring.IDs())

	k1, ok := ring.Key("k1")
	require.True(t, ok)
	assert.Equal(t, "k1", k1.ID())
	assert.Equal(t, time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC), k1.Created().UTC())
	assert.Equal(t, testSecret(1, 32), k1.secret)

	k2, ok := ring.Key("k2")
	require.True(t, ok)
	assert.True(t, k2.Created().IsZero(), "created is optional")
	assert.Equal(t, testSecret(100, 16), k2.secret)

	k3, ok := ring.Key("k3")
	require.True(t, ok)
	assert.Equal(t, time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), k3.Created())

	_, ok = ring.Key("k4")
	assert.False(t, ok)
}

func TestParseKeyringErrors(t *testing.T) {
	secret := base64.StdEncoding.EncodeToString(testSecret(1, 32))
	short := base64.StdEncoding.EncodeToString(testSecret(1, 15))
	badB64 := "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY!!" + secret[:8]
	tests := map[string]struct {
		file    string
		want    string
		secrets []string // texts the error must not contain
	}{
		"empty file": {file: "", want: "empty"},
		"missing active": {
			file: "keys:\n  - id: k1\n    secret: " + secret + "\n",
			want: "active is missing",
		},
		"active not in keys": {
			file: "active: k9\nkeys:\n  - id: k1\n    secret: " + secret + "\n",
			want: `active names key "k9", which is not in keys`,
		},
		"invalid active": {
			file: "active: " + secret + "\nkeys:\n  - id: k1\n    secret: " + secret + "\n",
			want: "active: key id must match",
		},
		"unknown field": {
			file: "active: k1\nkeys:\n  - id: k1\n    secrett: " + secret + "\n",
			want: "field secrett not found",
		},
		"unknown top-level field": {
			file: "active: k1\nalgorithm: md5\nkeys:\n  - id: k1\n    secret: " + secret + "\n",
			want: "field algorithm not found",
		},
		"bad base64": {
			file: "active: k1\nkeys:\n  - id: k1\n    secret: " + badB64 + "\n",
			want: `keys[0] (id "k1"): secret is not standard base64`,
		},
		"short secret": {
			file: "active: k1\nkeys:\n  - id: k1\n    secret: " + short + "\n",
			want: `keys[0] (id "k1"): secret is 15 bytes, need at least 16`,
		},
		"missing secret": {
			file: "active: k1\nkeys:\n  - id: k1\n",
			want: `keys[0] (id "k1"): secret is missing`,
		},
		"duplicate id": {
			file: "active: k1\nkeys:\n  - id: k1\n    secret: " + secret + "\n  - id: k1\n    secret: " + secret + "\n",
			want: `keys[1]: key id "k1" appears more than once`,
		},
		"bad id": {
			file: "active: k1\nkeys:\n  - id: K1!\n    secret: " + secret + "\n",
			want: "keys[0]: key id must match [a-z0-9_-]{1,16}",
		},
		"secret pasted as id": {
			file: "active: k1\nkeys:\n  - id: " + secret + "\n    secret: " + secret + "\n",
			want: "keys[0]: key id must match",
		},
		"no keys": {file: "active: k1\n", want: "keys is missing or empty"},
		"secret in a typed field": {
			file: "active: k1\nkeys:\n  - id: k1\n    created: " + secret + "\n    secret: " + secret + "\n",
			want: `keys[0] (id "k1"): created is not an RFC 3339 time`,
		},
		"secret as a field name": {
			file: "active: k1\nkeys:\n  - id: k1\n    " + secret + ": x\n    secret: " + secret + "\n",
			want: "field <redacted> not found",
		},
		"secret in a list": {
			file: "active: [" + secret + "]\nkeys:\n  - id: k1\n    secret: " + secret + "\n",
			want: "cannot unmarshal",
		},
		"not yaml": {file: "active: k1\nkeys: [\n", want: "pseudonym: key file: yaml"},
		"two documents": {
			file: "active: k1\nkeys:\n  - id: k1\n    secret: " + secret + "\n---\nactive: k2\n",
			want: "more than one YAML document",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ring, err := ParseKeyring([]byte(tc.file))
			require.Error(t, err)
			assert.Nil(t, ring)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "pseudonym: key file: "), err.Error())
			for _, s := range []string{secret, secret[:12], short, short[:12], badB64, badB64[:12]} {
				assert.NotContains(t, err.Error(), s)
			}
		})
	}
}

func TestGenerateKeyFile(t *testing.T) {
	now := time.Date(2026, 11, 22, 13, 14, 15, 999, time.FixedZone("CET", 3600))
	random := testSecret(7, 32)
	file, err := GenerateKeyFile(bytes.NewReader(random), "k1", now)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(file, []byte("# piiguard key file: keep it secret\n")), string(file))
	assert.Contains(t, string(file), "created: 2026-11-22T12:14:15Z")

	ring, err := ParseKeyring(file)
	require.NoError(t, err)
	assert.Equal(t, "k1", ring.ActiveID())
	key, ok := ring.Key("k1")
	require.True(t, ok)
	assert.Equal(t, random, key.secret)
	assert.True(t, key.Created().Equal(now.Truncate(time.Second)))

	other, err := GenerateKeyFile(bytes.NewReader(testSecret(8, 32)), "k1", now)
	require.NoError(t, err)
	assert.NotEqual(t, file, other, "the secret comes from rand")
}

func TestGenerateKeyFileErrors(t *testing.T) {
	_, err := GenerateKeyFile(bytes.NewReader(testSecret(0, 31)), "k1", time.Now())
	require.Error(t, err, "rand gave fewer than 32 bytes")

	for _, id := range []string{"", "K1", "a:b", "seventeen-chars-x", "null key"} {
		_, err := GenerateKeyFile(bytes.NewReader(testSecret(0, 32)), id, time.Now())
		assert.Error(t, err, "id %q", id)
	}
	// Ids YAML would read as something else than a string still round-trip.
	for _, id := range []string{"null", "true", "0", "123", "1e3", "-"} {
		file, err := GenerateKeyFile(bytes.NewReader(testSecret(0, 32)), id, time.Now())
		require.NoError(t, err, "id %q", id)
		ring, err := ParseKeyring(file)
		require.NoError(t, err, "id %q", id)
		assert.Equal(t, id, ring.ActiveID())
	}
}

func TestEphemeralKeyring(t *testing.T) {
	a, err := EphemeralKeyring()
	require.NoError(t, err)
	b, err := EphemeralKeyring()
	require.NoError(t, err)
	assert.Equal(t, "ephemeral", a.ActiveID())
	ka, _ := a.Key("ephemeral")
	kb, _ := b.Key("ephemeral")
	assert.Len(t, ka.secret, 32)
	assert.NotEqual(t, ka.secret, kb.secret)
}
