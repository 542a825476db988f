package main

import (
	"flag"
	"fmt"
	"sort"
	"time"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/record"
	"github.com/piiguard/piiguard/rules"
)

func runRules(env *environ, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(env.stderr, "usage: piiguard rules test [PATH…] | rules list [--rules PATH] | rules profile [--rules PATH] < records.jsonl")
		return exitUsage
	}
	switch args[0] {
	case "test":
		return rulesTest(env, args[1:])
	case "list":
		return rulesList(env, args[1:])
	case "profile":
		return rulesProfile(env, args[1:])
	}
	fmt.Fprintf(env.stderr, "piiguard rules: unknown subcommand %q (want test or list)\n", args[0])
	return exitUsage
}

// rulesTest runs the examples of the packs at the given paths, or of the default packs when none are given.
func rulesTest(env *environ, paths []string) int {
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
	fs := flag.NewFlagSet("rules list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var extra listFlag
	fs.Var(&extra, "rules", "add a rule pack `PATH`; repeatable")
	if err := fs.Parse(args); err != nil {
		return exitUsage
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
	fs := flag.NewFlagSet("rules profile", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var extra listFlag
	fs.Var(&extra, "rules", "add a rule pack `PATH`; repeatable")
	top := fs.Int("top", 30, "rules to list")
	if err := fs.Parse(args); err != nil {
		return exitUsage
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
