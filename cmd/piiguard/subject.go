package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/piiguard/piiguard/engine/stream"
	"github.com/piiguard/piiguard/engine/subjects"
)

const subjectUsage = `usage: piiguard subject SUBCOMMAND --key-file FILE --email E --phone P --iban I … [flags]

  status   print the subject's state per token, read from the subject-state topic (JSON)
  lift     end the subject's restriction or objection with --reason TEXT (written to the subject-state topic)
  find     answer an access or portability request: the subject's records and compliance events (JSON or CSV)

The identifiers are turned into tokens with the key file, as piiguard pseudonym does; only tokens are read
or written. Run piiguard subject SUBCOMMAND --help for its flags.
`

func runSubject(env *environ, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, subjectUsage)
		return exitUsage
	}
	switch args[0] {
	case "status":
		return subjectStatus(env, args[1:])
	case "lift":
		return subjectLift(env, args[1:])
	case "find":
		return subjectFind(env, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(env.stdout, subjectUsage)
		return exitOK
	}
	fmt.Fprintf(env.stderr, "piiguard subject: unknown subcommand %q (want status, lift or find)\n\n%s", args[0], subjectUsage)
	return exitUsage
}

// subjectFlags name a data subject by its identifiers and say how to turn them into tokens.
type subjectFlags struct {
	emails, phones, ibans, ids listFlag
	keyFile, keyID             string
	region, lang               string
}

func (f *subjectFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.emails, "email", "the subject's e-mail `ADDRESS`; repeatable")
	fs.Var(&f.phones, "phone", "the subject's phone `NUMBER` (E.164, or national with --region); repeatable")
	fs.Var(&f.ibans, "iban", "the subject's `IBAN`; repeatable")
	fs.Var(&f.ids, "id", "another linking identifier as `TYPE=VALUE` (a customer or account number type of your rule packs); repeatable")
	fs.StringVar(&f.keyFile, "key-file", "", "pseudonym key `FILE` (default: $PIIGUARD_KEY_FILE)")
	fs.StringVar(&f.keyID, "key-id", "", "make tokens with the key `ID` only (default: every key of the key file, so records "+
		"pseudonymised before a rotation are found too)")
	fs.StringVar(&f.region, "region", "", "`REGION` (ISO 3166, e.g. DK) a national phone number is read for, as pseudonym --region; none for records without language")
	fs.StringVar(&f.lang, "language", "", "record `LANGUAGE` whose region reads national phone numbers; --region wins")
}

// subjectToken is one token of the subject, with the entity type of the identifier it stands for.
type subjectToken struct {
	Type  string `json:"type"`
	Token string `json:"token"`
}

// tokens returns the subject's tokens, made with every key of the key file (or the one of --key-id), in the
// order of the flags and without repeats. Its errors never quote an identifier.
func (f *subjectFlags) tokens(env *environ) ([]subjectToken, error) {
	type ident struct{ typ, value string }
	var in []ident
	for _, v := range f.emails {
		in = append(in, ident{"EMAIL", v})
	}
	for _, v := range f.phones {
		in = append(in, ident{"PHONE", v})
	}
	for _, v := range f.ibans {
		in = append(in, ident{"IBAN", v})
	}
	for _, v := range f.ids {
		typ, value, ok := strings.Cut(v, "=")
		typ = strings.ToUpper(strings.TrimSpace(typ))
		if !ok || typ == "" || value == "" {
			return nil, errors.New("--id wants TYPE=VALUE, e.g. CUSTOMER_NUMBER=…")
		}
		in = append(in, ident{typ, value})
	}
	if len(in) == 0 {
		return nil, errors.New("name the subject: --email, --phone, --iban or --id TYPE=VALUE")
	}
	reg, none, err := tokenRegion(f.region, f.lang)
	if err != nil {
		return nil, err
	}
	for _, id := range in {
		if err := checkRegion(reg, none, id.typ, id.value); err != nil {
			return nil, err
		}
	}
	kr, err := keyring(env, f.keyFile, false)
	if err != nil {
		return nil, err
	}
	keyIDs := []string{f.keyID}
	if f.keyID == "" {
		keyIDs = append([]string{kr.ActiveID()}, slices.DeleteFunc(kr.IDs(), func(id string) bool { return id == kr.ActiveID() })...)
	}
	var out []subjectToken
	for _, kid := range keyIDs {
		ps, err := tokenMaker(env, f.keyFile, kid, false)
		if err != nil {
			return nil, err
		}
		for _, id := range in {
			t := subjectToken{Type: id.typ, Token: ps.TokenWithRegion(id.typ, id.value, reg)}
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// kafkaFlags say where the topics are.
type kafkaFlags struct {
	brokers string
	timeout time.Duration
}

func (f *kafkaFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.brokers, "brokers", "127.0.0.1:9092", "Kafka bootstrap `HOST:PORT` list, comma-separated")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "give up reading or writing the topics after `DURATION`")
}

func (f *kafkaFlags) client(opts ...kgo.Opt) (*kgo.Client, error) {
	return kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(split(f.brokers)...)}, opts...)...)
}

// readTopic calls each for every committed record of topic, from the start of each partition to its last
// stable offset when readTopic was called. A topic that does not exist holds nothing.
func readTopic(ctx context.Context, kf *kafkaFlags, topic string, each func(*kgo.Record)) error {
	cl, err := kf.client(kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()), kgo.KeepControlRecords(), kgo.FetchMaxWait(200*time.Millisecond))
	if err != nil {
		return err
	}
	defer cl.Close()
	listed, err := kadm.NewClient(cl).ListCommittedOffsets(ctx, topic)
	if err == nil {
		err = listed.Error()
	}
	if errors.Is(err, kerr.UnknownTopicOrPartition) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("topic %s: %w", topic, err)
	}
	ends := map[int32]int64{}
	listed.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			ends[o.Partition] = o.Offset
		}
	})
	for len(ends) > 0 {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return fmt.Errorf("topic %s: %w", topic, ctx.Err())
		}
		fs.EachRecord(func(r *kgo.Record) {
			if end, ok := ends[r.Partition]; ok && r.Offset+1 >= end {
				delete(ends, r.Partition)
			}
			if !r.Attrs.IsControl() {
				each(r)
			}
		})
	}
	return nil
}

// readStates reads the subject-state topic into a table, as every engine instance does at start.
func readStates(ctx context.Context, kf *kafkaFlags, topic string) (*subjects.Table, error) {
	var t subjects.Table
	var bad int
	err := readTopic(ctx, kf, topic, func(r *kgo.Record) {
		if len(r.Key) == 0 {
			return
		}
		if r.Value == nil {
			t.Delete(string(r.Key))
			return
		}
		s, err := subjects.Unmarshal(r.Value)
		if err != nil {
			bad++
			return
		}
		t.Put(string(r.Key), s)
	})
	if bad > 0 && err == nil {
		err = fmt.Errorf("topic %s: %d state records are not valid", topic, bad)
	}
	return &t, err
}

// stateFlags are the flags of status and lift: the subject, the brokers and the subject-state topic.
type stateFlags struct {
	subjectFlags
	kafkaFlags
	topic string
}

func (f *stateFlags) register(fs *flag.FlagSet) {
	f.subjectFlags.register(fs)
	f.kafkaFlags.register(fs)
	fs.StringVar(&f.topic, "subjects-topic", stream.DefaultSubjectsTopic, "compacted subject-state `TOPIC`")
}

// tokenState is one token's state in status and lift output; State is nil when the topic holds none.
type tokenState struct {
	subjectToken
	State *subjects.State `json:"state"`
}

// subjectCommand parses the flags shared by status and lift and returns the subject's tokens.
func subjectCommand(env *environ, fs *flag.FlagSet, sf *subjectFlags, args []string) ([]subjectToken, int, bool) {
	if code, done := parseFlags(env, fs, args); done {
		return nil, code, true
	}
	if fs.NArg() > 0 {
		return nil, badArgs(env, fs, "unexpected argument (identifiers go in flags: --email, --phone, --iban, --id)"), true
	}
	toks, err := sf.tokens(env)
	if errors.Is(err, errNoKey) {
		fmt.Fprintf(env.stderr, "piiguard %s: %v\n", fs.Name(), err)
		return nil, exitUsage, true
	}
	if err != nil {
		return nil, badArgs(env, fs, err.Error()), true
	}
	return toks, exitOK, false
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func subjectStatus(env *environ, args []string) int {
	fs := newFlags(env, "subject status", "subject status --key-file FILE --email E --phone P --iban I … [--brokers B]",
		"Prints the subject's state per token, read from the subject-state topic, as JSON: state is the",
		"strongest active state among the tokens (null when none), tokens each token's own (null: nothing known).")
	var sc stateFlags
	sc.register(fs)
	toks, code, done := subjectCommand(env, fs, &sc.subjectFlags, args)
	if done {
		return code
	}
	ctx, cancel := context.WithTimeout(context.Background(), sc.timeout)
	defer cancel()
	table, err := readStates(ctx, &sc.kafkaFlags, sc.topic)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard subject status: %v\n", err)
		return exitRuntime
	}
	out := struct {
		State  *subjects.State `json:"state"`
		Tokens []tokenState    `json:"tokens"`
	}{Tokens: statesOf(table, toks)}
	if s, ok := table.Of(tokenList(toks)); ok {
		out.State = &s
	}
	writeJSON(env.stdout, out)
	return exitOK
}

func statesOf(table *subjects.Table, toks []subjectToken) []tokenState {
	out := make([]tokenState, len(toks))
	for i, t := range toks {
		out[i].subjectToken = t
		if s, ok := table.Get(t.Token); ok {
			out[i].State = &s
		}
	}
	return out
}

func tokenList(toks []subjectToken) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Token
	}
	return out
}

func subjectLift(env *environ, args []string) int {
	fs := newFlags(env, "subject lift", "subject lift --reason TEXT --key-file FILE --email E --phone P --iban I … [--brokers B]",
		"Ends the subject's objection, restriction or erasure request: writes a lifted state with the reason and",
		"the time for each token that has an active state to the subject-state topic (keyed by the token; the",
		"earlier states stay in the topic until compaction). Running engines let the subject's next records flow.",
		"Prints the tokens lifted and the ones left as they were (no state, or lifted already) as JSON.")
	var sc stateFlags
	sc.register(fs)
	reason := fs.String("reason", "", "why the state ends (required; written to the topic: name no personal data)")
	toks, code, done := subjectCommand(env, fs, &sc.subjectFlags, args)
	if done {
		return code
	}
	if strings.TrimSpace(*reason) == "" {
		return badArgs(env, fs, "--reason TEXT is required")
	}
	ctx, cancel := context.WithTimeout(context.Background(), sc.timeout)
	defer cancel()
	table, err := readStates(ctx, &sc.kafkaFlags, sc.topic)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard subject lift: %v\n", err)
		return exitRuntime
	}
	now := time.Now()
	out := struct {
		Lifted    []tokenState `json:"lifted"`
		Unchanged []tokenState `json:"unchanged"`
	}{Lifted: []tokenState{}, Unchanged: []tokenState{}}
	var recs []*kgo.Record
	for _, ts := range statesOf(table, toks) {
		if ts.State == nil || !ts.State.Active() {
			out.Unchanged = append(out.Unchanged, ts)
			continue
		}
		s := subjects.Lift(*ts.State, strings.TrimSpace(*reason), now)
		v, err := s.Marshal()
		if err != nil {
			fmt.Fprintf(env.stderr, "piiguard subject lift: %v\n", err)
			return exitRuntime
		}
		recs = append(recs, &kgo.Record{Topic: sc.topic, Key: []byte(ts.Token), Value: v})
		ts.State = &s
		out.Lifted = append(out.Lifted, ts)
	}
	if len(recs) > 0 {
		cl, err := sc.client(kgo.RequiredAcks(kgo.AllISRAcks()))
		if err != nil {
			fmt.Fprintf(env.stderr, "piiguard subject lift: %v\n", err)
			return exitRuntime
		}
		defer cl.Close()
		if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
			fmt.Fprintf(env.stderr, "piiguard subject lift: topic %s: %v\n", sc.topic, err)
			return exitRuntime
		}
	}
	writeJSON(env.stdout, out)
	return exitOK
}
