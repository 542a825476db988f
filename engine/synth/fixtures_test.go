package synth

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/detectors/validate"
)

// fixtureDir is the hand-labelled evaluation set that bench/eval runs.
const fixtureDir = "../../testdata/eval"

type fixture struct {
	file   string
	line   int
	Record json.RawMessage `json:"record"`
	PII    []Value         `json:"pii"`
	Keep   []string        `json:"keep"`
}

// labelTypes are the entity types a fixture may label.
var labelTypes = map[string]bool{"PERSON": true, "DATE_OF_BIRTH": true, "ADDRESS": true, "SPECIAL_CATEGORY": true,
	"IP_ADDRESS": true, "ES_NIE": true}

func init() {
	for t := range validators {
		labelTypes[t] = true
	}
}

func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.jsonl"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out []fixture
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			fx := fixture{file: filepath.Base(f), line: n}
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(&fx), "%s:%d", fx.file, n)
			out = append(out, fx)
		}
		require.NoError(t, sc.Err())
	}
	return out
}

func TestFixturesAreWellFormed(t *testing.T) {
	perLang := map[string]map[string]int{}
	ids := map[string]bool{}
	for _, fx := range loadFixtures(t) {
		where := fx.file + ":" + itoa(fx.line)
		var head struct{ ID, Channel, Language string }
		require.NoError(t, json.Unmarshal(fx.Record, &head), where)
		assert.False(t, ids[head.ID], "%s: duplicate id", where)
		ids[head.ID] = true
		assert.Equal(t, strings.TrimSuffix(fx.file, ".jsonl"), head.Language, where)
		if perLang[head.Language] == nil {
			perLang[head.Language] = map[string]int{}
		}
		perLang[head.Language][head.Channel]++
		switch head.Channel {
		case "call":
			decodeStrict(t, fx.Record, &strictCall{})
		case "chat":
			decodeStrict(t, fx.Record, &strictChat{})
		case "email":
			decodeStrict(t, fx.Record, &strictEmail{})
		default:
			t.Fatalf("%s: channel %q", where, head.Channel)
		}
		assert.NotEmpty(t, fx.PII, where)
		vals := stringsOf(t, fx.Record)
		for _, v := range fx.PII {
			assert.True(t, labelTypes[v.Type], "%s: unknown type %s", where, v.Type)
			assert.True(t, occurs(vals, v.Text), "%s: %s label not in the record", where, v.Type)
		}
		for _, k := range fx.Keep {
			assert.True(t, occurs(vals, k), "%s: look-alike not in the record", where)
			for _, v := range fx.PII {
				assert.False(t, strings.Contains(v.Text, k) || strings.Contains(k, v.Text), "%s: look-alike and %s overlap", where, v.Type)
			}
		}
	}
	for _, lang := range languages {
		total := 0
		for _, ch := range channels {
			assert.GreaterOrEqual(t, perLang[lang][ch], 8, "%s has enough %s records", lang, ch)
			total += perLang[lang][ch]
		}
		assert.GreaterOrEqual(t, total, 30, lang)
	}
}

func TestFixtureValuesAreValid(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		where := fx.file + ":" + itoa(fx.line)
		for _, v := range fx.PII {
			name, ok := validators[v.Type]
			if v.Type == "IP_ADDRESS" {
				name, ok = "ipv4", true
				if strings.Contains(v.Text, ":") {
					name = "ipv6"
				}
			}
			if !ok {
				continue
			}
			f, _ := validate.Lookup(name)
			assert.True(t, f(plain(v.Text)), "%s: %s value does not pass %s", where, v.Type, name)
		}
		for _, k := range fx.Keep {
			if isDate(k) || isDate(strings.Replace(k, "-", "/", 1)) {
				continue
			}
			for _, name := range checksumValidators {
				f, _ := validate.Lookup(name)
				assert.False(t, f(plain(k)), "%s: look-alike passes %s", where, name)
			}
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
