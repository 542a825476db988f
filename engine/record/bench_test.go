package record

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func benchFixture(b *testing.B, name string) string {
	data, err := os.ReadFile(filepath.Join("testdata", "mime", name))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func BenchmarkParseMIME(b *testing.B) {
	msg := benchFixture(b, "alternative.eml")
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := ParseMIME(msg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMIMERender(b *testing.B) {
	msg := benchFixture(b, "alternative.eml")
	d, err := ParseMIME(msg)
	if err != nil {
		b.Fatal(err)
	}
	repl := map[int]string{}
	for i, x := range d.Texts() {
		if !x.Meta {
			repl[i] = strings.ToUpper(x.Value)
		}
	}
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := d.Render(repl); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseHTML(b *testing.B) {
	doc := strings.Repeat(`<p>Hello <b>Laurits</b> Andresen, call <a href="tel:+4520123456" class="x">+45 20 12 34 56</a>.</p>`+"\n", 50)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := ParseHTML(doc); err != nil {
			b.Fatal(err)
		}
	}
}
