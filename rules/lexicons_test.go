package rules

import (
	"bufio"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestLexiconFiles checks every embedded lexicon file: a header naming its source and licence, then entries that
// are lower-case, one token (letters and marks), sorted in byte order and unique; each file is listed in SOURCES.md
// with its entry count, and the licence files it names are present.
func TestLexiconFiles(t *testing.T) {
	sources, err := os.ReadFile("lexicons/SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(Lexicons(), "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 14 {
		t.Fatalf("%d lexicon files embedded, want at least 14 (first names, surnames and stop words of de, da, it, en, immigrant names)", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			f, err := Lexicons().Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var entries []string
			var source string
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "# ") {
					if len(entries) > 0 {
						t.Fatalf("header line after entries: %q", line)
					}
					if s, ok := strings.CutPrefix(line, "# source: "); ok {
						source = s
					}
					continue
				}
				if line == "" || line != strings.Map(unicode.ToLower, line) || strings.IndexFunc(line, func(r rune) bool {
					return !unicode.IsLetter(r) && !unicode.IsMark(r)
				}) >= 0 {
					t.Errorf("entry %d is not one lower-case token of letters", len(entries)+1)
				}
				entries = append(entries, line)
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			if source == "" {
				t.Error("no '# source:' header line")
			}
			for _, lic := range []string{"LICENSE.faker", "LICENSE.stopwords-iso"} {
				if strings.Contains(source, lic) {
					if _, err := os.Stat("lexicons/" + lic); err != nil {
						t.Errorf("source names %s: %v", lic, err)
					}
				}
			}
			if !strings.Contains(source, "(MIT, see LICENSE.") {
				t.Errorf("source line names no licence file: %q", source)
			}
			if len(entries) < 100 {
				t.Errorf("%d entries, want at least 100", len(entries))
			}
			if !slices.IsSorted(entries) {
				t.Error("entries not sorted in byte order")
			}
			if n := len(slices.Compact(slices.Clone(entries))); n != len(entries) {
				t.Errorf("%d duplicate entries", len(entries)-n)
			}
			row := "| " + name + " | " + strconv.Itoa(len(entries)) + " | "
			if !strings.Contains(string(sources), row) {
				t.Errorf("SOURCES.md has no row %q", row)
			}
		})
	}
}
