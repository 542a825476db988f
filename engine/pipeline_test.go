package engine

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/engine/pseudonym"
	"github.com/piiguard/piiguard/engine/stream"
)

// testPipeline returns a pipeline with the public test key in testdata/test.key.
func testPipeline(t testing.TB, opts ...Option) *Pipeline {
	t.Helper()
	data, err := os.ReadFile("testdata/test.key")
	require.NoError(t, err)
	kr, err := pseudonym.ParseKeyring(data)
	require.NoError(t, err)
	ps, err := pseudonym.New(kr)
	require.NoError(t, err)
	p, err := NewPipeline(append([]Option{WithPseudonymizer(ps)}, opts...)...)
	require.NoError(t, err)
	return p
}

var tokenRE = regexp.MustCompile(`<([A-Z_]+)(?::[a-z0-9_-]+:[0-9A-Z]+|:[a-z_]+)?>`)

func TestProcessRecordReplacesAndKeepsShape(t *testing.T) {
	p := testPipeline(t)
	in := `{"id":"chat-1","channel":"chat","language":"de","messages":[` +
		`{"from":"customer","at":"2026-11-22T10:00:00Z","text":"Meine IBAN ist DE89 3704 0044 0532 0130 00, Mail: Laurits.Andresen@gmail.com"},` +
		`{"from":"agent","at":"2026-11-22T10:00:05Z","text":"Danke, Bestellnummer 4711-2023-88 ist notiert."}]}`
	res, err := p.ProcessRecord([]byte(in))
	require.NoError(t, err)
	out := string(res.Output)
	assert.True(t, json.Valid(res.Output))
	assert.NotContains(t, out, "DE89")
	assert.NotContains(t, strings.ToLower(out), "laurits")
	assert.Contains(t, out, "4711-2023-88", "an order number is not personal data")
	assert.Contains(t, out, `"at":"2026-11-22T10:00:05Z"`, "metadata is untouched")
	assert.Len(t, tokenRE.FindAllString(out, -1), 2)
	assert.Equal(t, "chat-1", res.ID)
	assert.Equal(t, "financial", res.Classification.Sensitivity)
	for _, f := range res.Findings {
		assert.Equal(t, "/messages/0/text", f.Path)
	}
}

func TestSameValueSameTokenAcrossFormats(t *testing.T) {
	p := testPipeline(t)
	tok := func(text string) []string {
		res, err := p.ProcessRecord([]byte(text))
		require.NoError(t, err)
		return tokenRE.FindAllString(string(res.Output), -1)
	}
	a := tok("iban DE89 3704 0044 0532 0130 00 mail LAURITS.andresen@gmail.com")
	b := tok("iban de89370400440532013000 mail laurits.andresen@GMAIL.com")
	c := tok("iban de acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null mail laurits.andresen@gmail.com")
	require.Len(t, a, 2)
	assert.Equal(t, a, b)
	assert.Equal(t, a, c, "a spoken IBAN gets the token of its written form")
}

func TestValueSplitAcrossSegmentsIsReplacedInEveryPart(t *testing.T) {
	p := testPipeline(t)
	in := `{"id":"call-7","channel":"call","language":"de","segments":[` +
		`{"speaker":"customer","start_ms":0,"end_ms":900,"text":"meine iban ist de89 3704"},` +
		`{"speaker":"agent","start_ms":900,"end_ms":1000,"text":"mhm"},` +
		`{"speaker":"customer","start_ms":1000,"end_ms":2000,"text":"0044 0532 0130 00 danke"}]}`
	res, err := p.ProcessRecord([]byte(in))
	require.NoError(t, err)
	var rec struct {
		Segments []struct{ Text string } `json:"segments"`
	}
	require.NoError(t, json.Unmarshal(res.Output, &rec))
	t0 := tokenRE.FindString(rec.Segments[0].Text)
	t2 := tokenRE.FindString(rec.Segments[2].Text)
	assert.NotEmpty(t, t0)
	assert.Equal(t, t0, t2, "both parts carry the value's token")
	assert.Equal(t, "mhm", rec.Segments[1].Text)
	assert.NotContains(t, rec.Segments[2].Text, "0044")
	assert.True(t, strings.HasSuffix(rec.Segments[2].Text, " danke"))
}

func TestRejectedRecordsNameTheReasonOnly(t *testing.T) {
	p := testPipeline(t, WithMaxRecordBytes(1<<10))
	for _, tc := range []struct {
		name, in, reason string
	}{
		{"invalid utf-8", "{\"text\":\"laurits@x.dk \xff\"}", "invalid_utf8"},
		{"malformed json", `{"text":"laurits@x.dk"`, "invalid_json"},
		{"too large", `{"text":"` + strings.Repeat("laurits@x.dk ", 100) + `"}`, "too_large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.ProcessRecord([]byte(tc.in))
			var pe stream.ProcessError
			require.True(t, errors.As(err, &pe), "%v", err)
			assert.Equal(t, tc.reason, pe.Reason)
			assert.NotContains(t, err.Error(), "laurits")
			if pe.Err != nil {
				assert.NotContains(t, pe.Err.Error(), "laurits")
			}
		})
	}
}

func TestRecordKeyIsPseudonymisedOnlyWhenPersonal(t *testing.T) {
	p := testPipeline(t)
	sp := NewStreamProcessor(p)
	out, err := sp.Process(t.Context(), stream.Input{Key: []byte("order-4711"), Value: []byte(`{"text":"hallo"}`)})
	require.NoError(t, err)
	assert.Equal(t, "order-4711", string(out.Key))
	out, err = sp.Process(t.Context(), stream.Input{Key: []byte("laurits.andresen@gmail.com"), Value: []byte(`{"text":"hallo"}`)})
	require.NoError(t, err)
	assert.NotContains(t, string(out.Key), "laurits")
	assert.Regexp(t, `^<EMAIL:`, string(out.Key))
	var hdr []string
	for _, h := range out.Headers {
		hdr = append(hdr, h.Key)
	}
	assert.Contains(t, hdr, "piiguard-sensitivity")
}

func FuzzProcessRecord(f *testing.F) {
	for _, s := range []string{
		`{"id":"1","channel":"chat","messages":[{"from":"c","text":"iban DE89 3704 0044 0532 0130 00"}]}`,
		`{"id":"2","channel":"call","segments":[{"speaker":"customer","text":"null eins fünf eins"},{"speaker":"customer","text":"zwei drei"}]}`,
		"plain text a@b.co",
		`{"a":[{"b":"c"}],"n":4111111111111111}`,
	} {
		f.Add([]byte(s))
	}
	p := testPipeline(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		res, err := p.ProcessRecord(raw)
		if err != nil {
			var pe stream.ProcessError
			if !errors.As(err, &pe) {
				t.Fatalf("error without a reason: %T", err)
			}
			return
		}
		if len(raw) > 0 && raw[0] == '{' && !json.Valid(res.Output) {
			t.Fatalf("output of a JSON record is not JSON")
		}
	})
}

func TestValueSplitAcrossChatMessages(t *testing.T) {
	p := testPipeline(t)
	in := `{"id":"chat-9","channel":"chat","language":"en","messages":[` +
		`{"from":"customer","at":"2026-11-22T10:00:00Z","text":"my iban is DE89 3704"},` +
		`{"from":"customer","at":"2026-11-22T10:00:03Z","text":"0044 0532 0130 00"}]}`
	res, err := p.ProcessRecord([]byte(in))
	require.NoError(t, err)
	out := string(res.Output)
	assert.NotContains(t, out, "3704")
	assert.NotContains(t, out, "0532")
	assert.Len(t, tokenRE.FindAllString(out, -1), 2, "each message carries the IBAN's token")
}

func TestEmailHeaderDisplayNamesArePersons(t *testing.T) {
	p := testPipeline(t)
	raw := "From: \"Zoë Clarke\" <zoe.clarke@example.co.uk>\r\nTo: Support <help@shop.example>\r\nSubject: hi\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n"
	in, err := json.Marshal(map[string]string{"id": "m1", "channel": "email", "language": "en", "raw": raw})
	require.NoError(t, err)
	res, err := p.ProcessRecord(in)
	require.NoError(t, err)
	var out struct{ Raw string }
	require.NoError(t, json.Unmarshal(res.Output, &out))
	assert.NotContains(t, out.Raw, "Clarke")
	assert.NotContains(t, out.Raw, "zoe.clarke")
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.Rule)
	}
	assert.Contains(t, rules, "engine.structure.person")
}

func TestTelLinkNumberIsAPhoneWithoutContext(t *testing.T) {
	p := testPipeline(t)
	in, err := json.Marshal(map[string]string{"id": "h1", "channel": "email", "language": "da",
		"body_html": `<p>Hilsen<br><a href="tel:28173945">ring</a></p>`})
	require.NoError(t, err)
	res, err := p.ProcessRecord(in)
	require.NoError(t, err)
	assert.NotContains(t, string(res.Output), "28173945")
	assert.Contains(t, string(res.Output), `href=\"tel:&lt;PHONE:`)
}

func TestFoundValuesSpreadThroughTheRecord(t *testing.T) {
	p := testPipeline(t)
	in := `{"id":"c-s","channel":"call","language":"de","segments":[` +
		`{"speaker":"customer","start_ms":0,"end_ms":1,"text":"mein name ist laurits andresen"},` +
		`{"speaker":"agent","start_ms":1,"end_ms":2,"text":"danke laurits, einen moment"},` +
		`{"speaker":"agent","start_ms":2,"end_ms":3,"text":"so andresen ist notiert"}]}`
	res, err := p.ProcessRecord([]byte(in))
	require.NoError(t, err)
	out := strings.ToLower(string(res.Output))
	assert.NotContains(t, out, "laurits")
	assert.NotContains(t, out, "andresen")
	assert.Contains(t, out, "einen moment", "only the name words are replaced")
}

func TestFirstNameAloneTakesTheFullNamesToken(t *testing.T) {
	p := testPipeline(t)
	in := `{"id":"ch-n","channel":"chat","language":"da","messages":[` +
		`{"from":"customer","at":"1","text":"Hej, det er Mette Lund, jeg har et spørgsmål"},` +
		`{"from":"agent","at":"2","text":"Hej Mette, hvad drejer det sig om?"}]}`
	res, err := p.ProcessRecord([]byte(in))
	require.NoError(t, err)
	toks := tokenRE.FindAllString(string(res.Output), -1)
	require.Len(t, toks, 2, "%s", res.Output)
	assert.Equal(t, toks[0], toks[1])
}
