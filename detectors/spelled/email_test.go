package spelled

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLettersEmails(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		// German
		"de punkt at":          {"meine email ist laurits punkt andresen at gmail punkt com", "meine email ist laurits.andresen@gmail.com"},
		"de klammeraffe":       {"max punkt muster klammeraffe web punkt de", "max.muster@web.de"},
		"de ät":                {"anna ät gmx punkt de", "anna@gmx.de"},
		"de at-zeichen":        {"anna at-zeichen gmx punkt de", "anna@gmx.de"},
		"de at zeichen":        {"anna at zeichen gmx punkt de", "anna@gmx.de"},
		"de bindestrich minus": {"hans bindestrich peter at t minus online punkt de", "hans-peter@t-online.de"},
		"de unterstrich":       {"max unterstrich muster at web punkt de", "max_muster@web.de"},
		"de digits":            {"mueller 85 at web punkt de", "mueller85@web.de"},
		"de digits after stop": {"die adresse ist 85 at web punkt de", "die adresse ist 85@web.de"},
		"de letters":           {"m u e l l e r at web punkt de", "mueller@web.de"},
		"de letters and name":  {"hans punkt m u e l l e r at web punkt de", "hans.mueller@web.de"},
		"de pairs in email":    {"m wie martha a wie anton x wie xanthippe at web punkt de", "max@web.de"},
		"de spelled tld":       {"anna at web punkt d e", "anna@web.de"},
		"de written domain":    {"anna punkt schmidt at web.de", "anna.schmidt@web.de"},
		"de written local":     {"anna.schmidt at web punkt de", "anna.schmidt@web.de"},
		"de written hyphen":    {"hans-peter at web punkt de", "hans-peter@web.de"},
		"de commas":            {"anna, punkt, schmidt, at, web, punkt, de", "anna.schmidt@web.de"},
		"de sentence end":      {"das ist anna at web punkt de. danke", "das ist anna@web.de. danke"},
		"de two emails":        {"anna at web punkt de oder max at gmx punkt net", "anna@web.de oder max@gmx.net"},
		"de umlauts":           {"jürgen punkt müller at web punkt de", "jürgen.müller@web.de"},
		// English
		"en dot":              {"j o h n dot smith at outlook dot com", "john.smith@outlook.com"},
		"en sentence":         {"my email is jane dot doe at example dot co dot uk thanks", "my email is jane.doe@example.co.uk thanks"},
		"en dash":             {"mary dash ann at mail dot com", "mary-ann@mail.com"},
		"en hyphen":           {"mary hyphen ann at mail dot com", "mary-ann@mail.com"},
		"en underscore":       {"tom underscore lee at mail dot com", "tom_lee@mail.com"},
		"en nato local":       {"alpha bravo charlie at example dot org", "abc@example.org"},
		"en written at":       {"john @ gmail dot com", "john@gmail.com"},
		"en written at tight": {"john@gmail dot com", "john@gmail.com"},
		"en after it's":       {"it's m c k a y at gmail dot com", "it's mckay@gmail.com"},
		"en trailing dot":     {"tom at mail dot com dot", "tom@mail.com dot"},
		"en tld after digits": {"tom at mail dot 5 dot com", "tom@mail.5.com"},
		// Danish
		"da snabel a":   {"mette underscore nielsen snabel a hotmail punktum dk", "mette_nielsen@hotmail.dk"},
		"da snabel-a":   {"lars snabel-a mail punktum dk", "lars@mail.dk"},
		"da bindestreg": {"anne bindestreg marie snabel a gmail punktum com", "anne-marie@gmail.com"},
		"da understreg": {"per understreg hansen snabel a jubii punktum dk", "per_hansen@jubii.dk"},
		"da sentence":   {"det er søren punktum holm snabel a mail punktum dk tak", "det er søren.holm@mail.dk tak"},
		// Italian
		"it chiocciola":     {"mario punto rossi chiocciola libero punto it", "mario.rossi@libero.it"},
		"it trattino":       {"anna trattino maria chiocciola tin punto it", "anna-maria@tin.it"},
		"it trattino basso": {"anna trattino basso verdi chiocciola alice punto it", "anna_verdi@alice.it"},
		"it apostrophe":     {"l'indirizzo è mario chiocciola libero punto it", "l'indirizzo è mario@libero.it"},
		"it spelled":        {"r come roma o come otranto s come savona s come savona i come imola chiocciola libero punto it", "rossi@libero.it"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Letters(tc.in)
			require.True(t, ok)
			assert.Equal(t, tc.want, v.Text())
		})
	}
}

func TestLettersEmailsLeftAlone(t *testing.T) {
	tests := map[string]string{
		"en at the office":     "wir treffen uns at the office",
		"en i'm at home":       "i'm at home",
		"de punkt zwei":        "punkt zwei",
		"de punkt 3":           "punkt 3 der tagesordnung",
		"en look at":           "look at google dot com",
		"en work at":           "i work at amazon dot com",
		"en us at":             "contact us at support dot com",
		"en time":              "meet me at 5 dot 30",
		"no name":              "at gmail dot com",
		"no dot":               "john at gmail",
		"no top level":         "john at gmail dot",
		"one letter top level": "john at gmail dot c",
		"digit top level":      "john at gmail dot 12",
		"dot before at only":   "john dot smith at gmail",
		"written email":        "john.smith@gmail.com",
		"written with hyphen":  "anna-maria_b@t-online.de",
		"sentence dot":         "ich bin at home. punkt.",
		"break in email":       "john at gmail: dot com",
		"line break in email":  "john at gmail\ndot com",
		"da at":                "det er rart at se dig, punktum",
		"snabel alone":         "snabel punktum dk",
		"dot words only":       "punkt punkt punkt",
		"signs only":           "at dot at dot com",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			v, ok := Letters(in)
			assert.False(t, ok, "view %q", v.Text())
			assert.Equal(t, in, v.Text())
		})
	}
}
