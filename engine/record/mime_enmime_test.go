package record

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jhillyerd/enmime/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMIMEOutputReadsWithEnmime reads every rendered fixture with enmime, a MIME reader independent of the
// standard library's, both untouched and with every text replaced by a token.
func TestMIMEOutputReadsWithEnmime(t *testing.T) {
	for _, name := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			in := fixture(t, name)
			d, err := ParseMIME(in)
			require.NoError(t, err)
			before, err := enmime.ReadEnvelope(strings.NewReader(in))
			require.NoError(t, err)

			out, err := d.Render(nil)
			require.NoError(t, err)
			env, err := enmime.ReadEnvelope(strings.NewReader(out))
			require.NoError(t, err)
			assertNoSevereErrors(t, env)
			assert.Equal(t, before.Text, env.Text)
			assert.Equal(t, before.HTML, env.HTML)
			assert.Equal(t, before.GetHeader("Subject"), env.GetHeader("Subject"))
			assert.Equal(t, len(before.Attachments), len(env.Attachments))

			repl := map[int]string{}
			for i, x := range d.Texts() {
				if !x.Meta {
					repl[i] = fmt.Sprintf("<TOKEN:k1:%dÆ>", i)
				}
			}
			out, err = d.Render(repl)
			require.NoError(t, err)
			env, err = enmime.ReadEnvelope(strings.NewReader(out))
			require.NoError(t, err)
			assertNoSevereErrors(t, env)
			for i, x := range d.Texts() {
				switch {
				case x.Path == "/headers/subject":
					assert.Equal(t, repl[i], env.GetHeader("Subject"))
				case x.Path == "/body" || x.Path == "/parts/1/body":
					assert.Contains(t, env.Text, repl[i])
				case x.Path == "/headers/from/0/address":
					from, err := env.AddressList("From")
					require.NoError(t, err)
					assert.Equal(t, repl[i]+"@invalid", from[0].Address)
				}
			}
		})
	}
}

func assertNoSevereErrors(t *testing.T, env *enmime.Envelope) {
	t.Helper()
	for _, e := range env.Errors {
		assert.False(t, e.Severe, "enmime: %v", e)
	}
}
