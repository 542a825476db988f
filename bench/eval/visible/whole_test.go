package visible

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestContainsWholeOccurrences(t *testing.T) {
	tests := map[string]struct {
		s, text string
		want    bool
	}{
		"plain":                  {"mein name ist jan berg", "jan", true},
		"inside a word":          {"am 3. januar", "jan", false},
		"at the end":             {"hallo jan", "jan", true},
		"number inside a number": {"ref 1234567", "23456", false},
		"number at a boundary":   {"ref 123-456", "123", true},
		"inside a token":         {"<PHONE:k1:7ZQ3M0V4H2XKJ9RT>", "7ZQ3", false},
		"after punctuation":      {"(0151 2345678)", "0151 2345678", true},
		"leading plus":           {"x+49 151 2345678", "+49 151 2345678", true},
		"case matters":           {"Frau Lange", "lange", false},
		"second occurrence":      {"januar, jan", "jan", true},
		"umlaut boundary":        {"müllerin", "müller", false},
		"after a mailto scheme":  {"mailto:a@b.de", "a@b.de", true},
		"empty text":             {"abc", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, Contains(tc.s, tc.text))
		})
	}
	assert.Equal(t, 2, WholeCount("jan, jan und januar", "jan"))
}
