package policy

import "unicode"

// Action is what happens to a finding.
type Action string

// The actions a policy can name.
const (
	// Pseudonymise replaces the value with a stable, type-tagged token ("<EMAIL:k1:…>").
	Pseudonymise Action = "pseudonymise"
	// Mask keeps the part of the value the type's MaskSpec allows and hides the rest ("************1111").
	Mask Action = "mask"
	// Redact replaces the value with its type tag ("<EMAIL>").
	Redact Action = "redact"
	// Generalise coarsens the value: a date of birth to its year, an IP address to its network, an address to
	// its postal-code area. A value that cannot be generalised is redacted.
	Generalise Action = "generalise"
	// Drop empties the whole field the value is in.
	Drop Action = "drop"
	// Keep leaves the value as it is.
	Keep Action = "keep"
)

// actionNames maps every accepted spelling to its action; the American spellings are aliases.
var actionNames = map[string]Action{
	"pseudonymise": Pseudonymise, "pseudonymize": Pseudonymise,
	"mask": Mask, "redact": Redact,
	"generalise": Generalise, "generalize": Generalise,
	"drop": Drop, "keep": Keep,
}

// Decision is what to do with one finding.
type Decision struct {
	// Action is the action to take.
	Action Action
	// Mask is how much of the value a Mask action keeps; zero for other actions.
	Mask MaskSpec
}

// MaskSpec says how much of a value Mask keeps. The counts are bounded per type, and the bound is the default:
// CREDIT_CARD keeps at most its last 4 digits, IBAN its country code and last 4 characters, PHONE its last 2
// digits, EMAIL the first character of the local part (the domain is always kept), PERSON its first letter.
// A zero MaskSpec hides everything the type allows to hide.
type MaskSpec struct {
	// KeepFirst is how many leading characters (letters and digits) stay visible.
	KeepFirst int
	// KeepLast is how many trailing characters (letters and digits) stay visible.
	KeepLast int
	// Char replaces each hidden character; default "*". It is one printable rune that is no letter, digit or space.
	Char string
}

// defaultMaskChar is the mask character when a MaskSpec names none.
const defaultMaskChar = "*"

// maskLimits are the types Mask supports, each with the most it may reveal; that is also the type's default.
var maskLimits = map[string]MaskSpec{
	"CREDIT_CARD": {KeepLast: 4},
	"IBAN":        {KeepFirst: 2, KeepLast: 4},
	"PHONE":       {KeepLast: 2},
	"EMAIL":       {KeepFirst: 1},
	"PERSON":      {KeepFirst: 1},
}

// generalisable are the types Generalise supports.
var generalisable = map[string]bool{"DATE_OF_BIRTH": true, "IP_ADDRESS": true, "ADDRESS": true}

// validMaskChar reports whether c is one printable rune that is no letter, digit or space.
func validMaskChar(c string) bool {
	r := []rune(c)
	return len(r) == 1 && unicode.IsPrint(r[0]) && !unicode.IsLetter(r[0]) && !unicode.IsDigit(r[0]) &&
		!unicode.IsSpace(r[0]) && r[0] != unicode.ReplacementChar
}
