package visible

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Fields returns every string value of a JSON document by its JSON Pointer, as a reader sees it: the value of a
// "body_html" member anywhere is its HTML text (see HTML), and the value of a "raw" member of an email record
// (top-level "channel" is "email") is its decoded message (see MIME); both followed by a line break and the
// value as it is, so that what stands in the source is seen too. A document that is not JSON is one string at
// path "".
func Fields(doc []byte) map[string]string {
	out := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		out[""] = string(doc)
		return out
	}
	email := false
	if m, ok := v.(map[string]any); ok {
		email = m["channel"] == "email"
	}
	var walk func(path, key string, v any)
	walk = func(path, key string, v any) {
		switch x := v.(type) {
		case string:
			switch {
			case key == "body_html":
				text, _ := HTML(x)
				x = text + "\n" + x
			case key == "raw" && email:
				text, _ := MIME(x)
				x = text + "\n" + x
			}
			out[path] = x
		case map[string]any:
			for k, e := range x {
				walk(path+"/"+escapePointer(k), k, e)
			}
		case []any:
			for i, e := range x {
				walk(path+"/"+strconv.Itoa(i), "", e)
			}
		}
	}
	walk("", "", v)
	return out
}

// escapePointer escapes a member name for a JSON Pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}
