package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStringFieldsUsesJSONPointers(t *testing.T) {
	got := stringFields([]byte(`{"id":"c1","a/b":{"x~y":"v"},"segments":[{"text":"hi","n":3}],"n":1.5}`))
	assert.Equal(t, map[string]string{"/id": "c1", "/a~1b/x~0y": "v", "/segments/0/text": "hi"}, got)
	assert.Equal(t, map[string]string{"": "not json"}, stringFields([]byte("not json")))
}

func TestReadableAtSamePath(t *testing.T) {
	in := map[string]string{"/a": "call 0151 2345678", "/b": "nothing"}
	out := map[string]string{"/a": "call <PHONE:k:X>", "/b": "0151 2345678"}
	paths := pathsOf(in, "0151 2345678")
	assert.Equal(t, []string{"/a"}, paths)
	_, ok := readableAt(out, paths, "0151 2345678")
	assert.False(t, ok, "a value is looked for where it was")

	p, ok := readableAt(map[string]string{"/other": "0151 2345678"}, paths, "0151 2345678")
	assert.True(t, ok, "when the path is gone, every field is searched")
	assert.Equal(t, "/other", p)
}

func TestPartlyReadable(t *testing.T) {
	in := map[string]string{"/t": "ich bin anna schmidt, frau schmidt eben"}
	paths := []string{"/t"}
	assert.True(t, partlyReadable(in, map[string]string{"/t": "ich bin <P> schmidt, frau schmidt eben"}, paths, "anna schmidt"),
		"the surname survived where the full name was")
	assert.False(t, partlyReadable(in, map[string]string{"/t": "ich bin <P>, frau schmidt eben"}, paths, "anna schmidt"),
		"the surname left is another mention, not this one")
	assert.False(t, partlyReadable(in, map[string]string{"/t": "ich bin <P>, frau <P> eben"}, paths, "anna schmidt"))
	assert.Equal(t, []string{"0151", "2345678"}, pieces("0151 / 2345678 (x)"))
}
