package main

import (
	"fmt"
	"runtime/debug"

	"github.com/piiguard/piiguard/rules"
)

func runVersion(env *environ, _ []string) int {
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
