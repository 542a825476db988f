package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// slotMakers make the value of each slot a template can name. A value is itself a template:
// its labels mark the personal values and look-alikes in it.
var slotMakers map[string]func(b *builder) string

// freshSlots are made anew at each use instead of once per record.
var freshSlots = map[string]bool{"f": true, "date": true}

func init() {
	slotMakers = map[string]func(b *builder) string{
		// people
		"person": func(b *builder) string { return person(b.p.first + " " + b.p.last) },
		"first":  func(b *builder) string { return person(b.p.first) },
		"last":   func(b *builder) string { return person(b.p.last) },
		"agent":  func(b *builder) string { return person(b.p.agentFirst + " " + b.p.agentLast) },
		"agentf": func(b *builder) string { return person(b.p.agentFirst) },
		"agentl": func(b *builder) string { return person(b.p.agentLast) },
		"title":  makeTitle,
		"dear":   makeDear,
		"o": func(b *builder) string {
			return map[bool]string{true: "a", false: "o"}[b.p.female]
		},
		"in": func(b *builder) string {
			return map[bool]string{true: "in", false: ""}[b.p.female]
		},
		"f": func(b *builder) string {
			if b.style == spoken && b.chance(0.35) {
				return pick(b.rng, fillers[b.loc.lang]) + " "
			}
			return ""
		},
		// the company
		"company": func(b *builder) string { return b.p.company.name },
		"service": func(b *builder) string { return b.p.company.service + "@" + b.p.company.domain },
		"agentmail": func(b *builder) string {
			return label("EMAIL", mailLocal(b.p.agentFirst, b.p.agentLast)+"@"+b.p.company.domain)
		},
		"quoted": func(b *builder) string { return "{person} <{email}>" },
		// contact data
		"phone": makePhone,
		"email": makeEmail,
		"ip": func(b *builder) string {
			if b.chance(0.2) {
				return label("IP_ADDRESS", ipv6(b.rng))
			}
			return label("IP_ADDRESS", ipv4(b.rng))
		},
		"street": func(b *builder) string { return label("ADDRESS", b.p.addr.street) },
		"city":   func(b *builder) string { return label("ADDRESS", b.p.addr.city) },
		"floor":  makeFloor,
		"dob":    func(b *builder) string { return label("DATE_OF_BIRTH", formatDate(b.rng, b.loc.lang, b.p.birth, true)) },
		// financial data
		"iban":      makeIBAN,
		"card":      makeCard,
		"cardbrand": func(b *builder) string { b.slot("card"); return b.slots["cardbrand"] },
		"cardexp":   func(b *builder) string { return cardExpiry(b.rng) },
		// national identifiers
		"taxid": func(b *builder) string {
			return spokenOr(b, "DE_TAX_ID", deTaxID(b.rng), formatTaxID, 0.3)
		},
		"cpr": func(b *builder) string {
			return spokenOr(b, "DK_CPR", dkCPR(b.rng, b.p.birth, b.p.female), formatCPR, 0.3)
		},
		"cf": func(b *builder) string {
			cf := itFiscalCode(b.rng, b.p.first, b.p.last, b.p.birth, b.p.female)
			if b.style == spoken && b.chance(0.2) {
				return label("IT_FISCAL_CODE", speakChars(b.rng, "it", cf))
			}
			return label("IT_FISCAL_CODE", formatCF(b.rng, cf))
		},
		"nino": func(b *builder) string {
			n := ukNINO(b.rng)
			if b.style == spoken && b.chance(0.3) {
				return label("UK_NINO", speakChars(b.rng, "en", n))
			}
			return label("UK_NINO", formatNINO(b.rng, n))
		},
		"ssn": func(b *builder) string {
			return spokenOr(b, "US_SSN", usSSN(b.rng), func(r *rand.Rand, s string) string {
				return pick(r, []string{s, s, strings.ReplaceAll(s, "-", " "), strings.ReplaceAll(s, "-", "")})
			}, 0.3)
		},
		"foreignid": makeForeign,
		"myforeign": func(b *builder) string { b.slot("foreignid"); return b.slots["myforeign"] },
		"special":   func(b *builder) string { return pick(b.rng, b.loc.special) },
		// look-alikes
		"order": func(b *builder) string {
			o := orderNumber(b.rng, b.loc.lang)
			if b.style == spoken && allDigits(o) && b.chance(0.2) {
				return keep(speakDigits(b.rng, b.loc.lang, o, false))
			}
			return keep(o)
		},
		"invoice":  func(b *builder) string { return keep(invoiceNumber(b.rng, b.loc.lang)) },
		"tracking": func(b *builder) string { return keep(trackingNumber(b.rng, b.loc.lang)) },
		"article":  func(b *builder) string { return keep(articleNumber(b.rng)) },
		"custno": func(b *builder) string {
			c := customerNumber(b.rng)
			if b.style == spoken && b.chance(0.15) {
				return keep(speakDigits(b.rng, b.loc.lang, c, false))
			}
			return keep(c)
		},
		"ref16":   func(b *builder) string { return keep(reference16(b.rng)) },
		"amount":  makeAmount,
		"amount2": makeAmount,
		"time":    func(b *builder) string { return keep(formatTime(b.rng, b.loc.lang, b.p.apptHour, b.p.apptMinute)) },
		"time2":   func(b *builder) string { return keep(formatTime(b.rng, b.loc.lang, b.p.apptHour+2, b.p.apptMinute)) },
		"date": func(b *builder) string {
			d := formatDate(b.rng, b.loc.lang, randomDate(b.rng, 2024, 2026), b.chance(0.6))
			if b.style == spoken {
				d = strings.ReplaceAll(d, ",", "")
			}
			return keep(d)
		},
		"qdate": func(b *builder) string {
			return keep(formatDate(b.rng, b.loc.lang, randomDate(b.rng, 2025, 2025), true))
		},
		"qtime": func(b *builder) string {
			return keep(fmt.Sprintf("%02d:%02d", between(b.rng, 7, 20), b.rng.IntN(60)))
		},
	}
}

// label wraps text in a label of typ. Texts with markup characters cannot be labels.
func label(typ, text string) string {
	if strings.ContainsAny(text, "{}[]|") {
		panic("synth: markup in a labelled value")
	}
	return "[[" + typ + ":" + text + "]]"
}

func person(name string) string { return label("PERSON", name) }

func keep(text string) string { return label(keepType, text) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// spokenOr labels a number as typ, dictated word by word with probability p in a call, else
// written by format.
func spokenOr(b *builder, typ, number string, format func(*rand.Rand, string) string, p float64) string {
	if b.style == spoken && b.chance(p) {
		return label(typ, speakDigits(b.rng, b.loc.lang, number, false))
	}
	return label(typ, format(b.rng, number))
}

// makeTitle is a form of address with the surname ("Frau Schmidt", "signora Bianchi"), or the
// first name where people are on first-name terms.
func makeTitle(b *builder) string {
	t := b.loc.titles[b.p.gender()]
	if t == "" {
		return person(b.p.first)
	}
	return pick(b.rng, strings.Split(t, "|")) + " " + person(b.p.last)
}

// makeDear is the salutation of a formal letter to the customer.
func makeDear(b *builder) string {
	d := b.loc.dear[b.p.gender()]
	if b.loc.titles[b.p.gender()] == "" {
		return d + " " + person(b.p.first)
	}
	return d + " " + person(b.p.last)
}

// makeFloor is the floor and side of a Danish flat (", 2. tv."), empty elsewhere.
func makeFloor(b *builder) string {
	if b.loc.lang != "da" || b.chance(0.5) {
		return ""
	}
	f := pick(b.rng, []string{"st. th.", "st. tv.", "1. th.", "1. tv.", "2. th.", "2. tv.", "3. mf.", "4. th."})
	if b.style == spoken {
		return " " + strings.ReplaceAll(f, ".", "")
	}
	return ", " + f
}

// makePhone is the customer's phone number: mostly a mobile of the locale's country, written
// one of many ways, or in a call sometimes dictated in words.
func makePhone(b *builder) string {
	region := b.loc.region
	if b.chance(0.08) {
		region = pick(b.rng, []string{"DE", "DK", "IT", "GB"})
	}
	p := newPhone(b.rng, region, 0.75)
	abroad := region != b.loc.region
	if b.style == spoken && b.chance(0.35) {
		n := numeralsByLang[b.loc.lang]
		nat := p.national()
		if abroad || b.chance(0.15) {
			// +CC dictated: "plus vier neun eins fünf eins …"
			return label("PHONE", n.plus+" "+speakDigits(b.rng, b.loc.lang, phonePlans[region].cc+p.nsn, false))
		}
		return label("PHONE", speakDigits(b.rng, b.loc.lang, nat, b.loc.lang == "da" && b.chance(0.6)))
	}
	if abroad {
		// A foreign number is written with its country code, or nobody could dial it.
		return label("PHONE", "+"+phonePlans[region].cc+" "+p.nsn)
	}
	f := p.format(b.rng)
	for b.style == spoken && strings.Contains(f, "(") {
		f = p.format(b.rng) // a transcript has no brackets
	}
	return label("PHONE", f)
}

// makeEmail is the customer's email address; in a call it is lower case and sometimes read out.
func makeEmail(b *builder) string {
	addr := emailAddress(b.rng, b.p.first, b.p.last, b.p.birth.Year(), b.loc.mailDomains)
	switch {
	case b.style == spoken && b.chance(0.25):
		return label("EMAIL", speakEmail(b.rng, b.loc.lang, addr))
	case b.style != spoken && b.chance(0.15):
		return label("EMAIL", strings.ToUpper(addr[:1])+addr[1:])
	}
	return label("EMAIL", addr)
}

// makeIBAN is an IBAN, mostly of the locale's country.
func makeIBAN(b *builder) string {
	country := map[string]string{"de": "DE", "da": "DK", "it": "IT", "en": "GB"}[b.loc.lang]
	if b.chance(0.12) {
		country = pick(b.rng, []string{"DE", "DK", "IT", "GB", "FR", "NL", "AT"})
	}
	s := iban(b.rng, country)
	if b.style == spoken && (country == "DE" || country == "DK") && b.chance(0.2) {
		return label("IBAN", speakChars(b.rng, b.loc.lang, s))
	}
	return label("IBAN", formatIBAN(b.rng, s))
}

// makeCard is a card number; it also fills the brand slot.
func makeCard(b *builder) string {
	brand := pick(b.rng, cardBrands[b.loc.lang])
	b.slots["cardbrand"] = brand.name
	d := card(b.rng, brand)
	if b.style == spoken && b.chance(0.25) {
		return label("CREDIT_CARD", speakDigits(b.rng, b.loc.lang, d, false))
	}
	return label("CREDIT_CARD", formatCard(b.rng, d))
}

// makeForeign is an identifier of another country; it also fills the slot that introduces it.
func makeForeign(b *builder) string {
	r, p := b.rng, b.p
	types := []string{"ES_DNI", "FR_NIR", "NL_BSN", "SE_PERSONNUMMER", "NO_FNR", "FI_HETU", "PL_PESEL"}
	typ := pick(r, types)
	b.slots["myforeign"] = b.loc.foreignIDs[typ]
	var v string
	switch typ {
	case "ES_DNI":
		v = esDNI(r)
		if r.IntN(3) == 0 {
			v = v[:8] + "-" + v[8:]
		}
	case "FR_NIR":
		v = frNIR(r, p.birth, p.female)
		if r.IntN(3) == 0 {
			v = strings.ReplaceAll(v, " ", "")
		}
	case "NL_BSN":
		v = nlBSN(r)
		if r.IntN(3) == 0 {
			v = v[:4] + "." + v[4:6] + "." + v[6:]
		}
	case "SE_PERSONNUMMER":
		v = sePersonnummer(r, p.birth)
		if r.IntN(3) == 0 {
			v = p.birth.Format("2006")[:2] + v
		}
	case "NO_FNR":
		v = noFnr(r, p.birth)
		if r.IntN(3) == 0 {
			v = v[:6] + " " + v[6:]
		}
	case "FI_HETU":
		v = fiHetu(r, p.birth)
	case "PL_PESEL":
		v = plPESEL(r, p.birth, p.female)
	}
	return label(typ, v)
}

// makeAmount is a sum of money, in a call sometimes said in words.
func makeAmount(b *builder) string {
	if b.style == spoken && b.chance(0.25) {
		return keep(spokenAmount(b.rng, b.loc.lang))
	}
	a := amount(b.rng, b.loc.lang)
	if b.style == spoken {
		a = strings.TrimSuffix(a, ".") // "kr." is heard, not read: a transcript writes "kr"
	}
	return keep(a)
}
