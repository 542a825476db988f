package detectors

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFirstBytesNeverSkipsAMatch checks, for each pattern, that every text the pattern matches at position 0
// starts with a byte in its first-byte set, and that the set is narrow where it can be.
func TestFirstBytesNeverSkipsAMatch(t *testing.T) {
	for _, tc := range []struct {
		name, pattern string
		texts         []string
		notFirst      string
	}{
		{"iban", `[a-z]{2}[ \-]?\d{2}(?:[ \-]?[a-z0-9]{4}){2,7}`, []string{"de89 3704 0044", "gb82 west 1234 5698"}, "0+("},
		{"phone", `(?:\+|00)[1-9]\d{0,3}(?:[ \-./]{0,2}\(?\d+\)?){1,8}`, []string{"+49 151 2345678", "0045 20123456"}, "ab("},
		{"optional prefix", `(?:tel\.? )?\d{6}`, []string{"tel. 123456", "123456"}, "xa"},
		{"case fold", `(?i)herr \pL+`, []string{"Herr Müller", "herr x"}, "fa"},
		{"non-ascii", `[äöü]\w+`, []string{"über"}, "u"},
		{"alternation", `mein name ist|ich heiße|\d`, []string{"mein name ist", "ich heiße", "7"}, "xz"},
		{"nullable allows all", `a*`, []string{"", "aaa"}, ""},
		{"anchor and boundary", `^\bjens`, []string{"jens"}, "x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fb := firstBytes(tc.pattern)
			re := regexp.MustCompile(`^(?:` + tc.pattern + `)`)
			for _, txt := range tc.texts {
				if !re.MatchString(txt) {
					t.Fatalf("test text %q does not match", txt)
				}
				if txt != "" {
					assert.True(t, fb.has(txt[0]), "first byte of %q missing", txt)
				}
			}
			for i := 0; i < len(tc.notFirst); i++ {
				assert.False(t, fb.has(tc.notFirst[i]), "byte %q should not be in the set", tc.notFirst[i])
			}
		})
	}
}
