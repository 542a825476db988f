package policy

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/piiguard/piiguard/detectors"
)

// fakeTokens makes a token that names its type and region and nothing of the value.
type fakeTokens struct{}

func (fakeTokens) TokenWithRegion(entityType, _, region string) string {
	return "<" + entityType + ":k1:" + region + ">"
}

var _ Tokenizer = fakeTokens{}

func TestRender(t *testing.T) {
	cardMask := Decision{Action: Mask, Mask: MaskSpec{KeepLast: 4, Char: "*"}}
	tests := map[string]struct {
		d      Decision
		f      detectors.Finding
		value  string
		tokens Tokenizer
		want   string
		drop   bool
	}{
		"keep":                                {d: Decision{Action: Keep}, f: email, value: "jane@example.com", want: "jane@example.com"},
		"drop":                                {d: Decision{Action: Drop}, f: email, value: "jane@example.com", want: "", drop: true},
		"redact":                              {d: Decision{Action: Redact}, f: email, value: "jane@example.com", want: "<EMAIL>"},
		"redact special with subtype":         {d: Decision{Action: Redact}, f: health, value: "diabetes", want: "<SPECIAL_CATEGORY:health>"},
		"redact special without subtype":      {d: Decision{Action: Redact}, f: detectors.Finding{Type: "SPECIAL_CATEGORY"}, value: "x", want: "<SPECIAL_CATEGORY>"},
		"redact odd type name":                {d: Decision{Action: Redact}, f: detectors.Finding{Type: "e-mail>"}, value: "x", want: "<E_MAIL_>"},
		"redact empty type":                   {d: Decision{Action: Redact}, value: "x", want: "<REDACTED>"},
		"pseudonymise":                        {d: Decision{Action: Pseudonymise}, f: phone, value: "+49 30 1234567", tokens: fakeTokens{}, want: "<PHONE:k1:DE>"},
		"pseudonymise without tokens redacts": {d: Decision{Action: Pseudonymise}, f: phone, value: "+49 30 1234567", want: "<PHONE>"},
		"special is never kept":               {d: Decision{Action: Keep}, f: health, value: "diabetes", want: "<SPECIAL_CATEGORY:health>"},
		"special is never pseudonymised":      {d: Decision{Action: Pseudonymise}, f: health, value: "diabetes", tokens: fakeTokens{}, want: "<SPECIAL_CATEGORY:health>"},
		"special by category":                 {d: Decision{Action: Keep}, f: detectors.Finding{Type: "DIAGNOSIS", Category: "special_category"}, value: "x", want: "<DIAGNOSIS>"},
		"special may be dropped":              {d: Decision{Action: Drop}, f: health, value: "diabetes", want: "", drop: true},
		"zero decision redacts":               {f: email, value: "jane@example.com", want: "<EMAIL>"},
		"unknown action redacts":              {d: Decision{Action: "hash"}, f: email, value: "jane@example.com", want: "<EMAIL>"},

		"mask card":                          {d: cardMask, f: card, value: "4111 1111 1111 1111", want: "**** **** **** 1111"},
		"mask compact card":                  {d: cardMask, f: card, value: "4111111111111111", want: "************1111"},
		"mask card never shows first digits": {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 6, KeepLast: 8}}, f: card, value: "4111-1111-1111-1234", want: "****-****-****-1234"},
		"mask card with char":                {d: Decision{Action: Mask, Mask: MaskSpec{KeepLast: 4, Char: "#"}}, f: card, value: "4111111111111111", want: "############1111"},
		"mask with bad char":                 {d: Decision{Action: Mask, Mask: MaskSpec{KeepLast: 4, Char: "ab"}}, f: card, value: "4111111111111111", want: "************1111"},
		"mask short value fully":             {d: cardMask, f: card, value: "4111 11", want: "**** **"},
		"mask iban":                          {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 2, KeepLast: 4}}, f: iban, value: "DE89 3704 0044 0532 0130 00", want: "DE** **** **** **** **30 00"},
		"mask phone":                         {d: Decision{Action: Mask, Mask: MaskSpec{KeepLast: 2}}, f: phone, value: "+49 30 1234567", want: "+** ** *****67"},
		"mask phone at most 2":               {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 3, KeepLast: 4}}, f: phone, value: "+49 30 1234567", want: "+** ** *****67"},
		"mask email":                         {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1}}, f: email, value: "john.doe@example.com", want: "j***@example.com"},
		"mask email fully":                   {d: Decision{Action: Mask}, f: email, value: "john.doe@example.com", want: "***@example.com"},
		"mask one-letter email":              {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1}}, f: email, value: "j@example.com", want: "***@example.com"},
		"mask non-ascii email":               {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1}}, f: email, value: "øre@example.dk", want: "ø***@example.dk"},
		"mask email without @":               {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1}}, f: email, value: "john.doe", want: "<EMAIL>"},
		"mask name":                          {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1}}, f: person, value: "Jane Smith", want: "J***"},
		"mask name keeps one letter":         {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 4, KeepLast: 3}}, f: person, value: "Jane Smith", want: "J***"},
		"mask initial fully":                 {d: Decision{Action: Mask, Mask: MaskSpec{KeepFirst: 1}}, f: person, value: "J.", want: "***"},
		"mask unsupported type":              {d: Decision{Action: Mask, Mask: MaskSpec{KeepLast: 4}}, f: taxID, value: "12345678901", want: "<DE_TAX_ID>"},

		"generalise dotted date":                 {d: Decision{Action: Generalise}, f: dob, value: "12.03.1985", want: "1985"},
		"generalise iso date":                    {d: Decision{Action: Generalise}, f: dob, value: "1985-03-12", want: "1985"},
		"generalise short year":                  {d: Decision{Action: Generalise}, f: dob, value: "12/03/85", want: "1985"},
		"generalise 21st century":                {d: Decision{Action: Generalise}, f: dob, value: "3/4/05", want: "2005"},
		"generalise german date":                 {d: Decision{Action: Generalise}, f: dob, value: "12. märz 1985", want: "1985"},
		"generalise english date":                {d: Decision{Action: Generalise}, f: dob, value: "march 12 1985", want: "1985"},
		"generalise spoken digits":               {d: Decision{Action: Generalise}, f: dob, value: "12031985", want: "1985"},
		"generalise spaced digits":               {d: Decision{Action: Generalise}, f: dob, value: "12 03 1985", want: "1985"},
		"generalise month and year":              {d: Decision{Action: Generalise}, f: dob, value: "March 1985", want: "1985"},
		"generalise no date":                     {d: Decision{Action: Generalise}, f: dob, value: "last tuesday", want: "<DATE_OF_BIRTH>"},
		"generalise ipv4":                        {d: Decision{Action: Generalise}, f: ipAddr, value: "192.168.1.77", want: "192.168.1.0/24"},
		"generalise ipv6":                        {d: Decision{Action: Generalise}, f: ipAddr, value: "2001:db8:1:2::7", want: "2001:db8:1::/48"},
		"generalise mapped ipv4":                 {d: Decision{Action: Generalise}, f: ipAddr, value: "::ffff:10.1.2.3", want: "10.1.2.0/24"},
		"generalise ipv6 zone":                   {d: Decision{Action: Generalise}, f: ipAddr, value: "fe80::1%eth0", want: "fe80::/48"},
		"generalise ipv6 port":                   {d: Decision{Action: Generalise}, f: ipAddr, value: "[2001:db8::1]:443", want: "2001:db8::/48"},
		"generalise ipv4 port":                   {d: Decision{Action: Generalise}, f: ipAddr, value: "10.0.0.5:8080", want: "10.0.0.0/24"},
		"generalise no ip":                       {d: Decision{Action: Generalise}, f: ipAddr, value: "localhost", want: "<IP_ADDRESS>"},
		"generalise german address":              {d: Decision{Action: Generalise}, f: address, value: "Hauptstraße 5, 10115 Berlin", want: "10xxx"},
		"generalise danish address":              {d: Decision{Action: Generalise}, f: address, value: "Nørregade 7, 1165 København K", want: "11xx"},
		"generalise uk address":                  {d: Decision{Action: Generalise}, f: address, value: "10 Downing Street, London SW1A 2AA", want: "SW1A"},
		"generalise lower-case uk":               {d: Decision{Action: Generalise}, f: address, value: "221b baker street, london nw1 6xe", want: "NW1"},
		"generalise polish address":              {d: Decision{Action: Generalise}, f: address, value: "ul. Długa 5, 00-950 Warszawa", want: "00xxx"},
		"generalise swedish address":             {d: Decision{Action: Generalise}, f: address, value: "Drottninggatan 12, 114 55 Stockholm", want: "11xxx"},
		"generalise postcode after house number": {d: Decision{Action: Generalise}, f: address, value: "1600 Pennsylvania Avenue, Washington, DC 20500", want: "20xxx"},
		"generalise no postcode":                 {d: Decision{Action: Generalise}, f: address, value: "Via Roma 1, Milano", want: "<ADDRESS>"},
		"generalise unsupported":                 {d: Decision{Action: Generalise}, f: email, value: "jane@example.com", want: "<EMAIL>"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, drop := Render(tc.d, tc.f, tc.value, tc.tokens, "DE")
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.drop, drop)
		})
	}
}

var ipAddr = detectors.Finding{Type: "IP_ADDRESS", Category: "identifier"}
