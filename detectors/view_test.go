package detectors

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// invisibleChars are format and control characters that must not split or hide a value.
var invisibleChars = map[string]string{
	"zero-width space":      "\u200b",
	"zero-width non-joiner": "\u200c",
	"zero-width joiner":     "\u200d",
	"word joiner":           "\u2060",
	"soft hyphen":           "\u00ad",
	"byte-order mark":       "\ufeff",
	"left-to-right mark":    "\u200e",
	"right-to-left mark":    "\u200f",
	"nul":                   "\u0000",
	"bell":                  "\u0007",
	"escape":                "\u001b",
	"delete":                "\u007f",
	"c1 control":            "\u009b",
}

// spaceChars are Unicode spaces that must read as a plain space.
var spaceChars = map[string]string{
	"no-break space":        "\u00a0",
	"narrow no-break space": "\u202f",
	"thin space":            "\u2009",
	"ideographic space":     "\u3000",
	"em space":              "\u2003",
}

// findingOf returns the finding of type typ in fs.
func findingOf(t *testing.T, fs []Finding, typ string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.Type == typ {
			return f
		}
	}
	require.Failf(t, "no finding", "type %s in %+v", typ, fs)
	return Finding{}
}

func TestScanInvisibleCharacterInsideValue(t *testing.T) {
	s := MustCompileDefault()
	for name, c := range invisibleChars {
		t.Run(name, func(t *testing.T) {
			iban := "DE89" + c + "3704 0044 0532 0130 00"
			email := "jane.doe" + c + "@example.com"
			text := "IBAN " + iban + " mail " + email
			fs, err := s.Scan(text)
			require.NoError(t, err)
			f := findingOf(t, fs, "IBAN")
			assert.Equal(t, iban, text[f.Start:f.End], "the IBAN is found whole, the invisible character inside")
			f = findingOf(t, fs, "EMAIL")
			assert.Equal(t, email, text[f.Start:f.End])
		})
	}
}

func TestScanUnicodeSpacesSeparateLikeSpaces(t *testing.T) {
	s := MustCompileDefault()
	for name, c := range spaceChars {
		t.Run(name, func(t *testing.T) {
			iban := strings.Join([]string{"DE89", "3704", "0044", "0532", "0130", "00"}, c)
			text := "IBAN" + c + iban + " mail jane.doe@example.com"
			fs, err := s.Scan(text)
			require.NoError(t, err)
			f := findingOf(t, fs, "IBAN")
			assert.Equal(t, iban, text[f.Start:f.End])
		})
	}
}

func TestNFKCView(t *testing.T) {
	cases := map[string]struct {
		in, text string
		span     [2]int // a span of the view …
		orig     string // … and the original text it maps to
	}{
		"plain ascii":        {"DE89 3704", "DE89 3704", [2]int{0, 4}, "DE89"},
		"ascii control":      {"DE89\x003704", "DE893704", [2]int{0, 8}, "DE89\x003704"},
		"zero-width space":   {"ab\u200bcd", "abcd", [2]int{1, 3}, "b\u200bc"},
		"soft hyphen at end": {"abcd\u00ad", "abcd", [2]int{0, 4}, "abcd"},
		"no-break space":     {"12\u00a034", "12 34", [2]int{0, 5}, "12\u00a034"},
		"ideographic space":  {"12\u300034", "12 34", [2]int{3, 5}, "34"},
		"full-width digits":  {"\uff11\uff12", "12", [2]int{1, 2}, "\uff12"},
		"tab and newline":    {"a\tb\nc\r", "a\tb\nc\r", [2]int{0, 3}, "a\tb"},
		"line separator":     {"a\u2028b", "a\nb", [2]int{0, 3}, "a\u2028b"},
		"already normal":     {"Grüße", "Grüße", [2]int{0, 4}, "Grü"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			v := nfkcView(tc.in)
			assert.Equal(t, tc.text, v.text)
			s, e := v.span(tc.span[0], tc.span[1])
			assert.Equal(t, tc.orig, tc.in[s:e])
			s, e = v.span(len(v.text), len(v.text))
			assert.Equal(t, [2]int{len(tc.in), len(tc.in)}, [2]int{s, e}, "the end of the view maps to the end")
		})
	}
}

// TestNFKCViewPlainASCIIIsFree: printable ASCII is the view itself, with no map and no allocation.
func TestNFKCViewPlainASCIIIsFree(t *testing.T) {
	text := strings.Repeat("Meine IBAN ist DE89 3704 0044 0532 0130 00.\n\tDanke!\r\n", 100)
	v := nfkcView(text)
	assert.Nil(t, v.starts)
	assert.Equal(t, text, v.text)
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = nfkcView(text) }))
}
