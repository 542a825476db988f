package spelled

import (
	"strings"
	"testing"
)

func FuzzLetters(f *testing.F) {
	for _, s := range []string{
		"", "j o h n", "laurits punkt andresen at gmail punkt com", "a wie anton b wie berta",
		"mette underscore nielsen snabel a hotmail punktum dk", "mario punto rossi chiocciola libero punto it",
		"alpha bravo charlie", "x-ray yankee zulu", "i lunga o come otranto", "doppel-u e b e r", "m-ü-l-l-e-r",
		"j\u00a0o\u2013h\u00a0n", "anna at-zeichen gmx punkt de", "anna.schmidt at web.de", "j\xff o h",
		"it’s m c k a y at gmail dot com", "be wie berta, sch wie schule", strings.Repeat("a ", 70),
		strings.Repeat("x at y punkt de ", 20), "a wie", "snabel", "at", "trattino basso",
	} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, s string, x, y int) {
		v, ok := Letters(s)
		text := v.Text()
		if !ok {
			if text != s {
				t.Fatalf("unconverted view differs from its text")
			}
			return
		}
		if text == s {
			t.Fatalf("converted view equals its text")
		}
		if a, b := v.Span(0, len(text)); a != 0 || b != len(s) {
			t.Fatalf("whole view maps to [%d,%d) of %d bytes", a, b, len(s))
		}
		prevA, prevB := 0, 0
		for o := range len(text) {
			a, b := v.Span(o, o+1)
			if a < prevA || b < prevB || a >= b || b > len(s) {
				t.Fatalf("byte %d maps to [%d,%d) after [%d,%d)", o, a, b, prevA, prevB)
			}
			if b-a == 1 && s[a] != text[o] {
				t.Fatalf("byte %d maps to one byte that differs", o)
			}
			prevA, prevB = a, b
		}
		x, y = x%(len(text)+2), y%(len(text)+2)
		a, b := v.Span(x, y)
		if a < 0 || b < a || b > len(s) {
			t.Fatalf("Span(%d,%d) = [%d,%d) of %d bytes", x, y, a, b, len(s))
		}
		if x >= 0 && x <= y && y < len(text) {
			if a2, b2 := v.Span(x, y+1); a2 != a || b2 < b {
				t.Fatalf("Span not monotonic")
			}
		}
	})
}
