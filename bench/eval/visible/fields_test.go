package visible

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFieldsDecodeDocumentsWhereTheEngineDoes(t *testing.T) {
	raw := "From: =?utf-8?q?Sabine_M=C3=BCller?= <s@example.de>\r\nSubject: x\r\n\r\nhi\r\n"
	got := Fields([]byte(`{"id":"e1","channel":"email","raw":` + quote(raw) + `,"x":{"body_html":"<b>Jens</b> Holm"}}`))
	assert.True(t, Contains(got["/raw"], "Sabine Müller"), "the encoded word is decoded")
	assert.True(t, Contains(got["/raw"], "=?utf-8?q?Sabine_M=C3=BCller?="), "the source is still there")
	assert.True(t, Contains(got["/x/body_html"], "Jens Holm"))
	assert.Equal(t, "e1", got["/id"])

	chat := Fields([]byte(`{"channel":"chat","raw":` + quote(raw) + `}`))
	assert.Equal(t, raw, chat["/raw"], "raw is a message in email records only")

	assert.Equal(t, map[string]string{"/id": "c1", "/a~1b/x~0y": "v", "/segments/0/text": "hi"},
		Fields([]byte(`{"id":"c1","a/b":{"x~y":"v"},"segments":[{"text":"hi","n":3}],"n":1.5}`)))
	assert.Equal(t, map[string]string{"": "not json"}, Fields([]byte("not json")))
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
