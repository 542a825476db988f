package engine_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/piiguard/piiguard/bench/eval/visible"
	"github.com/piiguard/piiguard/engine"
)

// formRecord is one labelled record of testdata/forms/<form>/<lang>.jsonl and its output under the default
// pipeline.
type formRecord struct {
	name   string          // form/lang/id, the subtest's name
	Form   string          `json:"form"`
	Record json.RawMessage `json:"record"`
	PII    []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"pii"`
	output []byte
	err    error
}

// notStructured are the labelled types that are not structured identifiers.
var notStructured = map[string]bool{"PERSON": true, "DATE_OF_BIRTH": true, "ADDRESS": true, "SPECIAL_CATEGORY": true}

// formOutputs runs every record of testdata/forms through engine.NewPipeline() with its defaults, once.
var formOutputs = sync.OnceValues(func() ([]formRecord, error) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "forms", "*", "*.jsonl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	p, err := engine.NewPipeline()
	if err != nil {
		return nil, err
	}
	var out []formRecord
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(nil, 4<<20)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var r formRecord
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				return nil, err
			}
			var head struct{ ID, Language string }
			if err := json.Unmarshal(r.Record, &head); err != nil {
				return nil, err
			}
			r.name = r.Form + "/" + head.Language + "/" + head.ID
			res, err := p.ProcessRecord(r.Record)
			if err != nil {
				r.err = err
			} else {
				r.output = res.Output
			}
			out = append(out, r)
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
})

func formRecords(t *testing.T) []formRecord {
	t.Helper()
	recs, err := formOutputs()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	return recs
}

// TestFormsLeaveNoStructuredIdentifierReadable runs every labelled record of testdata/forms (raw emails, HTML
// bodies, quoted replies, spelled-out values, values split over segments and messages) through the default
// pipeline and requires that no structured identifier (EMAIL, PHONE, IBAN, CREDIT_CARD, national IDs,
// IP_ADDRESS), nor any labelled part of a split one, is left readable where it stood: in a raw email with the
// MIME decoded, in an HTML body as text (package visible, as the accuracy report looks).
func TestFormsLeaveNoStructuredIdentifierReadable(t *testing.T) {
	checked := map[string]int{}
	for _, r := range formRecords(t) {
		t.Run(r.name, func(t *testing.T) {
			require.NoError(t, r.err)
			in, out := visible.Fields(r.Record), visible.Fields(r.output)
			for _, v := range r.PII {
				if notStructured[v.Type] {
					continue
				}
				checked[r.Form]++
				paths := pathsWith(in, v.Text)
				require.NotEmpty(t, paths, "a %s label is not in its input", v.Type)
				if p, ok := readableIn(out, paths, v.Text); ok {
					// The value stays out of the message; the fixture and the type say which it is.
					t.Errorf("%s left readable at %s", v.Type, p)
				}
			}
		})
	}
	for _, form := range []string{"email_raw", "email_html", "quoted_reply", "spelled", "split_segments", "split_messages"} {
		assert.Positive(t, checked[form], "no structured identifier of form %s was checked", form)
	}
}

// pathsWith returns the paths of fields that hold text whole.
func pathsWith(fields map[string]string, text string) []string {
	var paths []string
	for p, s := range fields {
		if visible.Contains(s, text) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// readableIn returns the first of paths whose output still holds text whole; a path the output lacks is looked
// for in every output field.
func readableIn(out map[string]string, paths []string, text string) (string, bool) {
	for _, p := range paths {
		s, ok := out[p]
		if !ok {
			for q, s := range out {
				if visible.Contains(s, text) {
					return q, true
				}
			}
			continue
		}
		if visible.Contains(s, text) {
			return p, true
		}
	}
	return "", false
}

// TestFormsKeepDocumentsValid requires that every redacted raw email is still a valid MIME message (net/mail,
// mime/multipart, its transfer encodings and charsets decode) with the entity tree of its input, and that every
// redacted HTML body still parses with the element and attribute structure of its input.
func TestFormsKeepDocumentsValid(t *testing.T) {
	var emails, pages int
	for _, r := range formRecords(t) {
		t.Run(r.name, func(t *testing.T) {
			require.NoError(t, r.err)
			var in, out struct {
				Channel  string  `json:"channel"`
				Raw      *string `json:"raw"`
				BodyHTML *string `json:"body_html"`
			}
			require.NoError(t, json.Unmarshal(r.Record, &in))
			require.NoError(t, json.Unmarshal(r.output, &out), "the output is JSON")
			if in.Raw != nil && in.Channel == "email" {
				emails++
				require.NotNil(t, out.Raw, "the raw member is kept")
				want, err := visible.Outline(*in.Raw)
				require.NoError(t, err, "the input is valid MIME")
				got, err := visible.Outline(*out.Raw)
				require.NoError(t, err, "the output is valid MIME")
				assert.Equal(t, want, got, "the output has the input's MIME entities")
				_, err = visible.MIME(*out.Raw)
				assert.NoError(t, err)
			}
			if in.BodyHTML != nil {
				pages++
				require.NotNil(t, out.BodyHTML, "the body_html member is kept")
				_, err := html.Parse(strings.NewReader(*out.BodyHTML))
				require.NoError(t, err)
				_, err = visible.HTML(*out.BodyHTML)
				require.NoError(t, err, "the output is UTF-8 HTML")
				assert.Equal(t, skeleton(t, *in.BodyHTML), skeleton(t, *out.BodyHTML),
					"the output has the input's elements and attributes")
			}
		})
	}
	assert.Positive(t, emails)
	assert.Positive(t, pages)
}

// skeleton lists the tags of an HTML document with their attribute names, in order: what redacting text and
// attribute values must not change.
func skeleton(t *testing.T, doc string) []string {
	t.Helper()
	var out []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			require.Equal(t, "EOF", z.Err().Error())
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			s := "<" + tok.Data
			for _, a := range tok.Attr {
				s += " " + a.Key
			}
			out = append(out, s+">")
		case html.EndTagToken:
			out = append(out, "</"+z.Token().Data+">")
		}
	}
}

func TestSkeletonSeesInjectedMarkup(t *testing.T) {
	assert.Equal(t, []string{"<p class>", "<b>", "</b>", "</p>"}, skeleton(t, `<p class="x">a <b>b</b> &lt;EMAIL:k:X&gt;</p>`))
	assert.NotEqual(t, skeleton(t, `<p>a@b.de</p>`), skeleton(t, `<p><EMAIL:k:X></p>`), "a token written unescaped is a tag")
}
