package record

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emailParsers is the wiring the engine uses for email records.
var emailParsers = Parsers{
	ByKey:          map[string]Parser{"body_html": ParseHTML},
	ByKeyInChannel: map[string]map[string]Parser{"email": {"raw": ParseMIME}},
}

func fieldIndex(t *testing.T, r *Record, path string) int {
	t.Helper()
	for i, f := range r.Fields {
		if f.Path == path {
			return i
		}
	}
	require.Failf(t, "no field", "path %s", path)
	return -1
}

func TestEmailRecordWithRawMessage(t *testing.T) {
	msg := fixture(t, "qp_latin1.eml")
	rec, err := json.Marshal(map[string]string{"id": "e-1", "channel": "email", "language": "de", "raw": msg})
	require.NoError(t, err)
	r, err := Decode(rec, Options{Parsers: emailParsers})
	require.NoError(t, err)
	subject := fieldIndex(t, r, "/raw/headers/subject")
	assert.Equal(t, "Ihre Änderung der Telefonnummer", r.Fields[subject].Value)
	body := fieldIndex(t, r, "/raw/body")
	assert.Equal(t, "raw", r.Fields[body].Key)

	newBody := strings.Replace(r.Fields[body].Value, "DE89 3704 0044 0532 0130 00", "<IBAN:k1:AAAA>", 1)
	out, err := r.Encode(map[int]string{body: newBody})
	require.NoError(t, err)
	var got map[string]string
	require.NoError(t, json.Unmarshal(out, &got))
	assert.Equal(t, "e-1", got["id"])
	assert.Equal(t, newBody, readMail(t, got["raw"]).Body)
	assert.NotContains(t, string(out), "0532 0130")
}

func TestEmailRecordWithHTMLBody(t *testing.T) {
	rec := `{"id":"e-2","channel":"email","subject":"Hej","body_html":"<p>Hej <b>Laurits</b> Andresen, ring på <a href=\"tel:+4520123456\">+45 20 12 34 56</a></p>"}`
	r, err := Decode([]byte(rec), Options{Parsers: emailParsers})
	require.NoError(t, err)
	first := fieldIndex(t, r, "/body_html/text/1")
	assert.True(t, r.Fields[first].Continues)
	href := fieldIndex(t, r, "/body_html/a/0/href")
	out, err := r.Encode(map[int]string{first: "<PERSON:k1:B>", href: "<PHONE:k1:C>"})
	require.NoError(t, err)
	var got map[string]string
	require.NoError(t, json.Unmarshal(out, &got))
	assert.Equal(t, `<p>Hej <b>&lt;PERSON:k1:B&gt;</b> Andresen, ring på <a href="tel:&lt;PHONE:k1:C&gt;">+45 20 12 34 56</a></p>`, got["body_html"])
}

func TestEmailRecordWithMalformedMessageFails(t *testing.T) {
	rec, err := json.Marshal(map[string]string{"id": "e-3", "channel": "email", "raw": fixture(t, "malformed/bad_base64.eml")})
	require.NoError(t, err)
	_, err = Decode(rec, Options{Parsers: emailParsers})
	var re *Error
	require.True(t, errors.As(err, &re))
	assert.Equal(t, ReasonMIME, re.Reason)
}

// TestEmailChannelSamples decodes every sample email record of testdata/channels/email with the email parsers,
// and encodes it back with every text replaced into a record whose message and HTML still parse.
func TestEmailChannelSamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "channels", "email", "*.jsonl"))
	require.NoError(t, err)
	require.Len(t, files, 4)
	for _, file := range files {
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		require.GreaterOrEqual(t, len(lines), 3, file)
		for _, line := range lines {
			var rec map[string]string
			require.NoError(t, json.Unmarshal([]byte(line), &rec), file)
			t.Run(rec["id"], func(t *testing.T) {
				assert.Equal(t, "email", rec["channel"])
				assert.Equal(t, strings.TrimSuffix(filepath.Base(file), ".jsonl"), rec["language"])
				r, err := Decode([]byte(line), Options{Parsers: emailParsers})
				require.NoError(t, err)
				repl := map[int]string{}
				docs := 0
				for i, f := range r.Fields {
					if !f.Meta && f.Path != "/subject" {
						repl[i] = "<T:k1:" + strconv.Itoa(i) + ">"
					}
					if strings.HasPrefix(f.Path, "/raw/") || strings.HasPrefix(f.Path, "/body_html/") {
						docs++
					}
				}
				require.Positive(t, docs+len(rec["body"]), "a body, body_html or raw member")
				out, err := r.Encode(repl)
				require.NoError(t, err)
				var got map[string]string
				require.NoError(t, json.Unmarshal(out, &got))
				assert.Equal(t, rec["subject"], got["subject"])
				if rec["raw"] != "" {
					assert.Equal(t, rec["subject"], readMail(t, rec["raw"]).Headers["Subject"])
					readMail(t, got["raw"])
					_, err := ParseMIME(got["raw"])
					require.NoError(t, err)
				}
			})
		}
	}
}
