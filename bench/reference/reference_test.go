package reference

import (
	"regexp"
	"testing"
)

// TestPatternsFindTheirExamples keeps the reference honest: every regex compiles and finds its kind in a sample.
func TestPatternsFindTheirExamples(t *testing.T) {
	if len(Patterns) < 20 {
		t.Fatalf("the reference has %d patterns; it stands for about 22 typical ones", len(Patterns))
	}
	seen := map[string]bool{}
	for _, p := range Patterns {
		t.Run(p.Name, func(t *testing.T) {
			if seen[p.Name] {
				t.Fatalf("pattern name %q used twice", p.Name)
			}
			seen[p.Name] = true
			re, err := regexp.Compile(p.Expr)
			if err != nil {
				t.Fatalf("does not compile: %v", err)
			}
			if !re.MatchString(p.Example) {
				t.Errorf("finds nothing in its example %q", p.Example)
			}
			if re.MatchString("ok danke, das war alles") {
				t.Errorf("matches a sentence without personal data")
			}
		})
	}
}

// TestReferenceFindsInCorpus checks the reference finds things in the benchmark's text, so its speed is that of a
// tool doing work.
func TestReferenceFindsInCorpus(t *testing.T) {
	texts, size, err := Texts(42, 100)
	if err != nil {
		t.Fatal(err)
	}
	if size == 0 {
		t.Fatal("no text")
	}
	r := MustCompile()
	byName := map[string]int{}
	for i, re := range r.res {
		for _, s := range texts {
			byName[Patterns[i].Name] += len(re.FindAllStringIndex(s, -1))
		}
	}
	for _, name := range []string{"email", "card", "iban", "date_words", "name_after_cue"} {
		if byName[name] == 0 {
			t.Errorf("%s finds nothing in 100 synthetic records", name)
		}
	}
}

func benchTexts(b *testing.B) ([]string, int64) {
	texts, size, err := Texts(42, 500)
	if err != nil {
		b.Fatal(err)
	}
	return texts, size
}

// BenchmarkReference is the reference's throughput per core over the text fields of 500 synthetic records: the
// text detectors' BenchmarkScanCorpus scans (`make bench-scan` runs both; bench/scanref prints their ratio).
func BenchmarkReference(b *testing.B) {
	texts, size := benchTexts(b)
	r := MustCompile()
	b.SetBytes(size / int64(len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r.Scan(texts[i%len(texts)])
	}
}
