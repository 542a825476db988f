package synth

import (
	"math/rand/v2"
	"strings"
)

// numerals are a language's words for dictating numbers, the way callers read a number out
// digit by digit or in pairs.
type numerals struct {
	digits [10]string
	teens  [10]string // 10..19
	tens   [10]string // 20..90 at index 2..9
	stems  [10]string // unit forms before the link in a compound: ein(undzwanzig), en(ogtyve)
	link   string     // und, og; "" when the tens word comes first
	plus   string     // the word for '+'
	at     []string   // spoken '@'
	dot    []string   // spoken '.'
}

var numeralsByLang = map[string]*numerals{
	"de": {
		digits: [10]string{"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"},
		teens:  [10]string{"zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"},
		tens:   [10]string{2: "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"},
		stems:  [10]string{1: "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"},
		link:   "und", plus: "plus", at: []string{"at", "ät"}, dot: []string{"punkt"},
	},
	"da": {
		digits: [10]string{"nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"},
		teens:  [10]string{"ti", "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten"},
		tens:   [10]string{2: "tyve", "tredive", "fyrre", "halvtreds", "tres", "halvfjerds", "firs", "halvfems"},
		stems:  [10]string{1: "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"},
		link:   "og", plus: "plus", at: []string{"snabel-a", "at"}, dot: []string{"punktum", "prik"},
	},
	"it": {
		digits: [10]string{"zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"},
		teens:  [10]string{"dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"},
		tens:   [10]string{2: "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"},
		plus:   "più", at: []string{"chiocciola"}, dot: []string{"punto"},
	},
	"en": {
		digits: [10]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
		teens:  [10]string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"},
		tens:   [10]string{2: "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"},
		plus:   "plus", at: []string{"at"}, dot: []string{"dot"},
	},
}

// number spells 0..99 as one spoken number: "zweiundvierzig", "toogfyrre", "quarantadue",
// "forty two".
func (n *numerals) number(v int) string {
	switch {
	case v < 10:
		return n.digits[v]
	case v < 20:
		return n.teens[v-10]
	case v%10 == 0:
		return n.tens[v/10]
	case n.link != "":
		return n.stems[v%10] + n.link + n.tens[v/10]
	case n == numeralsByLang["it"]:
		t, u := n.tens[v/10], n.digits[v%10]
		if u == "uno" || u == "otto" {
			t = t[:len(t)-1]
		}
		if u == "tre" {
			u = "tré"
		}
		return t + u
	}
	return n.tens[v/10] + " " + n.digits[v%10]
}

// speakDigits dictates the ASCII digits of s (other characters are skipped) in lang: digit by
// digit, or in pairs where pairs is true (a pair starting with 0 is read as two digits). A
// hesitation may fall between words. English callers say "oh" for zero and "double" for a
// repeated digit; German callers may say "zwo".
func speakDigits(r *rand.Rand, lang, s string, pairs bool) string {
	n := numeralsByLang[lang]
	var d []int
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			d = append(d, int(s[i]-'0'))
		}
	}
	oh := lang == "en" && r.IntN(2) == 0
	double := lang == "en" && r.IntN(2) == 0
	zwo := lang == "de" && r.IntN(4) == 0
	digit := func(v int) string {
		switch {
		case v == 0 && oh:
			return "oh"
		case v == 2 && zwo:
			return "zwo"
		}
		return n.digits[v]
	}
	var words []string
	for i := 0; i < len(d); {
		switch {
		case pairs && i+1 < len(d) && d[i] != 0:
			words = append(words, n.number(d[i]*10+d[i+1]))
			i += 2
		case double && i+1 < len(d) && d[i] == d[i+1]:
			words = append(words, "double "+digit(d[i]))
			i += 2
		default:
			words = append(words, digit(d[i]))
			i++
		}
		if i < len(d) && r.IntN(14) == 0 {
			words = append(words, pick(r, fillers[lang]))
		}
	}
	return strings.Join(words, " ")
}

// speakChars dictates an alphanumeric code: letters one by one, digits as words.
func speakChars(r *rand.Rand, lang, s string) string {
	var words []string
	run := ""
	flush := func() {
		if run != "" {
			words = append(words, speakDigits(r, lang, run, false))
			run = ""
		}
	}
	for _, c := range strings.ToLower(s) {
		switch {
		case '0' <= c && c <= '9':
			run += string(c)
		case 'a' <= c && c <= 'z':
			flush()
			words = append(words, string(c))
		}
	}
	flush()
	return strings.Join(words, " ")
}

// speakEmail reads an address out: "anna punkt schmidt at web punkt de".
func speakEmail(r *rand.Rand, lang, addr string) string {
	n := numeralsByLang[lang]
	local, domain, _ := strings.Cut(strings.ToLower(addr), "@")
	dot := " " + pick(r, n.dot) + " "
	return strings.ReplaceAll(local, ".", dot) + " " + pick(r, n.at) + " " + strings.ReplaceAll(domain, ".", dot)
}

// fillers are the hesitations of each language.
var fillers = map[string][]string{
	"de": {"äh", "ähm", "äh", "öh"},
	"da": {"øh", "øhm", "øh"},
	"it": {"ehm", "eh", "ehm"},
	"en": {"uhm", "uh", "um"},
}
