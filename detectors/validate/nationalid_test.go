package validate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// idCase is one candidate for a national ID validator and the expected answer.
type idCase struct {
	in   string
	want bool
}

// nationalIDCases holds, per registry name, documented valid numbers and near misses.
var nationalIDCases = map[string]map[string]idCase{
	"de_tax_id": {
		"commonly cited":       {"86095742719", true},
		"grouped":              {"86 095 742 719", true},
		"one digit twice":      {"11234567890", true},
		"three times apart":    {"11213456783", true},
		"check digit changed":  {"86095742718", false},
		"three times in a row": {"11123456786", false},
		"every digit once":     {"12345678903", false},
		"two digits repeated":  {"11223456785", false},
		"one digit four times": {"11112345678", false},
		"leading zero":         {"01234567896", false},
		"too short":            {"8609574271", false},
		"too long":             {"860957427190", false},
		"letter":               {"A6574261809", false},
	},
	"dk_cpr": {
		"with dash":                   {"070761-4285", true},
		"without dash":                {"0707614285", true},
		"bad mod 11 still valid":      {"211062-5629", true},
		"2000 is leap (7th digit 4)":  {"290200-4000", true},
		"1900 is not (7th digit 1)":   {"290200-1000", false},
		"1800s (7th digit 5, yy 58+)": {"010160-5000", true},
		"zeros":                       {"000000-0000", false},
		"day 32":                      {"320161-4285", false},
		"month 13":                    {"071361-4285", false},
		"too short":                   {"070761-428", false},
	},
	"it_fiscal_code": {
		"rossi mario":       {"RSSMRA85T10A562S", true},
		"lower case":        {"rssmra85t10a562s", true},
		"spaced":            {"RSS MRA 85T10 A562S", true},
		"man":               {"RCCMNL83S18D969H", true},
		"woman day 41+":     {"CNTCHR83T41D969D", true},
		"omocodia":          {"RSSMRA85T10A56NH", true},
		"29 feb leap year":  {"RSSMRA80B29A562U", true},
		"check changed":     {"RSSMRA85T10A562T", false},
		"digit changed":     {"RSSMRA85T10A563S", false},
		"29 feb non-leap":   {"RSSMRA85B29A562Z", false},
		"30 feb":            {"RSSMRA85B30A562G", false},
		"day 32":            {"RSSMRA85T32A562Y", false},
		"day 72":            {"RSSMRA85T72A562C", false},
		"day 40":            {"RSSMRA85T40A562V", false},
		"woman day 50":      {"RSSMRA85T50A562W", true},
		"woman 31 april":    {"RSSMRA85D71A562Q", false},
		"month letter Z":    {"RSSMRA85Z10A562B", false},
		"digit in name":     {"RSSMR485T10A562S", false},
		"omocodia letter O": {"RSSMRA85T10A56OH", false},
		"too short":         {"RSSMRA85T10A562", false},
	},
	"uk_nino": {
		"documented example": {"AB123456C", true},
		"spaced lower case":  {"ab 12 34 56 c", true},
		"no suffix":          {"AB123456", true},
		"first letter Q":     {"QQ123456C", false},
		"first letter D":     {"DA123456C", false},
		"second letter O":    {"AO123456C", false},
		"prefix GB":          {"GB123456A", false},
		"prefix BG":          {"BG123456A", false},
		"prefix NK":          {"NK123456A", false},
		"prefix TN":          {"TN123456A", false},
		"prefix ZZ":          {"ZZ123456A", false},
		"suffix E":           {"AB123456E", false},
		"five digits":        {"AB12345C", false},
		"digit prefix":       {"A1123456C", false},
	},
	"es_dni": {
		"example":           {"12345678Z", true},
		"lower case letter": {"12345678-z", true},
		"ones":              {"11111111H", true},
		"wrong letter":      {"11111111T", false},
		"digit changed":     {"12345679Z", false},
		"zeros":             {"00000000T", false},
		"seven digits":      {"1234567L", false},
		"nie form":          {"X1234567L", false},
	},
	"es_nie": {
		"X":            {"X1234567L", true},
		"Y":            {"Y1234567X", true},
		"Z":            {"z-1234567-r", true},
		"wrong letter": {"X1234567A", false},
		"wrong prefix": {"A1234567L", false},
		"eight digits": {"X12345678L", false},
		"dni form":     {"12345678Z", false},
	},
	"fr_nir": {
		"documented":    {"2 95 10 99 126 111 93", true},
		"corsica 2B":    {"253072B07300470", true},
		"corsica 2A":    {"253072A07300443", true},
		"man":           {"184127645108946", true},
		"key changed":   {"295109912611199", false},
		"digit changed": {"295109912611293", false},
		"department 2C": {"253072C07300443", false},
		"sex digit 5":   {"595109912611140", false},
		"month 13":      {"295139912611144", false},
		"department 00": {"295100012611130", false},
		"too long":      {"6546546546546703", false},
	},
	"nl_bsn": {
		"documented":    {"111222333", true},
		"example":       {"123456782", true},
		"dotted":        {"1234.56.782", true},
		"eight digits":  {"12345672", true},
		"11-test fails": {"123456789", false},
		"zeros":         {"000000000", false},
		"ten digits":    {"1234567820", false},
	},
	"se_personnummer": {
		"dash":                 {"811218-9876", true},
		"no separator":         {"8112189876", true},
		"twelve digits":        {"19811218-9876", true},
		"twelve, no separator": {"198112189876", true},
		"plus (100 or older)":  {"811218+9876", true},
		"other":                {"670919-9530", true},
		"samordningsnummer":    {"701063-2391", true},
		"29 feb 2000":          {"000229-1235", true},
		"29 feb 1900":          {"19000229-1235", false},
		"check changed":        {"811218-9875", false},
		"month 13":             {"811318-9876", false},
		"day 92 (60 + 32)":     {"811292-9876", false},
		"separator misplaced":  {"81121-89876", false},
		"century 17":           {"17811218-9876", false},
	},
	"no_fnr": {
		"documented":         {"151086 95088", true},
		"d-number":           {"41018036736", true},
		"29 feb 2000":        {"29020050088", true},
		"29 feb 1900":        {"29020049942", false},
		"check digits wrong": {"15108695077", false},
		"digit changed":      {"15108695188", false},
		"month 13":           {"15138695088", false},
		"too short":          {"1510869508", false},
	},
	"fi_hetu": {
		"1900s":                {"131052-308T", true},
		"1800s":                {"131052+308T", true},
		"2000s":                {"131052A308T", true},
		"lower case":           {"131052a308t", true},
		"2023 sign Y":          {"010594Y9021", true},
		"2023 sign C":          {"020516C903K", true},
		"29 feb 2000":          {"290200A1239", true},
		"29 feb 1900":          {"290200-1239", false},
		"check changed":        {"131052-308U", false},
		"sign /":               {"131052/308T", false},
		"sign T":               {"131052T308T", false},
		"day 31 of february":   {"310252-308Y", false},
		"month 0":              {"130052-308R", false},
		"individual 000":       {"131052-000V", false},
		"leading zero dropped": {"10101-0101", false},
	},
	"pl_pesel": {
		"1900s":         {"44051401359", true},
		"2000s":         {"02270803624", true},
		"1800s":         {"84810101232", true},
		"29 feb 2000":   {"00222903620", true},
		"29 feb 1900":   {"00022903624", false},
		"check changed": {"44051401358", false},
		"month 13":      {"44131401350", false},
		"too long":      {"440514013590", false},
	},
	"us_ssn": {
		"dashed":           {"536-90-4399", true},
		"plain":            {"536904399", true},
		"spaced":           {"536 90 4399", true},
		"woolworth wallet": {"078-05-1120", false},
		"advertising":      {"219-09-9999", false},
		"area 000":         {"000-12-3456", false},
		"area 666":         {"666-12-3456", false},
		"area 900":         {"900-12-3456", false},
		"group 00":         {"123-00-4567", false},
		"serial 0000":      {"123-45-0000", false},
		"sequence":         {"123-45-6789", false},
		"repeated":         {"111-11-1111", false},
		"too short":        {"536-90-439", false},
	},
}

func TestNationalIDs(t *testing.T) {
	for name, cases := range nationalIDCases {
		f, ok := Lookup(name)
		if !assert.True(t, ok, name) {
			continue
		}
		for caseName, tc := range cases {
			t.Run(name+"/"+caseName, func(t *testing.T) {
				assert.Equal(t, tc.want, f(tc.in), tc.in)
			})
		}
	}
}

// checksummed lists the national IDs whose check digit catches every single-digit change, with
// valid numbers to mutate.
var checksummed = map[string][]string{
	"de_tax_id":       {"86095742719", "11234567890"},
	"it_fiscal_code":  {"RSSMRA85T10A562S", "CNTCHR83T41D969D"},
	"es_dni":          {"12345678Z"},
	"es_nie":          {"X1234567L"},
	"fr_nir":          {"295109912611193", "253072B07300470"},
	"nl_bsn":          {"123456782"},
	"se_personnummer": {"8112189876", "811218-9876"}, // the 12-digit century is outside the check
	"no_fnr":          {"15108695088", "41018036736"},
	"fi_hetu":         {"131052-308T"},
	"pl_pesel":        {"44051401359", "02270803624"},
}

func TestNationalIDsRejectOneDigitChanged(t *testing.T) {
	for name, valids := range checksummed {
		f, _ := Lookup(name)
		for _, v := range valids {
			assert.True(t, f(v), "%s %s", name, v)
			for i := 0; i < len(v); i++ {
				if !isDigit(v[i]) {
					continue
				}
				for d := byte('0'); d <= '9'; d++ {
					if d == v[i] {
						continue
					}
					b := []byte(v)
					b[i] = d
					assert.False(t, f(string(b)), "%s %s: position %d set to %c", name, v, i, d)
				}
			}
		}
	}
}

func TestDKCPRCentury(t *testing.T) {
	for name, tc := range map[string]struct {
		seventh byte
		yy      int
		want    int
	}{
		"0-3 always 1900s": {'2', 10, 1900},
		"4 low year":       {'4', 36, 2000},
		"4 high year":      {'4', 37, 1900},
		"5-8 low year":     {'7', 57, 2000},
		"5-8 high year":    {'7', 58, 1800},
		"9 low year":       {'9', 0, 2000},
		"9 high year":      {'9', 99, 1900},
	} {
		assert.Equal(t, tc.want, cprCentury(tc.seventh, tc.yy), name)
	}
}

func TestNOCentury(t *testing.T) {
	for name, tc := range map[string]struct {
		individual, yy, want int
	}{
		"000-499":           {123, 85, 1900},
		"500-749, yy 54+":   {600, 60, 1800},
		"500-999, yy < 40":  {800, 5, 2000},
		"900-999, yy 40+":   {950, 45, 1900},
		"750-899, yy 40+":   {800, 45, 0},
		"500-749, yy 40-53": {600, 45, 0},
	} {
		assert.Equal(t, tc.want, noCentury(tc.individual, tc.yy), name)
	}
}
