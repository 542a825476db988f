package validate

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureLines returns the non-empty, non-comment lines of a file in testdata/.
func fixtureLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, lines)
	return lines
}

func TestIBANRegistrySamples(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range fixtureLines(t, "iban_valid.txt") {
		assert.True(t, iban(c), "registry sample %q", c)
		assert.True(t, iban(strings.ToLower(c)), "lower-cased %q", c)
		seen[c[:2]] = true
	}
	// Every country of the table has a registry sample, so a wrong length or structure in the
	// table fails here.
	for cc := range ibanBBAN {
		assert.True(t, seen[cc], "no registry sample for %s", cc)
	}
}

func TestIBANInvalid(t *testing.T) {
	for _, c := range fixtureLines(t, "iban_invalid.txt") {
		assert.False(t, iban(c), "%q", c)
	}
}

func TestIBANTable(t *testing.T) {
	assert.GreaterOrEqual(t, len(ibanBBAN), 89)
	for cc, want := range map[string]int{
		"DE": 22, "DK": 18, "IT": 27, "GB": 22, "FR": 27, "ES": 24, "NL": 18, "SE": 24, "NO": 15,
		"FI": 18, "PL": 28, "CH": 21, "AT": 20, "BE": 16, "LC": 32, "RU": 33,
	} {
		assert.Equal(t, want, ibanLength(cc), cc)
	}
	assert.Zero(t, ibanLength("US"))
}

func TestIBANCheckDigitsAliases(t *testing.T) {
	// Check values 97, 98 and 02 have two-digit aliases 00, 01 and 99 that also give
	// mod 97 == 1; only the issued form is valid.
	aliases := map[int]string{97: "00", 98: "01", 2: "99"}
	found := map[int]bool{}
	for n := 0; n < 10000 && len(found) < len(aliases); n++ {
		bban := fmt.Sprintf("37040044%010d", n)
		cd := 98 - ibanMod97("DE00"+bban)
		alias, ok := aliases[cd]
		if !ok || found[cd] {
			continue
		}
		found[cd] = true
		require.True(t, iban(fmt.Sprintf("DE%02d%s", cd, bban)), "issued check value %02d", cd)
		require.Equal(t, 1, ibanMod97("DE"+alias+bban), "alias %s is congruent", alias)
		assert.False(t, iban("DE"+alias+bban), "alias %s", alias)
	}
	require.Len(t, found, len(aliases))
}

func TestIBANSeparatorsAndCase(t *testing.T) {
	for name, c := range map[string]string{
		"spaces":    "DE89 3704 0044 0532 0130 00",
		"dashes":    "DE89-3704-0044-0532-0130-00",
		"lower":     "de89 3704 0044 0532 0130 00",
		"mixed":     "gB82 wEsT 1234 5698 7654 32",
		"dk":        "DK50 0040 0440 1162 43",
		"it":        "it60 x054 2811 1010 0000 0123 456",
		"tab space": "DE89\t3704 0044 0532 0130 00",
	} {
		assert.True(t, iban(c), name)
	}
}

func TestIBANOneDigitChanged(t *testing.T) {
	for _, c := range []string{"DE89370400440532013000", "DK5000400440116243", "IT60X0542811101000000123456", "GB82WEST12345698765432"} {
		for i := 2; i < len(c); i++ {
			if !isDigit(c[i]) {
				continue
			}
			b := []byte(c)
			b[i] = '0' + (c[i]-'0'+1)%10
			assert.False(t, iban(string(b)), "%s with position %d changed", c, i)
		}
	}
}

func BenchmarkIBAN(b *testing.B) {
	for b.Loop() {
		iban("DE89 3704 0044 0532 0130 00")
	}
}
