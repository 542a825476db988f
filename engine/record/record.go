// Package record decodes interaction records into the text fields piiguard scans, and encodes them back with
// replaced values. A JSON record is rewritten in place: every byte outside a replaced value stays as it was,
// so the output has the same shape, key order and formatting as the input.
package record

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// Kind says how a record was read.
type Kind int

const (
	// JSON is a record that is one JSON object.
	JSON Kind = iota
	// Text is a record that is not a JSON object; it is scanned as one text field with path "".
	Text
)

// Field is one scalar of a record: a string (or a number, which may hold a phone or card number).
type Field struct {
	// Path is the JSON Pointer of the value ("" for a plain-text record).
	Path string
	// Key is the member name that holds the value (the last path token), "" in arrays and plain text.
	Key string
	// Value is the decoded text of the value.
	Value string
	// Number is true when the value was a JSON number.
	Number bool
	// Meta is true when Key is a metadata key: such values are not scanned.
	Meta bool
	// Continues says the value goes on in the next field without a break (inline HTML markup): the pipeline
	// scans the two as one text.
	Continues bool
	// Hint is the entity type the value's place in a document implies (see DocText.Hint); empty for none.
	Hint string
	// start and end locate the encoded value in the raw record.
	start, end int
	// doc is the document this text belongs to (nil for a plain JSON value); docIndex its index there.
	doc      *docRef
	docIndex int
}

// Record is a decoded input record.
type Record struct {
	Kind   Kind
	Raw    []byte
	Fields []Field

	byPath map[string]int // path → first field index; made by Get
}

// Reason codes of decode errors; they name the problem, never a value.
const (
	ReasonInvalidUTF8 = "invalid_utf8"
	ReasonInvalidJSON = "invalid_json"
	ReasonTooDeep     = "too_deep"
	ReasonEmpty       = "empty"
)

// Error is a decode error with a stable reason code. Its message never contains record content.
type Error struct {
	Reason string
	// Offset is the byte offset in the record where the problem was found, or -1.
	Offset int64
}

func (e *Error) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s at byte %d", e.Reason, e.Offset)
	}
	return e.Reason
}

// Options control decoding.
type Options struct {
	// MetadataKeys are member names whose values are never scanned. Default: DefaultMetadataKeys.
	MetadataKeys map[string]bool
	// MaxDepth is the deepest nesting accepted; default 64.
	MaxDepth int
	// Parsers expand values with inner structure (MIME messages, HTML) into their texts. Default: none.
	Parsers Parsers
}

// DefaultMetadataKeys are the member names that hold record metadata, not content.
var DefaultMetadataKeys = map[string]bool{
	"id": true, "channel": true, "language": true, "speaker": true, "from_role": true,
	"start_ms": true, "end_ms": true, "at": true, "timestamp": true, "ts": true, "created_at": true,
	"duration_ms": true, "confidence": true,
}

// DefaultMaxDepth is the nesting limit when Options.MaxDepth is 0.
const DefaultMaxDepth = 64

// Decode reads raw as a JSON object when it starts with '{' (after white space), and as plain text otherwise.
// It fails on invalid UTF-8, malformed JSON and nesting deeper than the limit.
func Decode(raw []byte, opt Options) (*Record, error) {
	if !utf8.Valid(raw) {
		return nil, &Error{Reason: ReasonInvalidUTF8, Offset: int64(invalidAt(raw))}
	}
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return &Record{Kind: Text, Raw: raw, Fields: []Field{{Value: string(raw), end: len(raw)}}}, nil
	}
	if opt.MetadataKeys == nil {
		opt.MetadataKeys = DefaultMetadataKeys
	}
	if opt.MaxDepth == 0 {
		opt.MaxDepth = DefaultMaxDepth
	}
	r := &Record{Kind: JSON, Raw: raw}
	dec := jsontext.NewDecoder(bytes.NewReader(raw))
	// frame is one open object or array: its JSON Pointer, the member name that holds it (kept by arrays so that
	// the elements of a metadata array stay metadata), and the next array index or pending member name.
	type frame struct {
		array bool
		path  string
		key   string
		idx   int
		name  string
		named bool
	}
	var stack []frame
	for {
		before := dec.InputOffset()
		tok, err := dec.ReadToken()
		if err != nil {
			if errors.Is(err, io.EOF) && before > 0 && len(stack) == 0 {
				break
			}
			return nil, &Error{Reason: ReasonInvalidJSON, Offset: dec.InputOffset()}
		}
		after := dec.InputOffset()
		k := tok.Kind()
		if k == '}' || k == ']' {
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				// The top-level object just closed: only white space may follow it.
				if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
					return nil, &Error{Reason: ReasonInvalidJSON, Offset: dec.InputOffset()}
				}
				break
			}
			continue
		}
		var path, key string
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if !top.array && !top.named {
				// A member name: the next token is its value.
				top.name, top.named = tok.String(), true
				continue
			}
			if top.array {
				path, key = top.path+"/"+strconv.Itoa(top.idx), top.key
				top.idx++
			} else {
				path, key = top.path+"/"+escapePointer(top.name), top.name
				top.named = false
			}
		}
		switch k {
		case '{', '[':
			if len(stack) >= opt.MaxDepth {
				return nil, &Error{Reason: ReasonTooDeep, Offset: dec.InputOffset()}
			}
			stack = append(stack, frame{array: k == '[', path: path, key: key})
			continue
		case '"', '0':
		default:
			continue // true, false, null
		}
		if len(stack) == 0 {
			return nil, &Error{Reason: ReasonInvalidJSON, Offset: dec.InputOffset()}
		}
		start := int(before)
		for start < int(after) && (raw[start] == ' ' || raw[start] == '\t' || raw[start] == '\n' ||
			raw[start] == '\r' || raw[start] == ',' || raw[start] == ':') {
			start++
		}
		r.Fields = append(r.Fields, Field{
			Path: path, Key: key, Value: tok.String(), Number: k == '0',
			Meta: opt.MetadataKeys[key], start: start, end: int(after),
		})
	}
	if err := r.expandDocuments(opt.Parsers, r.Get("channel")); err != nil {
		return nil, err
	}
	return r, nil
}

// escapePointer escapes a member name as a JSON Pointer reference token.
func escapePointer(name string) string {
	if !strings.ContainsAny(name, "~/") {
		return name
	}
	return pointerEscaper.Replace(name)
}

// pointerEscaper applies JSON Pointer escaping to a member name.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// Encode returns the record with the values of the given fields replaced (field index → new text).
// JSON strings are re-quoted and escaped; a replaced number becomes a string. Everything else is copied as is.
func (r *Record) Encode(repl map[int]string) ([]byte, error) {
	if len(repl) == 0 && !r.hasDocuments() {
		return append([]byte(nil), r.Raw...), nil
	}
	if r.Kind == Text {
		return []byte(repl[0]), nil
	}
	repl, err := r.renderDocuments(repl)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(r.Raw)+len(r.Raw)/4)
	last := 0
	for i, f := range r.Fields {
		v, ok := repl[i]
		if !ok {
			continue
		}
		out = append(out, r.Raw[last:f.start]...)
		if out, err = jsontext.AppendQuote(out, v); err != nil {
			return nil, &Error{Reason: ReasonInvalidUTF8, Offset: -1}
		}
		last = f.end
	}
	return append(out, r.Raw[last:]...), nil
}

// Get returns the value at the JSON Pointer "/"+key ("id", "segments/3/speaker"), or "". The first call indexes
// the fields by path, so looking up every turn's speaker stays linear in the record's size. A Record is used by
// one goroutine at a time.
func (r *Record) Get(key string) string {
	if r.byPath == nil {
		r.byPath = make(map[string]int, len(r.Fields))
		for i, f := range r.Fields {
			if _, dup := r.byPath[f.Path]; !dup {
				r.byPath[f.Path] = i
			}
		}
	}
	if i, ok := r.byPath["/"+key]; ok {
		return r.Fields[i].Value
	}
	return ""
}
