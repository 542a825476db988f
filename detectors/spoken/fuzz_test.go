package spoken

import (
	"strings"
	"testing"
)

func FuzzDigits(f *testing.F) {
	for _, s := range []string{
		"", "null eins fünf eins", "four five double four triple zero", "fire fem tre to, toogfyrre",
		"quattro cinque ventitré centotto", "0151 zwei äh drei", "forty-two", "oh seven", "i want to go",
		"neunzehnhundertfünfundachtzig", "hundert und zwanzig", "zwei\xff drei", "ventitré è quarantadue",
		strings.Repeat("eins ", 70), strings.Repeat("1 ", 70) + "zwei drei",
	} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, s string, x, y int) {
		v, ok := Digits(s)
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
			if c := text[o]; (c < '0' || c > '9') && (b-a != 1 || s[a] != c) {
				t.Fatalf("byte %d is not a digit yet not copied", o)
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
		if x <= y && y <= len(text) && x >= 0 {
			a2, b2 := v.Span(x, min(y+1, len(text)))
			if a2 != a && x < len(text) || b2 < b {
				t.Fatalf("Span not monotonic")
			}
		}
	})
}
