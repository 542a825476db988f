package visible

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHTMLReadsWhatABrowserShows(t *testing.T) {
	tests := map[string]struct {
		doc     string
		want    []string // each occurs whole in the text
		wantNot []string
	}{
		"inline markup joins":   {doc: `<p>Kunde: <b>Laurits</b> Andresen</p>`, want: []string{"Laurits Andresen"}},
		"wbr inside an email":   {doc: `<p>laurits.andre<wbr>sen@example.dk</p>`, want: []string{"laurits.andresen@example.dk"}},
		"numeric entities":      {doc: `<p>anna&#46;schmidt&#64;example&period;de</p>`, want: []string{"anna.schmidt@example.de"}},
		"white space collapses": {doc: "<p>Tel.\n   +49 151\n\t2345 6789</p>", want: []string{"+49 151 2345 6789"}},
		"pre keeps its lines":   {doc: "<pre>a\n  b</pre>", want: []string{"a\n  b"}},
		"blocks break lines": {doc: `<div>Anna</div><div>Schmidt</div><p>x<br>y</p>`,
			want: []string{"Anna", "Schmidt"}, wantNot: []string{"Anna Schmidt", "AnnaSchmidt", "xy"}},
		"link targets and titles": {doc: `<a href="mailto:jens.holm@example.dk?subject=Hej" title="Jens Holm">skriv</a><a href="tel:+4520123456">ring</a><img alt="Foto af Mette Lund" src="x.png">`,
			want: []string{"jens.holm@example.dk", "Jens Holm", "+4520123456", "Mette Lund"}},
		"percent-encoded link": {doc: `<a href="mailto:mario.rossi%40example.it">x</a>`, want: []string{"mario.rossi@example.it"}},
		"comments are read":    {doc: `<p>Hallo</p><!-- IBAN DE89 3704 0044 0532 0130 00 -->`, want: []string{"DE89 3704 0044 0532 0130 00"}},
		"title and head":       {doc: `<html><head><title>Ticket for John Smith</title></head><body>x</body></html>`, want: []string{"John Smith"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := HTML(tc.doc)
			require.NoError(t, err)
			for _, w := range tc.want {
				assert.True(t, Contains(got, w), "%q not in %q", w, got)
			}
			for _, w := range tc.wantNot {
				assert.False(t, Contains(got, w), "%q in %q", w, got)
			}
		})
	}
}

func TestHTMLRejectsInvalidUTF8(t *testing.T) {
	got, err := HTML("<p>caf\xe9 Anna</p>")
	assert.ErrorIs(t, err, ErrNotUTF8)
	assert.Contains(t, got, "Anna", "the text is still returned")
}
