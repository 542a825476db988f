package main

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/piiguard/piiguard/bench/eval/visible"
)

// stringFields returns every string value of a JSON document by its JSON Pointer, as a reader sees it: messages
// and HTML bodies decoded (see visible.Fields). A document that is not JSON is one string at path "".
func stringFields(doc []byte) map[string]string { return visible.Fields(doc) }

// contains reports whether text occurs in s as a whole (see visible.Contains): a first name "Jan" is not found
// in "Januar", nor an order number inside a longer number or a pseudonym token.
func contains(s, text string) bool { return visible.Contains(s, text) }

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
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return !visible.IsWord(r) }) {
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
			if n := visible.WholeCount(o, piece); n > 0 && n >= visible.WholeCount(in[p], piece) {
				return true
			}
		}
	}
	return false
}
