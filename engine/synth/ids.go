package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// National identifiers, each valid under its issuer's rules and, where the number encodes one,
// consistent with the persona's birth date and sex.

// deTaxID returns a German Steuerliche Identifikationsnummer: 11 digits, the first not 0, one
// digit of the first ten used twice, the others at most once, and the ISO 7064 check digit.
func deTaxID(r *rand.Rand) string {
	for {
		p := r.Perm(10)
		j, k := r.IntN(10), r.IntN(10)
		if j == k {
			continue
		}
		p[j] = p[k]
		if p[0] == 0 {
			continue
		}
		var d strings.Builder
		for _, x := range p {
			d.WriteByte(byte('0' + x))
		}
		s := d.String()
		return s + string(iso7064(s))
	}
}

// formatTaxID writes a Steuer-ID the ways people do: "12 345 678 901", unspaced, or in groups.
func formatTaxID(r *rand.Rand, d string) string {
	switch r.IntN(4) {
	case 0, 1:
		return d[:2] + " " + d[2:5] + " " + d[5:8] + " " + d[8:]
	case 2:
		return d
	}
	return d[:3] + " " + d[3:6] + " " + d[6:9] + " " + d[9:]
}

// dkCPR returns a Danish CPR number for a birth date: DDMMYY and four digits whose first
// gives the century and whose last is even for a woman.
func dkCPR(r *rand.Rand, birth time.Time, female bool) string {
	var seventh int
	if birth.Year() >= 2000 {
		seventh = 4
	} else {
		seventh = r.IntN(4)
	}
	last := 2*r.IntN(5) + 1
	if female {
		last--
	}
	return birth.Format("020106") + fmt.Sprintf("%d%s%d", seventh, digits(r, 2), last)
}

// formatCPR writes a CPR number as DDMMYY-SSSS (most often), unspaced or with a space.
func formatCPR(r *rand.Rand, d string) string {
	switch r.IntN(5) {
	case 0:
		return d
	case 1:
		return d[:6] + " " + d[6:]
	}
	return d[:6] + "-" + d[6:]
}

// itMunicipalities are Belfiore codes of large Italian municipalities.
var itMunicipalities = []string{"H501", "F205", "F839", "L219", "A944", "D612", "D969", "G273", "G224", "L781", "C351", "A662", "E506", "B157"}

// itFiscalCode returns a codice fiscale for a persona.
func itFiscalCode(r *rand.Rand, first, last string, birth time.Time, female bool) string {
	day := birth.Day()
	if female {
		day += 40
	}
	s := cfSurname(last) + cfName(first) + birth.Format("06") + string("ABCDEHLMPRST"[birth.Month()-1]) +
		fmt.Sprintf("%02d", day) + pick(r, itMunicipalities)
	return s + string(itCheckLetter(s))
}

// cfLetters splits a name into its upper-case ASCII consonants and vowels.
func cfLetters(name string) (cons, vows string) {
	for _, c := range asciiFold(name) {
		switch {
		case strings.ContainsRune("AEIOU", c):
			vows += string(c)
		case 'A' <= c && c <= 'Z':
			cons += string(c)
		}
	}
	return cons, vows
}

func cfSurname(last string) string {
	cons, vows := cfLetters(last)
	return (cons + vows + "XXX")[:3]
}

func cfName(first string) string {
	cons, vows := cfLetters(first)
	if len(cons) >= 4 {
		return cons[:1] + cons[2:4]
	}
	return (cons + vows + "XXX")[:3]
}

// asciiFold upper-cases s and drops diacritics (ò → O, ü → U).
func asciiFold(s string) string {
	var b strings.Builder
	for _, c := range norm.NFD.String(strings.ToUpper(s)) {
		if c < 128 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// formatCF writes a codice fiscale as one block (most often) or in groups.
func formatCF(r *rand.Rand, cf string) string {
	if r.IntN(5) == 0 {
		return cf[:3] + " " + cf[3:6] + " " + cf[6:11] + " " + cf[11:]
	}
	return cf
}

// ukNINOPrefixes are National Insurance prefixes in use.
var ukNINOPrefixes = []string{"AB", "AE", "CE", "CH", "EH", "GY", "HR", "JA", "JC", "JG", "JK", "JR", "KA", "KC", "LP",
	"MA", "NA", "NE", "NH", "NP", "NR", "NW", "NX", "NY", "NZ", "OA", "PA", "PE", "PW", "RE", "SC", "SH", "SK", "SP",
	"SW", "SZ", "TM", "WA", "WK", "WP", "YA", "YC", "YZ", "ZA", "ZE"}

// ukNINO returns a National Insurance number: prefix, six digits, suffix A..D.
func ukNINO(r *rand.Rand) string {
	return pick(r, ukNINOPrefixes) + digits(r, 6) + string(rune('A'+r.IntN(4)))
}

// formatNINO writes a NINO as "AB 12 34 56 C" or "AB123456C".
func formatNINO(r *rand.Rand, n string) string {
	if r.IntN(2) == 0 {
		return n[:2] + " " + n[2:4] + " " + n[4:6] + " " + n[6:8] + " " + n[8:]
	}
	return n
}

// usSSN returns a US Social Security number AAA-GG-SSSS outside the never-issued ranges.
func usSSN(r *rand.Rand) string {
	area := between(r, 1, 899)
	if area == 666 {
		area = 667
	}
	return fmt.Sprintf("%03d-%02d-%04d", area, between(r, 1, 99), between(r, 1, 9999))
}

// esDNI returns a Spanish DNI: eight digits and the control letter.
func esDNI(r *rand.Rand) string {
	n := between(r, 10000000, 79999999)
	return fmt.Sprintf("%08d%c", n, "TRWAGMYFPDXBNJZSQVHLCKE"[n%23])
}

// frNIR returns a French NIR for a birth date and sex, with its two-digit key, written in its
// usual groups "1 85 03 75 116 238 91".
func frNIR(r *rand.Rand, birth time.Time, female bool) string {
	sex := "1"
	if female {
		sex = "2"
	}
	dept := fmt.Sprintf("%02d", between(r, 1, 95))
	if dept == "20" {
		dept = "21"
	}
	body := sex + birth.Format("0601") + dept + fmt.Sprintf("%03d%03d", between(r, 1, 999), between(r, 1, 999))
	n := 0
	for i := 0; i < len(body); i++ {
		n = (n*10 + int(body[i]-'0')) % 97
	}
	key := fmt.Sprintf("%02d", 97-n)
	return body[:1] + " " + body[1:3] + " " + body[3:5] + " " + body[5:7] + " " + body[7:10] + " " + body[10:] + " " + key
}

// nlBSN returns a Dutch burgerservicenummer passing the 11-test.
func nlBSN(r *rand.Rand) string {
	for {
		d := fmt.Sprint(between(r, 1, 9)) + digits(r, 7)
		last := weighted(d, []int{9, 8, 7, 6, 5, 4, 3, 2}) % 11
		if last < 10 {
			return d + fmt.Sprint(last)
		}
	}
}

// sePersonnummer returns a Swedish personnummer YYMMDD-NNNC with its Luhn check digit.
func sePersonnummer(r *rand.Rand, birth time.Time) string {
	d := birth.Format("060102") + digits(r, 3)
	return d[:6] + "-" + d[6:] + string(luhnDigit(d))
}

// noFnr returns a Norwegian fødselsnummer DDMMYYIIIKK with both mod-11 check digits.
func noFnr(r *rand.Rand, birth time.Time) string {
	for {
		ind := between(r, 0, 499)
		if birth.Year() >= 2000 {
			ind = between(r, 500, 999)
		}
		d := birth.Format("020106") + fmt.Sprintf("%03d", ind)
		k1 := (11 - weighted(d, []int{3, 7, 6, 1, 8, 9, 4, 5, 2})%11) % 11
		if k1 == 10 {
			continue
		}
		d += fmt.Sprint(k1)
		k2 := (11 - weighted(d, []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})%11) % 11
		if k2 == 10 {
			continue
		}
		return d + fmt.Sprint(k2)
	}
}

// fiHetu returns a Finnish henkilötunnus DDMMYYCZZZQ.
func fiHetu(r *rand.Rand, birth time.Time) string {
	sign := "-"
	if birth.Year() >= 2000 {
		sign = "A"
	}
	z := fmt.Sprintf("%03d", between(r, 2, 899))
	n := atoi(birth.Format("020106") + z)
	return birth.Format("020106") + sign + z + string("0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31])
}

// plPESEL returns a Polish PESEL for a birth date and sex.
func plPESEL(r *rand.Rand, birth time.Time, female bool) string {
	month := int(birth.Month())
	if birth.Year() >= 2000 {
		month += 20
	}
	sex := 2*r.IntN(5) + 1
	if female {
		sex--
	}
	d := fmt.Sprintf("%s%02d%s%s%d", birth.Format("06"), month, birth.Format("02"), digits(r, 3), sex)
	check := (10 - weighted(d, []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3})%10) % 10
	return d + fmt.Sprint(check)
}
