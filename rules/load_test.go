package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultPacksLoad(t *testing.T) {
	packs := Default()
	names := map[string]bool{}
	for _, p := range packs {
		names[p.Name] = true
		assert.NotEmpty(t, p.Version, p.Source)
	}
	for _, want := range []string{"common", "de", "da", "it", "en"} {
		assert.True(t, names[want], "default pack %s is missing", want)
	}
	set, err := NewSet(packs...)
	require.NoError(t, err)
	assert.Contains(t, set.Version(), "de@")
	for _, r := range set.Rules() {
		assert.NotZero(t, r.Line, "rule %s has no line", r.ID)
	}
}

func TestValidPacks(t *testing.T) {
	packs, err := LoadFS(os.DirFS("testdata"), "valid")
	require.NoError(t, err)
	require.Len(t, packs, 1)
	set, err := NewSet(packs...)
	require.NoError(t, err)
	rs := set.Rules()
	require.Len(t, rs, 2)
	assert.Equal(t, []string{"de"}, rs[0].Languages, "the pack's languages fill in")
	assert.Equal(t, []string{"und", "oder"}, rs[0].Exclude, "@lists expand")
	assert.Equal(t, 7, rs[0].Line)
	assert.Len(t, set.Statements(), 1)
}

// TestInvalidPacks checks each fixture's error against the "# want:" lines at its top.
func TestInvalidPacks(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			_, err = Parse(filepath.Base(f), data)
			require.Error(t, err)
			for _, line := range strings.Split(string(data), "\n") {
				if want, ok := strings.CutPrefix(line, "# want: "); ok {
					assert.Contains(t, err.Error(), want)
				}
			}
		})
	}
}

func TestDuplicateIDsAcrossPacks(t *testing.T) {
	data, err := os.ReadFile("testdata/valid/minimal.yaml")
	require.NoError(t, err)
	a, err := Parse("a.yaml", data)
	require.NoError(t, err)
	b, err := Parse("b.yaml", data)
	require.NoError(t, err)
	_, err = NewSet(a, b)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b.yaml:7: rule minimal.kunde: id already used in a.yaml")
}
