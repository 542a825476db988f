package policy

import (
	"regexp"
	"slices"
	"strings"

	"github.com/piiguard/piiguard/detectors"
)

// knownTypes are the entity types a policy may name without ParseWithTypes.
var knownTypes = []string{
	"PERSON", "EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "DATE_OF_BIRTH", "ADDRESS", "IP_ADDRESS",
	"DE_TAX_ID", "DK_CPR", "IT_FISCAL_CODE", "UK_NINO", "ES_DNI", "ES_NIE", "FR_NIR", "NL_BSN",
	"SE_PERSONNUMMER", "NO_FNR", "FI_HETU", "PL_PESEL", "US_SSN", "SPECIAL_CATEGORY",
}

// categories are the finding categories a policy may name.
var categories = []string{"personal", "contact", "financial", "identifier", "special_category"}

// KnownTypes returns the entity types a policy may name without ParseWithTypes, in a new slice.
func KnownTypes() []string { return slices.Clone(knownTypes) }

// The names special categories go by.
const (
	specialType     = "SPECIAL_CATEGORY"
	specialCategory = "special_category"
)

var (
	typeName    = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	subtypeName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	langName    = regexp.MustCompile(`^[a-z]{2}$`)
)

// isSpecial reports whether f is a special-category finding, by its type or its category.
func isSpecial(f detectors.Finding) bool {
	return f.Type == specialType || f.Category == specialCategory
}

// tagName returns t when it is a valid type name, else t with every other character turned into '_' (and
// "REDACTED" when nothing is left), so that a tag can never break its delimiters.
func tagName(t string) string {
	if typeName.MatchString(t) {
		return t
	}
	b := []byte(strings.ToUpper(t))
	for i, c := range b {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			b[i] = '_'
		}
	}
	if strings.Trim(string(b), "_") == "" {
		return "REDACTED"
	}
	return string(b)
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
