package pseudonym

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalize(t *testing.T) {
	tests := map[string]struct {
		typ, value, region, want string
	}{
		"email case and spaces":  {typ: "EMAIL", value: "  Anna.Rossi@Example.IT ", want: "anna.rossi@example.it"},
		"email mailto":           {typ: "EMAIL", value: "MAILTO:anna@example.it?subject=Hi", want: "anna@example.it"},
		"email angle brackets":   {typ: "EMAIL", value: "<anna@example.it>", want: "anna@example.it"},
		"email fullwidth":        {typ: "EMAIL", value: "ａｎｎａ@example.it", want: "anna@example.it"},
		"phone international":    {typ: "PHONE", value: "+45 22 34 56 78", want: "+4522345678"},
		"phone 00":               {typ: "PHONE", value: "0045 22345678", want: "+4522345678"},
		"phone national DK":      {typ: "PHONE", value: "22 34 56 78", region: "DK", want: "+4522345678"},
		"phone region lower":     {typ: "PHONE", value: "22 34 56 78", region: "dk", want: "+4522345678"},
		"phone unassigned DK":    {typ: "PHONE", value: "12345678", region: "DK", want: "+4512345678"},
		"phone unassigned +45":   {typ: "PHONE", value: "+45 12 34 56 78", want: "+4512345678"},
		"phone unassigned 0045":  {typ: "PHONE", value: "0045 12345678", want: "+4512345678"},
		"phone national DE":      {typ: "PHONE", value: "030 1234567", region: "DE", want: "+49301234567"},
		"phone national IT":      {typ: "PHONE", value: "06 1234 5678", region: "IT", want: "+390612345678"},
		"phone national GB":      {typ: "PHONE", value: "020 7946 0018", region: "GB", want: "+442079460018"},
		"phone parens":           {typ: "PHONE", value: "(+45) 22-34-56-78", want: "+4522345678"},
		"phone fullwidth digits": {typ: "PHONE", value: "＋４５ ２２３４５６７８", want: "+4522345678"},
		"phone unparseable":      {typ: "PHONE", value: "12-34", want: "1234"},
		"phone unparseable 00":   {typ: "PHONE", value: "00 12", want: "12"},
		"iban spaces":            {typ: "IBAN", value: "de89 3704 0044 0532 0130 00", want: "DE89370400440532013000"},
		"iban label":             {typ: "IBAN", value: "IBAN: DE89-3704-0044-0532-0130-00", want: "DE89370400440532013000"},
		"card dashes":            {typ: "CREDIT_CARD", value: "4111-1111 1111.1111", want: "4111111111111111"},
		"cpr":                    {typ: "DK_CPR", value: "120345-1234", want: "1203451234"},
		"se 12 digits":           {typ: "SE_PERSONNUMMER", value: "19850212-1234", want: "8502121234"},
		"se 10 digits":           {typ: "SE_PERSONNUMMER", value: "850212-1234", want: "8502121234"},
		"se plus":                {typ: "SE_PERSONNUMMER", value: "850212+1234", want: "8502121234"},
		"nino":                   {typ: "UK_NINO", value: "qq 12 34 56 c", want: "QQ123456C"},
		"fiscal code":            {typ: "IT_FISCAL_CODE", value: "rss mra 85t10 a562s", want: "RSSMRA85T10A562S"},
		"es dni":                 {typ: "ES_DNI", value: "12345678-z", want: "12345678Z"},
		"nl bsn 8 digits":        {typ: "NL_BSN", value: "1234.56.78", want: "012345678"},
		"ssn":                    {typ: "US_SSN", value: "123-45-6789", want: "123456789"},
		"hetu":                   {typ: "FI_HETU", value: "131052-308t", want: "131052308T"},
		"person title and case":  {typ: "PERSON", value: "Herr  Dr. Jørgen MÜLLER", want: "jorgen muller"},
		"person decomposed":      {typ: "PERSON", value: "Mu\u0308ller", want: "muller"},
		"person italian title":   {typ: "PERSON", value: "Sig.ra Maria De Luca", want: "maria de luca"},
		"person swedish title":   {typ: "PERSON", value: "fru Åsa Ærø", want: "asa aero"},
		"person sharp s":         {typ: "PERSON", value: "Straße", want: "strasse"},
		"person polish":          {typ: "PERSON", value: "Łukasz Wałęsa", want: "lukasz walesa"},
		"person comma":           {typ: "PERSON", value: "Müller, Hans", want: "muller hans"},
		"person title alone":     {typ: "PERSON", value: "Herr", want: "herr"},
		"person apostrophe":      {typ: "PERSON", value: "Mrs. O’Brien", want: "o'brien"},
		"ip v4":                  {typ: "IP_ADDRESS", value: " 192.168.001.1 ", want: "192.168.001.1"},
		"ip v6":                  {typ: "IP_ADDRESS", value: "2001:DB8:0:0::1", want: "2001:db8::1"},
		"ip mapped":              {typ: "IP_ADDRESS", value: "::ffff:10.0.0.1", want: "10.0.0.1"},
		"ip port":                {typ: "IP_ADDRESS", value: "[2001:db8::1]:443", want: "2001:db8::1"},
		"date dots":              {typ: "DATE_OF_BIRTH", value: "12.03.1985", want: "1985-03-12"},
		"date short":             {typ: "DATE_OF_BIRTH", value: "1.3.85", want: "1985-03-01"},
		"date short 2000s":       {typ: "DATE_OF_BIRTH", value: "1/3/05", want: "2005-03-01"},
		"date iso":               {typ: "DATE_OF_BIRTH", value: "1985-03-12", want: "1985-03-12"},
		"date slashes":           {typ: "DATE_OF_BIRTH", value: "12/03/1985", want: "1985-03-12"},
		"date us region":         {typ: "DATE_OF_BIRTH", value: "03/12/1985", region: "US", want: "1985-03-12"},
		"date month first":       {typ: "DATE_OF_BIRTH", value: "03/25/1985", want: "1985-03-25"},
		"date spaced":            {typ: "DATE_OF_BIRTH", value: "12. 3. 1985", want: "1985-03-12"},
		"date compact":           {typ: "DATE_OF_BIRTH", value: "12031985", want: "1985-03-12"},
		"date compact iso":       {typ: "DATE_OF_BIRTH", value: "19850312", want: "1985-03-12"},
		"date english":           {typ: "DATE_OF_BIRTH", value: "the 12th of March, 1985", want: "1985-03-12"},
		"date english us":        {typ: "DATE_OF_BIRTH", value: "March 12, 1985", want: "1985-03-12"},
		"date german":            {typ: "DATE_OF_BIRTH", value: "12. März 1985", want: "1985-03-12"},
		"date danish":            {typ: "DATE_OF_BIRTH", value: "12. marts 1985", want: "1985-03-12"},
		"date italian":           {typ: "DATE_OF_BIRTH", value: "12 marzo 1985", want: "1985-03-12"},
		"date french":            {typ: "DATE_OF_BIRTH", value: "1er février 1985", want: "1985-02-01"},
		"date invalid day":       {typ: "DATE_OF_BIRTH", value: "31.02.1985", want: "31.02.1985"},
		"date text":              {typ: "DATE_OF_BIRTH", value: "Early  SPRING", want: "early spring"},
		"other collapsed":        {typ: "ADDRESS", value: " Via  Roma\t1\n", want: "via roma 1"},
		"other nfkc":             {typ: "SPECIAL_CATEGORY", value: "Ｄｉａｂｅｔｅｓ", want: "diabetes"},
		"user type":              {typ: "LOYALTY_ID", value: "LY 77", want: "ly 77"},
		"lower-case type":        {typ: "email", value: "A@B.DE", want: "a@b.de"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, NormalizeWithRegion(tc.typ, tc.value, tc.region))
			if tc.region == "" {
				assert.Equal(t, tc.want, Normalize(tc.typ, tc.value))
			}
		})
	}
}

func TestNormalizeNumericTypesAreDigitBased(t *testing.T) {
	// The caller turns "two two three four…" into digits; any separators the spoken-digit
	// view leaves must not matter.
	for _, typ := range []string{"DK_CPR", "DE_TAX_ID", "NO_FNR", "PL_PESEL", "US_SSN", "CREDIT_CARD", "NL_BSN", "SE_PERSONNUMMER"} {
		written := Normalize(typ, "1203451234")
		for _, spoken := range []string{"12 03 45 12 34", "1 2 0 3 4 5 1 2 3 4", "12-03-45-1234", "12.03.45/1234", " 1203451234 "} {
			assert.Equal(t, written, Normalize(typ, spoken), "%s %q", typ, spoken)
		}
	}
	assert.Equal(t, Normalize("PHONE", "+45 22345678"), Normalize("PHONE", "+ 4 5 2 2 3 4 5 6 7 8"))
}

func TestRegionForLanguage(t *testing.T) {
	tests := map[string]string{
		"de": "DE", "da": "DK", "it": "IT", "en": "GB", "sv": "SE", "nb": "NO", "fi": "FI",
		"pl": "PL", "en-US": "US", "de-AT": "AT", "da_DK": "DK", "DA": "DK", "ro": "RO",
		"": "", "not a language tag": "",
	}
	for tag, want := range tests {
		t.Run(tag, func(t *testing.T) {
			assert.Equal(t, want, RegionForLanguage(tag))
		})
	}
}
