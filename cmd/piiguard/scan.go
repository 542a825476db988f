package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/stream"
)

// scanLine is one input line on its way through scan.
type scanLine struct {
	num    int
	data   []byte
	err    error // a read problem (too long) found before processing
	size   int
	result *engine.Result
}

// defaultScanTimeout is scan's --timeout: the cost bound that comes with --max-record-bytes, long enough for a
// record at that limit on a slow core.
const defaultScanTimeout = time.Minute

func runScan(env *environ, args []string) int {
	fs := newFlags(env, "scan", "scan [flags] < records.jsonl > redacted.jsonl",
		"Reads one record per line (a JSON object, or plain text) and writes one redacted line per input line.")
	var pf pipelineFlags
	pf.register(fs)
	findingsOut := fs.String("findings-out", "", "write findings as JSONL to `FILE` (no values)")
	complianceOut := fs.String("compliance-out", "", "write compliance events as JSONL to `FILE`")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "records scanned in parallel (output keeps input order)")
	timeout := fs.Duration("timeout", defaultScanTimeout, "the longest one record may take; a record over it fails "+
		"(scan_timeout) and its scan stops, the next lines go on")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if *workers < 1 {
		return badArgs(env, fs, "--workers must be at least 1")
	}
	if *timeout <= 0 {
		return badArgs(env, fs, "--timeout must be positive")
	}
	p, err := pf.pipeline(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard scan: %v\n", err)
		return exitUsage
	}
	var findings, compliance *jsonlWriter
	if *findingsOut != "" {
		if findings, err = createJSONL(*findingsOut); err != nil {
			fmt.Fprintf(env.stderr, "piiguard scan: %v\n", err)
			return exitUsage
		}
		defer findings.close()
	}
	if *complianceOut != "" {
		if compliance, err = createJSONL(*complianceOut); err != nil {
			fmt.Fprintf(env.stderr, "piiguard scan: %v\n", err)
			return exitUsage
		}
		defer compliance.close()
	}
	out := bufio.NewWriterSize(env.stdout, 64<<10)
	defer out.Flush()
	lr := newLineReader(env.stdin, pf.maxRecord)
	failed, readErr := 0, error(nil)
	next := func() (*scanLine, bool) {
		data, num, size, err := lr.next()
		if errors.Is(err, io.EOF) {
			return nil, false
		}
		if err != nil && !errors.Is(err, errLineTooLong) {
			readErr = err
			return nil, false
		}
		return &scanLine{num: num, data: data, err: err, size: size}, true
	}
	process := func(l *scanLine) *scanLine {
		if l.err != nil || len(l.data) == 0 {
			return l
		}
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		l.result, l.err = p.ProcessRecordContext(ctx, l.data)
		cancel()
		l.data = nil
		return l
	}
	emit := func(l *scanLine) {
		switch {
		case errors.Is(l.err, errLineTooLong):
			failed++
			fmt.Fprintf(env.stderr, "piiguard scan: line %d: %s: %d bytes is over the %d-byte limit (--max-record-bytes)\n",
				l.num, engine.ReasonTooLarge, l.size, pf.maxRecord)
		case l.err != nil:
			failed++
			fmt.Fprintf(env.stderr, "piiguard scan: line %d: %s\n", l.num, describe(l.err))
		case l.result != nil:
			out.Write(l.result.Output)
			for _, f := range l.result.Findings {
				findings.write(lineFinding{Line: l.num, FieldFinding: f})
			}
			for _, ev := range l.result.Events {
				compliance.write(ev)
			}
		}
		out.WriteByte('\n')
	}
	ordered(*workers, 4**workers, next, process, emit)
	if err := out.Flush(); err != nil {
		fmt.Fprintf(env.stderr, "piiguard scan: writing output: %v\n", err)
		return exitRuntime
	}
	if readErr != nil {
		fmt.Fprintf(env.stderr, "piiguard scan: reading input after line %d: %v\n", lr.n, readErr)
		return exitRuntime
	}
	if err := findings.err(); err != nil {
		fmt.Fprintf(env.stderr, "piiguard scan: writing findings: %v\n", err)
		return exitRuntime
	}
	if err := compliance.err(); err != nil {
		fmt.Fprintf(env.stderr, "piiguard scan: writing compliance events: %v\n", err)
		return exitRuntime
	}
	if failed > 0 {
		fmt.Fprintf(env.stderr, "piiguard scan: %d of %d lines failed and were written as empty lines\n", failed, lr.n)
		return exitFailed
	}
	return exitOK
}

// lineFinding is a finding with the input line it came from.
type lineFinding struct {
	Line int `json:"line"`
	engine.FieldFinding
}

// describe returns a message for a failed record that names the problem and never quotes the record.
func describe(err error) string {
	var pe stream.ProcessError
	if errors.As(err, &pe) && pe.Reason == engine.ReasonScanTimeout && errors.Is(pe.Err, context.DeadlineExceeded) {
		return engine.ReasonScanTimeout + ": not done within --timeout"
	}
	if errors.As(err, &pe) {
		if pe.Err != nil {
			return pe.Err.Error() // record and detectors errors carry a reason and an offset, never content
		}
		return pe.Reason
	}
	return "internal error"
}

// jsonlWriter writes JSON lines to a file; a nil writer discards.
type jsonlWriter struct {
	f    *os.File
	w    *bufio.Writer
	enc  *json.Encoder
	werr error
}

func createJSONL(path string) (*jsonlWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriter(f)
	return &jsonlWriter{f: f, w: w, enc: json.NewEncoder(w)}, nil
}

func (j *jsonlWriter) write(v any) {
	if j == nil || j.werr != nil {
		return
	}
	j.werr = j.enc.Encode(v)
}

func (j *jsonlWriter) err() error {
	if j == nil {
		return nil
	}
	if j.werr == nil {
		j.werr = j.w.Flush()
	}
	return j.werr
}

func (j *jsonlWriter) close() {
	if j != nil {
		j.w.Flush()
		j.f.Close()
	}
}
