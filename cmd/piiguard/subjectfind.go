package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/stream"
)

// findFlags are the flags of subject find.
type findFlags struct {
	subjectFlags
	kafkaFlags
	topics   listFlag
	inputs   listFlag
	format   string
	maxBytes int
}

func (f *findFlags) register(fs *flag.FlagSet) {
	f.subjectFlags.register(fs)
	f.kafkaFlags.register(fs)
	fs.Var(&f.topics, "topic", "read `TOPIC` (repeatable; default: "+strings.Join(defaultFindTopics(), ", ")+")")
	fs.Var(&f.inputs, "input", "read a JSONL export `[TOPIC=]FILE` instead of Kafka: one record or compliance event a line; "+
		"TOPIC defaults to the file name without .jsonl; repeatable")
	fs.StringVar(&f.format, "format", "json", "answer as json or csv")
	fs.IntVar(&f.maxBytes, "max-record-bytes", engine.DefaultMaxRecordBytes, "skip input lines larger than this")
}

// defaultFindTopics are the topics find reads: redacted, restricted and compliance.
func defaultFindTopics() []string {
	return []string{stream.DefaultOutTopic, stream.DefaultRestrictedTopic, stream.DefaultComplianceTopic}
}

// foundAt is one place of a record where one of the subject's tokens stands.
type foundAt struct {
	// Path is the JSON Pointer of the field, or "(key)" for the Kafka record key.
	Path string `json:"path"`
	// Type is the entity type of the token.
	Type string `json:"type"`
}

// foundRecord is one record of the subject.
type foundRecord struct {
	ID        string    `json:"id"`
	Channel   string    `json:"channel,omitempty"`
	Time      string    `json:"time,omitempty"`
	Topic     string    `json:"topic"`
	Partition *int32    `json:"partition,omitempty"`
	Offset    *int64    `json:"offset,omitempty"`
	Found     []foundAt `json:"found"`
}

// foundEvent is one compliance event of the subject.
type foundEvent struct {
	EventID   string `json:"event_id"`
	RecordID  string `json:"record_id"`
	Kind      string `json:"kind"`
	About     string `json:"about,omitempty"`
	Status    string `json:"status,omitempty"`
	Statement string `json:"statement,omitempty"`
	Question  string `json:"question,omitempty"`
	Time      string `json:"time"`
	StartMS   *int64 `json:"start_ms,omitempty"`
	Topic     string `json:"topic"`
}

// findAnswer is the answer to an access or portability request.
type findAnswer struct {
	Tokens  []subjectToken `json:"tokens"`
	Records []foundRecord  `json:"records"`
	Events  []foundEvent   `json:"events"`

	types   map[string]string // token → entity type
	skipped int               // lines or records that are not JSON
}

func newFindAnswer(toks []subjectToken) *findAnswer {
	a := &findAnswer{Tokens: toks, Records: []foundRecord{}, Events: []foundEvent{}, types: map[string]string{}}
	for _, t := range toks {
		a.types[t.Token] = t.Type
	}
	return a
}

// timeKeys are top-level members that hold when a record happened, in the order they are preferred.
var timeKeys = []string{"timestamp", "time", "at", "created_at", "started_at", "start_time", "sent_at", "received_at", "date"}

// add looks for the subject in one record or compliance event of topic. ts, part and off are the Kafka record's
// timestamp and position (pos false for an export line).
func (a *findAnswer) add(topic string, key, value []byte, ts time.Time, part int32, off int64, pos bool) {
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		a.skipped++
		return
	}
	obj, _ := doc.(map[string]any)
	if _, ok := obj["event_id"].(string); ok {
		if _, ok := obj["kind"].(string); ok {
			a.addEvent(topic, value)
			return
		}
	}
	var found []foundAt
	for tok, typ := range a.types {
		if len(key) > 0 && bytes.Contains(key, []byte(tok)) {
			found = append(found, foundAt{Path: "(key)", Type: typ})
		}
	}
	walk(doc, "", func(path, s string) {
		for tok, typ := range a.types {
			if strings.Contains(s, tok) {
				found = append(found, foundAt{Path: path, Type: typ})
			}
		}
	})
	if len(found) == 0 {
		return
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].Path != found[j].Path {
			return found[i].Path < found[j].Path
		}
		return found[i].Type < found[j].Type
	})
	r := foundRecord{ID: scalar(obj["id"]), Channel: scalar(obj["channel"]), Topic: topic, Found: compactFound(found)}
	for _, k := range timeKeys {
		if r.Time = scalar(obj[k]); r.Time != "" {
			break
		}
	}
	if pos {
		r.Partition, r.Offset = &part, &off
		if r.Time == "" && !ts.IsZero() {
			r.Time = ts.UTC().Format(time.RFC3339Nano)
		}
	}
	a.Records = append(a.Records, r)
}

func compactFound(f []foundAt) []foundAt {
	out := f[:0]
	for i, x := range f {
		if i == 0 || x != f[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// addEvent adds a compliance event whose subject holds one of the tokens.
func (a *findAnswer) addEvent(topic string, value []byte) {
	var ev engine.Event
	if err := json.Unmarshal(value, &ev); err != nil {
		a.skipped++
		return
	}
	mine := false
	for _, toks := range ev.Subject {
		for _, tok := range toks {
			if _, ok := a.types[tok]; ok {
				mine = true
			}
		}
	}
	if !mine {
		return
	}
	t := ev.At
	if t == "" && !ev.ObservedAt.IsZero() {
		t = ev.ObservedAt.UTC().Format(time.RFC3339Nano)
	}
	a.Events = append(a.Events, foundEvent{EventID: ev.EventID, RecordID: ev.RecordID, Kind: ev.Kind, About: ev.Topic,
		Status: ev.Status, Statement: a.others(ev.Statement), Question: a.others(ev.Question), Time: t, StartMS: ev.StartMS,
		Topic: topic})
}

// anyToken matches a token of the default template, <TYPE:key:value>.
var anyToken = regexp.MustCompile(`<([A-Z][A-Z0-9_]*):[^<>\s]+>`)

// others replaces the tokens of anybody else in a statement's text by their entity type: the answer holds nothing of
// other subjects.
func (a *findAnswer) others(s string) string {
	return anyToken.ReplaceAllStringFunc(s, func(tok string) string {
		if _, ok := a.types[tok]; ok {
			return tok
		}
		return "<" + anyToken.FindStringSubmatch(tok)[1] + ">"
	})
}

// sort orders records and events by time, then topic and id, so that the answer does not depend on the order
// partitions were read in.
func (a *findAnswer) sort() {
	sort.SliceStable(a.Records, func(i, j int) bool {
		x, y := a.Records[i], a.Records[j]
		if x.Time != y.Time {
			return x.Time < y.Time
		}
		if x.Topic != y.Topic {
			return x.Topic < y.Topic
		}
		return x.ID < y.ID
	})
	sort.SliceStable(a.Events, func(i, j int) bool {
		x, y := a.Events[i], a.Events[j]
		if x.Time != y.Time {
			return x.Time < y.Time
		}
		return x.EventID < y.EventID
	})
}

// walk calls each for every string of a JSON document with its JSON Pointer.
func walk(v any, path string, each func(path, s string)) {
	switch v := v.(type) {
	case string:
		each(path, v)
	case map[string]any:
		for k, x := range v {
			walk(x, path+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(k), each)
		}
	case []any:
		for i, x := range v {
			walk(x, path+"/"+strconv.Itoa(i), each)
		}
	}
}

// scalar renders a JSON string or number; anything else is "".
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

func subjectFind(env *environ, args []string) int {
	fs := newFlags(env, "subject find", "subject find --key-file FILE --email E --phone P --iban I … (--brokers B | --input FILE.jsonl …) [--format csv]",
		"Answers an access or portability request: reads the redacted, restricted and compliance topics (or JSONL",
		"exports of them) and writes every record where one of the subject's tokens stands (id, channel, time, topic,",
		"the paths and entity types of the tokens) and every compliance event of the subject (kind, statement,",
		"question, time), as JSON or CSV. Only the subject's tokens are written; other people's tokens in a",
		"statement are replaced by their entity type.")
	var ff findFlags
	ff.register(fs)
	toks, code, done := subjectCommand(env, fs, &ff.subjectFlags, args)
	if done {
		return code
	}
	if ff.format != "json" && ff.format != "csv" {
		return badArgs(env, fs, fmt.Sprintf("--format %q: want json or csv", ff.format))
	}
	ans := newFindAnswer(toks)
	var err error
	if len(ff.inputs) > 0 {
		err = ff.readInputs(ans)
	} else {
		err = ff.readTopics(ans)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard subject find: %v\n", err)
		return exitRuntime
	}
	if ans.skipped > 0 {
		fmt.Fprintf(env.stderr, "piiguard subject find: %d records or lines skipped: not JSON\n", ans.skipped)
	}
	ans.sort()
	if ff.format == "csv" {
		err = ans.writeCSV(env.stdout)
	} else {
		writeJSON(env.stdout, ans)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard subject find: %v\n", err)
		return exitRuntime
	}
	return exitOK
}

func (f *findFlags) readTopics(ans *findAnswer) error {
	topics := []string(f.topics)
	if len(topics) == 0 {
		topics = defaultFindTopics()
	}
	ctx, cancel := context.WithTimeout(context.Background(), f.timeout)
	defer cancel()
	for _, topic := range topics {
		err := readTopic(ctx, &f.kafkaFlags, topic, func(r *kgo.Record) {
			ans.add(r.Topic, r.Key, r.Value, r.Timestamp, r.Partition, r.Offset, true)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (f *findFlags) readInputs(ans *findAnswer) error {
	for _, in := range f.inputs {
		topic, path, ok := strings.Cut(in, "=")
		if !ok {
			path = in
			topic = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".jsonl"), ".json")
		}
		file, err := os.Open(path)
		if err != nil {
			return err
		}
		lr := newLineReader(file, f.maxBytes)
		for {
			line, _, _, err := lr.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if errors.Is(err, errLineTooLong) {
				ans.skipped++
				continue
			}
			if err != nil {
				file.Close()
				return fmt.Errorf("%s: %w", path, err)
			}
			if len(bytes.TrimSpace(line)) > 0 {
				ans.add(topic, nil, line, time.Time{}, 0, 0, false)
			}
		}
		file.Close()
	}
	return nil
}

// csvHeader are the columns of the CSV answer: one row per record (row "record") and per event (row "event").
var csvHeader = []string{"row", "topic", "id", "record_id", "channel", "time", "start_ms", "found", "kind", "about",
	"status", "statement", "question"}

func (a *findAnswer) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, r := range a.Records {
		found := make([]string, len(r.Found))
		for i, f := range r.Found {
			found[i] = f.Path + "=" + f.Type
		}
		cw.Write([]string{"record", r.Topic, r.ID, r.ID, r.Channel, r.Time, "", strings.Join(found, ";"), "", "", "", "", ""})
	}
	for _, e := range a.Events {
		ms := ""
		if e.StartMS != nil {
			ms = strconv.FormatInt(*e.StartMS, 10)
		}
		cw.Write([]string{"event", e.Topic, e.EventID, e.RecordID, "", e.Time, ms, "", e.Kind, e.About, e.Status,
			e.Statement, e.Question})
	}
	cw.Flush()
	return cw.Error()
}
