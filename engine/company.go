package engine

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/record"
)

// company knows the names of the company that owns a record: the contact center's own brand is no person, and
// analytics needs it kept. It learns them from the record itself:
//   - the domain of the company's own mailboxes (kundeservice@nordel.dk → "nordel");
//   - a name right before a service word ("northwind customer services", "NordEl Kundenservice", "chat di
//     Fastweb" is left to the rules) or joined to "team" ("FlinkMobil-Team").
//
// A PERSON finding whose text is such a name is dropped, everywhere in the record.
type company struct {
	names map[string]bool // folded: lower case, letters and digits only
}

// mailAddress matches an e-mail address and captures its local part and its domain's first label.
var mailAddress = regexp.MustCompile(`([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+)\.[A-Za-z0-9.-]*[A-Za-z]`)

// serviceWords follow a company's name where it introduces its service: "NordEl Kundenservice", "northwind
// customer services", "Telekom Kundendienst".
var serviceWords = []string{"kundenservice", "kundeservice", "kundendienst", "kundecenter", "kundencenter",
	"customer service", "customer services", "customer care", "support", "servizio clienti", "assistenza clienti",
	"hotline", "helpdesk"}

// companyOf learns the company names of rec.
func companyOf(rec *record.Record) *company {
	c := &company{names: map[string]bool{}}
	for _, f := range rec.Fields {
		if f.Meta || !strings.Contains(f.Value, "@") {
			continue
		}
		for _, m := range mailAddress.FindAllStringSubmatch(f.Value, -1) {
			if serviceMailbox(m[1]) {
				c.add(m[2])
			}
		}
	}
	return c
}

func (c *company) add(name string) {
	if k := foldName(name); len(k) >= 3 {
		c.names[k] = true
	}
}

// foldName is name in lower case with only its letters and digits.
func foldName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// learn adds the names that text shows as the company's: a one-word PERSON finding joined to "team"
// ("FlinkMobil-Team") or followed by one space and a service word ("northwind customer services"). A name of
// two or more words before a service word is a person signing for the service ("Anna Schmidt, Kundenservice").
func (c *company) learn(text string, fs []detectors.Finding) {
	for _, f := range fs {
		value := text[f.Start:f.End]
		if f.Type != "PERSON" || strings.ContainsAny(value, " \t\n") {
			continue
		}
		if lv := strings.ToLower(value); strings.HasSuffix(lv, "-team") {
			c.add(value[:len(value)-len("team")])
			continue
		}
		if !strings.HasPrefix(text[f.End:], " ") {
			continue
		}
		rest := strings.ToLower(text[f.End+1:])
		for _, w := range serviceWords {
			if strings.HasPrefix(rest, w) && (len(rest) == len(w) || !isLetterByte(rest[len(w)])) {
				c.add(value)
				break
			}
		}
	}
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 0x80 }

// owns reports whether value is one of the company's names (or one of them joined to "team").
func (c *company) owns(value string) bool {
	if len(c.names) == 0 {
		return false
	}
	k := foldName(value)
	return c.names[k] || c.names[strings.TrimSuffix(k, "team")]
}

// keepCompany drops from fs the PERSON findings that name the company.
func (c *company) keepCompany(text string, fs []detectors.Finding) []detectors.Finding {
	if len(c.names) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Type == "PERSON" && c.owns(text[f.Start:f.End]) {
			continue
		}
		out = append(out, f)
	}
	return out
}
