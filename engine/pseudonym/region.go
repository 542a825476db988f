package pseudonym

import (
	"strings"

	"golang.org/x/text/language"
)

// languageRegions maps a language to the region its national numbers are read for, where
// that differs from or is more useful than the language's most likely region (en is GB for
// a European contact center, not US).
var languageRegions = map[string]string{
	"de": "DE", "da": "DK", "it": "IT", "en": "GB", "sv": "SE", "nb": "NO", "nn": "NO",
	"no": "NO", "fi": "FI", "pl": "PL", "es": "ES", "fr": "FR", "nl": "NL", "pt": "PT",
}

// RegionForLanguage returns the region (ISO 3166 code) to read national numbers of a record
// in language tag with: the tag's own region when it has one ("en-US" → US), else a fixed
// choice for the supported languages (de→DE, da→DK, it→IT, en→GB, sv→SE, nb→NO…), else the
// language's most likely region, else "".
func RegionForLanguage(tag string) string {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return ""
	}
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	region, conf := t.Region()
	if conf == language.Exact {
		return region.String()
	}
	base, _ := t.Base()
	if r, ok := languageRegions[base.String()]; ok {
		return r
	}
	if conf != language.No && region.IsCountry() {
		return region.String()
	}
	return ""
}
