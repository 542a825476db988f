// Command piiguard finds and pseudonymises personal data in contact-center records.
//
// Subcommands: scan, run, broker, demo, rules, keygen, pseudonym, subject, reveal, version. Run
// `piiguard help` for the list and `piiguard SUBCOMMAND -h` for each one's flags.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // the command ran but some input failed (a line, a rule example)
	exitUsage   = 2 // bad flags or configuration
	exitRuntime = 3 // the command could not run (a broker that stays away, an I/O error)
)

// command is one subcommand: it parses its own flags from args and returns an exit code.
type command struct {
	name    string
	summary string
	run     func(env *environ, args []string) int
}

// environ is what a command may touch of the process: its streams and environment.
type environ struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// onFlags, when set, is called with each flag set a command makes (the docs generator reads them).
	onFlags func(*flag.FlagSet)
}

func commands() []command {
	return []command{
		{"scan", "redact JSONL records from stdin to stdout", runScan},
		{"run", "process the raw Kafka topic into the redacted, compliance and dead-letter topics", runRun},
		{"broker", "serve the embedded Kafka-protocol broker with the default topics", runBroker},
		{"demo", "run broker, engine and a synthetic producer in one process and show the results", runDemo},
		{"rules", "rules test [PATH…]: run rule examples; rules list: list the loaded rules; rules profile: rule costs", runRules},
		{"keygen", "write a new pseudonym key file: keygen --out FILE (mode 0600), or to stdout", runKeygen},
		{"pseudonym", "print the token a value gets: pseudonym --key-file F --type PHONE --region DK VALUE", runPseudonym},
		{"subject", "a data subject's state, lift and access request: subject status|lift|find --key-file F --email E …", runSubject},
		{"reveal", "reveal a reversible token: reveal --key-file F TOKEN", runReveal},
		{"version", "print the version and the rules version", runVersion},
	}
}

func main() {
	env := &environ{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(dispatch(env, os.Args[1:]))
}

func dispatch(env *environ, args []string) int {
	if len(args) == 0 {
		usage(env.stderr)
		return exitUsage
	}
	if args[0] == "help" && len(args) > 1 { // help COMMAND [SUBCOMMAND]: the command's own --help
		return dispatch(env, append(args[1:len(args):len(args)], "--help"))
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		usage(env.stdout)
		return exitOK
	}
	if args[0] == "docs" { // hidden: regenerates docs/ from the code
		return runDocs(env, args[1:])
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(env, args[1:])
		}
	}
	fmt.Fprintf(env.stderr, "piiguard: unknown command %q\n\n", args[0])
	usage(env.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: piiguard COMMAND [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun piiguard COMMAND --help (or piiguard help COMMAND) for its flags.")
}
