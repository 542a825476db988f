package policy

import (
	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/pseudonym"
)

// Tokenizer makes pseudonyms; *pseudonym.Pseudonymizer is one.
type Tokenizer interface {
	// TokenWithRegion returns the token of value for entityType, reading national numbers for region.
	TokenWithRegion(entityType, value, region string) string
}

var _ Tokenizer = (*pseudonym.Pseudonymizer)(nil)

// Render returns the replacement of value, the original text of finding f (for a Spoken finding the caller
// passes its digit form), under decision d. tokens makes pseudonyms; region ("DE", "DK", "IT", "GB" or "") is
// how national phone numbers and numeric dates are read.
//
// Per action: keep returns value; drop returns ("", true) and the caller empties the whole field; redact returns
// the type tag "<EMAIL>" ("<SPECIAL_CATEGORY:health>" for special categories); pseudonymise returns the token;
// mask keeps at most what d.Mask and the type allow ("************1111", "j***@example.com", "J***");
// generalise returns a date of birth's year ("1985"), an IP address's /24 (IPv4) or /48 (IPv6) network, or an
// address's postal-code area ("10xxx", "21xx", "SW1A").
//
// Render fails closed: a special-category finding is redacted unless d says drop, and a mask or generalise that
// cannot be done, a pseudonymise without tokens and an unknown action are redacted too.
func Render(d Decision, f detectors.Finding, value string, tokens Tokenizer, region string) (text string, dropField bool) {
	a := d.Action
	if isSpecial(f) && a != Drop {
		a = Redact
	}
	switch a {
	case Keep:
		return value, false
	case Drop:
		return "", true
	case Pseudonymise:
		if tokens != nil {
			return tokens.TokenWithRegion(f.Type, value, region), false
		}
	case Mask:
		if s, ok := mask(f.Type, value, d.Mask); ok {
			return s, false
		}
	case Generalise:
		if s, ok := generalise(f.Type, value, region); ok {
			return s, false
		}
	}
	return redactTag(f), false
}

// redactTag returns "<TYPE>", or "<SPECIAL_CATEGORY:subtype>" for a special category with a subtype.
func redactTag(f detectors.Finding) string {
	t := tagName(f.Type)
	if f.Type == specialType && subtypeName.MatchString(f.Subtype) {
		return "<" + t + ":" + f.Subtype + ">"
	}
	return "<" + t + ">"
}
