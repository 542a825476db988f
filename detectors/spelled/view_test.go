package spelled

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpan(t *testing.T) {
	tests := map[string]struct {
		in    string
		part  string // a stretch of the view
		words string // what it must map back to
	}{
		"de email":          {"die neue ist laurits punkt andresen at gmail punkt com, danke", "laurits.andresen@gmail.com", "laurits punkt andresen at gmail punkt com"},
		"de email domain":   {"die neue ist laurits punkt andresen at gmail punkt com, danke", "andresen@gmail.com", "andresen at gmail punkt com"},
		"de at":             {"anna at-zeichen gmx punkt de", "@", "at-zeichen"},
		"de digits":         {"das ist mueller 85 at web punkt de", "mueller85@web.de", "mueller 85 at web punkt de"},
		"de pairs":          {"also m wie martha, ü wie übermut, l wie ludwig, l wie ludwig, e wie emil, r wie richard.", "müller", "m wie martha, ü wie übermut, l wie ludwig, l wie ludwig, e wie emil, r wie richard"},
		"de one pair":       {"a wie anton b wie berta", "b", "b wie berta"},
		"de umlaut pair":    {"m wie martha ü wie übermut l wie ludwig", "ü", "ü wie übermut"},
		"de after stop":     {"die adresse ist 85 at web punkt de", "85@web.de", "85 at web punkt de"},
		"en letters":        {"my name is j o h n, thanks", "john", "j o h n"},
		"en part of run":    {"my name is j o h n, thanks", "oh", "o h"},
		"en nato":           {"alpha bravo charlie", "b", "bravo"},
		"en x-ray":          {"x-ray yankee zulu", "x", "x-ray"},
		"en letters in":     {"j o h n dot smith at outlook dot com", "john.smith@outlook.com", "j o h n dot smith at outlook dot com"},
		"en text after":     {"j o h n, thanks", ", thanks", ", thanks"},
		"da snabel a":       {"det er mette underscore nielsen snabel a hotmail punktum dk tak", "mette_nielsen@hotmail.dk", "mette underscore nielsen snabel a hotmail punktum dk"},
		"da sign":           {"mette underscore nielsen snabel a hotmail punktum dk", "_", "underscore"},
		"it email":          {"certo, mario punto rossi chiocciola libero punto it, grazie", "mario.rossi@libero.it", "mario punto rossi chiocciola libero punto it"},
		"it i lunga":        {"i lunga o come otranto", "j", "i lunga"},
		"multi-byte before": {"grüße: j o h n", "john", "j o h n"},
		"multi-byte letter": {"j ø r g e n", "ø", "ø"},
		"written part":      {"anna punkt schmidt at web.de", "web.de", "web.de"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Letters(tc.in)
			require.True(t, ok)
			i := strings.Index(v.Text(), tc.part)
			require.GreaterOrEqual(t, i, 0, "view %q", v.Text())
			a, b := v.Span(i, i+len(tc.part))
			assert.Equal(t, tc.words, tc.in[a:b])
			want := strings.Replace(tc.in, tc.words, "<x>", 1)
			assert.Equal(t, want, tc.in[:a]+"<x>"+tc.in[b:])
		})
	}
}

func TestSpanEdges(t *testing.T) {
	in := "a wie anton b wie berta ende"
	v, ok := Letters(in)
	require.True(t, ok)
	require.Equal(t, "ab ende", v.Text())
	tests := map[string]struct{ start, end, a, b int }{
		"whole":          {0, 7, 0, len(in)},
		"clamped":        {-3, 100, 0, len(in)},
		"reversed":       {4, 2, len("a wie anton b wie berta e"), len("a wie anton b wie berta e")},
		"empty at start": {0, 0, 0, 0},
		"empty in run":   {1, 1, len("a wie anton "), len("a wie anton ")},
		"empty at end":   {7, 7, len(in), len(in)},
		"space":          {2, 3, len("a wie anton b wie berta"), len("a wie anton b wie berta ")},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			a, b := v.Span(tc.start, tc.end)
			assert.Equal(t, []int{tc.a, tc.b}, []int{a, b})
		})
	}
}

func TestSpanUnconverted(t *testing.T) {
	v, ok := Letters("i'm at home")
	require.False(t, ok)
	a, b := v.Span(2, 6)
	assert.Equal(t, []int{2, 6}, []int{a, b})
	a, b = v.Span(-1, 99)
	assert.Equal(t, []int{0, 11}, []int{a, b})
}

func TestViewZero(t *testing.T) {
	var v View
	assert.Empty(t, v.Text())
	a, b := v.Span(0, 3)
	assert.Equal(t, []int{0, 0}, []int{a, b})
}

func TestViewStringHidesText(t *testing.T) {
	v, ok := Letters("laurits punkt andresen at gmail punkt com")
	require.True(t, ok)
	s := v.String()
	assert.Equal(t, "spelled.View(26 bytes)", s)
	for _, secret := range []string{"laurits", "andresen", "gmail", "@"} {
		assert.NotContains(t, s, secret)
	}
	assert.NotContains(t, fmt.Sprintf("%v %s", v, v), "laurits")
}
