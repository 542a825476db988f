package policy

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors"
)

func TestDefaultIsValid(t *testing.T) {
	data, err := os.ReadFile("default.yaml")
	require.NoError(t, err)
	_, err = Parse("default.yaml", data)
	require.NoError(t, err)

	p := Default()
	assert.Equal(t, "default-1", p.Version())
	assert.Equal(t, "", p.ClassificationField())
	assert.Nil(t, p.Languages("call"))
	for _, k := range []string{"id", "channel", "language", "speaker", "start_ms", "end_ms", "at", "timestamp"} {
		assert.True(t, p.MetadataKeys()[k], k)
	}
	for _, k := range []string{"text", "body", "subject", "from", "to"} {
		assert.False(t, p.MetadataKeys()[k], k)
	}
}

func TestDefaultDecisions(t *testing.T) {
	p := Default()
	want := map[string]Action{"DATE_OF_BIRTH": Generalise, "SPECIAL_CATEGORY": Redact}
	category := map[string]string{"PERSON": "personal", "DATE_OF_BIRTH": "personal", "EMAIL": "contact", "PHONE": "contact",
		"ADDRESS": "contact", "IP_ADDRESS": "identifier", "IBAN": "financial", "CREDIT_CARD": "financial",
		"SPECIAL_CATEGORY": "special_category"}
	for _, typ := range KnownTypes() {
		t.Run(typ, func(t *testing.T) {
			cat, ok := category[typ]
			if !ok {
				cat = "identifier"
			}
			a, ok := want[typ]
			if !ok {
				a = Pseudonymise
			}
			for _, channel := range []string{"call", "chat", "email", ""} {
				assert.Equal(t, Decision{Action: a}, p.Decide(detectors.Finding{Type: typ, Category: cat}, channel, "/text"))
			}
		})
	}
}

// TestDefaultIsSafe checks that no special-category finding gets anything but redact from the default policy,
// whatever its type, subtype, channel or path.
func TestDefaultIsSafe(t *testing.T) {
	p := Default()
	for _, sub := range []string{"", "health", "religion", "ethnicity", "political", "sexual_orientation", "trade_union", "biometric"} {
		for _, f := range []detectors.Finding{
			{Type: "SPECIAL_CATEGORY", Subtype: sub, Category: "special_category"},
			{Type: "SPECIAL_CATEGORY", Subtype: sub},
			{Type: "MEDICATION", Subtype: sub, Category: "special_category"},
		} {
			for _, channel := range []string{"call", "chat", "email", "other"} {
				for _, path := range []string{"/segments/0/text", "/subject", "/body", ""} {
					assert.Equal(t, Decision{Action: Redact}, p.Decide(f, channel, path), "%v %s %s", f, channel, path)
				}
			}
		}
	}
}
