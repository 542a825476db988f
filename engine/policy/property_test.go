package policy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/pseudonym"
)

// valueGen makes a random plausible value of one entity type.
type valueGen struct {
	f   detectors.Finding
	gen func(r *rand.Rand) string
}

func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

func word(r *rand.Rand, min, max int) string {
	b := make([]byte, min+r.IntN(max-min+1))
	for i := range b {
		b[i] = byte('a' + r.IntN(26))
	}
	return string(b)
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

var valueGens = []valueGen{
	{email, func(r *rand.Rand) string { return word(r, 2, 10) + "." + word(r, 2, 8) + "@" + word(r, 3, 8) + ".de" }},
	{phone, func(r *rand.Rand) string { return "+49 " + digits(r, 2) + " " + digits(r, 7) }},
	{iban, func(r *rand.Rand) string {
		return "DE" + digits(r, 2) + " " + digits(r, 4) + " " + digits(r, 4) + " " + digits(r, 4) + " " + digits(r, 4) + " " + digits(r, 2)
	}},
	{card, func(r *rand.Rand) string {
		return "4" + digits(r, 3) + " " + digits(r, 4) + " " + digits(r, 4) + " " + digits(r, 4)
	}},
	{person, func(r *rand.Rand) string { return title(word(r, 2, 8)) + " " + title(word(r, 3, 10)) }},
	{taxID, func(r *rand.Rand) string { return digits(r, 11) }},
	{dob, func(r *rand.Rand) string {
		d, m, y := 1+r.IntN(28), 1+r.IntN(12), 1930+r.IntN(90)
		return []string{fmt.Sprintf("%02d.%02d.%d", d, m, y), fmt.Sprintf("%d-%02d-%02d", y, m, d),
			fmt.Sprintf("%02d/%02d/%02d", d, m, y%100), fmt.Sprintf("%d. März %d", d, y)}[r.IntN(4)]
	}},
	{ipAddr, func(r *rand.Rand) string {
		if r.IntN(2) == 0 {
			return fmt.Sprintf("%d.%d.%d.%d", 1+r.IntN(223), r.IntN(256), r.IntN(256), 1+r.IntN(254))
		}
		return fmt.Sprintf("2001:db8:%x:%x::%x", r.IntN(0xffff), r.IntN(0xffff), 1+r.IntN(0xfffe))
	}},
	{address, func(r *rand.Rand) string {
		street := title(word(r, 4, 10)) + "straße " + fmt.Sprint(1+r.IntN(200))
		return []string{street + ", " + digits(r, 5) + " " + title(word(r, 4, 8)),
			street + ", " + digits(r, 4) + " " + title(word(r, 4, 8)),
			fmt.Sprint(1+r.IntN(200)) + " " + title(word(r, 4, 8)) + " Road, London SW" + fmt.Sprint(1+r.IntN(20)) + " " + fmt.Sprint(r.IntN(10)) + "AB"}[r.IntN(3)]
	}},
	{health, func(r *rand.Rand) string { return word(r, 5, 12) }},
}

// TestRenderNeverLeaks renders random values of every type under every action that must hide them, with a real
// pseudonymizer, and checks the output holds neither the value nor its letters and digits run together.
func TestRenderNeverLeaks(t *testing.T) {
	kr, err := pseudonym.EphemeralKeyring()
	require.NoError(t, err)
	tokens, err := pseudonym.New(kr)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(1, 2))
	for _, g := range valueGens {
		for range 200 {
			v := g.gen(r)
			compact := strings.Map(func(c rune) rune {
				if isAlnum(c) {
					return c
				}
				return -1
			}, v)
			for _, a := range []Action{Redact, Pseudonymise, Generalise} {
				out, drop := Render(Decision{Action: a}, g.f, v, tokens, "DE")
				require.False(t, drop)
				require.NotEmpty(t, out)
				assert.NotContains(t, out, v, "%s %s", g.f.Type, a)
				assert.NotContains(t, out, compact, "%s %s", g.f.Type, a)
			}
		}
	}
}

// TestMaskNeverRevealsMore masks random values with random specs and checks that no more letters and digits
// show than the type allows, and only from the allowed ends.
func TestMaskNeverRevealsMore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, g := range valueGens {
		lim, maskable := maskLimits[g.f.Type]
		for range 200 {
			v := g.gen(r)
			spec := MaskSpec{KeepFirst: r.IntN(12) - 2, KeepLast: r.IntN(12) - 2, Char: []string{"*", "#", "x", ""}[r.IntN(4)]}
			out, _ := Render(Decision{Action: Mask, Mask: spec}, g.f, v, nil, "")
			if !maskable {
				assert.Equal(t, redactTag(g.f), out)
				continue
			}
			shown := out
			if g.f.Type == "EMAIL" {
				shown = out[:strings.LastIndexByte(out, '@')]
			}
			var kept []rune
			for _, c := range shown {
				if unicode.IsLetter(c) || unicode.IsDigit(c) {
					kept = append(kept, c)
				}
			}
			require.LessOrEqual(t, len(kept), lim.KeepFirst+lim.KeepLast, "%s: %d characters shown", g.f.Type, len(kept))
			if g.f.Type == "CREDIT_CARD" {
				require.Equal(t, v[len(v)-len(kept):], string(kept), "a card shows its last digits only")
			}
		}
	}
}
