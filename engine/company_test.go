package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompanyNameIsKept: the name of the company that owns the record (its mailboxes' domain, the name before
// its service words, the name joined to "team") is kept for analytics; people's names around it are not.
func TestCompanyNameIsKept(t *testing.T) {
	p := testPipeline(t)
	for _, tc := range []struct {
		name, record string
		kept, gone   []string
	}{
		{"mailbox domain",
			`{"id":"c1","channel":"email","language":"da","subject":"SV: ny adresse","from":"NordEl <kundeservice@nordel.dk>",` +
				`"to":"Noah Juhl <noahjuhl@icloud.com>","body":"Kære Noah,\n\nVi har registreret din adresse.\n\nHilsen\nHanne Vinther\nKundeservice, NordEl"}`,
			[]string{"NordEl <", "Kundeservice, NordEl"}, []string{"Noah", "Juhl", "Hanne Vinther"}},
		{"name before the service words",
			`{"id":"c2","channel":"call","language":"en","segments":[{"speaker":"agent","start_ms":0,"end_ms":1,` +
				`"text":"hello you're through to Northwind customer services my name is Thomas Baker"}]}`,
			[]string{"Northwind customer services"}, []string{"Thomas Baker"}},
		{"team",
			`{"id":"c3","channel":"email","language":"de","subject":"Rechnung","from":"laura.weber@web.de","to":"service@flinkmobil.de",` +
				`"body":"Liebes FlinkMobil-Team,\nbitte korrigieren Sie meine Rechnung.\nViele Grüße\nLaura Weber"}`,
			[]string{"FlinkMobil-Team"}, []string{"Laura Weber", "laura.weber"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := p.ProcessRecord([]byte(tc.record))
			require.NoError(t, err)
			out := string(res.Output)
			for _, k := range tc.kept {
				assert.Contains(t, out, k)
			}
			for _, g := range tc.gone {
				assert.NotContains(t, out, g)
			}
		})
	}
}
