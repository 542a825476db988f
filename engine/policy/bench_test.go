package policy

import (
	"testing"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/pseudonym"
)

// BenchmarkDecideRender decides and renders a mix of findings as a call record's fields would bring them.
func BenchmarkDecideRender(b *testing.B) {
	kr, err := pseudonym.EphemeralKeyring()
	if err != nil {
		b.Fatal(err)
	}
	tokens, err := pseudonym.New(kr)
	if err != nil {
		b.Fatal(err)
	}
	p := loadPolicy(b, "precedence.yaml")
	cases := []struct {
		f     detectors.Finding
		path  string
		value string
	}{
		{email, "/segments/3/text", "jane.doe@example.com"},
		{phone, "/segments/4/text", "+49 30 1234567"},
		{card, "/segments/5/text", "4111 1111 1111 1111"},
		{dob, "/body", "12.03.1985"},
		{health, "/segments/6/text", "diabetes"},
		{address, "/segments/7/text", "Hauptstraße 5, 10115 Berlin"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := cases[i%len(cases)]
		d := p.Decide(c.f, "call", c.path)
		Render(d, c.f, c.value, tokens, "DE")
	}
}

// BenchmarkDecide decides alone, against the default policy and a policy with path overrides.
func BenchmarkDecide(b *testing.B) {
	for name, p := range map[string]*Policy{"default": Default(), "paths": loadPolicy(b, "precedence.yaml")} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.Decide(email, "call", "/segments/12/text")
			}
		})
	}
}
