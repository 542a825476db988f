package engine

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// letterRun matches three or more single letters in a row, separated by spaces, commas or hyphens: a name
// spelled letter by letter.
var letterRun = regexp.MustCompile(`(?i)(?:^|[\s,])\pL(?:[\s,\-]+\pL){2,}(?:$|[\s,.])`)

func TestSpelledNameIsReplacedWithTheNamesToken(t *testing.T) {
	p := testPipeline(t)
	tests := map[string]struct {
		lang, text string
		spelled    []string // the spelled copy's words, none of which may stay
	}{
		"de letters":      {"de", "mein name ist kowalski, k o w a l s k i", []string{"k o w a l s k i"}},
		"de wie":          {"de", "Mein Name ist Sommer, S wie Samuel, O wie Otto, M wie Martha, M wie Martha, E wie Emil, R wie Richard.", []string{"Samuel", "Otto", "Martha", "Emil", "Richard"}},
		"da staves":       {"da", "jeg hedder Mikkelsen, det staves m i k k e l s e n", []string{"m i k k e l s e n"}},
		"it letter names": {"it", "mi chiamo ferri, effe e erre erre i", []string{"effe", "erre"}},
		"it come":         {"it", "mi chiamo rossi, r come roma o come otranto esse esse i", []string{"roma", "otranto", "esse"}},
		"en for":          {"en", "my name is Dodd, D for David, O for Oscar, D for David, D for David", []string{"David", "Oscar"}},
		"en spelled":      {"en", "my name is david okafor, that's spelled o k a f o r", []string{"o k a f o r"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			in, err := json.Marshal(map[string]any{"id": "c1", "channel": "call", "language": tc.lang,
				"segments": []map[string]any{{"speaker": "customer", "start_ms": 0, "end_ms": 900, "text": tc.text}}})
			require.NoError(t, err)
			res, err := p.ProcessRecord(in)
			require.NoError(t, err)
			var rec struct {
				Segments []struct{ Text string } `json:"segments"`
			}
			require.NoError(t, json.Unmarshal(res.Output, &rec))
			out := rec.Segments[0].Text
			assert.False(t, letterRun.MatchString(out), "a spelled letter sequence stays: %s", out)
			for _, w := range tc.spelled {
				assert.NotContains(t, strings.ToLower(out), strings.ToLower(w))
			}
			toks := tokenRE.FindAllString(out, -1)
			require.Len(t, toks, 2, out)
			assert.True(t, strings.HasPrefix(toks[1], "<PERSON"), out)
		})
	}
}

func TestSpelledNameTakesTheSaidNamesToken(t *testing.T) {
	p := testPipeline(t)
	res, err := p.ProcessRecord([]byte(`{"id":"c2","channel":"call","language":"de","segments":[` +
		`{"speaker":"customer","start_ms":0,"end_ms":900,"text":"mein name ist kowalski, k o w a l s k i"}]}`))
	require.NoError(t, err)
	toks := tokenRE.FindAllString(string(res.Output), -1)
	require.Len(t, toks, 2, string(res.Output))
	assert.Equal(t, toks[0], toks[1])
}
