package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/piiguard/piiguard/engine/pseudonym"
)

func runKeygen(env *environ, args []string) int {
	fs := newFlags(env, "keygen", "keygen [--out FILE] [flags]",
		"Writes a new pseudonym key file to FILE (mode 0600), or prints it to stdout.",
		"When redirecting stdout, set a private umask first: (umask 077; piiguard keygen > piiguard.key)")
	id := fs.String("id", "k1", "key `ID` written into tokens (rotate by adding a key with a new id)")
	out := fs.String("out", "", "write the key to `FILE` with mode 0600 (default: stdout)")
	force := fs.Bool("force", false, "overwrite the --out file if it exists")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	data, err := pseudonym.GenerateKeyFile(rand.Reader, *id, time.Now().UTC())
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard keygen: %v\n", err)
		return exitUsage
	}
	if *out == "" {
		env.stdout.Write(data)
		return exitOK
	}
	if err := writePrivate(*out, data, *force); err != nil {
		fmt.Fprintf(env.stderr, "piiguard keygen: %v\n", err)
		return exitRuntime
	}
	return exitOK
}

// writePrivate writes data to a new file at path readable by its owner only (0600, whatever the umask). An
// existing file is an error unless force, in which case it is truncated and its mode set to 0600 first.
func writePrivate(path string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists: give --force to overwrite it", path)
	}
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil { // the umask may have taken bits away; an old file may have had more
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// tokenMaker loads a pseudonymizer for pseudonym and reveal; keyID, when set, names the key of the file new
// tokens are made with instead of its active one (the token an older key gave).
func tokenMaker(env *environ, keyFile, keyID string, reversible bool) (*pseudonym.Pseudonymizer, error) {
	kr, err := keyring(env, keyFile, false)
	if err != nil {
		return nil, err
	}
	if keyID != "" && keyID != kr.ActiveID() {
		if kr, err = withActive(env, keyFile, keyID); err != nil {
			return nil, err
		}
	}
	var opts []pseudonym.Option
	if reversible {
		opts = append(opts, pseudonym.WithReversible())
	}
	return pseudonym.New(kr, opts...)
}

func runPseudonym(env *environ, args []string) int {
	fs := newFlags(env, "pseudonym", "pseudonym --key-file FILE --type TYPE VALUE",
		"Prints the token scan and run write for VALUE: use it to find or erase one person's rows.")
	keyFile := fs.String("key-file", "", "pseudonym key `FILE` (default: $PIIGUARD_KEY_FILE)")
	typ := fs.String("type", "", "entity `TYPE` of the value, e.g. EMAIL, PHONE, IBAN, PERSON")
	region := fs.String("region", "", "`REGION` (ISO 3166, e.g. DK) a national phone number or date is read for: "+
		"the region of the record's language, as scan reads it; none for a record without language")
	lang := fs.String("language", "", "record `LANGUAGE` (de, da, it, en…) whose region reads national numbers; --region wins")
	keyID := fs.String("key-id", "", "make the token with the key `ID` of the key file (an older key after rotation; default: the active key)")
	reversible := fs.Bool("reversible", false, "print the reversible token (as scan --reversible writes)")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() != 1 || *typ == "" {
		return badArgs(env, fs, "want --type TYPE and one VALUE")
	}
	reg, noRegion, err := tokenRegion(*region, *lang)
	if err != nil {
		return badArgs(env, fs, err.Error())
	}
	if err := checkRegion(reg, noRegion, *typ, fs.Arg(0)); err != nil {
		return badArgs(env, fs, err.Error())
	}
	ps, err := tokenMaker(env, *keyFile, *keyID, *reversible)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard pseudonym: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(env.stdout, ps.TokenWithRegion(*typ, fs.Arg(0), reg))
	return exitOK
}

// oneWay reports whether token has the shape of a one-way (keyed MAC) token: a reversible token of the same type
// is always longer, since it carries the whole value and a 16-byte tag.
func oneWay(ps *pseudonym.Pseudonymizer, token string) bool {
	typ, id, ok := ps.Parse(token)
	if !ok {
		return false
	}
	kr, err := pseudonym.EphemeralKeyring()
	if err != nil {
		return false
	}
	mac, err := pseudonym.New(kr)
	if err != nil {
		return false
	}
	ref := mac.Token(typ, "x")
	_, refID, _ := mac.Parse(ref)
	return len(ref)-len(refID) == len(token)-len(id)
}

// tokenRegion returns the region national numbers are read for, from --region (an ISO 3166 code, or none) and
// --language (whose region is used when --region is empty), as pseudonym and subject take them; none is true for
// --region none (a record without language).
func tokenRegion(region, lang string) (reg string, none bool, err error) {
	reg = strings.ToUpper(strings.TrimSpace(region))
	if reg == "" {
		reg = pseudonym.RegionForLanguage(lang)
	}
	if reg == "NONE" {
		return "", true, nil
	}
	if reg != "" && !regionRE.MatchString(reg) {
		return "", false, fmt.Errorf("--region %q: want a two-letter ISO 3166 code such as DK", region)
	}
	return reg, false, nil
}

// checkRegion refuses a national phone number without a region (scan reads it with the record's language). Its
// error never quotes the value.
func checkRegion(reg string, none bool, typ, value string) error {
	if reg == "" && !none && strings.EqualFold(strings.TrimSpace(typ), "PHONE") && !international(value) {
		return errors.New("a national phone number needs --region (e.g. DK, or none for a record without " +
			"language) or --language, as the record's language gives scan; or give it in E.164 (+45…)")
	}
	return nil
}

// regionRE is an ISO 3166 alpha-2 region code.
var regionRE = regexp.MustCompile(`^[A-Z]{2}$`)

// international reports whether a phone number is written with its country code (+45…, 0045…).
func international(v string) bool {
	v = strings.TrimLeft(v, " \t(")
	return strings.HasPrefix(v, "+") || strings.HasPrefix(v, "00")
}

// withActive loads the key file with the key id as its active key. It rewrites the file's active field in
// memory, so that every check of the key file still applies and the file itself is untouched.
func withActive(env *environ, keyFile, id string) (*pseudonym.Keyring, error) {
	if keyFile == "" {
		keyFile = env.getenv("PIIGUARD_KEY_FILE")
	}
	data, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, errors.New("key file: not YAML") // the parser's text may quote a secret
	}
	doc["active"] = id
	if data, err = yaml.Marshal(doc); err != nil {
		return nil, errors.New("key file: cannot select the key")
	}
	kr, err := pseudonym.ParseKeyring(data)
	if err != nil {
		return nil, fmt.Errorf("--key-id %s: %w", id, err)
	}
	return kr, nil
}

func runReveal(env *environ, args []string) int {
	fs := newFlags(env, "reveal", "reveal --key-file FILE TOKEN",
		"Prints the entity type and normalised value of a reversible token (one made with --reversible).")
	keyFile := fs.String("key-file", "", "pseudonym key `FILE` (default: $PIIGUARD_KEY_FILE)")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		return badArgs(env, fs, "want one TOKEN")
	}
	ps, err := tokenMaker(env, *keyFile, "", true)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard reveal: %v\n", err)
		return exitUsage
	}
	typ, value, err := ps.Reveal(fs.Arg(0))
	if errors.Is(err, pseudonym.ErrNotRevealable) && oneWay(ps, fs.Arg(0)) {
		fmt.Fprintln(env.stderr, "piiguard reveal: this is a one-way token (made without --reversible): it cannot be revealed; "+
			"compute the token of a known value with piiguard pseudonym and compare")
		return exitFailed
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard reveal: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(env.stdout, "%s\t%s\n", typ, value)
	return exitOK
}
