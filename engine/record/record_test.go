package record

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeFields(t *testing.T) {
	raw := `{"id":"c-1","channel":"call","language":"de","segments":[{"speaker":"agent","start_ms":0,"end_ms":900,"text":"guten tag"},{"speaker":"customer","start_ms":900,"end_ms":2000,"text":"hallo \u00e4h"}],"meta":{"a/b":"x~y"},"n":4915112345678}`
	r, err := Decode([]byte(raw), Options{})
	require.NoError(t, err)
	require.Equal(t, JSON, r.Kind)
	type f struct {
		Path, Key, Value string
		Number, Meta     bool
	}
	var got []f
	for _, x := range r.Fields {
		got = append(got, f{x.Path, x.Key, x.Value, x.Number, x.Meta})
	}
	assert.Equal(t, []f{
		{"/id", "id", "c-1", false, true},
		{"/channel", "channel", "call", false, true},
		{"/language", "language", "de", false, true},
		{"/segments/0/speaker", "speaker", "agent", false, true},
		{"/segments/0/start_ms", "start_ms", "0", true, true},
		{"/segments/0/end_ms", "end_ms", "900", true, true},
		{"/segments/0/text", "text", "guten tag", false, false},
		{"/segments/1/speaker", "speaker", "customer", false, true},
		{"/segments/1/start_ms", "start_ms", "900", true, true},
		{"/segments/1/end_ms", "end_ms", "2000", true, true},
		{"/segments/1/text", "text", "hallo äh", false, false},
		{"/meta/a~1b", "a/b", "x~y", false, false},
		{"/n", "n", "4915112345678", true, false},
	}, got)
	assert.Equal(t, "c-1", r.Get("id"))
	assert.Equal(t, "call", r.Get("channel"))
}

func TestEncodeKeepsEverythingElse(t *testing.T) {
	raw := "{ \"id\" : \"x\",\n  \"text\": \"call me\",  \"num\": 12345 ,\"z\":[1,2,{\"k\":\"v\"}] }"
	r, err := Decode([]byte(raw), Options{})
	require.NoError(t, err)
	idx := map[string]int{}
	for i, f := range r.Fields {
		idx[f.Path] = i
	}
	out, err := r.Encode(map[int]string{idx["/text"]: "call <PHONE> \"now\"\n", idx["/num"]: "<PHONE>"})
	require.NoError(t, err)
	assert.Equal(t, "{ \"id\" : \"x\",\n  \"text\": \"call <PHONE> \\\"now\\\"\\n\",  \"num\": \"<PHONE>\" ,\"z\":[1,2,{\"k\":\"v\"}] }", string(out))
	assert.True(t, json.Valid(out))

	same, err := r.Encode(nil)
	require.NoError(t, err)
	assert.Equal(t, raw, string(same))
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"sentence", "hello, my name is Laurits"},
		{"json array is text", `["a","b"]`},
		{"json string is text", `"quoted"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Decode([]byte(tc.in), Options{})
			require.NoError(t, err)
			assert.Equal(t, Text, r.Kind)
			require.Len(t, r.Fields, 1)
			assert.Equal(t, tc.in, r.Fields[0].Value)
			out, err := r.Encode(map[int]string{0: "redacted"})
			require.NoError(t, err)
			assert.Equal(t, "redacted", string(out))
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, reason string
	}{
		{"invalid utf-8", "{\"text\":\"secret\xff\"}", ReasonInvalidUTF8},
		{"invalid utf-8 in text", "secret \xc3\x28 value", ReasonInvalidUTF8},
		{"truncated", `{"text":"secret`, ReasonInvalidJSON},
		{"trailing garbage", `{"text":"a"} {"text":"b"}`, ReasonInvalidJSON},
		{"bad token", `{"text": secret}`, ReasonInvalidJSON},
		{"too deep", strings.Repeat(`{"a":`, 100) + `"x"` + strings.Repeat("}", 100), ReasonTooDeep},
		{"duplicate names", `{"text":"a","text":"b"}`, ReasonInvalidJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in), Options{})
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.reason, e.Reason)
			assert.NotContains(t, err.Error(), "secret", "errors never quote the record")
		})
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":"b"}`, `{"a":[1,"x",{"b":null}]}`, "plain", "{\"a\":\"\xff\"}", `{"a":"\u00e4"}`, "{"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := Decode(raw, Options{})
		if err != nil {
			return
		}
		repl := map[int]string{}
		for i := range r.Fields {
			repl[i] = "<X>"
		}
		out, err := r.Encode(repl)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if r.Kind == JSON && !json.Valid(out) {
			t.Fatalf("replacing every value made invalid JSON")
		}
		same, _ := r.Encode(nil)
		if string(same) != string(raw) {
			t.Fatalf("encode without replacements changed the record")
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	raw := []byte(`{"id":"call-1","channel":"call","language":"de","segments":[` + strings.Repeat(`{"speaker":"customer","start_ms":1000,"end_ms":2000,"text":"ja hallo äh mein name ist laurits andresen ich rufe an wegen meiner rechnung"},`, 12) + `{"speaker":"agent","start_ms":0,"end_ms":1,"text":"danke"}]}`)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for range b.N {
		if _, err := Decode(raw, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGetAfterDocumentsExpand(t *testing.T) {
	html := func(v string) (Document, error) {
		return ParseHTML(v)
	}
	r, err := Decode([]byte(`{"channel":"email","body_html":"<p>a</p><p>b</p>","id":"m-1"}`),
		Options{Parsers: Parsers{ByKey: map[string]Parser{"body_html": html}}})
	require.NoError(t, err)
	assert.Equal(t, "m-1", r.Get("id"), "the path index is rebuilt after documents expand into several fields")
	assert.Equal(t, "email", r.Get("channel"))
}
