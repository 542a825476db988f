package pseudonym

import "testing"

func BenchmarkToken(b *testing.B) {
	cases := map[string]struct {
		typ, value string
		opts       []Option
	}{
		"email":            {typ: "EMAIL", value: "Anna.Rossi@Example.IT"},
		"email normalised": {typ: "EMAIL", value: "anna.rossi@example.it"},
		"iban":             {typ: "IBAN", value: "DE89 3704 0044 0532 0130 00"},
		"person":           {typ: "PERSON", value: "Herr Jørgen Müller"},
		"phone":            {typ: "PHONE", value: "+45 22 34 56 78"},
		"email reversible": {typ: "EMAIL", value: "anna.rossi@example.it", opts: []Option{WithReversible()}},
	}
	for name, tc := range cases {
		b.Run(name, func(b *testing.B) {
			p := newP(b, ringOf(b, "k1"), tc.opts...)
			b.ReportAllocs()
			for b.Loop() {
				_ = p.Token(tc.typ, tc.value)
			}
		})
	}
}

func BenchmarkTokenParallel(b *testing.B) {
	p := newP(b, ringOf(b, "k1"))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_ = p.Token("EMAIL", "anna.rossi@example.it")
		}
	})
}
