package main

import "fmt"

func runRun(env *environ, args []string) int {
	fmt.Fprintln(env.stderr, "piiguard run: not built yet")
	return exitUsage
}

func runBroker(env *environ, args []string) int {
	fmt.Fprintln(env.stderr, "piiguard broker: not built yet")
	return exitUsage
}

func runDemo(env *environ, args []string) int {
	fmt.Fprintln(env.stderr, "piiguard demo: not built yet")
	return exitUsage
}
