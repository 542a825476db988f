package synth

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors/validate"
)

// validators names the validator each structured entity type must pass.
var validators = map[string]string{
	"EMAIL": "email", "PHONE": "phone", "IBAN": "iban", "CREDIT_CARD": "credit_card", "DE_TAX_ID": "de_tax_id",
	"DK_CPR": "dk_cpr", "IT_FISCAL_CODE": "it_fiscal_code", "UK_NINO": "uk_nino", "US_SSN": "us_ssn",
	"ES_DNI": "es_dni", "FR_NIR": "fr_nir", "NL_BSN": "nl_bsn", "SE_PERSONNUMMER": "se_personnummer",
	"NO_FNR": "no_fnr", "FI_HETU": "fi_hetu", "PL_PESEL": "pl_pesel",
}

// checksumValidators are the validators whose check a look-alike must fail. Phone numbers and
// SSNs have no checksum, so nearly any digit string of the right length passes them; they are
// left out.
var checksumValidators = []string{"credit_card", "iban", "de_tax_id", "dk_cpr", "it_fiscal_code", "uk_nino",
	"es_dni", "es_nie", "fr_nir", "nl_bsn", "se_personnummer", "no_fnr", "fi_hetu", "pl_pesel"}

// spokenWords maps the words a caller dictates with to what they stand for: digits (one, two
// or more), '+', '@', '.'.
var spokenWords = func() map[string]string {
	m := map[string]string{"oh": "0", "zwo": "2"}
	for _, n := range numeralsByLang {
		for v := 0; v < 100; v++ {
			if v < 10 {
				m[n.number(v)] = fmt.Sprint(v)
			} else if !strings.Contains(n.number(v), " ") {
				m[n.number(v)] = fmt.Sprint(v)
			}
		}
		m[n.plus] = "+"
		for _, w := range n.at {
			m[w] = "@"
		}
		for _, w := range n.dot {
			m[w] = "."
		}
	}
	return m
}()

// decodeSpoken turns a dictated value back into characters: number words into digits, "double
// seven" into 77, "forty two" into 42, single letters into capitals, hesitations dropped.
func decodeSpoken(text string) string {
	fill := map[string]bool{}
	for _, fs := range fillers {
		for _, f := range fs {
			fill[f] = true
		}
	}
	en := numeralsByLang["en"]
	tens := map[string]int{}
	for v := 2; v < 10; v++ {
		tens[en.tens[v]] = v
	}
	units := map[string]int{}
	for v := 1; v < 10; v++ {
		units[en.digits[v]] = v
	}
	toks := strings.Fields(text)
	var b strings.Builder
	for i := 0; i < len(toks); i++ {
		w := toks[i]
		switch {
		case fill[w]:
		case w == "double" || w == "triple":
			n := 2
			if w == "triple" {
				n = 3
			}
			i++
			b.WriteString(strings.Repeat(spokenWords[toks[i]], n))
		case tens[w] > 0 && i+1 < len(toks) && units[toks[i+1]] > 0:
			fmt.Fprintf(&b, "%d%d", tens[w], units[toks[i+1]])
			i++
		case spokenWords[w] != "":
			b.WriteString(spokenWords[w])
		case len(w) == 1:
			b.WriteString(strings.ToUpper(w))
		default:
			b.WriteString(w)
		}
	}
	return b.String()
}

// plain returns the value a validator should see: dictated text (a word of the spoken
// vocabulary and no group of digits) decoded, and the "(0)" of "+49 (0)151 …" dropped as a
// dialler does.
func plain(text string) string {
	words, groups := 0, 0
	for _, w := range strings.Fields(text) {
		switch {
		case allDigits(w):
			groups++
		case spokenWords[w] != "":
			words++
		}
	}
	if words > 0 && groups == 0 {
		text = decodeSpoken(text)
	}
	return strings.Replace(text, "(0)", "", 1)
}

var isDate, _ = validate.Lookup("date")

func TestDecodeSpoken(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"german digits":  {"null eins fünf eins äh zwei drei", "015123"},
		"danish pairs":   {"toogtyve femogfyrre nul seks", "224506"},
		"italian":        {"tre tre tre ventitré", "33323"},
		"english double": {"oh seven double seven forty two", "077742"},
		"letters":        {"d e acht neun", "DE89"},
		"email":          {"anna punkt schmidt at web punkt de", "anna.schmidt@web.de"},
		"plus":           {"plus vier neun", "+49"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, decodeSpoken(tc.in))
		})
	}
}

func TestStructuredValuesAreValid(t *testing.T) {
	checked := map[string]int{}
	for i, l := range sample(3, 2400) {
		for _, v := range l.PII {
			name, ok := validators[v.Type]
			if v.Type == "IP_ADDRESS" {
				name, ok = "ipv4", true
				if strings.Contains(v.Text, ":") {
					name = "ipv6"
				}
			}
			if !ok {
				continue
			}
			f, found := validate.Lookup(name)
			require.True(t, found, name)
			assert.True(t, f(plain(v.Text)), "record %d (%s/%s): %s value does not pass %s", i, l.Channel, l.Language, v.Type, name)
			checked[v.Type]++
		}
	}
	assert.Len(t, checked, len(validators)+1, "every structured type was checked")
}

func TestLookalikesAreNoIdentifiers(t *testing.T) {
	for i, l := range sample(9, 2400) {
		for _, k := range l.Keep {
			if isDate(k) || isDate(strings.Replace(k, "-", "/", 1)) { // Danish 19/11-2026
				continue // a date is a date, whatever an 8-digit check says
			}
			for _, name := range checksumValidators {
				f, found := validate.Lookup(name)
				require.True(t, found, name)
				assert.False(t, f(plain(k)), "record %d: look-alike passes %s", i, name)
			}
		}
	}
}

func TestChecksumHelpers(t *testing.T) {
	tests := map[string]struct {
		name  string
		value string
	}{
		"de tax id":      {"de_tax_id", deTaxID(New(1).rng)},
		"iban DE":        {"iban", iban(New(2).rng, "DE")},
		"iban IT":        {"iban", iban(New(3).rng, "IT")},
		"iban GB":        {"iban", iban(New(4).rng, "GB")},
		"iban FR":        {"iban", iban(New(5).rng, "FR")},
		"iban NL":        {"iban", iban(New(6).rng, "NL")},
		"iban DK":        {"iban", iban(New(7).rng, "DK")},
		"iban AT":        {"iban", iban(New(8).rng, "AT")},
		"card amex":      {"credit_card", card(New(9).rng, amex)},
		"card dankort":   {"credit_card", card(New(10).rng, dankort)},
		"nl bsn":         {"nl_bsn", nlBSN(New(11).rng)},
		"es dni":         {"es_dni", esDNI(New(12).rng)},
		"known fiscal":   {"it_fiscal_code", itFiscalCode(New(13).rng, "Mario", "Rossi", randomDate(New(14).rng, 1980, 1980), false)},
		"omitted vowels": {"it_fiscal_code", itFiscalCode(New(15).rng, "Niccolò", "D'Angelo", randomDate(New(16).rng, 1999, 1999), true)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f, ok := validate.Lookup(tc.name)
			require.True(t, ok)
			assert.True(t, f(tc.value))
		})
	}
	assert.Equal(t, "RSSMRA", itFiscalCode(New(1).rng, "Mario", "Rossi", randomDate(New(1).rng, 1980, 1980), false)[:6])
	assert.False(t, luhnValid("4111111111111112"))
	assert.True(t, luhnValid("4111111111111111"))
}
