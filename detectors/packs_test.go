package detectors

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/rules"
)

// TestDefaultPacks runs every example of every default rule.
func TestDefaultPacks(t *testing.T) {
	n, fails := CheckExamples(rules.Default())
	for _, f := range fails {
		t.Error(f.Error())
	}
	require.Greater(t, n, 100, "the default packs should carry many examples")
	t.Logf("%d examples", n)
}
