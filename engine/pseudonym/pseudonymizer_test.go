package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ringOf returns a keyring with one key per id (secret: SHA-256 of the id), active the first.
func ringOf(t testing.TB, ids ...string) *Keyring {
	t.Helper()
	ring := &Keyring{active: ids[0]}
	for _, id := range ids {
		secret := sha256.Sum256([]byte("test key " + id))
		ring.keys = append(ring.keys, &Key{id: id, created: time.Unix(0, 0), secret: secret[:]})
	}
	return ring
}

// withActive returns a copy of ring with another active key.
func withActive(ring *Keyring, id string) *Keyring {
	return &Keyring{active: id, keys: ring.keys}
}

func newP(t testing.TB, ring *Keyring, opts ...Option) *Pseudonymizer {
	t.Helper()
	p, err := New(ring, opts...)
	require.NoError(t, err)
	return p
}

// partOf returns the token part of a token of p, failing the test when it is not one.
func partOf(t testing.TB, p *Pseudonymizer, token string) string {
	t.Helper()
	_, _, part, ok := p.tpl.parse(token)
	require.True(t, ok, "not a token: %q", token)
	return part
}

var defaultTokenShape = regexp.MustCompile(`^<[A-Z][A-Z0-9_]*:[a-z0-9_-]{1,16}:[0-9A-HJKMNP-TV-Z]{16}>$`)

func TestTokenShape(t *testing.T) {
	p := newP(t, ringOf(t, "k1"))
	tok := p.Token("EMAIL", "anna.rossi@example.it")
	assert.Regexp(t, defaultTokenShape, tok)
	assert.True(t, strings.HasPrefix(tok, "<EMAIL:k1:"), tok)

	typ, kid, ok := p.Parse(tok)
	require.True(t, ok)
	assert.Equal(t, "EMAIL", typ)
	assert.Equal(t, "k1", kid)
	_, _, ok = p.Parse("<EMAIL:k1:short>")
	assert.False(t, ok)

	assert.Equal(t, tok, p.Token("EMAIL", "anna.rossi@example.it"), "deterministic")
	assert.Equal(t, "k1", p.ActiveID())
	assert.False(t, p.Reversible())
}

func TestTokenAlgorithm(t *testing.T) {
	ring := ringOf(t, "k1")
	p := newP(t, ring)
	mac := hmac.New(sha256.New, ring.keys[0].secret)
	mac.Write([]byte("IBAN\x00DE89370400440532013000"))
	want := "<IBAN:k1:" + crockford.EncodeToString(mac.Sum(nil)[:10]) + ">"
	assert.Equal(t, want, p.Token("IBAN", "de89 3704 0044 0532 0130 00"))
}

func TestTokenTemplate(t *testing.T) {
	p := newP(t, ringOf(t, "k1"), WithTemplate("[{kid}/{type}/{token}]"))
	def := newP(t, ringOf(t, "k1"))
	tok := p.Token("PHONE", "+45 22 34 56 78")
	assert.Regexp(t, `^\[k1/PHONE/[0-9A-Z]{16}\]$`, tok)
	assert.Equal(t, partOf(t, def, def.Token("PHONE", "0045 22345678")), partOf(t, p, tok),
		"the template changes the wrapping only")
	_, err := New(ringOf(t, "k1"), WithTemplate("{token}"))
	assert.ErrorContains(t, err, "pseudonym: template lacks {type}")
}

func TestTokenEntityTypeCanonical(t *testing.T) {
	p := newP(t, ringOf(t, "k1"))
	assert.Equal(t, p.Token("EMAIL", "a@b.de"), p.Token(" email ", "a@b.de"))
	assert.Equal(t, p.Token("CREDIT_CARD", "4111111111111111"), p.Token("credit-card", "4111111111111111"))
	for _, typ := range []string{"", "a>b:c", "1X", "é", "<EMAIL:k1:", "_X"} {
		tok := p.Token(typ, "value")
		assert.Regexp(t, defaultTokenShape, tok, "type %q", typ)
	}
	assert.Equal(t, "CUSTOMER_ID", canonicalType("CUSTOMER_ID"), "user-defined types pass as they are")
}

func TestTokenDiffersByType(t *testing.T) {
	p := newP(t, ringOf(t, "k1"))
	types := []string{"PHONE", "DK_CPR", "NO_FNR", "PL_PESEL", "DE_TAX_ID", "US_SSN", "CREDIT_CARD", "CUSTOM"}
	for _, digits := range []string{"1203451234", "12345678901", "4111111111111111", "0101800000"} {
		seen := map[string]string{}
		for _, typ := range types {
			part := partOf(t, p, p.Token(typ, digits))
			if prev, dup := seen[part]; dup {
				t.Errorf("%s and %s of the same digits share the token part %s", prev, typ, part)
			}
			seen[part] = typ
		}
	}
}

func TestKeyRotation(t *testing.T) {
	ring := ringOf(t, "k2", "k1") // k2 active, k1 the old key
	oldRing := withActive(ring, "k1")
	p, old := newP(t, ring), newP(t, oldRing)

	tok, oldTok := p.Token("EMAIL", "anna@example.it"), old.Token("EMAIL", "anna@example.it")
	assert.True(t, strings.HasPrefix(tok, "<EMAIL:k2:"), tok)
	assert.True(t, strings.HasPrefix(oldTok, "<EMAIL:k1:"), oldTok)
	assert.NotEqual(t, partOf(t, p, tok), partOf(t, p, oldTok))

	// Reversible tokens of the old key stay revealable after rotation.
	rOld, rNew := newP(t, oldRing, WithReversible()), newP(t, ring, WithReversible())
	typ, value, err := rNew.Reveal(rOld.Token("EMAIL", "Anna@Example.IT"))
	require.NoError(t, err)
	assert.Equal(t, "EMAIL", typ)
	assert.Equal(t, "anna@example.it", value)
}

func TestReversible(t *testing.T) {
	p := newP(t, ringOf(t, "k1"), WithReversible())
	tests := map[string]struct{ typ, value, want string }{
		"email":         {typ: "EMAIL", value: " Anna.Rossi@Example.IT ", want: "anna.rossi@example.it"},
		"phone":         {typ: "PHONE", value: "0045 22 34 56 78", want: "+4522345678"},
		"person":        {typ: "PERSON", value: "Herr Jørgen Müller", want: "jorgen muller"},
		"empty":         {typ: "ADDRESS", value: "", want: ""},
		"user type":     {typ: "LOYALTY_ID", value: "LY-778  12", want: "ly-778 12"},
		"long":          {typ: "ADDRESS", value: strings.Repeat("Via Roma 1, ", 40), want: strings.TrimSpace(strings.Repeat("via roma 1, ", 40))},
		"non-latin":     {typ: "PERSON", value: "Дмитрий Иванов", want: "дмитрии иванов"},
		"date of birth": {typ: "DATE_OF_BIRTH", value: "12.03.1985", want: "1985-03-12"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tok := p.Token(tc.typ, tc.value)
			assert.Equal(t, tok, p.Token(tc.typ, tc.value), "deterministic")
			typ, value, err := p.Reveal(tok)
			require.NoError(t, err)
			assert.Equal(t, tc.typ, typ)
			assert.Equal(t, tc.want, value)
		})
	}
	mac := newP(t, ringOf(t, "k1"))
	assert.NotEqual(t, mac.Token("EMAIL", "a@b.de"), p.Token("EMAIL", "a@b.de"), "modes differ")
}

func TestRevealErrors(t *testing.T) {
	const value = "anna.rossi@example.it"
	p := newP(t, ringOf(t, "k1"), WithReversible())
	tok := p.Token("EMAIL", value)
	part := partOf(t, p, tok)

	// Same id, other secret: a key file that is not the one the token was made with.
	impostor := &Keyring{active: "k1", keys: []*Key{{id: "k1", secret: []byte("another secret of 32 bytes......")}}}
	flipped := []byte(part)
	flipped[5] = "01"[b2i(flipped[5] == '0')]
	altered := "<EMAIL:k1:" + string(flipped) + ">"

	tests := map[string]struct {
		p     *Pseudonymizer
		token string
		want  error
	}{
		"not reversible":  {p: newP(t, ringOf(t, "k1")), token: tok, want: ErrNotReversible},
		"not a token":     {p: p, token: "hello", want: ErrMalformed},
		"value as token":  {p: p, token: value, want: ErrMalformed},
		"lower-case part": {p: p, token: "<EMAIL:k1:" + strings.ToLower(part) + ">", want: ErrMalformed},
		"bad base32":      {p: p, token: "<EMAIL:k1:" + part + "UUUU>", want: ErrMalformed},
		"unknown key":     {p: newP(t, ringOf(t, "k9"), WithReversible()), token: tok, want: ErrUnknownKey},
		"wrong key":       {p: newP(t, impostor, WithReversible()), token: tok, want: ErrNotRevealable},
		"altered":         {p: p, token: altered, want: ErrNotRevealable},
		"other type":      {p: p, token: strings.Replace(tok, "<EMAIL:", "<PERSON:", 1), want: ErrNotRevealable},
		"one-way token":   {p: p, token: newP(t, ringOf(t, "k1")).Token("EMAIL", value), want: ErrNotRevealable},
		"truncated":       {p: p, token: "<EMAIL:k1:" + part[:len(part)-8] + ">", want: ErrNotRevealable},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			typ, got, err := tc.p.Reveal(tc.token)
			require.ErrorIs(t, err, tc.want)
			assert.Empty(t, typ)
			assert.Empty(t, got)
			msg := strings.ToLower(err.Error())
			for _, leak := range []string{value, "anna", "rossi", "example", strings.ToLower(part)} {
				assert.NotContains(t, msg, leak)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	_, err := New(nil)
	assert.ErrorContains(t, err, "keyring is empty")
	_, err = New(&Keyring{})
	assert.ErrorContains(t, err, "keyring is empty")
	_, err = New(withActive(ringOf(t, "k1"), "k2"))
	assert.ErrorContains(t, err, "no active key")
	_, err = New(ringOf(t, "k1"), WithTemplate("<{type}>"))
	assert.ErrorContains(t, err, "template lacks")
}

func TestNothingPrintsASecret(t *testing.T) {
	ring := ringOf(t, "k1", "k2")
	secret := ring.keys[0].secret
	key, _ := ring.Key("k1")
	p := newP(t, ring, WithReversible())
	leaks := []string{
		base64.StdEncoding.EncodeToString(secret)[:12],
		hex.EncodeToString(secret[:6]),
		strings.ToUpper(hex.EncodeToString(secret[:6])),
		strings.TrimSuffix(fmt.Sprint(secret[:6]), "]"),
		strings.Trim(fmt.Sprintf("%q", secret[:6]), `"`),
		fmt.Sprintf("%#v", secret[:6])[len("[]byte{"):],
	}
	objects := map[string]any{
		"Keyring":          *ring,
		"*Keyring":         ring,
		"Key":              key,
		"*Key":             &key,
		"*Pseudonymizer":   p,
		"struct{*Keyring}": struct{ R *Keyring }{ring},
		"struct{Keyring}":  struct{ R Keyring }{*ring},
		"struct{Key}":      struct{ K Key }{key},
		"[]Key":            []Key{key},
	}
	for name, obj := range objects {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
			out := fmt.Sprintf(verb, obj)
			for _, leak := range leaks {
				assert.NotContains(t, out, leak, "%s printed with %s: %s", name, verb, out)
			}
		}
	}
	assert.Equal(t, "Keyring(active=k1, keys=[k1 k2])", fmt.Sprint(ring))
	assert.Equal(t, "Key(k1)", fmt.Sprintf("%+v", key))
	assert.Equal(t, "Pseudonymizer(active=k1, reversible=true)", fmt.Sprintf("%#v", p))
}

func TestConcurrentTokens(t *testing.T) {
	t.Run("one-way", func(t *testing.T) { checkConcurrentTokens(t, newP(t, ringOf(t, "k1"))) })
	t.Run("reversible", func(t *testing.T) { checkConcurrentTokens(t, newP(t, ringOf(t, "k1"), WithReversible())) })
}

// checkConcurrentTokens makes tokens from 8 goroutines at once and compares them with the
// tokens made one by one.
func checkConcurrentTokens(t *testing.T, p *Pseudonymizer) {
	values := make([]string, 200)
	want := make([]string, len(values))
	for i := range values {
		values[i] = fmt.Sprintf("customer%04d@example.dk", i)
		want[i] = p.Token("EMAIL", values[i])
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range values {
				j := (i + g*25) % len(values)
				if got := p.Token("EMAIL", values[j]); got != want[j] {
					errs <- fmt.Sprintf("goroutine %d value %d: %s != %s", g, j, got, want[j])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
