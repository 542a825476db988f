package engine

import (
	"strings"

	"github.com/piiguard/piiguard/detectors"
)

// columnTypes maps the header words of tabular text (CSV attachments, exported lists) to the entity type of the
// column. A cell in such a column is protected whole: a bare "31 46 82 05" under "Telefon" is a phone number
// though no sentence around it says so.
var columnTypes = map[string]string{
	"telefon": "PHONE", "telephone": "PHONE", "phone": "PHONE", "tel": "PHONE", "tlf": "PHONE", "mobil": "PHONE",
	"mobile": "PHONE", "handy": "PHONE", "cellulare": "PHONE", "telefono": "PHONE", "rufnummer": "PHONE",
	"name": "PERSON", "navn": "PERSON", "nome": "PERSON", "kunde": "PERSON", "customer": "PERSON",
	"nachname": "PERSON", "vorname": "PERSON", "cognome": "PERSON", "fornavn": "PERSON", "efternavn": "PERSON",
	"email": "EMAIL", "e-mail": "EMAIL", "mail": "EMAIL", "iban": "IBAN", "adresse": "ADDRESS",
	"address": "ADDRESS", "anschrift": "ADDRESS", "indirizzo": "ADDRESS",
}

var columnCategories = map[string]string{"PHONE": "contact", "EMAIL": "contact", "PERSON": "personal",
	"ADDRESS": "personal", "IBAN": "financial"}

// tableFindings finds the cells of typed columns in a text that is a table: a header line of cells separated by
// ";", tab or "," of which one names a known column (exactly, as a whole cell), and rows below it.
func tableFindings(text string) []detectors.Finding {
	nl := strings.IndexByte(text, '\n')
	if nl < 0 {
		return nil
	}
	header := strings.TrimRight(text[:nl], "\r")
	sep := byte(0)
	for _, c := range []byte{';', '\t', ','} {
		if strings.Count(header, string(c)) >= 1 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return nil
	}
	var types []string
	typed := false
	for _, h := range strings.Split(header, string(sep)) {
		t := columnTypes[strings.ToLower(strings.Trim(h, " \"'"))]
		types = append(types, t)
		typed = typed || t != ""
	}
	if !typed {
		return nil
	}
	var out []detectors.Finding
	pos := nl + 1
	for pos < len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text) - pos
		}
		line := text[pos : pos+end]
		col, cs := 0, 0
		for i := 0; i <= len(line); i++ {
			if i < len(line) && line[i] != sep {
				continue
			}
			if col < len(types) && types[col] != "" {
				s, e := cs, i
				for s < e && strings.IndexByte(" \"'\r", line[s]) >= 0 {
					s++
				}
				for e > s && strings.IndexByte(" \"'\r", line[e-1]) >= 0 {
					e--
				}
				if e > s {
					out = append(out, detectors.Finding{Type: types[col], Category: columnCategories[types[col]],
						Start: pos + s, End: pos + e, Score: 0.8, Rule: "engine.structure.table"})
				}
			}
			col++
			cs = i + 1
		}
		pos += end + 1
	}
	return out
}
