package textmap

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBuilderMapsEveryByteBack(t *testing.T) {
	src := "call null eins fünf please"
	var b Builder
	b.Begin(src, 4)
	b.Copy(src, 0, 5)         // "call "
	b.Replace("0", 5, 9)      // null
	b.Replace("1", 10, 14)    // eins
	b.Replace("5", 15, 20)    // fünf
	b.Copy(src, 20, len(src)) // " please"
	b.Last = len(src)
	v, ok := b.View("test", src)
	assert.True(t, ok)
	assert.Equal(t, "call 015 please", v.Text())
	for _, tc := range []struct {
		name       string
		start, end int
		want       string
	}{
		{"the dictated number", 5, 8, "null eins fünf"},
		{"one digit", 6, 7, "eins"},
		{"copied text", 0, 4, "call"},
		{"across", 3, 9, "l null eins fünf "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, e := v.Span(tc.start, tc.end)
			assert.Equal(t, tc.want, src[s:e])
		})
	}
	assert.Equal(t, "test.View(15 bytes)", fmt.Sprint(v), "String never shows the text")
}

func TestOriginalIsIdentity(t *testing.T) {
	var b Builder
	v, ok := b.View("test", "nothing to do")
	assert.False(t, ok)
	assert.Equal(t, "nothing to do", v.Text())
	s, e := v.Span(3, 7)
	assert.Equal(t, [2]int{3, 7}, [2]int{s, e})
	s, e = v.Span(-4, 99)
	assert.Equal(t, [2]int{0, 13}, [2]int{s, e}, "clamped")
}
