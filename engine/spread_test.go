package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/record"
)

// TestSpreadRepeatedValuesIsLinear: a value repeated n times is found at every repetition, and the work done
// per byte of the record is the same at 10 and at 1,000 repetitions (it used to grow with the square and cube of
// the repetitions: one search of the field per occurrence, and a linear overlap check per match).
func TestSpreadRepeatedValuesIsLinear(t *testing.T) {
	cases := map[string]struct {
		unit, typ, value string
		perUnit          int // spread findings per repetition after the first
	}{
		"name":  {"I am Laurits Andresen. ", "PERSON", "Laurits Andresen", 1},
		"email": {"mail jane.doe@example.com ", "EMAIL", "jane.doe@example.com", 1},
		"iban":  {"IBAN DE89 3704 0044 0532 0130 00 ", "IBAN", "DE89 3704 0044 0532 0130 00", 1},
		"name words": {"Laurits said hi. Andresen said hi. I am Laurits Andresen. ", "PERSON", "Laurits Andresen",
			3},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			perByte := map[int]float64{}
			for _, n := range []int{10, 1000} {
				text := strings.Repeat(tc.unit, n)
				raw := fmt.Sprintf(`{"text":%q}`, text)
				rec, err := record.Decode([]byte(raw), record.Options{})
				require.NoError(t, err)
				require.Len(t, rec.Fields, 1)
				at := strings.Index(text, tc.value)
				f := detectors.Finding{Type: tc.typ, Category: "personal", Start: at, End: at + len(tc.value), Score: 1}
				have := map[int][]detectors.Finding{0: {f}}
				// The same value found at many places gives many identical needles: each is looked for once.
				var needles []spreadFinding
				for range n {
					needles = append(needles, spreadNeedles(f, tc.value)...)
				}
				extra, work := spreadValuesWork(rec, have, needles)
				want := n*tc.perUnit - 1
				require.Len(t, extra[0], want)
				covered := 0
				for k, e := range extra[0] {
					if k > 0 {
						assert.LessOrEqual(t, extra[0][k-1].End, e.Start, "findings are sorted and disjoint")
					}
					assert.Equal(t, "engine.spread", e.Rule)
					covered += e.End - e.Start
				}
				assert.Equal(t, n*strings.Count(tc.unit, tc.value)*len(tc.value)-len(tc.value)+
					strings.Count(strings.Repeat(tc.unit, n), "Laurits said")*len("Laurits")+
					strings.Count(strings.Repeat(tc.unit, n), "Andresen said")*len("Andresen"), covered)
				perByte[n] = float64(work) / float64(len(text))
			}
			assert.InDelta(t, perByte[10], perByte[1000], 0.5, "work per byte must not grow with the repetitions")
			assert.Less(t, perByte[1000], 4.0)
		})
	}
}

// TestShortSurnamesAreCarried: a short surname said in full once ("Jane Doe") is protected where it stands alone
// later in the record, capitalised as it was written; the same letters as an ordinary word are kept.
func TestShortSurnamesAreCarried(t *testing.T) {
	p := testPipeline(t)
	rec := `{"id":"s1","channel":"email","language":"en","subject":"Passport","from":"x@example.org","to":"y@example.org",` +
		`"body":"Hello, my name is Jane Doe and I attach passport_2231_Doe.pdf for the Doe family. A doe crossed the road. Regards, Jane Doe"}`
	res, err := p.ProcessRecord([]byte(rec))
	require.NoError(t, err)
	out := string(res.Output)
	assert.NotContains(t, out, "Doe", "every capitalised mention of the surname is replaced")
	assert.Contains(t, out, "A doe crossed the road", "the ordinary word stays")
	assert.Contains(t, out, "passport_2231_", "only the surname of the file name is replaced")
}
