// Command evalstatements measures the compliance statement detector on the labelled conversations in
// testdata/compliance: precision, recall and F1 per event kind, the share of near-misses that report an event,
// and how often a call's recording_consent summary is right. Each input line is one labelled case:
//
//	{"name", "near_miss": bool, "record": {...}, "expect": [{"kind","speaker","path"}], "recording_consent"}
//
// An event counts as found when a reported event has the same kind, path and speaker.
//
//	go run ./bench/evalstatements [-dir testdata/compliance] [-only NAME-PREFIX] [-v] [-check]
//
// The folder's *.jsonl files are the development set (the rules were tuned on them); its holdout/ folder,
// reported apart, holds sets that were written before the rules they test and never tuned on: add new labelled
// conversations there first, look at the numbers, and only then move them into the development set.
// -check exits 1 when a kind's F1 is under 0.95 or 2 % or more of the near-misses report events.
//
// -blind names a folder of labelled *.jsonl files written without reading the statement packs or the tuned set
// (default testdata/eval/blind/statements; see its README.md). When it holds files, its report follows, then the
// development (tuned) and the blind set side by side: precision, recall and F1 per kind, micro-F1 and the
// near-misses that reported an event. The blind set is measured, never checked by -check and never tuned on.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/piiguard/piiguard/engine"
)

// labelled is one case of the labelled set.
type labelled struct {
	Name             string          `json:"name"`
	NearMiss         bool            `json:"near_miss"`
	Record           json.RawMessage `json:"record"`
	Expect           []expected      `json:"expect"`
	RecordingConsent string          `json:"recording_consent"`
}

type expected struct {
	Kind    string `json:"kind"`
	Speaker string `json:"speaker"`
	Path    string `json:"path"`
}

// kinds are the event kinds, in report order.
var kinds = []string{"consent_given", "consent_refused", "consent_withdrawn", "objection", "erasure_request",
	"access_request", "rectification_request", "portability_request", "restriction_request"}

// score counts one kind's outcomes.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// report is the outcome of one set.
type report struct {
	name             string
	cases, nearMiss  int
	nearMissReported int
	calls, callsOK   int
	byKind           map[string]*score
	misses           []string
}

func main() {
	dir := flag.String("dir", "testdata/compliance", "folder of labelled *.jsonl files (and holdout/)")
	verbose := flag.Bool("v", false, "list every missed and wrong event of the tuned sets (never of the blind set)")
	blindVerbose := flag.Bool("blind-v", false, "list the blind set's misses with their text: for auditing only; "+
		"whoever writes rules must not read them, or the set is blind no more")
	check := flag.Bool("check", false, "exit 1 unless every kind's F1 ≥ 0.95 and near-miss reports < 2 %")
	only := flag.String("only", "", "evaluate only the cases whose name starts with this prefix")
	blind := flag.String("blind", "testdata/eval/blind/statements", "folder of the blind set's *.jsonl files (\"\" skips it)")
	flag.Parse()

	p, err := engine.NewPipeline()
	if err != nil {
		fmt.Fprintln(os.Stderr, "evalstatements:", err)
		os.Exit(2)
	}
	ok := true
	var tuned *report
	for _, set := range []struct{ name, glob string }{
		{"development set", filepath.Join(*dir, "*.jsonl")},
		{"holdout set", filepath.Join(*dir, "holdout", "*.jsonl")},
	} {
		files, _ := filepath.Glob(set.glob)
		if len(files) == 0 {
			continue
		}
		r, err := evaluate(p, set.name, files, *only)
		if err != nil {
			fmt.Fprintln(os.Stderr, "evalstatements:", err)
			os.Exit(2)
		}
		ok = r.print(os.Stdout, *verbose) && ok
		if tuned == nil {
			tuned = r
		}
	}
	if files, _ := filepath.Glob(filepath.Join(*blind, "*.jsonl")); *blind != "" && len(files) > 0 {
		r, err := evaluate(p, "blind set", files, *only)
		if err != nil {
			fmt.Fprintln(os.Stderr, "evalstatements:", err)
			os.Exit(2)
		}
		r.print(os.Stdout, *blindVerbose)
		if tuned != nil {
			sideBySide(os.Stdout, tuned, r)
		}
	}
	if *check && !ok {
		os.Exit(1)
	}
}

// evaluate runs every case of files through the pipeline.
func evaluate(p *engine.Pipeline, name string, files []string, only string) (*report, error) {
	r := &report{name: name, byKind: map[string]*score{}}
	for _, k := range kinds {
		r.byKind[k] = &score{}
	}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		line := 0
		for sc.Scan() {
			line++
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var c labelled
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s:%d: %v", file, line, err)
			}
			if !strings.HasPrefix(c.Name, only) {
				continue
			}
			res, err := p.ProcessRecord(c.Record)
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("%s:%d: case %s: %v", file, line, c.Name, err)
			}
			r.add(c, res.Events)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// add scores one case.
func (r *report) add(c labelled, events []engine.Event) {
	r.cases++
	want := map[expected]int{}
	for _, e := range c.Expect {
		want[e]++
	}
	reported := 0
	for _, ev := range events {
		if ev.Kind == engine.KindRecordingConsent {
			r.calls++
			if ev.Status == c.RecordingConsent {
				r.callsOK++
			} else {
				r.misses = append(r.misses, fmt.Sprintf("%s: recording_consent %s, want %s", c.Name, ev.Status, c.RecordingConsent))
			}
			continue
		}
		s, known := r.byKind[ev.Kind]
		if !known {
			continue
		}
		reported++
		key := expected{Kind: ev.Kind, Speaker: ev.Speaker, Path: ev.Path}
		if want[key] > 0 {
			want[key]--
			s.tp++
			continue
		}
		s.fp++
		r.misses = append(r.misses, fmt.Sprintf("%s: unexpected %s by %s at %s (rule %s): %q", c.Name, ev.Kind, ev.Speaker, ev.Path, ev.Rule, ev.Statement))
	}
	for e, n := range want {
		for range n {
			if s, ok := r.byKind[e.Kind]; ok {
				s.fn++
			}
			r.misses = append(r.misses, fmt.Sprintf("%s: missed %s by %s at %s", c.Name, e.Kind, e.Speaker, e.Path))
		}
	}
	if c.NearMiss {
		r.nearMiss++
		if reported > 0 {
			r.nearMissReported++
		}
	}
}

// print writes the report and says whether it meets the targets.
func (r *report) print(w io.Writer, verbose bool) bool {
	ok := true
	fmt.Fprintf(w, "%s: %d conversations, %d of them near-misses\n", r.name, r.cases, r.nearMiss)
	fmt.Fprintf(w, "%-22s %5s %4s %4s %4s %9s %7s %6s\n", "kind", "label", "tp", "fp", "fn", "precision", "recall", "f1")
	for _, k := range kinds {
		s := r.byKind[k]
		fmt.Fprintf(w, "%-22s %5d %4d %4d %4d %9.3f %7.3f %6.3f\n", k, s.tp+s.fn, s.tp, s.fp, s.fn, s.precision(), s.recall(), s.f1())
		ok = ok && s.f1() >= 0.95
	}
	all := r.micro()
	fmt.Fprintf(w, "%-22s %5d %4d %4d %4d %9.3f %7.3f %6.3f\n", "all", all.tp+all.fn, all.tp, all.fp, all.fn, all.precision(), all.recall(), all.f1())
	rate := ratio(r.nearMissReported, r.nearMiss)
	if r.nearMiss == 0 {
		rate = 0
	}
	fmt.Fprintf(w, "near-misses reported: %d of %d (%.1f %%)\n", r.nearMissReported, r.nearMiss, 100*rate)
	fmt.Fprintf(w, "recording_consent right: %d of %d calls\n\n", r.callsOK, r.calls)
	ok = ok && rate < 0.02
	if verbose {
		sort.Strings(r.misses)
		for _, m := range r.misses {
			fmt.Fprintln(w, "  "+m)
		}
		if len(r.misses) > 0 {
			fmt.Fprintln(w)
		}
	}
	return ok
}

// micro sums the outcomes of every kind.
func (r *report) micro() score {
	var all score
	for _, k := range kinds {
		s := r.byKind[k]
		all.tp, all.fp, all.fn = all.tp+s.tp, all.fp+s.fp, all.fn+s.fn
	}
	return all
}

// sideBySide writes a's and b's precision, recall and F1 per kind, their micro-F1 and their near-miss events in
// one table, a's columns first.
func sideBySide(w io.Writer, a, b *report) {
	fmt.Fprintf(w, "%s vs %s\n", a.name, b.name)
	fmt.Fprintf(w, "%-22s | %5s %6s %6s %6s | %5s %6s %6s %6s\n", "kind", "label", "prec", "recall", "f1", "label", "prec", "recall", "f1")
	row := func(name string, x, y score) {
		fmt.Fprintf(w, "%-22s | %5d %6.3f %6.3f %6.3f | %5d %6.3f %6.3f %6.3f\n", name,
			x.tp+x.fn, x.precision(), x.recall(), x.f1(), y.tp+y.fn, y.precision(), y.recall(), y.f1())
	}
	for _, k := range kinds {
		row(k, *a.byKind[k], *b.byKind[k])
	}
	row("micro", a.micro(), b.micro())
	fmt.Fprintf(w, "%-22s | %19s | %19s\n", "near-miss events", fmt.Sprintf("%d of %d", a.nearMissReported, a.nearMiss),
		fmt.Sprintf("%d of %d", b.nearMissReported, b.nearMiss))
	fmt.Fprintln(w)
}
