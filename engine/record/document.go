package record

import "fmt"

// Document is a field value with inner structure — an RFC 5322 message, an HTML body — whose texts are scanned
// one by one and written back in place, so the value keeps its format (valid MIME, valid HTML).
type Document interface {
	// Texts returns the document's texts in document order.
	Texts() []DocText
	// Render returns the document with the texts at the given indexes replaced, in the document's own format.
	Render(repl map[int]string) (string, error)
}

// DocText is one text of a Document.
type DocText struct {
	// Path is appended to the field's JSON Pointer to name the text, e.g. "/headers/subject" or "/parts/1/body".
	Path string
	// Value is the decoded text (UTF-8, entities and transfer encodings undone).
	Value string
	// Meta marks texts that are never scanned (content types, boundaries).
	Meta bool
	// Continues says the text goes on in the next one without a break (inline HTML markup such as
	// "<b>Laurits</b> Andresen"): the two are scanned as one text.
	Continues bool
	// Hint is the entity type the text's place in the document says it holds — "PHONE" for the number of a
	// tel: link, "EMAIL" for a mailto: address, "PERSON" for an email header's display name — so that it is
	// protected whole even where no rule recognises it. Empty: no hint.
	Hint string
}

// Parser turns a field value into a Document. It returns an *Error with a reason code when the value cannot be
// parsed; the record then fails closed.
type Parser func(value string) (Document, error)

// Parsers choose a Document parser for a field; Options.Parsers holds them.
type Parsers struct {
	// ByKey maps a member name to its parser (e.g. "body_html" → HTML).
	ByKey map[string]Parser
	// ByKeyInChannel maps a channel and member name (e.g. "email" → "raw" → MIME) to a parser.
	ByKeyInChannel map[string]map[string]Parser
}

// expandDocuments replaces each field a parser claims by the texts of its document.
func (r *Record) expandDocuments(ps Parsers, channel string) error {
	if len(ps.ByKey) == 0 && len(ps.ByKeyInChannel) == 0 {
		return nil
	}
	var out []Field
	for _, f := range r.Fields {
		parse := ps.ByKey[f.Key]
		if p, ok := ps.ByKeyInChannel[channel][f.Key]; ok {
			parse = p
		}
		if parse == nil || f.Meta || f.Number || f.doc != nil {
			out = append(out, f)
			continue
		}
		doc, err := parse(f.Value)
		if err != nil {
			return err
		}
		d := &docRef{doc: doc, field: f}
		for i, t := range doc.Texts() {
			out = append(out, Field{
				Path: f.Path + t.Path, Key: f.Key, Value: t.Value, Meta: t.Meta, Continues: t.Continues, Hint: t.Hint,
				start: f.start, end: f.end, doc: d, docIndex: i,
			})
		}
	}
	r.Fields = out
	r.byPath = nil // indexes moved
	return nil
}

// docRef ties the texts of one document to the JSON value they came from.
type docRef struct {
	doc   Document
	field Field
}

// renderDocuments gathers the replacements of document texts and renders each touched document; it returns the
// replacements of the JSON values that hold documents, keyed by the first field index of each document.
func (r *Record) renderDocuments(repl map[int]string) (map[int]string, error) {
	out := make(map[int]string, len(repl))
	byDoc := map[*docRef]map[int]string{}
	first := map[*docRef]int{}
	for i, f := range r.Fields {
		if f.doc == nil {
			if v, ok := repl[i]; ok {
				out[i] = v
			}
			continue
		}
		if _, ok := first[f.doc]; !ok {
			first[f.doc] = i
		}
		if v, ok := repl[i]; ok {
			if byDoc[f.doc] == nil {
				byDoc[f.doc] = map[int]string{}
			}
			byDoc[f.doc][f.docIndex] = v
		}
	}
	// Every document renders, replaced or not: rendering also drops what the document must not pass on
	// (binary attachments), so an untouched message is not copied through as it came.
	for d, i := range first {
		v, err := d.doc.Render(byDoc[d])
		if err != nil {
			return nil, fmt.Errorf("rendering %s: %w", d.field.Path, err)
		}
		if v != d.field.Value {
			out[i] = v
		}
	}
	return out, nil
}

// hasDocuments reports whether any field of the record is the text of a Document.
func (r *Record) hasDocuments() bool {
	for _, f := range r.Fields {
		if f.doc != nil {
			return true
		}
	}
	return false
}
