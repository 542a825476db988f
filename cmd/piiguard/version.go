package main

import (
	"fmt"
	"runtime/debug"

	"github.com/piiguard/piiguard/rules"
)

func runVersion(env *environ, args []string) int {
	fs := newFlags(env, "version", "version", "Prints the version of piiguard and of its embedded rules.")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	set, err := rules.NewSet(rules.Default()...)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard version: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(env.stdout, "piiguard %s\nrules %s\n", v, set.Version())
	return exitOK
}
