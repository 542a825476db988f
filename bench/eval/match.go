package main

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stringFields returns every string value of a JSON document by its JSON Pointer. A document
// that is not JSON is one string at path "".
func stringFields(doc []byte) map[string]string {
	out := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		out[""] = string(doc)
		return out
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case string:
			out[path] = x
		case map[string]any:
			for k, e := range x {
				walk(path+"/"+escapePointer(k), e)
			}
		case []any:
			for i, e := range x {
				walk(path+"/"+strconv.Itoa(i), e)
			}
		}
	}
	walk("", v)
	return out
}

// escapePointer escapes a member name for a JSON Pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}

// contains reports whether text occurs in s as a whole: where text begins (ends) with a letter
// or digit, the character before (after) it must not be one. So a first name "Jan" is not
// found in "Januar", nor an order number inside a longer number or a pseudonym token.
func contains(s, text string) bool { return wholeCount(s, text) > 0 }

// wholeCount counts the whole occurrences of text in s (see contains).
func wholeCount(s, text string) int {
	if text == "" {
		return 0
	}
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	n := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], text)
		if j < 0 {
			break
		}
		start, end := i+j, i+j+len(text)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWord(first) || !isWord(before)) && (end == len(s) || !isWord(last) || !isWord(after)) {
			n++
		}
		_, size := utf8.DecodeRuneInString(s[start:])
		i = start + size
	}
	return n
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// pathsOf returns the paths whose value contains text, sorted.
func pathsOf(fields map[string]string, text string) []string {
	var paths []string
	for p, s := range fields {
		if contains(s, text) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// readableAt returns the first of paths at which the output still contains text. A path the
// output lacks is searched for in every output string.
func readableAt(out map[string]string, paths []string, text string) (string, bool) {
	for _, p := range paths {
		s, ok := out[p]
		if !ok {
			for q, s := range out {
				if contains(s, text) {
					return q, true
				}
			}
			continue
		}
		if contains(s, text) {
			return p, true
		}
	}
	return "", false
}

// pieces splits a value into the parts that still tell something on their own: runs of
// letters and digits of at least four characters ("schmidt", "23456789").
func pieces(text string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return !isWord(r) }) {
		if utf8.RuneCountInString(p) >= 4 {
			out = append(out, p)
		}
	}
	return out
}

// partlyReadable reports whether a value that is gone as a whole left a piece of itself at one
// of its paths: a surname after only the first name was replaced, a phone number's last group.
// A piece counts when the output holds it at least as often as the input did, so a piece that
// also stood elsewhere in the field (a city named twice) is not blamed on this value.
func partlyReadable(in, out map[string]string, paths []string, text string) bool {
	for _, p := range paths {
		o, ok := out[p]
		if !ok {
			continue
		}
		for _, piece := range pieces(text) {
			if n := wholeCount(o, piece); n > 0 && n >= wholeCount(in[p], piece) {
				return true
			}
		}
	}
	return false
}
