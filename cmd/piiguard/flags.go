package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
)

// newFlags returns the flag set of a command: its usage is "usage: piiguard " + synopsis, the lines of about,
// then the flags with their defaults.
func newFlags(env *environ, name, synopsis string, about ...string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: piiguard %s\n", synopsis)
		for _, l := range about {
			fmt.Fprintln(w, l)
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	if env.onFlags != nil {
		env.onFlags(fs)
	}
	return fs
}

// parseFlags parses args into fs. With -h, -help or --help it prints the usage on stdout and returns exitOK and
// true; with a bad flag it prints the error and the usage on stderr and returns exitUsage and true. Otherwise it
// returns false and the command goes on.
func parseFlags(env *environ, fs *flag.FlagSet, args []string) (int, bool) {
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	err := fs.Parse(args)
	fs.SetOutput(env.stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		env.stdout.Write(buf.Bytes())
		return exitOK, true
	case err != nil:
		env.stderr.Write(buf.Bytes())
		return exitUsage, true
	}
	return exitOK, false
}

// badArgs prints msg and the usage of fs on stderr and returns exitUsage.
func badArgs(env *environ, fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(env.stderr, "piiguard %s: %s\n", fs.Name(), msg)
	fs.Usage()
	return exitUsage
}
