package validate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDate(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want bool
	}{
		"dd.mm.yyyy":             {"12.03.1985", true},
		"d.m.yyyy":               {"1.2.1990", true},
		"spaces after dots":      {"12. 03. 1985", true},
		"dd/mm/yyyy":             {"12/03/1985", true},
		"dd-mm-yyyy":             {"12-03-1985", true},
		"yyyy-mm-dd":             {"1985-03-12", true},
		"dd.mm.yy":               {"12.03.85", true},
		"29 feb leap year":       {"29.02.2024", true},
		"29 feb 2000":            {"29.02.2000", true},
		"29 feb yy 00":           {"29.02.00", true},
		"iso 29 feb":             {"2024-02-29", true},
		"first year":             {"01.01.1900", true},
		"last year":              {"31.12.2026", true},
		"29 feb non-leap":        {"29.02.2023", false},
		"29 feb 1900":            {"29.02.1900", false},
		"29 feb yy 01":           {"29.02.01", false},
		"31 april":               {"31.04.2020", false},
		"day 32":                 {"32.01.2000", false},
		"day 0":                  {"00.01.2000", false},
		"month 13":               {"12.13.2000", false},
		"month 0":                {"12.00.2000", false},
		"year 1899":              {"12.03.1899", false},
		"year 2027":              {"12.03.2027", false},
		"iso single-digit month": {"2000-1-01", false},
		"iso with dots":          {"1985.03.12", false},
		"yyyy/mm/dd":             {"1985/03/12", false},
		"mixed separators":       {"12.03-1985", false},
		"three-digit year":       {"12.03.198", false},
		"single-digit year":      {"1.2.3", false},
		"three-digit day":        {"123.03.1985", false},
		"us month first":         {"03/31/1985", false},
		"two fields":             {"12.03", false},
		"trailing dot":           {"12.03.1985.", false},
		"space before separator": {"12 .03.1985", false},
		"empty":                  {"", false},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, date(tc.in), tc.in)
		})
	}
}

func TestDaysIn(t *testing.T) {
	for name, tc := range map[string]struct {
		y, m, want int
	}{
		"january":       {2023, 1, 31},
		"april":         {2023, 4, 30},
		"february":      {2023, 2, 28},
		"february leap": {2024, 2, 29},
		"february 1900": {1900, 2, 28},
		"february 2000": {2000, 2, 29},
		"december":      {2023, 12, 31},
	} {
		assert.Equal(t, tc.want, daysIn(tc.y, tc.m), name)
	}
}
