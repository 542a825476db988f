package synth

import "time"

// chat builds a chat conversation. Some customers type all in lower case.
func (b *builder) chat(id string) []byte {
	book := &b.loc.dialog
	rec := chatRecord{ID: id, Channel: "chat", Language: b.loc.lang}
	at := randomDate(b.rng, 2025, 2025).Add(time.Duration(between(b.rng, 7*3600, 21*3600)) * time.Second)
	casual := b.chance(0.4)
	for _, tn := range b.dialog(book.chatOpen, book.chatClose) {
		b.style = written
		if tn.speaker == 'C' && casual {
			b.style = lowered
		}
		text := b.fill(tn.text)
		rec.Messages = append(rec.Messages, message{From: speakers[tn.speaker], At: at.Format(time.RFC3339), Text: text})
		at = at.Add(time.Duration(between(b.rng, 4, 120)) * time.Second)
	}
	return encode(rec)
}
