package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors"
)

// TestParseInvalid parses every testdata/invalid policy and expects each "# want: …" substring of the file's
// header in the error.
func TestParseInvalid(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			var wants []string
			for _, line := range strings.Split(string(data), "\n") {
				if w, ok := strings.CutPrefix(line, "# want: "); ok {
					wants = append(wants, w)
				}
			}
			require.NotEmpty(t, wants, "fixture has no # want: line")
			p, err := Parse(name, data)
			require.Error(t, err)
			assert.Nil(t, p)
			for _, w := range wants {
				assert.Contains(t, err.Error(), w)
			}
			assert.Len(t, strings.Split(err.Error(), "\n"), len(wants), "one error per want line:\n%v", err)
		})
	}
}

func TestParseValid(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			p, err := Parse(file, data)
			require.NoError(t, err)
			assert.NotEmpty(t, p.Version())
		})
	}
}

func TestParseFields(t *testing.T) {
	tests := map[string]struct {
		yaml          string
		version       string
		metadata      map[string]bool
		field         string
		langsChat     []string
		langsOther    []string
		specialAction Action
	}{
		"minimal gets the defaults": {
			yaml:    "version: 1\n",
			version: "1",
			metadata: map[string]bool{"id": true, "channel": true, "language": true, "speaker": true,
				"start_ms": true, "end_ms": true, "at": true, "timestamp": true},
			specialAction: Redact,
		},
		"empty metadata list scans everything": {
			yaml:          "version: v2\nmetadata_keys: []\nclassification_field: _piiguard\n",
			version:       "v2",
			metadata:      map[string]bool{},
			field:         "_piiguard",
			specialAction: Redact,
		},
		"languages per channel": {
			yaml:          "version: x\nmetadata_keys: [id]\nlanguages: [en]\nchannels: {chat: {languages: [de, da]}}\n",
			version:       "x",
			metadata:      map[string]bool{"id": true},
			langsChat:     []string{"de", "da"},
			langsOther:    []string{"en"},
			specialAction: Redact,
		},
		"special categories drop": {
			yaml:          "version: x\nmetadata_keys: [id]\ncategories: {special_category: drop}\n",
			version:       "x",
			metadata:      map[string]bool{"id": true},
			specialAction: Drop,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := Parse("p.yaml", []byte(tc.yaml))
			require.NoError(t, err)
			assert.Equal(t, tc.version, p.Version())
			assert.Equal(t, tc.metadata, p.MetadataKeys())
			assert.Equal(t, tc.field, p.ClassificationField())
			assert.Equal(t, tc.langsChat, p.Languages("chat"))
			assert.Equal(t, tc.langsOther, p.Languages("email"))
			f := detectors.Finding{Type: "SPECIAL_CATEGORY", Subtype: "religion", Category: "special_category"}
			assert.Equal(t, tc.specialAction, p.Decide(f, "chat", "/text").Action)
		})
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	p, err := Parse("p.yaml", []byte("version: 1\nlanguages: [de]\n"))
	require.NoError(t, err)
	p.MetadataKeys()["text"] = true
	p.Languages("")[0] = "xx"
	assert.False(t, p.MetadataKeys()["text"])
	assert.Equal(t, []string{"de"}, p.Languages(""))
}

func TestParseWithTypes(t *testing.T) {
	data := []byte("version: 1\ntypes:\n  ACME_CUSTOMER_ID: redact\n")
	_, err := Parse("acme.yaml", data)
	require.ErrorContains(t, err, `acme.yaml:3: unknown entity type "ACME_CUSTOMER_ID"`)

	p, err := ParseWithTypes("acme.yaml", data, []string{"ACME_CUSTOMER_ID"})
	require.NoError(t, err)
	d := p.Decide(detectors.Finding{Type: "ACME_CUSTOMER_ID", Category: "identifier"}, "", "/x")
	assert.Equal(t, Redact, d.Action)

	_, err = ParseWithTypes("acme.yaml", data, []string{"acme id"})
	require.ErrorContains(t, err, `acme.yaml: extra entity type "acme id" is not an upper-case name`)

	_, err = ParseWithTypes("acme.yaml", []byte("version: 1\ntypes:\n  ACME_ID: mask\n"), []string{"ACME_ID"})
	require.ErrorContains(t, err, "acme.yaml:3: type ACME_ID: mask is not supported for ACME_ID")
}

func TestKnownTypesIsACopy(t *testing.T) {
	KnownTypes()[0] = "X"
	assert.Equal(t, "PERSON", KnownTypes()[0])
	assert.Len(t, KnownTypes(), 22)
}
