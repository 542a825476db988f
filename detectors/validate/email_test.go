package validate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEmail(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want bool
	}{
		"plain":                  {"max.mustermann@example.de", true},
		"upper case":             {"Max.Mustermann@Example.COM", true},
		"plus tag and subdomain": {"user+tag@mail.example.co.uk", true},
		"hyphen in domain":       {"a@my-shop.example", true},
		"unicode":                {"jørgen@bøger.dk", true},
		"idn tld":                {"info@xn--80ak6aa92e.xn--p1ai", true},
		"local 64 bytes":         {strings.Repeat("a", 64) + "@example.com", true},
		"tld 24 letters":         {"a@example." + strings.Repeat("x", 24), true},
		"local 65 bytes":         {strings.Repeat("a", 65) + "@example.com", false},
		"tld 25 letters":         {"a@example." + strings.Repeat("x", 25), false},
		"one-letter tld":         {"a@example.c", false},
		"numeric tld":            {"a@example.c0m", false},
		"no dot in domain":       {"a@localhost", false},
		"double dot in local":    {"a..b@example.com", false},
		"double dot in domain":   {"a@example..com", false},
		"leading dot":            {".a@example.com", false},
		"trailing dot in local":  {"a.@example.com", false},
		"trailing dot":           {"a@example.com.", false},
		"leading hyphen label":   {"a@-example.com", false},
		"space in local":         {"a b@example.com", false},
		"underscore in domain":   {"a@ex_ample.com", false},
		"no local":               {"@example.com", false},
		"no at":                  {"example.com", false},
		"empty":                  {"", false},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, email(tc.in), tc.in)
		})
	}
}
