package validate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLuhn(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		want bool
	}{
		"visa test card":       {"4111111111111111", true},
		"grouped":              {"4111 1111 1111 1111", true},
		"dashed":               {"4111-1111-1111-1111", true},
		"swedish personnummer": {"8112189876", true},
		"two digits":           {"18", true},
		"zeros":                {"00", true},
		"last digit changed":   {"4111111111111112", false},
		"two digits changed":   {"4111111111111121", false},
		"single digit":         {"0", false},
		"empty":                {"", false},
		"separators only":      {" - ", false},
		"letters":              {"4111a11111111111", false},
		"non-ascii digit":      {"411111111111111١", false},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, luhnValid(tc.in))
		})
	}
}

func TestLuhnDetectsEverySingleDigitError(t *testing.T) {
	const valid = "79927398713"
	assert.True(t, luhn(valid))
	for i := 0; i < len(valid); i++ {
		for d := byte('0'); d <= '9'; d++ {
			if d == valid[i] {
				continue
			}
			b := []byte(valid)
			b[i] = d
			assert.False(t, luhn(string(b)), "position %d set to %c", i, d)
		}
	}
}
