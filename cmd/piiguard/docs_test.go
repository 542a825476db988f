package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the repository root seen from this package's directory, where go test runs.
const repoRoot = "../.."

// TestReferenceDocsUpToDate regenerates docs/cli.md, config.md and rules.md with the docs command and compares
// them with the committed files: a flag, variable, YAML key or rule field changed without the docs fails here.
func TestReferenceDocsUpToDate(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, strings.NewReader(""), "docs", "--out", dir, "--src", repoRoot)
	require.Equal(t, exitOK, code, "stderr: %s", errs)
	assert.Contains(t, out, "cli.md, config.md, rules.md")
	for _, name := range []string{"cli.md", "config.md", "rules.md"} {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(repoRoot, "docs", name))
			require.NoError(t, err, "run: go run ./cmd/piiguard docs")
			assert.Equal(t, string(want), string(got), "docs/%s drifted from the code: run go run ./cmd/piiguard docs", name)
		})
	}
}

// TestReferenceDocsCoverEverything checks the generator itself: every flag of every command, every PIIGUARD_*
// variable, every YAML key and every rule-pack field is in the generated text.
func TestReferenceDocsCoverEverything(t *testing.T) {
	files, err := referenceDocs(repoRoot)
	require.NoError(t, err)
	cli, config, rulesMD := string(files["cli.md"]), string(files["config.md"]), string(files["rules.md"])
	cmds, err := commandDocs()
	require.NoError(t, err)
	require.Len(t, cmds, len(commands())+2+2, "every command, the three rules subcommands and the three subject subcommands")
	for _, c := range cmds {
		section := cli[strings.Index(cli, "## piiguard "+c.path+"\n"):]
		if i := strings.Index(section[3:], "\n## "); i >= 0 {
			section = section[:i+3]
		}
		c.fs.VisitAll(func(f *flag.Flag) {
			assert.Contains(t, section, "`--"+f.Name, "piiguard %s --%s", c.path, f.Name)
		})
	}
	for v := range envVars {
		assert.Contains(t, config, "| `"+v+"` |")
	}
	assert.Contains(t, config, "| `PIIGUARD_KEY_FILE` |")
	for _, key := range []string{"max_in_flight", "process_timeout", "tls.ca_file", "sasl.password", "log_format"} {
		assert.Contains(t, config, "| `"+key+"` |")
	}
	for name := range ruleSchemaTypes {
		assert.Contains(t, rulesMD, "## "+name+"\n")
	}
	for _, key := range []string{"min_digits", "spoken_only", "no_match", "confidence", "lexicon"} {
		assert.Regexp(t, regexp.MustCompile("### `"+key+"` "), rulesMD)
	}
}

func TestRulesDocRejectsFieldWithoutExample(t *testing.T) {
	src := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(src, "rules"), 0o755))
	data, err := os.ReadFile(filepath.Join(repoRoot, "rules", "rule.go"))
	require.NoError(t, err)
	data = []byte(strings.Replace(string(data), "\tExtend int `yaml:\"extend\"`",
		"\tExtend int `yaml:\"extend\"`\n\t// Brand is new.\n\tBrand string `yaml:\"brand\"`", 1))
	require.NoError(t, os.WriteFile(filepath.Join(src, "rules", "rule.go"), data, 0o644))
	_, err = referenceDocs(src)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Rule.Brand (brand) has no example")
}

// TestRuleAuthoringExample runs the worked rule of docs/rule-authoring.md: its examples pass with rules test, scan
// replaces the customer number with a CUSTOMER_NUMBER token and keeps the order number, and the guide shows the
// file as it is.
func TestRuleAuthoringExample(t *testing.T) {
	pack := filepath.Join(repoRoot, "docs", "examples", "customer-number.yaml")
	code, out, errs := runCLI(t, strings.NewReader(""), "rules", "test", pack)
	require.Equal(t, exitOK, code, "stderr: %s", errs)
	assert.Contains(t, out, "1 packs, 1 rules, 6 examples: 6 passed, 0 failed")

	record := `{"id":"c1","channel":"chat","language":"de","messages":[{"from":"customer","at":"2026-11-22T10:00:00Z",` +
		`"text":"Meine Kundennummer ist KD-123456, Bestellung 4711"}]}` + "\n"
	code, out, errs = runCLI(t, strings.NewReader(record), "scan", "--rules", pack, "--ephemeral-key")
	require.Equal(t, exitOK, code, "stderr: %s", errs)
	assert.Regexp(t, `Kundennummer ist <CUSTOMER_NUMBER:ephemeral:[A-Z0-9]{16}>, Bestellung 4711`, out)
	assert.NotContains(t, out, "123456")

	data, err := os.ReadFile(pack)
	require.NoError(t, err)
	guide, err := os.ReadFile(filepath.Join(repoRoot, "docs", "rule-authoring.md"))
	require.NoError(t, err)
	assert.Contains(t, string(guide), "```yaml\n"+string(data)+"```", "rule-authoring.md shows another pack than docs/examples")
}
