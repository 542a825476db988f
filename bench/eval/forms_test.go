package main

import (
	"encoding/json"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/bench/eval/visible"
	"github.com/piiguard/piiguard/detectors/validate"
)

const formsDir = "../../testdata/forms"

// formChannels is the channel the records of each form have.
var formChannels = map[string]string{
	"email_raw": "email", "email_html": "email", "quoted_reply": "email",
	"spelled": "call", "split_segments": "call", "split_messages": "chat",
}

// validators names the validator that checks a labelled value of each type; other types are not checked.
var validators = map[string][]string{
	"EMAIL": {"email"}, "PHONE": {"phone"}, "IBAN": {"iban"}, "CREDIT_CARD": {"credit_card"},
	"DE_TAX_ID": {"de_tax_id"}, "DK_CPR": {"dk_cpr"}, "IT_FISCAL_CODE": {"it_fiscal_code"}, "UK_NINO": {"uk_nino"},
	"US_SSN": {"us_ssn"}, "IP_ADDRESS": {"ipv4", "ipv6"}, "DATE_OF_BIRTH": {"date"},
}

func valid(t *testing.T, typ, value string) bool {
	t.Helper()
	for _, name := range validators[typ] {
		f, ok := validate.Lookup(name)
		require.True(t, ok, name)
		if f(value) {
			return true
		}
	}
	return false
}

// TestFormFixtures checks the labelled records of testdata/forms: at least six per form and language, the
// channel and language of their file, every label present in its decoded input, every structured value (or the
// written form of a spelled-out or split one) valid, split parts that add up to their value, look-alikes that are
// not real identifiers, and inputs that are valid MIME and HTML.
func TestFormFixtures(t *testing.T) {
	cases, err := loadForms(formsDir)
	require.NoError(t, err)

	perFile := map[string]int{}
	ids := map[string]bool{}
	for _, c := range cases {
		file, _, _ := strings.Cut(c.source, ":")
		lang := strings.TrimSuffix(path.Base(file), ".jsonl")
		perFile[file]++
		t.Run(c.source, func(t *testing.T) {
			in := stringFields(c.record)
			id := in["/id"]
			require.NotEmpty(t, id)
			assert.False(t, ids[id], "id %s is used twice", id)
			ids[id] = true
			assert.Equal(t, lang, in["/language"])
			assert.Equal(t, formChannels[c.form], in["/channel"])

			var head struct {
				Raw      *string `json:"raw"`
				BodyHTML *string `json:"body_html"`
			}
			require.NoError(t, json.Unmarshal(c.record, &head))
			if c.form == "email_raw" {
				require.NotNil(t, head.Raw, "a raw email record has a raw member")
			}
			if head.Raw != nil {
				_, err := visible.MIME(*head.Raw)
				assert.NoError(t, err, "the input is valid MIME")
			}
			if head.BodyHTML != nil {
				_, err := visible.HTML(*head.BodyHTML)
				assert.NoError(t, err)
			}

			require.NotEmpty(t, c.pii)
			parts := map[string][]string{} // "TYPE written" → the texts with digits, in order
			for i, v := range c.pii {
				assert.NotEmpty(t, pathsOf(in, v.Text), "%s label %q does not occur in the decoded input", v.Type, v.Text)
				w := c.written[i]
				if w == "" {
					w = v.Text
				}
				if validators[v.Type] != nil {
					assert.True(t, valid(t, v.Type, w), "%s %q is not valid", v.Type, w)
				}
				if c.written[i] == "" {
					continue
				}
				if spoken, ok := spokenForm(v.Text); ok {
					assert.Contains(t, compactValue(w), spoken, "%s %q does not say a part of %q", v.Type, v.Text, w)
				} else if strings.ContainsAny(v.Text, "0123456789") {
					parts[v.Type+" "+w] = append(parts[v.Type+" "+w], compactValue(v.Text))
				}
			}
			for k, ps := range parts {
				_, w, _ := strings.Cut(k, " ")
				assert.Contains(t, compactValue(w), strings.Join(ps, ""), "the parts of %q do not add up", w)
			}
			for _, k := range c.keep {
				assert.NotEmpty(t, pathsOf(in, k), "look-alike %q does not occur in the decoded input", k)
				assert.False(t, valid(t, "CREDIT_CARD", k) || valid(t, "IBAN", k), "look-alike %q is a real identifier", k)
			}
		})
	}
	for form := range formChannels {
		for _, lang := range []string{"de", "da", "it", "en"} {
			file := form + "/" + lang + ".jsonl"
			assert.GreaterOrEqual(t, perFile[file], 6, "%s has too few records", file)
		}
	}
}

// compactValue drops separators and upper-cases, so "de89 3704-00" becomes "DE89370400".
func compactValue(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if visible.IsWord(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// digitWords are the words for 0..9 in the four languages, and how a caller says a letter on its own.
var digitWords = map[string]string{
	"null": "0", "eins": "1", "zwei": "2", "zwo": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6", "sieben": "7", "acht": "8", "neun": "9",
	"nul": "0", "en": "1", "et": "1", "to": "2", "tre": "3", "fire": "4", "fem": "5", "seks": "6", "syv": "7", "otte": "8", "ni": "9",
	"zero": "0", "uno": "1", "due": "2", "quattro": "4", "cinque": "5", "sei": "6", "sette": "7", "otto": "8", "nove": "9",
	"oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}

// fillers are the hesitations a recogniser writes down.
var fillers = map[string]bool{"äh": true, "ähm": true, "ehm": true, "eh": true, "øh": true, "øhm": true, "uhm": true, "uh": true}

// spokenForm writes a dictated value as characters — digit words as digits, single letters upper-cased,
// hesitations dropped — and reports whether every word was one of those.
func spokenForm(text string) (string, bool) {
	var b strings.Builder
	words := strings.Fields(text)
	if len(words) < 2 {
		return "", false
	}
	for _, w := range words {
		switch {
		case fillers[w]:
		case digitWords[w] != "":
			b.WriteString(digitWords[w])
		case len([]rune(w)) == 1 && visible.IsWord([]rune(w)[0]):
			b.WriteString(strings.ToUpper(w))
		default:
			return "", false
		}
	}
	return b.String(), true
}

func TestSpokenForm(t *testing.T) {
	tests := map[string]struct {
		in   string
		want string
		ok   bool
	}{
		"german digits with a filler": {"null eins äh sieben", "017", true},
		"letters and digits":          {"d e acht neun", "DE89", true},
		"english oh":                  {"oh two oh seven", "0207", true},
		"a word that is no digit":     {"null eins sieben hundert", "", false},
		"one word is no dictation":    {"acht", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := spokenForm(tc.in)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, "DE89370400", compactValue("de89 3704-00"))
}
