package policy

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors"
)

func TestClassify(t *testing.T) {
	tests := map[string]struct {
		findings []detectors.Finding
		types    map[string]int
		want     string
	}{
		"nothing":                      {types: map[string]int{}, want: SensitivityNone},
		"personal":                     {findings: []detectors.Finding{person}, types: map[string]int{"PERSON": 1}, want: SensitivityPersonal},
		"contact is personal":          {findings: []detectors.Finding{email, email}, types: map[string]int{"EMAIL": 2}, want: SensitivityPersonal},
		"identifier is personal":       {findings: []detectors.Finding{taxID}, types: map[string]int{"DE_TAX_ID": 1}, want: SensitivityPersonal},
		"unknown category is personal": {findings: []detectors.Finding{{Type: "X", Category: "odd"}}, types: map[string]int{"X": 1}, want: SensitivityPersonal},
		"financial beats personal":     {findings: []detectors.Finding{email, card, person}, types: map[string]int{"EMAIL": 1, "CREDIT_CARD": 1, "PERSON": 1}, want: SensitivityFinancial},
		"financial first":              {findings: []detectors.Finding{iban, phone}, types: map[string]int{"IBAN": 1, "PHONE": 1}, want: SensitivityFinancial},
		"special beats financial":      {findings: []detectors.Finding{card, health, email}, types: map[string]int{"CREDIT_CARD": 1, "SPECIAL_CATEGORY": 1, "EMAIL": 1}, want: SensitivitySpecial},
		"special stays highest":        {findings: []detectors.Finding{health, faith, iban}, types: map[string]int{"SPECIAL_CATEGORY": 2, "IBAN": 1}, want: SensitivitySpecial},
		"special by type alone":        {findings: []detectors.Finding{{Type: "SPECIAL_CATEGORY", Category: "personal"}}, types: map[string]int{"SPECIAL_CATEGORY": 1}, want: SensitivitySpecial},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c := Classify(tc.findings, "common@1.0.0", "default-1")
			assert.Equal(t, tc.types, c.Types)
			assert.Equal(t, tc.want, c.Sensitivity)
			assert.Equal(t, "common@1.0.0", c.RulesVersion)
			assert.Equal(t, "default-1", c.PolicyVersion)
		})
	}
}

func TestClassificationHeaders(t *testing.T) {
	c := Classify([]detectors.Finding{phone, email, email, {Type: "odd,type=1", Category: "personal"}}, "r1", "p1")
	assert.Equal(t, [][2]string{
		{"piiguard-types", "EMAIL=2,ODD_TYPE_1=1,PHONE=1"},
		{"piiguard-sensitivity", "personal"},
		{"piiguard-rules-version", "r1"},
		{"piiguard-policy-version", "p1"},
	}, c.Headers())
	assert.Equal(t, "", Classify(nil, "r1", "p1").Headers()[0][1])
}

func TestClassificationJSON(t *testing.T) {
	b, err := json.Marshal(Classify([]detectors.Finding{card, email}, "r1", "p1"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"types":{"CREDIT_CARD":1,"EMAIL":1},"sensitivity":"financial","rules_version":"r1","policy_version":"p1"}`, string(b))
}
