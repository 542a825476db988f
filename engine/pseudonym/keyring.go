package pseudonym

import (
	"crypto/rand"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// minSecretBytes is the shortest secret a key file may hold.
const minSecretBytes = 16

// generatedSecretBytes is the size of the secrets GenerateKeyFile and EphemeralKeyring make.
const generatedSecretBytes = 32

// EphemeralKeyID is the id of the single key of an EphemeralKeyring.
const EphemeralKeyID = "ephemeral"

// keyIDPattern is what a key id looks like: it appears in every token, so it is short and
// cannot contain the template's delimiters.
var keyIDPattern = regexp.MustCompile(`^[a-z0-9_-]{1,16}$`)

// Key is one secret with its id and creation time. Printing a Key with any fmt verb shows
// its id only, never the secret.
type Key struct {
	id      string
	created time.Time
	secret  []byte
}

// ID returns the key id, as written into tokens.
func (k Key) ID() string { return k.id }

// Created returns when the key was made (zero when the key file does not say).
func (k Key) Created() time.Time { return k.created }

// String returns "Key(id)" and never the secret.
func (k Key) String() string { return "Key(" + k.id + ")" }

// GoString returns the same as String so that %#v never shows the secret.
func (k Key) GoString() string { return k.String() }

// Format prints the same as String for every verb, so that %v, %+v, %#v, %s, %x, %q never
// show the secret.
func (k Key) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, k.String()) }

// Keyring holds the keys of a key file, in file order, one of them active. New tokens are
// made with the active key; Reveal accepts tokens of any key in the ring. Printing a Keyring
// with any fmt verb shows the key ids only.
type Keyring struct {
	active string
	// keys are pointers so that even a reflective dump prints addresses, not secrets.
	keys []*Key
}

// ActiveID returns the id of the key new tokens are made with.
func (k *Keyring) ActiveID() string { return k.active }

// IDs returns the ids of all keys, in file order.
func (k *Keyring) IDs() []string {
	ids := make([]string, len(k.keys))
	for i, key := range k.keys {
		ids[i] = key.id
	}
	return ids
}

// Key returns the key with the given id and whether there is one.
func (k *Keyring) Key(id string) (Key, bool) {
	for _, key := range k.keys {
		if key.id == id {
			return *key, true
		}
	}
	return Key{}, false
}

// String returns "Keyring(active=k2, keys=[k1 k2])" and never a secret.
func (k Keyring) String() string {
	var b strings.Builder
	b.WriteString("Keyring(active=")
	b.WriteString(k.active)
	b.WriteString(", keys=[")
	for i, key := range k.keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(key.id)
	}
	b.WriteString("])")
	return b.String()
}

// GoString returns the same as String so that %#v never shows a secret.
func (k Keyring) GoString() string { return k.String() }

// Format prints the same as String for every verb, so that no verb shows a secret.
func (k Keyring) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, k.String()) }

// EphemeralKeyring returns a keyring with one random 32-byte key (id "ephemeral") for runs
// without a key file. Its tokens are stable within one process only.
func EphemeralKeyring() (*Keyring, error) {
	secret := make([]byte, generatedSecretBytes)
	if _, err := io.ReadFull(rand.Reader, secret); err != nil {
		return nil, fmt.Errorf("pseudonym: reading random key: %w", err)
	}
	key := &Key{id: EphemeralKeyID, created: time.Now().UTC(), secret: secret}
	return &Keyring{active: key.id, keys: []*Key{key}}, nil
}

// checkKeyID returns an error when id is not a valid key id. The error does not quote the
// id: an invalid one may be a secret pasted into the wrong line.
func checkKeyID(id string) error {
	if keyIDPattern.MatchString(id) {
		return nil
	}
	if id == "" {
		return fmt.Errorf("key id is empty")
	}
	return fmt.Errorf("key id must match [a-z0-9_-]{1,16}")
}
