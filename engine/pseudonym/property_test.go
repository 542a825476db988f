package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"testing/quick"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

// quickConfig runs each property on 300 values from a fixed seed, so a failure reproduces.
func quickConfig() *quick.Config {
	return &quick.Config{MaxCount: 300, Rand: rand.New(rand.NewSource(20261122))}
}

// variant is one value written two ways that must get one token.
type variant struct {
	typ      string
	plain    string // a canonical spelling
	written  string // another spelling of the same value
	region   string // region the written form is read for
	numberID bool   // whether the value is a number (digits must not appear in the token)
}

func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.Intn(len(xs))] }

func word(r *rand.Rand, alphabet string, min, max int) string {
	b := make([]byte, min+r.Intn(max-min+1))
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

func digits(r *rand.Rand, n int) string { return word(r, "0123456789", n, n) }

// flipCase upper-cases a random half of the letters of s.
func flipCase(r *rand.Rand, s string) string {
	var b strings.Builder
	for _, c := range s {
		if r.Intn(2) == 0 {
			b.WriteString(strings.ToUpper(string(c)))
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// group writes s in groups of n separated by sep.
func group(s string, n int, sep string) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), sep)
}

func spaces(r *rand.Rand) string { return pick(r, "", " ", "  ", "\t", " \n") }

// emailVariant is an address and the same address in other case, padding and wrapping.
type emailVariant struct{ variant }

func (emailVariant) Generate(r *rand.Rand, _ int) reflect.Value {
	plain := word(r, "abcdefghijklmnopqrstuvwxyz", 1, 1) + word(r, "abcdefghijklmnopqrstuvwxyz0123456789._-", 2, 14) +
		"@" + word(r, "abcdefghijklmnopqrstuvwxyz", 2, 10) + "." + pick(r, "de", "dk", "it", "co.uk", "com")
	written := flipCase(r, plain)
	switch r.Intn(3) {
	case 0:
		written = pick(r, "mailto:", "MAILTO:", "Mailto:") + written
	case 1:
		written = "<" + written + ">"
	}
	return reflect.ValueOf(emailVariant{variant{typ: "EMAIL", plain: plain, written: spaces(r) + written + spaces(r)}})
}

// phoneVariant is a number in E.164 and the same number written nationally or with 00,
// with or without separators.
type phoneVariant struct{ variant }

func (phoneVariant) Generate(r *rand.Rand, _ int) reflect.Value {
	var cc, nsn, trunk, region string
	switch r.Intn(4) {
	case 0: // Denmark: 8 digits, no trunk prefix; some ranges are unassigned, all must agree.
		cc, nsn, region = "45", pick(r, "2", "3", "4", "5", "6", "7", "1", "8")+digits(r, 7), "DK"
	case 1: // Germany, Berlin.
		cc, nsn, trunk, region = "49", "30"+digits(r, 7+r.Intn(2)), "0", "DE"
	case 2: // Italy keeps the leading 0 of geographic numbers.
		cc, nsn, region = "39", "06"+digits(r, 8), "IT"
	default: // United Kingdom, London.
		cc, nsn, trunk, region = "44", "20"+digits(r, 8), "0", "GB"
	}
	sep := pick(r, "", " ", "-", ".", " - ")
	body := group(nsn, 2+r.Intn(3), sep)
	var written string
	switch r.Intn(4) {
	case 0:
		written = "+" + cc + pick(r, " ", "", "-") + body
	case 1:
		written = "00" + cc + pick(r, " ", "") + body
	case 2:
		written = "(+" + cc + ") " + body
	default:
		written = trunk + body
	}
	return reflect.ValueOf(phoneVariant{variant{typ: "PHONE", plain: "+" + cc + nsn, written: spaces(r) + written,
		region: region, numberID: true}})
}

// ibanVariant is an IBAN and the same IBAN grouped, lower-cased or labelled.
type ibanVariant struct{ variant }

func (ibanVariant) Generate(r *rand.Rand, _ int) reflect.Value {
	plain := pick(r, "DE", "DK", "IT", "GB", "FR", "NL") + digits(r, 2) + word(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 4, 4) + digits(r, 14)
	written := group(plain, 4, pick(r, " ", "-", "  ", ""))
	if r.Intn(2) == 0 {
		written = strings.ToLower(written)
	}
	if r.Intn(3) == 0 {
		written = pick(r, "IBAN ", "iban: ", "IBAN") + written
	}
	return reflect.ValueOf(ibanVariant{variant{typ: "IBAN", plain: plain, written: spaces(r) + written + spaces(r), numberID: true}})
}

// names are (written, ASCII) pairs of name parts.
var names = [][2]string{
	{"Jørgen", "jorgen"}, {"Müller", "muller"}, {"Søren", "soren"}, {"José", "jose"},
	{"François", "francois"}, {"Zoë", "zoe"}, {"Łukasz", "lukasz"}, {"Straße", "strasse"},
	{"Ærenlund", "aerenlund"}, {"Åse", "ase"}, {"Niccolò", "niccolo"}, {"Hans", "hans"},
	{"Anna", "anna"}, {"Rossi", "rossi"}, {"Björk", "bjork"}, {"Dvořák", "dvorak"},
	{"Núñez", "nunez"}, {"Østergård", "ostergard"}, {"Þórunn", "thorunn"}, {"Œhler", "oehler"},
}

// personVariant is a name in lower-case ASCII and the same name with accents, any case,
// extra spaces and a title in front.
type personVariant struct{ variant }

func (personVariant) Generate(r *rand.Rand, _ int) reflect.Value {
	var written, plain []string
	for i := 0; i < 2+r.Intn(2); i++ {
		n := names[r.Intn(len(names))]
		written = append(written, n[0])
		plain = append(plain, n[1])
	}
	w := strings.Join(written, " "+spaces(r))
	switch r.Intn(4) {
	case 0:
		w = strings.ToUpper(w)
	case 1:
		w = flipCase(r, w)
	case 2:
		w = norm.NFD.String(w)
	}
	if r.Intn(2) == 0 {
		w = pick(r, "Herr ", "Frau ", "Hr. ", "Fr. ", "Mr ", "Mrs. ", "Ms ", "Dr. ", "Signora ", "Sig.ra ",
			"Dott. ", "Fru ", "Frk. ", "Herr Dr. ", "MR. ") + w
	}
	return reflect.ValueOf(personVariant{variant{typ: "PERSON", plain: strings.Join(plain, " "), written: spaces(r) + w + spaces(r)}})
}

// anyVariant is a variant of any of the generated types.
type anyVariant struct{ variant }

func (anyVariant) Generate(r *rand.Rand, size int) reflect.Value {
	var v variant
	switch r.Intn(4) {
	case 0:
		v = emailVariant{}.Generate(r, size).Interface().(emailVariant).variant
	case 1:
		v = phoneVariant{}.Generate(r, size).Interface().(phoneVariant).variant
	case 2:
		v = ibanVariant{}.Generate(r, size).Interface().(ibanVariant).variant
	default:
		v = personVariant{}.Generate(r, size).Interface().(personVariant).variant
	}
	return reflect.ValueOf(anyVariant{v})
}

// checkOneToken is the property: the written form gets the plain form's token.
func checkOneToken(t *testing.T, p *Pseudonymizer, v variant) bool {
	t.Helper()
	a, b := p.TokenWithRegion(v.typ, v.plain, v.region), p.TokenWithRegion(v.typ, v.written, v.region)
	if a != b {
		t.Logf("%s %q → %q, %q (region %q) → %q", v.typ, v.plain, NormalizeWithRegion(v.typ, v.plain, v.region),
			v.written, v.region, NormalizeWithRegion(v.typ, v.written, v.region))
	}
	return a == b
}

func TestPropertyOneValueOneToken(t *testing.T) {
	p := newP(t, ringOf(t, "k1"))
	r := newP(t, ringOf(t, "k1"), WithReversible())
	for _, pz := range []*Pseudonymizer{p, r} {
		require.NoError(t, quick.Check(func(v emailVariant) bool { return checkOneToken(t, pz, v.variant) }, quickConfig()), "email")
		require.NoError(t, quick.Check(func(v phoneVariant) bool { return checkOneToken(t, pz, v.variant) }, quickConfig()), "phone")
		require.NoError(t, quick.Check(func(v ibanVariant) bool { return checkOneToken(t, pz, v.variant) }, quickConfig()), "iban")
		require.NoError(t, quick.Check(func(v personVariant) bool { return checkOneToken(t, pz, v.variant) }, quickConfig()), "person")
	}
}

func TestPropertyPhoneWithoutRegion(t *testing.T) {
	// International spellings agree without any region.
	p := newP(t, ringOf(t, "k1"))
	require.NoError(t, quick.Check(func(v phoneVariant) bool {
		if !strings.Contains(v.written, "+") && !strings.HasPrefix(strings.TrimSpace(v.written), "00") {
			return true
		}
		v.region = ""
		return checkOneToken(t, p, v.variant)
	}, quickConfig()))
}

func TestPropertyDifferentKeysDifferentTokens(t *testing.T) {
	require.NoError(t, quick.Check(func(v anyVariant, k1, k2 [32]byte) bool {
		if k1 == k2 {
			return true
		}
		a := newP(t, &Keyring{active: "k", keys: []*Key{{id: "k", secret: k1[:]}}})
		b := newP(t, &Keyring{active: "k", keys: []*Key{{id: "k", secret: k2[:]}}})
		return a.Token(v.typ, v.plain) != b.Token(v.typ, v.plain)
	}, quickConfig()))
}

func TestPropertyDifferentValuesDifferentTokens(t *testing.T) {
	p := newP(t, ringOf(t, "k1"))
	require.NoError(t, quick.Check(func(a, b anyVariant) bool {
		if a.typ != b.typ || Normalize(a.typ, a.plain) == Normalize(b.typ, b.plain) {
			return true
		}
		return p.Token(a.typ, a.plain) != p.Token(b.typ, b.plain)
	}, quickConfig()))
}

func TestPropertyDifferentTypesDifferentTokens(t *testing.T) {
	p := newP(t, ringOf(t, "k1"))
	require.NoError(t, quick.Check(func(d uint64) bool {
		value := "00" + digitsOf(d)
		return partOf(t, p, p.Token("PHONE", value)) != partOf(t, p, p.Token("DK_CPR", value)) &&
			partOf(t, p, p.Token("DK_CPR", value)) != partOf(t, p, p.Token("NO_FNR", value))
	}, quickConfig()))
}

func digitsOf(d uint64) string {
	s := []byte{}
	for ; d > 0; d /= 10 {
		s = append(s, byte('0'+d%10))
	}
	return string(s)
}

// unkeyedDigests returns hex and base32 prefixes of the unkeyed hashes a careless token
// might be: SHA-256 and HMAC with an empty key, of the value and of type || 0x00 || value.
func unkeyedDigests(typ, normalized string) []string {
	var sums [][]byte
	for _, in := range []string{normalized, typ + "\x00" + normalized} {
		s := sha256.Sum256([]byte(in))
		sums = append(sums, s[:])
		mac := hmac.New(sha256.New, nil)
		mac.Write([]byte(in))
		sums = append(sums, mac.Sum(nil))
	}
	var out []string
	for _, s := range sums {
		out = append(out,
			hex.EncodeToString(s)[:10],
			crockford.EncodeToString(s)[:10],
			base32.StdEncoding.EncodeToString(s)[:10],
			base32.HexEncoding.EncodeToString(s)[:10],
		)
	}
	return out
}

func TestPropertyTokenHidesValue(t *testing.T) {
	for _, opts := range [][]Option{nil, {WithReversible()}} {
		p := newP(t, ringOf(t, "k1"), opts...)
		require.NoError(t, quick.Check(func(v anyVariant) bool {
			normalized := NormalizeWithRegion(v.typ, v.written, v.region)
			tok := strings.ToUpper(p.TokenWithRegion(v.typ, v.written, v.region))
			needles := append([]string{v.plain, v.written, normalized}, unkeyedDigests(v.typ, normalized)...)
			if v.numberID {
				needles = append(needles, strings.TrimLeft(normalized, "+"), alnumUpper(v.written))
			}
			for _, n := range needles {
				if n = strings.ToUpper(strings.TrimSpace(n)); len(n) >= 6 && strings.Contains(tok, n) {
					t.Logf("token %s holds %q", tok, n)
					return false
				}
			}
			return true
		}, quickConfig()))
	}
}

func TestPropertyReversibleRoundTrip(t *testing.T) {
	ring := ringOf(t, "k1", "k0")
	p := newP(t, ring, WithReversible())
	old := newP(t, withActive(ring, "k0"), WithReversible())
	require.NoError(t, quick.Check(func(v anyVariant, useOld bool, raw string) bool {
		maker := p
		if useOld {
			maker = old
		}
		for _, value := range []string{v.written, raw} {
			typ, got, err := p.Reveal(maker.TokenWithRegion(v.typ, value, v.region))
			if err != nil || typ != v.typ || got != NormalizeWithRegion(v.typ, value, v.region) {
				t.Logf("reveal of %s %q: %q %q %v", v.typ, value, typ, got, err)
				return false
			}
		}
		return true
	}, quickConfig()))
}
