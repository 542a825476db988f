package detectors

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzScan checks that no input panics, findings stay inside the text on rune boundaries and do not overlap,
// and no finding's String() shows the text it covers.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{
		"meine iban ist de89 3704 0044 0532 0130 00",
		"null eins fünf eins zwei drei vier fünf sechs sieben acht",
		"mail: a@b.co +45 20 12 34 56 ::1 192.168.0.1",
		"ＤＥ８９ ３７０４",
		"mein name ist jürgen weiß ich würde gern",
		"\xff\xfe",
		"",
		strings.Repeat("1 ", 100),
	} {
		f.Add(seed)
	}
	s := MustCompileDefault()
	f.Fuzz(func(t *testing.T, text string) {
		fs, err := s.Scan(text)
		if err != nil {
			return
		}
		end := 0
		for _, fd := range fs {
			if fd.Start < end || fd.End <= fd.Start || fd.End > len(text) {
				t.Fatalf("bad span %v in %d bytes (previous end %d)", fd, len(text), end)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[fd.Start]) || (fd.End < len(text) && !utf8.RuneStart(text[fd.End]))) {
				t.Fatalf("span %v splits a rune", fd)
			}
			if v := text[fd.Start:fd.End]; len(v) > 3 && strings.Contains(fd.String(), v) {
				t.Fatalf("String() shows the value")
			}
			end = fd.End
		}
	})
}
