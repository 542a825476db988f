package detectors

import (
	"regexp"
	"regexp/syntax"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/rules"
)

// TestAltMatcherAgreesWithRegexp checks, for every statement pattern of the default packs and every example
// text of its pack, that the split, literal-gated matcher finds a match exactly when the whole pattern does.
func TestAltMatcherAgreesWithRegexp(t *testing.T) {
	checked := 0
	for _, p := range rules.Default() {
		var texts []string
		for _, st := range p.Statements {
			texts = append(texts, st.Examples.Match...)
			texts = append(texts, st.Examples.NoMatch...)
		}
		for _, st := range p.Statements {
			for _, pattern := range []string{st.Pattern, st.Negative} {
				if pattern == "" || st.Engine == "regexp2" {
					continue
				}
				whole := regexp.MustCompile(pattern)
				am, err := newAltMatcher(pattern)
				require.NoError(t, err, st.ID)
				for _, text := range texts {
					w, _ := normalise(fold(text), false)
					_, _, got := am.first(w)
					assert.Equal(t, whole.MatchString(w), got, "%s on %q", st.ID, w)
					checked++
				}
			}
		}
	}
	assert.Greater(t, checked, 1000)
}

func TestRequiredLiterals(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    []string
	}{
		{`lösch\S* (?:meine|alle) daten`, []string{" daten"}},
		{`(?:delete|erase) my data`, []string{" my data"}},
		{`(?:delete|erase)\S* x`, []string{"delete", "erase"}},
		{`\S+ ?`, nil},
		{`(?:ab)?c`, []string{"c"}},
	} {
		re, err := syntax.Parse(tc.pattern, syntax.Perl)
		require.NoError(t, err)
		assert.ElementsMatch(t, tc.want, requiredLiterals(re), tc.pattern)
	}
}

func TestDistribute(t *testing.T) {
	am, err := newAltMatcher(`(?:lösch|entfern)\S* daten|recht auf löschung`)
	require.NoError(t, err)
	require.Len(t, am.alts, 3, "a leading choice of literals becomes one alternative per literal")
	for _, a := range am.alts {
		prefix, _ := a.re.LiteralPrefix()
		assert.NotEmpty(t, prefix, a.re.String())
	}
	_, _, ok := am.first("bitte entfernen meine daten")
	assert.False(t, ok)
	_, _, ok = am.first("bitte entfernen daten")
	assert.True(t, ok)
}
