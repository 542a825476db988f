package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// channels and languages are cycled by Next, so any 12 consecutive records hold every
// combination of channel and language once.
var (
	channels  = []string{"call", "chat", "email"}
	languages = []string{"de", "da", "it", "en"}
)

// Generator makes labelled synthetic records. It is deterministic: two generators made with
// the same seed return the same records in the same order. A Generator is not safe for
// concurrent use.
type Generator struct {
	rng *rand.Rand
	n   int
}

// New returns a Generator seeded with seed.
func New(seed uint64) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Next returns the next record. Channels cycle call, chat, email and languages cycle de, da,
// it, en, one step per record each.
func (g *Generator) Next() Labelled {
	ch, lang := channels[g.n%len(channels)], languages[g.n%len(languages)]
	g.n++
	id := g.id(ch)
	for {
		b := newBuilder(g.rng, lang, ch)
		var rec []byte
		switch ch {
		case "call":
			rec = b.call(id)
		case "chat":
			rec = b.chat(id)
		default:
			rec = b.email(id)
		}
		if l, ok := b.labelled(rec); ok {
			return l
		}
		// A look-alike happened to occur inside a personal value (or the reverse): draw again.
	}
}

// id returns a record id in the style of a contact-center platform: channel, then a
// UUID-like hex string.
func (g *Generator) id(ch string) string {
	a, b := g.rng.Uint64(), g.rng.Uint64()
	return fmt.Sprintf("%s-%08x-%04x-4%03x-%04x-%012x", ch, uint32(a>>32), uint16(a>>16), uint16(a)&0xfff,
		uint16(b>>48)&0x3fff|0x8000, b&0xffffffffffff)
}

// builder assembles one record: its persona, the slots already filled and the labels met.
type builder struct {
	rng     *rand.Rand
	loc     *locale
	channel string
	style   style
	p       persona
	slots   map[string]string
	pii     []Value
	keep    []string
	seen    map[string]bool
}

func newBuilder(rng *rand.Rand, lang, channel string) *builder {
	b := &builder{
		rng:     rng,
		loc:     locales[lang],
		channel: channel,
		slots:   map[string]string{},
		seen:    map[string]bool{},
	}
	if channel == "call" {
		b.style = spoken
	}
	b.p = newPersona(b)
	return b
}

// label records a labelled text once per (type, text).
func (b *builder) label(typ, text string) {
	key := typ + "\x00" + text
	if b.seen[key] {
		return
	}
	b.seen[key] = true
	if typ == keepType {
		b.keep = append(b.keep, text)
		return
	}
	b.pii = append(b.pii, Value{Type: typ, Text: text})
}

// slot returns the template of a named slot, making it on first use.
func (b *builder) slot(name string) string {
	if v, ok := b.slots[name]; ok {
		return v
	}
	make, ok := slotMakers[name]
	if !ok {
		panic("synth: unknown slot " + name)
	}
	v := make(b)
	if !freshSlots[name] {
		b.slots[name] = v
	}
	return v
}

// labelled checks that no look-alike occurs inside a personal value or the other way round,
// and returns the record with its labels.
func (b *builder) labelled(rec []byte) (Labelled, bool) {
	for _, k := range b.keep {
		for _, v := range b.pii {
			if strings.Contains(v.Text, k) || strings.Contains(k, v.Text) {
				return Labelled{}, false
			}
		}
	}
	return Labelled{Record: rec, PII: b.pii, Keep: b.keep, Channel: b.channel, Language: b.loc.lang}, true
}

// chance reports true with probability p.
func (b *builder) chance(p float64) bool { return b.rng.Float64() < p }

// pick returns a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// digits returns n random decimal digits.
func digits(r *rand.Rand, n int) string {
	d := make([]byte, n)
	for i := range d {
		d[i] = byte('0' + r.IntN(10))
	}
	return string(d)
}

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }
