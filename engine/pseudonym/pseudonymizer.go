package pseudonym

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"sync"

	"github.com/tink-crypto/tink-go/v2/daead/subtle"
)

// sivInfo is the HKDF info the AES-SIV key of reversible tokens is derived with, so that one
// secret serves both modes without the two keys ever being the same.
const sivInfo = "piiguard pseudonym aes-siv v1"

// maxPooledBuf is the largest scratch buffer a pooled MAC state keeps between calls.
const maxPooledBuf = 4 << 10

// Errors Reveal returns, wrapped with detail that never holds a value.
var (
	ErrNotReversible = errors.New("pseudonym: reversible tokens are off")
	ErrMalformed     = errors.New("pseudonym: not a token of this template")
	ErrUnknownKey    = errors.New("pseudonym: token key id is not in the keyring")
	ErrNotRevealable = errors.New("pseudonym: token was not made with this key or was altered")
)

// keyState is what a Pseudonymizer derives from one key.
type keyState struct {
	id  string
	siv *subtle.AESSIV // nil unless reversible
}

// macState is a pooled HMAC of the active key with scratch space for its input and output.
type macState struct {
	h   hash.Hash
	buf []byte
	sum []byte
}

// Pseudonymizer makes tokens with the active key of a keyring and, in reversible mode,
// reveals tokens made with any key of it. It is safe for concurrent use.
type Pseudonymizer struct {
	tpl        *template
	reversible bool
	active     *keyState
	keys       map[string]*keyState
	macs       sync.Pool
}

// New returns a Pseudonymizer for the keyring k; see the options for the defaults.
func New(k *Keyring, opts ...Option) (*Pseudonymizer, error) {
	if k == nil || len(k.keys) == 0 {
		return nil, errors.New("pseudonym: keyring is empty")
	}
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	tpl, err := parseTemplate(cfg.template)
	if err != nil {
		return nil, fmt.Errorf("pseudonym: %w", err)
	}
	p := &Pseudonymizer{tpl: tpl, reversible: cfg.reversible, keys: make(map[string]*keyState, len(k.keys))}
	for _, key := range k.keys {
		st := &keyState{id: key.id}
		if cfg.reversible {
			sivKey, err := hkdf.Key(sha256.New, key.secret, nil, sivInfo, subtle.AESSIVKeySize)
			if err != nil {
				return nil, fmt.Errorf("pseudonym: deriving reversible key %q: %w", key.id, err)
			}
			if st.siv, err = subtle.NewAESSIV(sivKey); err != nil {
				return nil, fmt.Errorf("pseudonym: reversible key %q: %w", key.id, err)
			}
		}
		p.keys[key.id] = st
		if key.id == k.active {
			p.active = st
			secret := key.secret
			p.macs.New = func() any {
				return &macState{h: hmac.New(sha256.New, secret), sum: make([]byte, 0, sha256.Size)}
			}
		}
	}
	if p.active == nil {
		return nil, errors.New("pseudonym: keyring has no active key")
	}
	return p, nil
}

// ActiveID returns the id of the key new tokens are made with.
func (p *Pseudonymizer) ActiveID() string { return p.active.id }

// Reversible reports whether tokens can be revealed.
func (p *Pseudonymizer) Reversible() bool { return p.reversible }

// Token returns the token for value of entityType under the active key, normalising value
// first (see Normalize). entityType is trimmed and upper-cased; characters other than A-Z,
// 0-9 and '_' become '_', and an 'X' goes in front of a type that does not start with A-Z.
func (p *Pseudonymizer) Token(entityType, value string) string {
	return p.TokenWithRegion(entityType, value, "")
}

// TokenWithRegion is Token with a region (ISO 3166 code such as "DK") for national phone
// numbers and date order; see NormalizeWithRegion and RegionForLanguage.
func (p *Pseudonymizer) TokenWithRegion(entityType, value, region string) string {
	t := canonicalType(entityType)
	return p.tokenNormalized(t, normalize(t, value, region))
}

// tokenNormalized makes the token of an already canonical type and normalised value.
func (p *Pseudonymizer) tokenNormalized(t, v string) string {
	if p.reversible {
		if ct, err := p.active.siv.EncryptDeterministically([]byte(v), []byte(t)); err == nil {
			part := make([]byte, crockford.EncodedLen(len(ct)))
			crockford.Encode(part, ct)
			return p.tpl.render(t, p.active.id, part)
		}
		// Encryption fails only for values near math.MaxInt bytes; the one-way token is
		// still a safe answer.
	}
	st := p.macs.Get().(*macState)
	st.buf = append(append(append(st.buf[:0], t...), 0), v...)
	st.h.Reset()
	st.h.Write(st.buf)
	st.sum = st.h.Sum(st.sum[:0])
	var part [macChars]byte
	crockford.Encode(part[:], st.sum[:macBytes])
	if cap(st.buf) > maxPooledBuf {
		st.buf = nil
	}
	p.macs.Put(st)
	return p.tpl.render(t, p.active.id, part[:])
}

// Parse splits a token of this Pseudonymizer's template into entity type and key id, and
// reports whether token is one. It does not check the token part against a key.
func (p *Pseudonymizer) Parse(token string) (entityType, keyID string, ok bool) {
	entityType, keyID, _, ok = p.tpl.parse(token)
	return entityType, keyID, ok
}

// Reveal returns type and normalised value of a reversible token made with a key in the
// keyring. Errors wrap ErrNotReversible, ErrMalformed, ErrUnknownKey or ErrNotRevealable and
// never hold the value.
func (p *Pseudonymizer) Reveal(token string) (entityType, value string, err error) {
	if !p.reversible {
		return "", "", ErrNotReversible
	}
	t, kid, part, ok := p.tpl.parse(token)
	if !ok {
		return "", "", ErrMalformed
	}
	key, ok := p.keys[kid]
	if !ok {
		return "", "", fmt.Errorf("%w: key id %q", ErrUnknownKey, kid)
	}
	ct, err := crockford.DecodeString(part)
	if err != nil {
		return "", "", fmt.Errorf("%w: token part is not base32", ErrMalformed)
	}
	pt, err := key.siv.DecryptDeterministically(ct, []byte(t))
	if err != nil {
		return "", "", fmt.Errorf("%w (key id %q)", ErrNotRevealable, kid)
	}
	return t, string(pt), nil
}

// String returns "Pseudonymizer(active=k1, reversible=false)" and never a secret.
func (p *Pseudonymizer) String() string {
	return fmt.Sprintf("Pseudonymizer(active=%s, reversible=%t)", p.active.id, p.reversible)
}

// GoString returns the same as String.
func (p *Pseudonymizer) GoString() string { return p.String() }

// Format prints the same as String for every verb.
func (p *Pseudonymizer) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, p.String()) }

// canonicalType trims and upper-cases entityType, turns characters other than A-Z, 0-9 and
// '_' into '_' and puts an 'X' in front unless it starts with A-Z, so that a type can neither
// break the template's delimiters nor be empty.
func canonicalType(entityType string) string {
	entityType = strings.TrimSpace(entityType)
	valid := entityType != ""
	for i := 0; i < len(entityType) && valid; i++ {
		c := entityType[i]
		valid = 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' && i > 0 || c == '_' && i > 0
	}
	if valid {
		return entityType
	}
	b := make([]byte, 0, len(entityType)+1)
	for _, r := range entityType {
		switch {
		case 'a' <= r && r <= 'z':
			b = append(b, byte(r-'a'+'A'))
		case 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			b = append(b, byte(r))
		default:
			b = append(b, '_')
		}
	}
	if len(b) == 0 || b[0] < 'A' || b[0] > 'Z' {
		b = append([]byte{'X'}, b...)
	}
	return string(b)
}
