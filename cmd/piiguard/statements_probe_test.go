package main

import "github.com/piiguard/piiguard/rules"

// statementsAvailable reports whether the default packs carry statement rules (the compliance part of the kcat
// test needs them).
func statementsAvailable() bool {
	for _, p := range rules.Default() {
		if len(p.Statements) > 0 {
			return true
		}
	}
	return false
}
