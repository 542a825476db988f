package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHelpOnEveryCommand(t *testing.T) {
	tests := map[string]struct {
		args []string
		want string // in the usage on stdout
	}{
		"top level --help":      {[]string{"--help"}, "usage: piiguard COMMAND"},
		"top level -h":          {[]string{"-h"}, "usage: piiguard COMMAND"},
		"help":                  {[]string{"help"}, "usage: piiguard COMMAND"},
		"help scan":             {[]string{"help", "scan"}, "usage: piiguard scan"},
		"help rules test":       {[]string{"help", "rules", "test"}, "usage: piiguard rules test"},
		"scan":                  {[]string{"scan", "--help"}, "-findings-out"},
		"run":                   {[]string{"run", "--help"}, "-sasl-mechanism"},
		"broker":                {[]string{"broker", "--help"}, "-partitions"},
		"demo":                  {[]string{"demo", "--help"}, "-records"},
		"rules":                 {[]string{"rules", "--help"}, "profile"},
		"rules -h":              {[]string{"rules", "-h"}, "test [PATH…]"},
		"rules test":            {[]string{"rules", "test", "--help"}, "usage: piiguard rules test"},
		"rules list":            {[]string{"rules", "list", "--help"}, "-rules"},
		"rules profile":         {[]string{"rules", "profile", "--help"}, "-top"},
		"keygen":                {[]string{"keygen", "--help"}, "-id"},
		"pseudonym":             {[]string{"pseudonym", "--help"}, "-type"},
		"reveal":                {[]string{"reveal", "--help"}, "-key-file"},
		"subject":               {[]string{"subject", "--help"}, "usage: piiguard subject SUBCOMMAND"},
		"help subject lift":     {[]string{"help", "subject", "lift"}, "usage: piiguard subject lift"},
		"subject status":        {[]string{"subject", "status", "--help"}, "-subjects-topic"},
		"subject lift":          {[]string{"subject", "lift", "--help"}, "-reason"},
		"subject find":          {[]string{"subject", "find", "--help"}, "-format"},
		"version":               {[]string{"version", "--help"}, "usage: piiguard version"},
		"help after other flag": {[]string{"scan", "--workers", "2", "-h"}, "usage: piiguard scan"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCLI(t, strings.NewReader(""), tc.args...)
			assert.Equal(t, exitOK, code, "stderr: %s", errs)
			assert.Contains(t, out, tc.want)
			assert.Empty(t, errs)
		})
	}
	// Every command is in the table.
	for _, c := range commands() {
		_, ok := tests[c.name]
		assert.True(t, ok, "no --help case for %s", c.name)
	}
}

func TestBadUsageGoesToStderr(t *testing.T) {
	tests := map[string][]string{
		"no command":         {},
		"unknown command":    {"frobnicate"},
		"unknown flag":       {"scan", "--frobnicate"},
		"unknown subcommand": {"rules", "frobnicate"},
		"extra argument":     {"keygen", "extra"},
		"pseudonym no type":  {"pseudonym", "x"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCLI(t, strings.NewReader(""), args...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errs, "usage: piiguard")
		})
	}
}

func TestReversibleFlagHelpTakesNoArgument(t *testing.T) {
	_, out, _ := runCLI(t, strings.NewReader(""), "scan", "--help")
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "-reversible") {
			assert.Equal(t, "-reversible", strings.TrimSpace(l), "a boolean flag's line names no argument")
		}
	}
	assert.Contains(t, out, "piiguard reveal can open")
}

func TestPseudonymWithoutKeyNamesOnlyItsFlags(t *testing.T) {
	code, _, errs := runCLI(t, strings.NewReader(""), "pseudonym", "--type", "EMAIL", "a@b.example")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--key-file")
	assert.NotContains(t, errs, "--ephemeral-key", "pseudonym does not accept it")

	code, _, errs = runCLI(t, strings.NewReader(""), "scan")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--ephemeral-key", "scan accepts it")
}

// writeKey writes a new key file with the given id to dir and returns its path.
func writeKey(t *testing.T, dir, id string) string {
	t.Helper()
	code, out, errs := runCLI(t, strings.NewReader(""), "keygen", "--id", id)
	require.Equal(t, exitOK, code, errs)
	path := filepath.Join(dir, id+".key")
	require.NoError(t, os.WriteFile(path, []byte(out), 0o600))
	return path
}

func TestRevealOneWayTokenSaysSo(t *testing.T) {
	key := writeKey(t, t.TempDir(), "k1")
	code, tok, errs := runCLI(t, strings.NewReader(""), "pseudonym", "--key-file", key, "--type", "EMAIL", "jane@example.com")
	require.Equal(t, exitOK, code, errs)
	tok = strings.TrimSpace(tok)

	code, _, errs = runCLI(t, strings.NewReader(""), "reveal", "--key-file", key, tok)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errs, "one-way token")
	assert.NotContains(t, errs, "altered")

	code, rtok, _ := runCLI(t, strings.NewReader(""), "pseudonym", "--key-file", key, "--reversible", "--type", "EMAIL", "jane@example.com")
	require.Equal(t, exitOK, code)
	code, out, errs := runCLI(t, strings.NewReader(""), "reveal", "--key-file", key, strings.TrimSpace(rtok))
	assert.Equal(t, exitOK, code, errs)
	assert.Equal(t, "EMAIL\tjane@example.com\n", out)

	altered := strings.TrimSpace(rtok)
	altered = altered[:len(altered)-3] + "0" + altered[len(altered)-2:]
	if altered == strings.TrimSpace(rtok) {
		altered = altered[:len(altered)-3] + "1" + altered[len(altered)-2:]
	}
	code, _, errs = runCLI(t, strings.NewReader(""), "reveal", "--key-file", key, altered)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errs, "altered", "a changed reversible token is still reported as such")
}

func TestRulesTestRefusesIDClashWithDefaults(t *testing.T) {
	code, _, errs := runCLI(t, strings.NewReader(""), "rules", "test", "testdata/clash.yaml")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errs, "rule common.email: id already used")

	code, _, scanErrs := runCLI(t, strings.NewReader(""), "scan", "--ephemeral-key", "--rules", "testdata/clash.yaml")
	assert.Equal(t, exitUsage, code, "scan refuses the same pack")
	assert.Contains(t, scanErrs, "rule common.email: id already used")
}

func TestKeygenOutIsPrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "piiguard.key")
	code, out, errs := runCLI(t, strings.NewReader(""), "keygen", "--out", path)
	require.Equal(t, exitOK, code, errs)
	assert.Empty(t, out, "the key goes to the file only")
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	first, err := os.ReadFile(path)
	require.NoError(t, err)

	code, _, errs = runCLI(t, strings.NewReader(""), "keygen", "--out", path)
	assert.Equal(t, exitRuntime, code)
	assert.Contains(t, errs, "--force")
	again, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, first, again, "an existing key is never overwritten without --force")

	require.NoError(t, os.Chmod(path, 0o644))
	code, _, errs = runCLI(t, strings.NewReader(""), "keygen", "--out", path, "--force", "--id", "k2")
	require.Equal(t, exitOK, code, errs)
	info, err = os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "--force also makes an old file private")
	again, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.NotEqual(t, first, again)

	code, out, _ = runCLI(t, strings.NewReader(""), "keygen", "--help")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "umask 077")
}

func TestKeyFilesAreIgnoredByGit(t *testing.T) {
	data, err := os.ReadFile("../../.gitignore")
	require.NoError(t, err)
	assert.Contains(t, strings.Split(string(data), "\n"), "*.key")
}

// scanToken scans one record with the key file and returns the first token of typ in the output.
func scanToken(t *testing.T, key, record, typ string) string {
	t.Helper()
	code, out, errs := runCLI(t, strings.NewReader(record+"\n"), "scan", "--key-file", key)
	require.Equal(t, exitOK, code, errs)
	tok := regexp.MustCompile(`<` + typ + `:[^>]+>`).FindString(out)
	require.NotEmpty(t, tok, "no %s token in %s", typ, out)
	return tok
}

func TestPseudonymGivesScansToken(t *testing.T) {
	key := writeKey(t, t.TempDir(), "k1")
	const danish = `{"id":"r1","channel":"chat","language":"da","messages":[{"from":"customer","at":"x","text":"ring til mig på 20 30 40 50 tak"}]}`
	const noLanguage = `{"id":"r2","text":"ring til mig på 20 30 40 50 tak"}`
	want := scanToken(t, key, danish, "PHONE")
	tests := map[string]struct {
		args []string
		want string
	}{
		"region DK":             {[]string{"--region", "DK", "20 30 40 50"}, want},
		"region in lower case":  {[]string{"--region", "dk", "20304050"}, want},
		"language da":           {[]string{"--language", "da", "20 30 40 50"}, want},
		"E.164":                 {[]string{"+45 20 30 40 50"}, want},
		"international 00":      {[]string{"0045 20304050"}, want},
		"record without region": {[]string{"--region", "none", "20 30 40 50"}, scanToken(t, key, noLanguage, "PHONE")},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"pseudonym", "--key-file", key, "--type", "PHONE"}, tc.args...)
			code, out, errs := runCLI(t, strings.NewReader(""), args...)
			require.Equal(t, exitOK, code, errs)
			assert.Equal(t, tc.want, strings.TrimSpace(out))
		})
	}
	t.Run("national number without region is refused", func(t *testing.T) {
		code, out, errs := runCLI(t, strings.NewReader(""), "pseudonym", "--key-file", key, "--type", "PHONE", "20 30 40 50")
		assert.Equal(t, exitUsage, code)
		assert.Empty(t, out)
		assert.Contains(t, errs, "--region")
	})
}

func TestPseudonymKeyIDGivesOlderKeysToken(t *testing.T) {
	dir := t.TempDir()
	old := writeKey(t, dir, "k1")
	const record = `{"id":"r1","channel":"email","language":"en","body":"write to jane.doe@example.com"}`
	oldToken := scanToken(t, old, record, "EMAIL")

	// Rotation: k2 is added and made active; k1 stays in the file for older tokens.
	newer := writeKey(t, dir, "k2")
	k1, err := os.ReadFile(old)
	require.NoError(t, err)
	k2, err := os.ReadFile(newer)
	require.NoError(t, err)
	entry := func(b []byte) string { _, e, _ := strings.Cut(string(b), "keys:\n"); return e }
	both := filepath.Join(dir, "both.key")
	require.NoError(t, os.WriteFile(both, []byte("active: k2\nkeys:\n"+entry(k1)+entry(k2)), 0o600))
	newToken := scanToken(t, both, record, "EMAIL")
	require.NotEqual(t, oldToken, newToken)

	tests := map[string]struct {
		args []string
		want string
		code int
	}{
		"active key":   {[]string{}, newToken, exitOK},
		"older key":    {[]string{"--key-id", "k1"}, oldToken, exitOK},
		"active named": {[]string{"--key-id", "k2"}, newToken, exitOK},
		"unknown key":  {[]string{"--key-id", "k9"}, "", exitUsage},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"pseudonym", "--key-file", both, "--type", "EMAIL"}, tc.args...)
			code, out, errs := runCLI(t, strings.NewReader(""), append(args, "Jane.Doe@example.com")...)
			assert.Equal(t, tc.code, code, errs)
			assert.Equal(t, tc.want, strings.TrimSpace(out))
			assert.NotContains(t, errs, "secret")
		})
	}
}
