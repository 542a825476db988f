package policy

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors"
)

// loadPolicy parses a policy from testdata/valid.
func loadPolicy(t testing.TB, name string) *Policy {
	t.Helper()
	data, err := os.ReadFile("testdata/valid/" + name)
	require.NoError(t, err)
	p, err := Parse(name, data)
	require.NoError(t, err)
	return p
}

var (
	email   = detectors.Finding{Type: "EMAIL", Category: "contact"}
	phone   = detectors.Finding{Type: "PHONE", Category: "contact"}
	mobile  = detectors.Finding{Type: "PHONE", Subtype: "mobile", Category: "contact"}
	card    = detectors.Finding{Type: "CREDIT_CARD", Category: "financial"}
	iban    = detectors.Finding{Type: "IBAN", Category: "financial"}
	person  = detectors.Finding{Type: "PERSON", Category: "personal"}
	taxID   = detectors.Finding{Type: "DE_TAX_ID", Category: "identifier"}
	dob     = detectors.Finding{Type: "DATE_OF_BIRTH", Category: "personal"}
	address = detectors.Finding{Type: "ADDRESS", Category: "contact"}
	health  = detectors.Finding{Type: "SPECIAL_CATEGORY", Subtype: "health", Category: "special_category"}
	faith   = detectors.Finding{Type: "SPECIAL_CATEGORY", Subtype: "religion", Category: "special_category"}
)

func TestDecide(t *testing.T) {
	p := loadPolicy(t, "precedence.yaml")
	tests := map[string]struct {
		f       detectors.Finding
		channel string
		path    string
		want    Decision
	}{
		"type rule with the type's default mask": {f: email, path: "/text",
			want: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1, Char: "*"}}},
		"type rule beats category rule": {f: card, path: "/text",
			want: Decision{Action: Mask, Mask: MaskSpec{KeepLast: 2, Char: "*"}}},
		"type rule with explicit zero keeps": {f: iban, path: "/text",
			want: Decision{Action: Mask, Mask: MaskSpec{Char: "*"}}},
		"type rule beats subtype rule":     {f: mobile, path: "/text", want: Decision{Action: Pseudonymise}},
		"subtype rule beats category rule": {f: detectors.Finding{Type: "ADDRESS", Subtype: "mobile", Category: "contact"}, path: "/text", want: Decision{Action: Redact}},
		"category rule beats default":      {f: address, path: "/text", want: Decision{Action: Pseudonymise}},
		"default":                          {f: person, path: "/text", want: Decision{Action: Keep}},
		"category rule for financial":      {f: detectors.Finding{Type: "ACCOUNT", Category: "financial"}, path: "/text", want: Decision{Action: Redact}},
		"unknown channel uses the globals": {f: email, channel: "fax", path: "/text",
			want: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1, Char: "*"}}},
		"channel category beats global type": {f: email, channel: "chat", path: "/messages/0/text", want: Decision{Action: Redact}},
		"channel without a rule falls back": {f: card, channel: "chat", path: "/messages/0/text",
			want: Decision{Action: Mask, Mask: MaskSpec{KeepLast: 2, Char: "*"}}},
		"channel type rule":                         {f: phone, channel: "email", path: "/from", want: Decision{Action: Drop}},
		"path default beats channel type":           {f: phone, channel: "email", path: "/subject", want: Decision{Action: Redact}},
		"path wildcard":                             {f: email, channel: "call", path: "/segments/3/text", want: Decision{Action: Redact}},
		"literal path beats wildcard":               {f: email, channel: "call", path: "/segments/0/text", want: Decision{Action: Drop}},
		"leftmost literal beats wildcard":           {f: email, channel: "call", path: "/segments/1/text", want: Decision{Action: Redact}},
		"other wildcard path":                       {f: email, channel: "call", path: "/turns/1/text", want: Decision{Action: Pseudonymise}},
		"path without a rule falls to channel":      {f: phone, channel: "email", path: "/segments/3/text", want: Decision{Action: Drop}},
		"deeper path does not match":                {f: email, channel: "call", path: "/segments/3/text/x", want: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1, Char: "*"}}},
		"shorter path does not match":               {f: email, channel: "call", path: "/segments/3", want: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1, Char: "*"}}},
		"escaped path tokens":                       {f: person, path: "/a~1b/~0c", want: Decision{Action: Redact}},
		"empty path has no override":                {f: person, path: "", want: Decision{Action: Keep}},
		"special never kept":                        {f: faith, path: "/notes", want: Decision{Action: Redact}},
		"special category defaults to redact":       {f: faith, path: "/text", want: Decision{Action: Redact}},
		"special by category alone":                 {f: detectors.Finding{Type: "DIAGNOSIS", Category: "special_category"}, path: "/notes", want: Decision{Action: Redact}},
		"special by type alone":                     {f: detectors.Finding{Type: "SPECIAL_CATEGORY", Category: "personal"}, path: "/notes", want: Decision{Action: Redact}},
		"special may be dropped":                    {f: health, path: "/text", want: Decision{Action: Drop}},
		"mask on an unsupported type redacts":       {f: taxID, path: "/body", want: Decision{Action: Redact}},
		"category mask with its char":               {f: iban, path: "/body", want: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 2, KeepLast: 4, Char: "#"}}},
		"generalise on a supported type":            {f: dob, path: "/body", want: Decision{Action: Generalise}},
		"generalise on an unsupported type redacts": {f: person, path: "/body", want: Decision{Action: Redact}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, p.Decide(tc.f, tc.channel, tc.path))
		})
	}
}

func TestPatternMatch(t *testing.T) {
	tests := map[string]struct {
		pattern string
		path    string
		want    bool
	}{
		"literal":               {"/subject", "/subject", true},
		"other literal":         {"/subject", "/body", false},
		"wildcard":              {"/segments/*/text", "/segments/12/text", true},
		"wildcard needs token":  {"/segments/*/text", "/segments/text", false},
		"too long":              {"/subject", "/subject/x", false},
		"too short":             {"/a/b", "/a", false},
		"trailing empty token":  {"/a", "/a/", false},
		"empty token":           {"/a/", "/a/", true},
		"root token":            {"/", "/", true},
		"not a pointer":         {"/a", "a", false},
		"empty path":            {"/a", "", false},
		"escaped tokens":        {"/a~1b", "/a~1b", true},
		"escape is not a slash": {"/a~1b", "/a/b", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := parsePattern(tc.pattern)
			require.NoError(t, err)
			assert.Equal(t, tc.want, p.match(tc.path))
		})
	}
}

func TestPatternOrder(t *testing.T) {
	parse := func(s string) pattern {
		p, err := parsePattern(s)
		require.NoError(t, err)
		return p
	}
	tests := map[string]struct{ more, less string }{
		"fewer wildcards":           {"/a/b/c", "/a/*/c"},
		"fewer wildcards, not left": {"/*/b/c", "/a/*/*"},
		"literal further left":      {"/a/*/c", "/*/b/c"},
		"shorter":                   {"/a/*", "/a/*/c"},
		"by text":                   {"/a/b", "/a/c"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.True(t, parse(tc.more).moreSpecific(parse(tc.less)))
			assert.False(t, parse(tc.less).moreSpecific(parse(tc.more)))
		})
	}
}
