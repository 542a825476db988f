package pseudonym

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// keyFileHeader opens every generated key file.
const keyFileHeader = "# piiguard key file: keep it secret\n"

// keyFile is the YAML schema of a key file:
//
//	# piiguard key file: keep it secret
//	active: k1
//	keys:
//	  - id: k1
//	    created: 2026-11-22T12:00:00Z
//	    secret: <base64 std encoding of 32 bytes>
type keyFile struct {
	Active string         `yaml:"active"`
	Keys   []keyFileEntry `yaml:"keys"`
}

// keyFileEntry is one key of a key file. Created is optional (RFC 3339 or yyyy-mm-dd). Every field is read as a
// string and checked here, so that no parser error can quote a value.
type keyFileEntry struct {
	ID      string `yaml:"id"`
	Created string `yaml:"created,omitempty"`
	Secret  string `yaml:"secret"`
}

// keyFileOut is keyFile as GenerateKeyFile writes it, with created as a YAML timestamp.
type keyFileOut struct {
	Active string `yaml:"active"`
	Keys   []struct {
		ID      string    `yaml:"id"`
		Created time.Time `yaml:"created"`
		Secret  string    `yaml:"secret"`
	} `yaml:"keys"`
}

// quotedSpan matches the spans yaml.v3 quotes a scalar's text in (`value`, 'value' or
// "value"), which are cut out of parse errors because the scalar may be a secret.
var quotedSpan = regexp.MustCompile("`[^`]*`|'[^']*'|\"[^\"]*\"")

// minScrubLen is the shortest scalar scrubbed from parse errors; shorter ones cannot be
// secrets and scrubbing them would garble the message.
const minScrubLen = 6

// ParseKeyring parses a key file: YAML with the fields active (the id new tokens are made
// with) and keys (a list of id, created, secret). Unknown fields are errors; ids must match
// [a-z0-9_-]{1,16} and be unique; secrets are standard base64 of at least 16 bytes; active
// must name one of the keys. Errors say what is wrong and where, never a secret.
func ParseKeyring(data []byte) (*Keyring, error) {
	var file keyFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, keyFileError("the file is empty")
		}
		return nil, keyFileError("%s", scrub(err.Error(), data))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, keyFileError("the file holds more than one YAML document")
	}
	if len(file.Keys) == 0 {
		return nil, keyFileError("keys is missing or empty")
	}
	ring := &Keyring{keys: make([]*Key, 0, len(file.Keys))}
	seen := make(map[string]bool, len(file.Keys))
	for i, entry := range file.Keys {
		if err := checkKeyID(entry.ID); err != nil {
			return nil, keyFileError("keys[%d]: %v", i, err)
		}
		if seen[entry.ID] {
			return nil, keyFileError("keys[%d]: key id %q appears more than once", i, entry.ID)
		}
		seen[entry.ID] = true
		if entry.Secret == "" {
			return nil, keyFileError("keys[%d] (id %q): secret is missing", i, entry.ID)
		}
		secret, err := base64.StdEncoding.DecodeString(entry.Secret)
		if err != nil {
			var corrupt base64.CorruptInputError
			if errors.As(err, &corrupt) {
				return nil, keyFileError("keys[%d] (id %q): secret is not standard base64 (bad input at byte %d)", i, entry.ID, int64(corrupt))
			}
			return nil, keyFileError("keys[%d] (id %q): secret is not standard base64", i, entry.ID)
		}
		if len(secret) < minSecretBytes {
			return nil, keyFileError("keys[%d] (id %q): secret is %d bytes, need at least %d", i, entry.ID, len(secret), minSecretBytes)
		}
		var created time.Time
		if entry.Created != "" {
			if created, err = time.Parse(time.RFC3339, entry.Created); err != nil {
				if created, err = time.Parse(time.DateOnly, entry.Created); err != nil {
					return nil, keyFileError("keys[%d] (id %q): created is not an RFC 3339 time such as 2026-11-22T12:00:00Z", i, entry.ID)
				}
			}
		}
		ring.keys = append(ring.keys, &Key{id: entry.ID, created: created, secret: secret})
	}
	switch {
	case file.Active == "":
		return nil, keyFileError("active is missing: it must name the key new tokens are made with")
	case checkKeyID(file.Active) != nil:
		return nil, keyFileError("active: %v", checkKeyID(file.Active))
	case !seen[file.Active]:
		return nil, keyFileError("active names key %q, which is not in keys", file.Active)
	}
	ring.active = file.Active
	return ring, nil
}

// GenerateKeyFile returns a new key file with one active key of 32 random bytes read from
// rand, the given id and created time now (in UTC, to the second).
func GenerateKeyFile(rand io.Reader, id string, now time.Time) ([]byte, error) {
	if err := checkKeyID(id); err != nil {
		return nil, fmt.Errorf("pseudonym: %w", err)
	}
	secret := make([]byte, generatedSecretBytes)
	if _, err := io.ReadFull(rand, secret); err != nil {
		return nil, fmt.Errorf("pseudonym: reading random key: %w", err)
	}
	file := keyFileOut{Active: id}
	file.Keys = append(file.Keys, struct {
		ID      string    `yaml:"id"`
		Created time.Time `yaml:"created"`
		Secret  string    `yaml:"secret"`
	}{id, now.UTC().Truncate(time.Second), base64.StdEncoding.EncodeToString(secret)})
	var buf bytes.Buffer
	buf.WriteString(keyFileHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(file); err != nil {
		return nil, fmt.Errorf("pseudonym: encoding key file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("pseudonym: encoding key file: %w", err)
	}
	return buf.Bytes(), nil
}

// fieldName matches the mapping keys scrub leaves in messages ("field secrett not found"):
// too short to be a whole secret.
var fieldName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,19}$`)

// scrub removes from a YAML error message every quoted span and every scalar of data long
// enough to be a secret, except mapping keys that look like field names.
func scrub(msg string, data []byte) string {
	msg = quotedSpan.ReplaceAllString(msg, "<redacted>")
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return msg
	}
	var walk func(n *yaml.Node, isKey bool)
	walk = func(n *yaml.Node, isKey bool) {
		if n.Kind == yaml.ScalarNode && len(n.Value) >= minScrubLen && !(isKey && fieldName.MatchString(n.Value)) {
			msg = strings.ReplaceAll(msg, n.Value, "<redacted>")
		}
		for i, c := range n.Content {
			walk(c, n.Kind == yaml.MappingNode && i%2 == 0)
		}
	}
	walk(&doc, false)
	return msg
}

// keyFileError returns a key file error; callers pass no secret in args.
func keyFileError(format string, args ...any) error {
	return fmt.Errorf("pseudonym: key file: "+format, args...)
}
