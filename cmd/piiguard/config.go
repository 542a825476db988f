package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/policy"
	"github.com/piiguard/piiguard/engine/pseudonym"
	"github.com/piiguard/piiguard/rules"
)

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// pipelineFlags are the flags every command that processes records shares.
type pipelineFlags struct {
	rules        listFlag
	policy       string
	keyFile      string
	ephemeralKey bool
	reversible   bool
	maxRecord    int
	set          *rules.Set // the rule set pipeline loaded
}

func (f *pipelineFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.rules, "rules", "add a rule pack `PATH` (a YAML file or a folder of them); repeatable")
	fs.StringVar(&f.policy, "policy", "", "policy `FILE` (default: the embedded safe policy)")
	fs.StringVar(&f.keyFile, "key-file", "", "pseudonym key `FILE` (default: $PIIGUARD_KEY_FILE)")
	fs.BoolVar(&f.ephemeralKey, "ephemeral-key", false, "use a random key for this run only (tokens are not stable across runs)")
	fs.BoolVar(&f.reversible, "reversible", false, "make reversible tokens (AES-SIV) that piiguard reveal can open (default: one-way tokens)")
	fs.IntVar(&f.maxRecord, "max-record-bytes", engine.DefaultMaxRecordBytes, "reject records larger than this")
}

// loadRuleSet returns the default packs plus the packs at the given paths.
func loadRuleSet(paths []string) (*rules.Set, error) {
	packs := rules.Default()
	for _, p := range paths {
		more, err := loadPacks(p)
		if err != nil {
			return nil, err
		}
		packs = append(packs, more...)
	}
	return rules.NewSet(packs...)
}

// loadPacks reads the packs of one file or folder.
func loadPacks(path string) ([]rules.Pack, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return rules.LoadFS(os.DirFS(path), ".")
	}
	return rules.LoadFS(os.DirFS(filepath.Dir(path)), filepath.Base(path))
}

// keyring loads the key file named by the flag or $PIIGUARD_KEY_FILE; with ephemeral it makes a random one.
func keyring(env *environ, keyFile string, ephemeral bool) (*pseudonym.Keyring, error) {
	if keyFile == "" {
		keyFile = env.getenv("PIIGUARD_KEY_FILE")
	}
	switch {
	case keyFile != "":
		data, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		return pseudonym.ParseKeyring(data)
	case ephemeral:
		fmt.Fprintln(env.stderr, "piiguard: using an ephemeral key: tokens will differ in the next run")
		return pseudonym.EphemeralKeyring()
	}
	return nil, errNoKey
}

// errNoKey is keyring's error when no key file is named; commands that accept --ephemeral-key add it as a hint.
var errNoKey = errors.New("no pseudonym key: give --key-file FILE or PIIGUARD_KEY_FILE (make one with `piiguard keygen`)")

// pipeline builds the record pipeline from the flags.
func (f *pipelineFlags) pipeline(env *environ) (*engine.Pipeline, error) {
	set, err := loadRuleSet(f.rules)
	if err != nil {
		return nil, err
	}
	f.set = set
	sc, err := detectors.Compile(set)
	if err != nil {
		return nil, err
	}
	pol := policy.Default()
	if f.policy != "" {
		data, err := os.ReadFile(f.policy)
		if err != nil {
			return nil, err
		}
		if pol, err = policy.ParseWithTypes(f.policy, data, ruleTypes(set)); err != nil {
			return nil, err
		}
	}
	kr, err := keyring(env, f.keyFile, f.ephemeralKey)
	if errors.Is(err, errNoKey) {
		return nil, fmt.Errorf("%w, or --ephemeral-key for tokens of this run only", err)
	}
	if err != nil {
		return nil, err
	}
	var popts []pseudonym.Option
	if f.reversible {
		popts = append(popts, pseudonym.WithReversible())
	}
	ps, err := pseudonym.New(kr, popts...)
	if err != nil {
		return nil, err
	}
	return engine.NewPipeline(engine.WithScanner(sc), engine.WithPolicy(pol), engine.WithPseudonymizer(ps),
		engine.WithMaxRecordBytes(f.maxRecord))
}

// ruleTypes lists the entity types the rule set defines, so a policy may name a user pack's types.
func ruleTypes(set *rules.Set) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range set.Rules() {
		if !seen[r.Type] {
			seen[r.Type] = true
			out = append(out, r.Type)
		}
	}
	return out
}
