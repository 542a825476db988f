package synth

import "strings"

// speakers maps a dialog's speaker letter to the speaker of a call segment or the sender of a
// chat message.
var speakers = map[byte]string{'A': "agent", 'C': "customer", 'B': "bot"}

// dialog assembles the turns of a call or chat: opening, the customer's introduction, the
// facts in random order with some small talk, and the closing.
func (b *builder) dialog(open, close []string) []turn {
	book := &b.loc.dialog
	var turns []turn
	add := func(tpls []string) { turns = append(turns, splitDialog(pick(b.rng, tpls))...) }
	add(open)
	add(book.intro)
	if b.chance(0.6) {
		add(book.ack)
	}
	for _, f := range b.chooseFacts(book.facts) {
		add(book.facts[f])
		if b.chance(0.2) {
			add(book.small)
		}
	}
	add(close)
	return turns
}

// call builds a call transcript: one segment per turn, in lower case without punctuation, with
// timings that follow the length of what is said.
func (b *builder) call(id string) []byte {
	book := &b.loc.dialog
	rec := callRecord{ID: id, Channel: "call", Language: b.loc.lang}
	t := between(b.rng, 200, 1500)
	for _, tn := range b.dialog(book.callOpen, book.callClose) {
		if tn.speaker == 'B' {
			continue
		}
		text := b.fill(tn.text)
		if text == "" {
			continue
		}
		words := len(strings.Fields(text))
		d := words*between(b.rng, 280, 420) + between(b.rng, 200, 900)
		rec.Segments = append(rec.Segments, segment{Speaker: speakers[tn.speaker], StartMS: t, EndMS: t + d, Text: text})
		t += d + between(b.rng, 150, 1800)
	}
	return encode(rec)
}
