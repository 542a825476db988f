// Package reference is the yardstick for piiguard's scanner: 22 typical PII regexes applied one by one with Go's
// regexp, as a quick in-house tool would, over the same synthetic contact-center text the scanner benchmark reads.
// `go run ./bench/scanref` (and `make bench`) prints the scanner's throughput, the reference's and their ratio.
//
// The reference only finds; it does not validate, resolve overlaps or classify. It is a speed baseline, not an
// accuracy one.
package reference

import (
	"encoding/json"
	"regexp"
	"time"

	"github.com/piiguard/piiguard/engine/synth"
)

// Pattern is one reference regex with an example it must find.
type Pattern struct {
	Name    string
	Expr    string
	Example string
}

// Patterns are the reference's regexes, the kind a quick in-house tool carries: e-mail, IBAN, card, phones for
// de/da/it/uk and international, IPv4/IPv6, dates, national IDs, postcodes, names after a cue or a title, streets.
var Patterns = []Pattern{
	{"email", `\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b`, "schreiben Sie an anna.berg@example.org bitte"},
	{"iban", `\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){3,7}(?:[ ]?[A-Za-z0-9]{1,3})?\b`, "IBAN DE89 3704 0044 0532 0130 00 danke"},
	{"card", `\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,4}\b`, "die kartennummer 4712 8853 8363 8033"},
	{"phone_de", `(?:\+49|0049|\b0)[ ]?[1-9]\d{1,4}[ /-]?\d{3,9}\b`, "rufen Sie mich an unter 0170 1234567"},
	{"phone_da", `(?:(?:\+|00)45[ ]?)?\b\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}\b`, "mit nummer er 20 45 67 89"},
	{"phone_it", `(?:(?:\+|00)39[ ]?)?\b(?:3\d{2}|0\d{1,3})[ ]?\d{6,7}\b`, "il mio cellulare è 347 1234567"},
	{"phone_uk", `(?:\+44[ ]?7\d{3}|\b07\d{3})[ ]?\d{3}[ ]?\d{3}\b`, "my mobile is 07700 900 123"},
	{"phone_intl", `\+\d{1,3}[ -]?\(?\d{1,4}\)?(?:[ -]?\d{2,4}){2,4}\b`, "call +1 (415) 555 0132 tomorrow"},
	{"ipv4", `\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b`, "from 192.168.10.24 at night"},
	{"ipv6", `\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}\b`, "address 2001:db8::8a2e:370 logged"},
	{"date_numeric", `\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}\b`, "geboren am 17.04.1957"},
	{"date_iso", `\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b`, "since 2024-03-18"},
	{"date_words", `(?i)\b\d{1,2}\.?\s+(?:januar|january|gennaio|februar|february|febbraio|märz|marts|march|marzo|april|aprile|mai|maj|may|maggio|juni|june|giugno|juli|july|luglio|august|agosto|september|settembre|oktober|october|ottobre|november|novembre|dezember|december|dicembre)\s+(?:19|20)\d{2}\b`, "äh 17. april 1957"},
	{"de_steuer_id", `\b\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}\b`, "meine steuer-id ist 86 095 742 719"},
	{"dk_cpr", `\b[0-3]\d[01]\d\d{2}[ -]?\d{4}\b`, "det er 210294 1982"},
	{"it_codice_fiscale", `(?i)\b[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b`, "codice fiscale RSSMRA85T10A562S"},
	{"uk_nino", `(?i)\b[A-CEGHJ-PR-TW-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b`, "national insurance AB 12 34 56 C"},
	{"us_ssn", `\b\d{3}-\d{2}-\d{4}\b`, "SSN 123-45-6789 on file"},
	{"postcode_city", `\b\d{4,5}\s+[A-ZÄÖÜÆØÅ][a-zäöüßæøå]+`, "wohne in 10115 Berlin"},
	{"uk_postcode", `(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b`, "post it to SW1A 1AA please"},
	{"name_after_cue", `(?i:my name is|mein name ist|ich heiße|mi chiamo|il mio nome è|jeg hedder|mit navn er|this is|hier ist|sono|det er)\s+\p{L}+(?:\s+\p{L}+)?`, "hallo, mein name ist silke voigt"},
	{"name_after_title", `\b(?i:mr|mrs|ms|miss|dr|herr|frau|signor|signora|sig\.ra|sig\.|dott\.|hr\.|fru)\.?\s+\p{Lu}\p{L}+`, "alles klar Herr Graf"},
}

// Reference is the compiled reference.
type Reference struct {
	res []*regexp.Regexp
}

// MustCompile compiles Patterns; it panics if one does not compile.
func MustCompile() *Reference {
	r := &Reference{}
	for _, p := range Patterns {
		r.res = append(r.res, regexp.MustCompile(p.Expr))
	}
	return r
}

// Scan runs every regex over text, one after the other, and returns how many matches they found together.
func (r *Reference) Scan(text string) int {
	n := 0
	for _, re := range r.res {
		n += len(re.FindAllStringIndex(text, -1))
	}
	return n
}

// Texts returns the scannable text fields of n synthetic records from synth.New(seed), as the scanner benchmark
// (detectors BenchmarkScanCorpus: seed 42, 500 records) collects them, and their total size in bytes.
func Texts(seed uint64, n int) ([]string, int64, error) {
	g := synth.New(seed)
	var texts []string
	for range n {
		var v any
		if err := json.Unmarshal(g.Next().Record, &v); err != nil {
			return nil, 0, err
		}
		collect(v, "", &texts)
	}
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	return texts, size, nil
}

// collect gathers the string values a record's scan would see (metadata members excluded).
func collect(v any, key string, out *[]string) {
	switch x := v.(type) {
	case string:
		switch key {
		case "id", "channel", "language", "speaker", "at", "from_role":
			return
		}
		*out = append(*out, x)
	case map[string]any:
		for k, y := range x {
			collect(y, k, out)
		}
	case []any:
		for _, y := range x {
			collect(y, key, out)
		}
	}
}

// Throughput runs scan over every text, in whole passes, on the calling goroutine until at least d has passed
// (at least one pass), and returns MB/s (1 MB = 10^6 bytes) on that one core.
func Throughput(texts []string, scan func(string), d time.Duration) float64 {
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	var done int64
	start := time.Now()
	for {
		for _, t := range texts {
			scan(t)
		}
		done += size
		if time.Since(start) >= d {
			break
		}
	}
	return float64(done) / 1e6 / time.Since(start).Seconds()
}
