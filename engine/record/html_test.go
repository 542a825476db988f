package record

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

func TestParseHTMLTexts(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []DocText
	}{
		{
			name: "inline markup continues a value",
			in:   "<p><b>Laurits</b> Andresen</p>",
			want: []DocText{
				{Path: "/text/0", Value: "Laurits", Continues: true},
				{Path: "/text/1", Value: " Andresen"},
			},
		},
		{
			name: "wbr inside an address",
			in:   "<div>john.smith@exa<wbr>mple.com</div>",
			want: []DocText{
				{Path: "/text/0", Value: "john.smith@exa", Continues: true},
				{Path: "/text/1", Value: "mple.com"},
			},
		},
		{
			name: "entities are decoded",
			in:   "<p>mail&#64;example.com &amp; Co &lt;3</p>",
			want: []DocText{{Path: "/text/0", Value: "mail@example.com & Co <3"}},
		},
		{
			name: "block elements and br end a run",
			in:   "<table><tr><td>Laurits</td><td>Andresen</td></tr></table><p>a<br>b</p>",
			want: []DocText{
				{Path: "/text/0", Value: "Laurits"}, {Path: "/text/1", Value: "Andresen"},
				{Path: "/text/2", Value: "a"}, {Path: "/text/3", Value: "b"},
			},
		},
		{
			name: "white space between inline elements is kept, at the edges of a run it is not a text",
			in:   "<div>\n  <span>+45 20</span> <span>12 34 56</span>\n</div>",
			want: []DocText{
				{Path: "/text/1", Value: "+45 20", Continues: true},
				{Path: "/text/2", Value: " ", Continues: true},
				{Path: "/text/3", Value: "12 34 56"},
			},
		},
		{
			name: "contact links give the part after the scheme",
			in: `<a href="mailto:laurits%40example.dk?subject=Hej" title="Laurits Andresen">skriv</a>` +
				`<a href='TEL:+4520123456'>ring</a><a href=https://example.dk/x?email=a%40b.dk>x</a>`,
			want: []DocText{
				{Path: "/text/0", Value: "skriv", Continues: true},
				{Path: "/text/1", Value: "ring", Continues: true},
				{Path: "/text/2", Value: "x"},
				{Path: "/a/0/href", Value: "laurits@example.dk?subject=Hej", Hint: "EMAIL"},
				{Path: "/a/0/title", Value: "Laurits Andresen"},
				{Path: "/a/1/href", Value: "+4520123456", Hint: "PHONE"},
				{Path: "/a/2/href", Value: "https://example.dk/x?email=a@b.dk"},
			},
		},
		{
			name: "alt, value and placeholder are scanned, presentational attributes are not",
			in: `<img src="cid:x" alt="Foto von Laurits" class="sig" width="10" style="color:red">` +
				`<input type="text" value="DE89 3704 0044 0532 0130 00" placeholder="IBAN">`,
			want: []DocText{
				{Path: "/img/0/src", Value: "cid:x"},
				{Path: "/img/0/alt", Value: "Foto von Laurits"},
				{Path: "/input/0/value", Value: "DE89 3704 0044 0532 0130 00"},
				{Path: "/input/0/placeholder", Value: "IBAN"},
			},
		},
		{
			name: "script and style are meta, comments are scanned",
			in:   "<style>.a{}</style><script>var x = 'laurits@example.dk';</script><p>hi<!-- tel 12345678 --> there</p>",
			want: []DocText{
				{Path: "/text/0", Value: ".a{}", Meta: true},
				{Path: "/text/1", Value: "var x = 'laurits@example.dk';", Meta: true},
				{Path: "/text/2", Value: "hi", Continues: true},
				{Path: "/text/3", Value: " there"},
				{Path: "/comment/0", Value: " tel 12345678 "},
			},
		},
		{
			name: "title and textarea are texts",
			in:   "<title>Laurits &amp; Mette</title><textarea>DK50 0040 0440 1162 43</textarea>",
			want: []DocText{
				{Path: "/text/0", Value: "Laurits & Mette"},
				{Path: "/text/1", Value: "DK50 0040 0440 1162 43"},
			},
		},
		{
			name: "an unterminated tag at the end is scanned",
			in:   `<p>hi</p><a title="laurits@example.dk`,
			want: []DocText{
				{Path: "/text/0", Value: "hi"},
				{Path: "/tail", Value: `<a title="laurits@example.dk`},
			},
		},
		{
			name: "plain text is one text",
			in:   "Hallo Laurits",
			want: []DocText{{Path: "/text/0", Value: "Hallo Laurits"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseHTML(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, d.Texts())
			out, err := d.Render(nil)
			require.NoError(t, err)
			assert.Equal(t, tc.in, out)
		})
	}
}

func TestHTMLRender(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      string
		changes []change
		want    string
	}{
		{
			name:    "text node is escaped",
			in:      "<p>Hallo <b>Laurits</b> Andresen &amp; Co</p>",
			changes: []change{{"/text/1", "Laurits", "<PERSON:k1:A>"}, {"/text/2", "Andresen", ""}},
			want:    "<p>Hallo <b>&lt;PERSON:k1:A&gt;</b>  &amp; Co</p>",
		},
		{
			name:    "mailto keeps its scheme",
			in:      `<a class=x href="mailto:laurits@example.dk" >mail</a>`,
			changes: []change{{"/a/0/href", "laurits@example.dk", "<EMAIL:k1:B>"}},
			want:    `<a class=x href="mailto:&lt;EMAIL:k1:B&gt;" >mail</a>`,
		},
		{
			name:    "single-quoted and unquoted values",
			in:      `<img alt='Laurits "L" Andresen' title=Laurits>`,
			changes: []change{{"/img/0/alt", "Laurits", "<P:1>"}, {"/img/0/title", "Laurits", "<P:1>'x"}},
			want:    `<img alt='&lt;P:1&gt; &#34;L&#34; Andresen' title="&lt;P:1&gt;&#39;x">`,
		},
		{
			name:    "comment",
			in:      "<p>a</p><!-- kunde laurits@example.dk --><p>b</p>",
			changes: []change{{"/comment/0", "laurits@example.dk", "--><script>x</script>"}},
			want:    "<p>a</p><!-- kunde - -><script>x</script> --><p>b</p>",
		},
		{
			name:    "text inside a raw-text element",
			in:      "<noscript>call 12345678</noscript>",
			changes: []change{{"/text/0", "12345678", "</noscript><b>"}},
			want:    "<noscript>call &lt;/noscript&gt;&lt;b&gt;</noscript>",
		},
		{
			name:    "tail",
			in:      `<p>x</p><a title="laurits@example.dk`,
			changes: []change{{"/tail", "laurits@example.dk", "<EMAIL:k1:C>"}},
			want:    `<p>x</p>&lt;a title=&#34;&lt;EMAIL:k1:C&gt;`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseHTML(tc.in)
			require.NoError(t, err)
			out, err := d.Render(applyChanges(t, d, tc.changes))
			require.NoError(t, err)
			assert.Equal(t, tc.want, out)
		})
	}
}

func TestHTMLRenderRewritesTagWithoutSpans(t *testing.T) {
	d, err := parseHTMLDoc(`<A HREF="mailto:x@example.dk" Title=hi data-x='1'>x</A>`)
	require.NoError(t, err)
	d.tags[0].spans = nil // as if the source could not be matched to the tokenizer's attributes
	out, err := d.Render(applyChanges(t, d, []change{{"/a/0/href", "x@example.dk", "<EMAIL:k1:D>"}}))
	require.NoError(t, err)
	assert.Equal(t, `<a href="mailto:&lt;EMAIL:k1:D&gt;" title="hi" data-x="1">x</A>`, out)
}

// htmlSamples are documents the leak test replaces every text of.
var htmlSamples = []string{
	"<p><b>Laurits</b> Andresen, <i>tel</i> <a href=\"tel:+4520123456\">+45 20 12 34 56</a></p>",
	"<html><head><title>x</title><style>p{}</style></head><body><table><tr><td>a</td><td title=t>b</td></tr></table>" +
		"<!-- c --><img alt=\"d\" src=e><br>f<wbr>g<textarea>h</textarea><noscript>i</noscript></body></html>",
	`<div><a href=mailto:a@b.dk title='x'>a@b.dk</a><input value=v></div><p>trailing <a title="unterminated`,
	"plain &amp; simple",
}

// TestHTMLReplacementsStayInTheirNodes replaces every scanned text with a marker full of markup and checks, with
// an independent parse of the output, that each marker comes back as exactly one text node, attribute value or
// comment, and that the document's elements are the same as before.
func TestHTMLReplacementsStayInTheirNodes(t *testing.T) {
	for i, in := range htmlSamples {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			d, err := ParseHTML(in)
			require.NoError(t, err)
			repl := map[int]string{}
			for k, x := range d.Texts() {
				if !x.Meta {
					repl[k] = fmt.Sprintf(`zq%d</p><b x="1">&amp;'`, k)
				}
			}
			out, err := d.Render(repl)
			require.NoError(t, err)
			assert.Equal(t, elements(t, in), elements(t, out), "no element appeared or went")

			doc, err := html.Parse(strings.NewReader(out))
			require.NoError(t, err)
			found := map[string]int{}
			for n := range doc.Descendants() {
				switch n.Type {
				case html.TextNode, html.CommentNode:
					countMarkers(n.Data, found)
				case html.ElementNode:
					for _, a := range n.Attr {
						assert.NotContains(t, a.Key, "zq")
						countMarkers(a.Val, found)
					}
					assert.NotContains(t, n.Data, "zq")
				}
			}
			for k := range repl {
				assert.Equal(t, 1, found[fmt.Sprintf("zq%d<", k)]+found[fmt.Sprintf("zq%d&lt;", k)],
					"marker %d (%s)", k, d.Texts()[k].Path)
			}
		})
	}
}

// elements lists the start tags of a document, as the tokenizer reads them.
func elements(t *testing.T, doc string) []string {
	t.Helper()
	var out []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			require.ErrorIs(t, z.Err(), io.EOF)
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			out = append(out, string(name))
		}
	}
}

func countMarkers(s string, found map[string]int) {
	for {
		i := strings.Index(s, "zq")
		if i < 0 {
			return
		}
		j := i + 2
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		end := j + 1
		if strings.HasPrefix(s[j:], "&lt;") {
			end = j + 4
		}
		if end <= len(s) {
			found[s[i:end]]++
		}
		s = s[j:]
	}
}

func TestHTMLRenderRejectsUnknownIndex(t *testing.T) {
	d, err := ParseHTML("<p>x</p>")
	require.NoError(t, err)
	_, err = d.Render(map[int]string{7: "y"})
	require.Error(t, err)
	assert.Equal(t, ReasonHTML, err.(*Error).Reason)
}
