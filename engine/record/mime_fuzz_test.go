package record

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseMIME checks that any input is either rejected with reason "mime", or renders (untouched, and with
// every text replaced) into a message that parses again; untouched, it has the same texts.
func FuzzParseMIME(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "mime", "*.eml"))
	more, _ := filepath.Glob(filepath.Join("testdata", "mime", "malformed", "*.eml"))
	for _, n := range append(names, more...) {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("Subject: =?utf-8?q?x?=\n\nbody")
	f.Add("Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--b--")
	f.Fuzz(func(t *testing.T, msg string) {
		d, err := ParseMIME(msg)
		if err != nil {
			var re *Error
			if !errors.As(err, &re) || re.Reason != ReasonMIME {
				t.Fatalf("error %v is not a mime *Error", err)
			}
			return
		}
		assertUniquePaths(t, d)
		out, err := d.Render(nil)
		if err != nil {
			t.Fatalf("Render(nil): %v", err)
		}
		again, err := ParseMIME(out)
		if err != nil {
			t.Fatalf("the untouched output does not parse: %v", err)
		}
		a, b := d.Texts(), again.Texts()
		if len(a) != len(b) {
			t.Fatalf("texts: %d before, %d after", len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("text %d differs: %+v / %+v", i, a[i], b[i])
			}
		}
		repl := map[int]string{}
		for i := range a {
			repl[i] = fmt.Sprintf("<T:k1:%dÆ>", i)
		}
		out, err = d.Render(repl)
		if err != nil {
			t.Fatalf("Render(all): %v", err)
		}
		if _, err := ParseMIME(out); err != nil {
			t.Fatalf("the output with replacements does not parse: %v", err)
		}
	})
}

// assertUniquePaths fails when two texts of a document share a path.
func assertUniquePaths(t *testing.T, d Document) {
	t.Helper()
	seen := map[string]bool{}
	for _, x := range d.Texts() {
		if seen[x.Path] {
			t.Fatalf("duplicate path %q", x.Path)
		}
		seen[x.Path] = true
	}
}
