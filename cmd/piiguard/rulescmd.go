package main

import (
	"fmt"
	"sort"
	"time"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/record"
	"github.com/piiguard/piiguard/rules"
)

const rulesUsage = `usage: piiguard rules SUBCOMMAND [flags]

  test [PATH…]                        run the examples of the packs at PATH (default: the embedded packs)
  list [--rules PATH]                 list the loaded rules
  profile [--rules PATH] < records    what each rule costs on the text fields of JSONL records

Run piiguard rules SUBCOMMAND --help for its flags.
`

func runRules(env *environ, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, rulesUsage)
		return exitUsage
	}
	switch args[0] {
	case "test":
		return rulesTest(env, args[1:])
	case "list":
		return rulesList(env, args[1:])
	case "profile":
		return rulesProfile(env, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(env.stdout, rulesUsage)
		return exitOK
	}
	fmt.Fprintf(env.stderr, "piiguard rules: unknown subcommand %q (want test, list or profile)\n\n%s", args[0], rulesUsage)
	return exitUsage
}

// rulesTest runs the examples of the packs at the given paths, or of the default packs when none are given.
// Packs at paths must also load together with the default packs (no rule id twice), as scan and run load them.
func rulesTest(env *environ, args []string) int {
	fs := newFlags(env, "rules test", "rules test [PATH…]",
		"Runs the examples of each rule in the packs at PATH (YAML files or folders), or of the embedded packs.",
		"The packs must also load together with the embedded ones, as scan and run load them.")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	paths := fs.Args()
	var packs []rules.Pack
	if len(paths) == 0 {
		packs = rules.Default()
	}
	for _, p := range paths {
		more, err := loadPacks(p)
		if err != nil {
			fmt.Fprintf(env.stderr, "piiguard rules test: %v\n", err)
			return exitFailed
		}
		packs = append(packs, more...)
	}
	if _, err := rules.NewSet(packs...); err != nil {
		fmt.Fprintf(env.stderr, "piiguard rules test: %v\n", err)
		return exitFailed
	}
	if len(paths) > 0 {
		if _, err := rules.NewSet(append(rules.Default(), packs...)...); err != nil {
			fmt.Fprintf(env.stderr, "piiguard rules test: with the default packs (as scan and run load them): %v\n", err)
			return exitFailed
		}
	}
	n, fails := detectors.CheckExamples(packs)
	for _, f := range fails {
		fmt.Fprintln(env.stderr, f.Error())
	}
	nrules := 0
	for _, p := range packs {
		nrules += len(p.Rules) + len(p.Statements)
	}
	fmt.Fprintf(env.stdout, "%d packs, %d rules, %d examples: %d passed, %d failed\n",
		len(packs), nrules, n, n-len(fails), len(fails))
	if len(fails) > 0 {
		return exitFailed
	}
	return exitOK
}

func rulesList(env *environ, args []string) int {
	fs := newFlags(env, "rules list", "rules list [--rules PATH]…", "Lists the loaded rules: id, type, category, description.")
	var extra listFlag
	fs.Var(&extra, "rules", "add a rule pack `PATH`; repeatable")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	set, err := loadRuleSet(extra)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard rules list: %v\n", err)
		return exitFailed
	}
	rs := set.Rules()
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	for _, r := range rs {
		fmt.Fprintf(env.stdout, "%-40s %-18s %-16s %s\n", r.ID, r.Type, r.Category, r.Description)
	}
	fmt.Fprintf(env.stdout, "rules version %s\n", set.Version())
	return exitOK
}

// rulesProfile reads JSONL records from stdin and prints what each rule costs on their text fields.
func rulesProfile(env *environ, args []string) int {
	fs := newFlags(env, "rules profile", "rules profile [flags] < records.jsonl",
		"Prints what each rule costs on the text fields of the JSONL records on stdin.")
	var extra listFlag
	fs.Var(&extra, "rules", "add a rule pack `PATH`; repeatable")
	top := fs.Int("top", 30, "rules to list")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	set, err := loadRuleSet(extra)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard rules profile: %v\n", err)
		return exitFailed
	}
	sc, err := detectors.Compile(set)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard rules profile: %v\n", err)
		return exitFailed
	}
	var texts []string
	total := 0
	lr := newLineReader(env.stdin, 16<<20)
	for {
		line, _, _, err := lr.next()
		if err != nil {
			break
		}
		rec, err := record.Decode(line, record.Options{})
		if err != nil {
			continue
		}
		for _, f := range rec.Fields {
			if !f.Meta && f.Value != "" {
				texts = append(texts, f.Value)
				total += len(f.Value)
			}
		}
	}
	shared, costs := sc.Profile(texts)
	var sum time.Duration
	for _, c := range costs {
		sum += c.Time
	}
	all := shared + sum
	fmt.Fprintf(env.stdout, "%d texts, %.1f KB: %.1f MB/s in all; shared passes %v, rules %v\n",
		len(texts), float64(total)/1e3, float64(total)/1e6/all.Seconds(), shared.Round(time.Millisecond), sum.Round(time.Millisecond))
	fmt.Fprintf(env.stdout, "%-40s %10s %6s %7s %8s\n", "rule", "time", "share", "runs", "findings")
	for i, c := range costs {
		if i >= *top {
			break
		}
		fmt.Fprintf(env.stdout, "%-40s %10v %5.1f%% %7d %8d\n", c.Rule, c.Time.Round(time.Microsecond),
			100*c.Time.Seconds()/all.Seconds(), c.Runs, c.Findings)
	}
	return exitOK
}
