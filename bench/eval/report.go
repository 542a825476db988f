package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(n)/float64(d))
}

func share(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// verdict says whether a share meets its target.
func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "MISSED"
}

// print writes the report: the table per entity type, the target lines overall and per
// source, and the breakdown by channel and language.
func (s *score) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\tlabelled\treadable\tpartly\trecall\t")
	for _, t := range typeOrder(s.all) {
		x := s.all.types[t]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t\n", t, x.labelled, x.readable, x.partial, pct(x.labelled-x.readable, x.labelled))
	}
	tw.Flush()
	fmt.Fprintln(w, "  (readable: the labelled text still occurs whole in its field; partly: gone as a whole,")
	fmt.Fprintln(w, "   but a piece of four or more letters or digits, e.g. a surname, is still there)")
	fmt.Fprintln(w)

	s.targets(w, "all", s.all)
	for _, src := range []string{"fixtures", "forms", "synthetic", "blind"} {
		if g := s.bySource[src]; g != nil {
			s.targets(w, src, g)
		}
	}
	fmt.Fprintln(w)

	var slices_ []string
	for k := range s.bySlice {
		slices_ = append(slices_, k)
	}
	slices.Sort(slices_)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "channel/lang\trecords\tstructured readable\tPERSON readable\tkeep kept\t")
	for _, k := range slices_ {
		g := s.bySlice[k]
		st, pe := g.sum(structuredTypes), g.sum([]string{"PERSON"})
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", k, g.records, pct(st.readable, st.labelled), pct(pe.readable, pe.labelled), pct(g.keep.kept, g.keep.total))
	}
	tw.Flush()
	fmt.Fprintln(w)
	s.printLanguages(w)
	if len(s.byForm) > 0 {
		fmt.Fprintln(w)
		s.printForms(w)
	}
	if s.broken > 0 {
		fmt.Fprintf(w, "\nWARNING: %d labels do not occur in their own input record (see -v)\n", s.broken)
	}
	if s.errors > 0 {
		fmt.Fprintf(w, "\nERROR: the pipeline failed on %d records\n", s.errors)
	}
}

// targets writes the three target lines of a group.
func (s *score) targets(w io.Writer, name string, g *group) {
	st, pe := g.sum(structuredTypes), g.sum([]string{"PERSON"})
	fmt.Fprintf(w, "%-10s %5d records  structured identifiers readable %5d/%-6d %7s (target < %.0f%%: %s)\n",
		name, g.records, st.readable, st.labelled, pct(st.readable, st.labelled), 100*targetStructured,
		verdict(share(st.readable, st.labelled) < targetStructured))
	fmt.Fprintf(w, "%-10s %5s          PERSON readable                 %5d/%-6d %7s (target < %.0f%%: %s)\n",
		"", "", pe.readable, pe.labelled, pct(pe.readable, pe.labelled), 100*targetPerson,
		verdict(share(pe.readable, pe.labelled) < targetPerson))
	fmt.Fprintf(w, "%-10s %5s          look-alikes kept                %5d/%-6d %7s (target > %.0f%%: %s)\n",
		"", "", g.keep.kept, g.keep.total, pct(g.keep.kept, g.keep.total), 100*targetKeep,
		verdict(g.keep.total == 0 || share(g.keep.kept, g.keep.total) > targetKeep))
}

// formOrder is the order of the forms of testdata/forms in the report; any other form follows, sorted.
var formOrder = []string{"email_raw", "email_html", "quoted_reply", "spelled", "split_segments", "split_messages"}

// printForms writes the table per form of testdata/forms, then the same per form and language.
func (s *score) printForms(w io.Writer) {
	var forms, slices_ []string
	for k := range s.byForm {
		if form, _, ok := strings.Cut(k, "/"); ok {
			slices_ = append(slices_, k)
		} else if !slices.Contains(formOrder, form) {
			forms = append(forms, k)
		}
	}
	slices.Sort(forms)
	slices.Sort(slices_)
	var order []string
	for _, f := range formOrder {
		if s.byForm[f] != nil {
			order = append(order, f)
		}
	}
	order = append(order, forms...)

	fmt.Fprintln(w, "per form (testdata/forms): values left readable in the decoded output")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "form\trecords\tstructured\treadable\tpartly\tshare\t< 1%\tPERSON\treadable\tshare\tkeep\tkept\tshare\t")
	row := func(name string, g *group) {
		st, pe := g.sum(structuredTypes), g.sum([]string{"PERSON"})
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%s\t%d\t%d\t%s\t%d\t%d\t%s\t\n", name, g.records,
			st.labelled, st.readable, st.partial, pct(st.readable, st.labelled),
			verdict(share(st.readable, st.labelled) < targetStructured),
			pe.labelled, pe.readable, pct(pe.readable, pe.labelled),
			g.keep.total, g.keep.kept, pct(g.keep.kept, g.keep.total))
	}
	for _, f := range order {
		row(f, s.byForm[f])
	}
	if g := s.bySource["forms"]; g != nil {
		row("all forms", g)
	}
	tw.Flush()
	fmt.Fprintln(w, "  (structured: EMAIL, PHONE, IBAN, CREDIT_CARD, national IDs, IP_ADDRESS; a split value counts each of its")
	fmt.Fprintln(w, "   labelled parts; readable: found whole in the output with messages and HTML decoded as a reader sees them)")
	fmt.Fprintln(w)

	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "form/lang\trecords\tstructured readable\tPERSON readable\tkeep kept\t")
	for _, k := range slices_ {
		g := s.byForm[k]
		st, pe := g.sum(structuredTypes), g.sum([]string{"PERSON"})
		fmt.Fprintf(tw, "%s\t%d\t%d/%d\t%d/%d\t%d/%d\t\n", k, g.records, st.readable, st.labelled,
			pe.readable, pe.labelled, g.keep.kept, g.keep.total)
	}
	tw.Flush()
}

// printLanguages writes, per entity type, the readable values out of the labelled ones in each language, and the
// look-alikes kept.
func (s *score) printLanguages(w io.Writer) {
	var langs []string
	for k := range s.byLang {
		langs = append(langs, k)
	}
	slices.Sort(langs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "readable per language\t")
	for _, l := range langs {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw, "all\t")
	for _, t := range typeOrder(s.all) {
		fmt.Fprintf(tw, "%s\t", t)
		for _, l := range langs {
			if x := s.byLang[l].types[t]; x != nil {
				fmt.Fprintf(tw, "%d/%d\t", x.readable, x.labelled)
			} else {
				fmt.Fprint(tw, "-\t")
			}
		}
		x := s.all.types[t]
		fmt.Fprintf(tw, "%d/%d %s\t\n", x.readable, x.labelled, pct(x.readable, x.labelled))
	}
	fmt.Fprint(tw, "look-alikes kept\t")
	for _, l := range langs {
		k := s.byLang[l].keep
		fmt.Fprintf(tw, "%d/%d\t", k.kept, k.total)
	}
	fmt.Fprintf(tw, "%d/%d %s\t\n", s.all.keep.kept, s.all.keep.total, pct(s.all.keep.kept, s.all.keep.total))
	tw.Flush()
}
