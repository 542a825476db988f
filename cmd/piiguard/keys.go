package main

import (
	"crypto/rand"
	"flag"
	"fmt"
	"time"

	"github.com/piiguard/piiguard/engine/pseudonym"
)

func runKeygen(env *environ, args []string) int {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	id := fs.String("id", "k1", "key `ID` written into tokens (rotate by adding a key with a new id)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	data, err := pseudonym.GenerateKeyFile(rand.Reader, *id, time.Now().UTC())
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard keygen: %v\n", err)
		return exitUsage
	}
	env.stdout.Write(data)
	return exitOK
}

// tokenFlags load a pseudonymizer for pseudonym and reveal.
func tokenMaker(env *environ, keyFile string, reversible bool) (*pseudonym.Pseudonymizer, error) {
	kr, err := keyring(env, keyFile, false)
	if err != nil {
		return nil, err
	}
	var opts []pseudonym.Option
	if reversible {
		opts = append(opts, pseudonym.WithReversible())
	}
	return pseudonym.New(kr, opts...)
}

func runPseudonym(env *environ, args []string) int {
	fs := flag.NewFlagSet("pseudonym", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	keyFile := fs.String("key-file", "", "pseudonym key `FILE` (default: $PIIGUARD_KEY_FILE)")
	typ := fs.String("type", "", "entity `TYPE` of the value, e.g. EMAIL, PHONE, IBAN, PERSON")
	lang := fs.String("language", "", "record `LANGUAGE` for national phone numbers (de, da, it, en)")
	reversible := fs.Bool("reversible", false, "print the reversible token (as scan --reversible writes)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: piiguard pseudonym --key-file FILE --type TYPE VALUE")
		fmt.Fprintln(env.stderr, "Prints the token scan and run write for VALUE: use it to find or erase one person's rows.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 || *typ == "" {
		fs.Usage()
		return exitUsage
	}
	ps, err := tokenMaker(env, *keyFile, *reversible)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard pseudonym: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(env.stdout, ps.TokenWithRegion(*typ, fs.Arg(0), pseudonym.RegionForLanguage(*lang)))
	return exitOK
}

func runReveal(env *environ, args []string) int {
	fs := flag.NewFlagSet("reveal", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	keyFile := fs.String("key-file", "", "pseudonym key `FILE` (default: $PIIGUARD_KEY_FILE)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.stderr, "usage: piiguard reveal --key-file FILE TOKEN")
		return exitUsage
	}
	ps, err := tokenMaker(env, *keyFile, true)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard reveal: %v\n", err)
		return exitUsage
	}
	typ, value, err := ps.Reveal(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard reveal: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(env.stdout, "%s\t%s\n", typ, value)
	return exitOK
}
