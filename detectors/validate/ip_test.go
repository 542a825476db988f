package validate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIPv4(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want bool
	}{
		"private":           {"192.168.1.1", true},
		"documentation":     {"203.0.113.7", true},
		"broadcast":         {"255.255.255.255", true},
		"zero octet":        {"10.0.0.1", true},
		"surrounding space": {" 10.0.0.1 ", true},
		"octet 256":         {"256.1.1.1", false},
		"octet 999":         {"1.2.3.999", false},
		"leading zero":      {"01.2.3.4", false},
		"leading zeros":     {"1.2.3.004", false},
		"unspecified":       {"0.0.0.0", false},
		"three octets":      {"1.2.3", false},
		"five octets":       {"1.2.3.4.5", false},
		"empty octet":       {"1..2.3", false},
		"trailing dot":      {"1.2.3.4.", false},
		"four digits":       {"1.2.3.1234", false},
		"letters":           {"1.2.3.a", false},
		"empty":             {"", false},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, ipv4(tc.in), tc.in)
		})
	}
}

func TestIPv6(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want bool
	}{
		"documentation": {"2001:db8::1", true},
		"full":          {"2001:0db8:0000:0000:0000:ff00:0042:8329", true},
		"loopback":      {"::1", true},
		"upper case":    {"2001:DB8::1", true},
		"v4 mapped":     {"::ffff:192.0.2.1", true},
		"zone":          {"fe80::1%eth0", true},
		"unspecified":   {"::", false},
		"one colon":     {"1:2", false},
		"clock time":    {"12:30:45", false},
		"bad hex":       {"2001:db8::g", false},
		"two gaps":      {"2001::db8::1", false},
		"ipv4":          {"192.0.2.1", false},
		"empty":         {"", false},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, ipv6(tc.in), tc.in)
		})
	}
}
