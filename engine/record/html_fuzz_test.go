package record

import (
	"fmt"
	"testing"
)

// FuzzParseHTML checks that any input tokenizes, renders back unchanged without replacements, and keeps its
// elements when every text is replaced with markup-laden text.
func FuzzParseHTML(f *testing.F) {
	for _, s := range htmlSamples {
		f.Add(s)
	}
	for _, s := range []string{
		"<p><b>Laurits</b> Andresen</p>", "john.smith@exa<wbr>mple.com", `<a href=mailto:x@y.dk title='t'>`,
		"<script>x</script><!-- c -->", "<title>a</title><plaintext>b", "<a b='c' b=d =e /f>", "<p\x00 a=b>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseHTML(in)
		if err != nil {
			t.Fatalf("ParseHTML: %v", err)
		}
		assertUniquePaths(t, d)
		out, err := d.Render(nil)
		if err != nil || out != in {
			t.Fatalf("Render(nil) changed the document (%v)", err)
		}
		repl := map[int]string{}
		for i, x := range d.Texts() {
			if !x.Meta {
				repl[i] = fmt.Sprintf(`<b x="%d">&'`, i)
			}
		}
		out, err = d.Render(repl)
		if err != nil {
			t.Fatalf("Render(all): %v", err)
		}
		before, after := elements(t, in), elements(t, out)
		if fmt.Sprint(before) != fmt.Sprint(after) {
			t.Fatalf("elements changed: %v → %v", before, after)
		}
	})
}
