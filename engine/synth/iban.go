package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Bank codes that occur in real IBANs of each country (the account numbers are random).
var (
	deBankCodes = []string{"37040044", "10070000", "50010517", "12030000", "20050550", "70150000", "43060967",
		"76050101", "44050199", "25050180", "60050101", "50070010", "30050110", "86055592", "10050000"}
	dkRegNumbers = []string{"3000", "2000", "9570", "5301", "1551", "7890", "9280", "6680", "0400", "8401"}
	itABICAB     = []string{"0306909606", "0200801633", "0503401633", "0103001600", "0538712900", "0306903200",
		"0344001600", "0200805351", "0760103200", "0623003204"}
	gbBanks = []string{"NWBK601613", "BARC200415", "LOYD309634", "HBUK401276", "MIDL400515", "NAIA070093",
		"BUKB202015", "SRLG609242", "ABBY091289", "CPBK089299"}
	frBanks = []string{"3000600001", "1027800001", "2004101005", "3000400828", "1020701234"}
	nlBanks = []string{"ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB"}
	atBanks = []string{"20111", "12000", "14000", "32000", "60000"}
)

// iban returns a valid IBAN of country (DE, DK, IT, GB, FR, NL or AT), compact and upper case.
func iban(r *rand.Rand, country string) string {
	var bban string
	switch country {
	case "DE":
		bban = pick(r, deBankCodes) + digits(r, 10)
	case "DK":
		bban = pick(r, dkRegNumbers) + digits(r, 10)
	case "IT":
		rest := pick(r, itABICAB) + digits(r, 12)
		bban = string(itCheckLetter(rest)) + rest
	case "GB":
		bban = pick(r, gbBanks) + digits(r, 8)
	case "FR":
		bank := pick(r, frBanks)
		account := digits(r, 11)
		key := 97 - (89*atoi(bank[:5])+15*atoi(bank[5:])+3*(atoi(account)%97))%97
		bban = bank + account + fmt.Sprintf("%02d", key)
	case "NL":
		bban = pick(r, nlBanks) + digits(r, 10)
	case "AT":
		bban = pick(r, atBanks) + digits(r, 11)
	default:
		panic("synth: no IBAN for " + country)
	}
	check := 98 - mod97(bban+country+"00")
	return fmt.Sprintf("%s%02d%s", country, check, bban)
}

// groups4 writes s in groups of four separated by sep.
func groups4(s, sep string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// formatIBAN writes an IBAN the ways people do: in groups of four (most often), unspaced, in
// lower case, or split at the national parts (a German bank code and account number).
func formatIBAN(r *rand.Rand, s string) string {
	switch r.IntN(10) {
	case 0, 1, 2, 3, 4:
		return groups4(s, " ")
	case 5, 6:
		return s
	case 7:
		return strings.ToLower(groups4(s, " "))
	case 8:
		if s[:2] == "DE" {
			return s[:4] + " " + s[4:12] + " " + s[12:]
		}
		return s[:2] + " " + s[2:4] + " " + groups4(s[4:], " ")
	}
	return s[:2] + " " + s[2:4] + " " + s[4:]
}
