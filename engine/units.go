package engine

import (
	"strings"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/record"
)

// unit is a text scanned as one: a single field, or several fields joined — inline HTML nodes that markup split
// ("<b>Laurits</b> Andresen"), or consecutive segments or messages of one speaker that dictate one value in
// pieces ("my iban is DE89 3704" … "0044 0532 0130 00").
type unit struct {
	fields []int
	starts []int // where each field's text starts in text
	text   string
	// repeat puts the replacement of a value that spans fields into every field (segments, messages, each of
	// which is read on its own); otherwise the first field gets it and the others lose their part (inline HTML).
	repeat bool
}

// piece is the part of a finding that falls in one field of its unit.
type piece struct {
	field      int
	start, end int // in the field's value
	first      bool
}

// split maps a finding of the unit's text to the fields it covers.
func (u *unit) split(f detectors.Finding) []piece {
	var out []piece
	for k, fi := range u.fields {
		fs := u.starts[k]
		fe := fs + fieldLen(u, k)
		s, e := max(f.Start, fs), min(f.End, fe)
		if s >= e {
			continue
		}
		out = append(out, piece{field: fi, start: s - fs, end: e - fs, first: len(out) == 0})
	}
	return out
}

func fieldLen(u *unit, k int) int {
	if k+1 < len(u.starts) {
		return u.starts[k+1] - u.starts[k] - sepLen(u, k)
	}
	return len(u.text) - u.starts[k]
}

// sepLen is the length of the separator after field k: one space between segments or messages, none inside
// inline HTML.
func sepLen(u *unit, k int) int {
	if u.repeat {
		return 1
	}
	return 0
}

// ackWords are the short acknowledgements and fillers a listener interjects while the other party dictates;
// such a segment does not break the speaker's run.
var ackWords = map[string]bool{
	"mhm": true, "mhmm": true, "hm": true, "hmm": true, "ja": true, "jaja": true, "okay": true, "ok": true,
	"genau": true, "gut": true, "äh": true, "ähm": true, "öhm": true, "ehm": true, "eh": true, "uhm": true,
	"um": true, "uh": true, "yes": true, "yeah": true, "right": true, "sure": true, "got": true, "it": true,
	"ja-ja": true, "jo": true, "nå": true, "øh": true, "øhm": true, "sì": true, "si": true, "certo": true,
	"va": true, "bene": true, "perfetto": true, "aha": true, "alright": true, "danke": true, "tak": true,
}

// isAck reports whether text is only a short acknowledgement ("mhm", "ja genau", "okay").
func isAck(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '!' || r == '?' || r == '\t' || r == '\n'
	})
	if len(words) == 0 || len(words) > 3 {
		return len(words) == 0
	}
	for _, w := range words {
		if !ackWords[w] {
			return false
		}
	}
	return true
}

// turn locates a text field in a conversation: the element of the segments or messages array it belongs to.
type turn struct {
	array   string // "/segments" or "/messages"
	index   string
	speaker string
}

// turnOf returns the conversation turn of a text field, if it is one.
func turnOf(rec *record.Record, path string) (turn, bool) {
	for _, arr := range []string{"/segments/", "/messages/"} {
		if !strings.HasPrefix(path, arr) || !strings.HasSuffix(path, "/text") {
			continue
		}
		idx := path[len(arr) : len(path)-len("/text")]
		if idx == "" || strings.Contains(idx, "/") {
			continue
		}
		who := "speaker"
		if arr == "/messages/" {
			who = "from"
		}
		return turn{array: arr, index: idx, speaker: rec.Get(strings.TrimPrefix(arr+idx+"/"+who, "/"))}, true
	}
	return turn{}, false
}

// inTurnElement reports whether path lies inside an element of the segments or messages array.
func inTurnElement(path string) bool {
	for _, arr := range []string{"/segments/", "/messages/"} {
		if rest, ok := strings.CutPrefix(path, arr); ok && strings.Contains(rest, "/") {
			return true
		}
	}
	return false
}

// units groups the scannable fields of rec into units.
func units(rec *record.Record) []unit {
	var out []unit
	var cur *unit
	var curTurn turn
	flush := func() {
		if cur != nil {
			cur.text = joinText(rec, cur)
			out = append(out, *cur)
			cur = nil
		}
	}
	var pendingAcks []int
	for i, f := range rec.Fields {
		if f.Meta || f.Value == "" {
			continue
		}
		// Inline HTML: a field that continues the previous one joins it with no separator.
		if cur != nil && !cur.repeat && rec.Fields[cur.fields[len(cur.fields)-1]].Continues {
			cur.fields = append(cur.fields, i)
			continue
		}
		t, isTurn := turnOf(rec, f.Path)
		if !isTurn && cur != nil && cur.repeat && inTurnElement(f.Path) {
			// A scanned member of a segment or message other than its text (a "from" label, say) is a unit of its
			// own and does not break the speaker's run.
			out = append(out, unit{fields: []int{i}, starts: []int{0}, text: f.Value})
			continue
		}
		if isTurn && cur != nil && cur.repeat {
			if t.speaker == curTurn.speaker && t.array == curTurn.array {
				cur.fields = append(cur.fields, i)
				continue
			}
			if isAck(f.Value) {
				pendingAcks = append(pendingAcks, i)
				continue
			}
		}
		flush()
		for _, a := range pendingAcks {
			out = append(out, unit{fields: []int{a}, starts: []int{0}, text: rec.Fields[a].Value})
		}
		pendingAcks = nil
		cur = &unit{fields: []int{i}, repeat: isTurn}
		curTurn = t
	}
	flush()
	for _, a := range pendingAcks {
		out = append(out, unit{fields: []int{a}, starts: []int{0}, text: rec.Fields[a].Value})
	}
	return out
}

// joinText builds the unit's text and the start of each field in it.
func joinText(rec *record.Record, u *unit) string {
	if len(u.fields) == 1 {
		u.starts = []int{0}
		return rec.Fields[u.fields[0]].Value
	}
	var b strings.Builder
	u.starts = u.starts[:0]
	for k, fi := range u.fields {
		if k > 0 && u.repeat {
			b.WriteByte(' ')
		}
		u.starts = append(u.starts, b.Len())
		b.WriteString(rec.Fields[fi].Value)
	}
	return b.String()
}
