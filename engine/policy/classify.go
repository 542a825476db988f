package policy

import (
	"strconv"
	"strings"

	"github.com/piiguard/piiguard/detectors"
)

// Sensitivities, from lowest to highest.
const (
	SensitivityNone      = "none"
	SensitivityPersonal  = "personal"
	SensitivityFinancial = "financial"
	SensitivitySpecial   = "special_category"
)

// Kafka header names of a classification.
const (
	HeaderTypes         = "piiguard-types"
	HeaderSensitivity   = "piiguard-sensitivity"
	HeaderRulesVersion  = "piiguard-rules-version"
	HeaderPolicyVersion = "piiguard-policy-version"
)

// sensitivityRank orders the sensitivities.
var sensitivityRank = map[string]int{SensitivityNone: 0, SensitivityPersonal: 1, SensitivityFinancial: 2, SensitivitySpecial: 3}

// Classification summarises a record's findings. It holds no value.
type Classification struct {
	// Types counts the findings per entity type.
	Types map[string]int `json:"types"`
	// Sensitivity is the highest sensitivity found: none, personal, financial or special_category.
	Sensitivity string `json:"sensitivity"`
	// RulesVersion and PolicyVersion are the versions of the rules and the policy the record was processed with.
	RulesVersion  string `json:"rules_version"`
	PolicyVersion string `json:"policy_version"`
}

// Classify summarises findings. A finding's sensitivity is special_category for special categories (by type or
// category), financial for financial, and personal for every other category, even an unknown one.
func Classify(findings []detectors.Finding, rulesVersion, policyVersion string) Classification {
	c := Classification{Types: make(map[string]int), Sensitivity: SensitivityNone, RulesVersion: rulesVersion, PolicyVersion: policyVersion}
	for _, f := range findings {
		c.Types[tagName(f.Type)]++
		s := SensitivityPersonal
		switch {
		case isSpecial(f):
			s = SensitivitySpecial
		case f.Category == "financial":
			s = SensitivityFinancial
		}
		if sensitivityRank[s] > sensitivityRank[c.Sensitivity] {
			c.Sensitivity = s
		}
	}
	return c
}

// Headers returns the classification as Kafka headers: piiguard-types ("EMAIL=2,PHONE=1", by type name; "" when
// nothing was found), piiguard-sensitivity, piiguard-rules-version and piiguard-policy-version.
func (c Classification) Headers() [][2]string {
	var b strings.Builder
	for i, t := range sortedKeys(c.Types) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(tagName(t))
		b.WriteByte('=')
		b.WriteString(strconv.Itoa(c.Types[t]))
	}
	return [][2]string{
		{HeaderTypes, b.String()},
		{HeaderSensitivity, c.Sensitivity},
		{HeaderRulesVersion, c.RulesVersion},
		{HeaderPolicyVersion, c.PolicyVersion},
	}
}
