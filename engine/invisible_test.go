package engine

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInvisibleCharacterLeavesNoPartOfValue: a format or control character inside an IBAN or an e-mail neither
// splits nor hides it; the redacted record holds no part of either.
func TestInvisibleCharacterLeavesNoPartOfValue(t *testing.T) {
	chars := map[string]string{
		"zero-width space": "\u200b", "zero-width joiner": "\u200d", "soft hyphen": "\u00ad",
		"byte-order mark": "\ufeff", "right-to-left mark": "\u200f", "nul": "\u0000", "bell": "\u0007",
	}
	p := testPipeline(t)
	for name, c := range chars {
		t.Run(name, func(t *testing.T) {
			text := "IBAN DE89" + c + "3704 0044 0532 0130 00 mail jane.doe" + c + "@example.com"
			in, err := json.Marshal(map[string]any{"id": "c-1", "channel": "chat", "language": "en",
				"messages": []map[string]string{{"from": "customer", "text": text}}})
			require.NoError(t, err)
			res, err := p.ProcessRecord(in)
			require.NoError(t, err)
			var out struct {
				Messages []struct{ Text string } `json:"messages"`
			}
			require.NoError(t, json.Unmarshal(res.Output, &out))
			red := out.Messages[0].Text
			for _, part := range []string{"DE89", "3704", "0044", "0532", "0130", "jane", "doe", "example"} {
				assert.NotContains(t, strings.ToLower(red), strings.ToLower(part), "redacted: %q", red)
			}
			assert.NotContains(t, red, c, "the invisible character inside a value goes with it")
		})
	}
}
