package synth

import (
	"bytes"
	"encoding/json"
)

// The record shapes of DESIGN.md, field for field and in that order.
type (
	callRecord struct {
		ID       string    `json:"id"`
		Channel  string    `json:"channel"`
		Language string    `json:"language"`
		Segments []segment `json:"segments"`
	}
	segment struct {
		Speaker string `json:"speaker"`
		StartMS int    `json:"start_ms"`
		EndMS   int    `json:"end_ms"`
		Text    string `json:"text"`
	}
	chatRecord struct {
		ID       string    `json:"id"`
		Channel  string    `json:"channel"`
		Language string    `json:"language"`
		Messages []message `json:"messages"`
	}
	message struct {
		From string `json:"from"`
		At   string `json:"at"`
		Text string `json:"text"`
	}
	emailRecord struct {
		ID       string `json:"id"`
		Channel  string `json:"channel"`
		Language string `json:"language"`
		Subject  string `json:"subject"`
		From     string `json:"from"`
		To       string `json:"to"`
		Body     string `json:"body,omitempty"`
		BodyHTML string `json:"body_html,omitempty"`
	}
)

// encode writes v as one line of JSON without HTML escaping, so that every string of the
// record appears in the bytes as it is (apart from JSON's own escapes of quotes, backslashes and
// control characters such as the newlines of an email body).
func encode(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("synth: encode: " + err.Error()) // only plain structs of strings and ints reach here
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
