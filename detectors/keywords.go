package detectors

// keywords is the one automaton of every keyword, context word and term of all rules. A scan runs it once over
// the folded text and learns which entries occur and where.
type keywords struct {
	words []string
	ids   map[string]int
	auto  *automaton
	fold  func(byte) byte // bytes the automaton treats as one; nil: none
}

// add registers w and returns its id.
func (k *keywords) add(w string) int {
	if k.ids == nil {
		k.ids = map[string]int{}
	}
	if id, ok := k.ids[w]; ok {
		return id
	}
	id := len(k.words)
	k.words = append(k.words, w)
	k.ids[w] = id
	return id
}

func (k *keywords) build() { k.auto = newAutomaton(k.words, k.fold) }

// bitset records which keyword ids occur in a text.
type bitset []uint64

func (b bitset) has(id int) bool { return b[id>>6]&(1<<(uint(id)&63)) != 0 }

func (b bitset) set(id int) { b[id>>6] |= 1 << (uint(id) & 63) }

// anyIn reports whether a bit in [from,to) is set.
func (b bitset) anyIn(from, to int) bool {
	for i := from; i < to; i++ {
		if b.has(i) {
			return true
		}
	}
	return false
}

// setRange sets the bits in [from,to).
func (b bitset) setRange(from, to int) {
	for i := from; i < to; i++ {
		b.set(i)
	}
}

func (b bitset) anyOf(ids []int) bool {
	for _, id := range ids {
		if b.has(id) {
			return true
		}
	}
	return false
}

// occurrences is the result of one keyword pass: which keywords occur, and where (start offsets, in text order).
type occurrences struct {
	present bitset
	hits    []hit
	lens    []int32
}

// starts returns the start offsets of keyword id.
func (o *occurrences) starts(id int, out []int) []int {
	for _, h := range o.hits {
		if int(h.id) == id {
			out = append(out, max(0, int(h.end-o.lens[id])))
		}
	}
	return out
}

// match runs the automaton over the folded text. The text is read as if a space stood before and after it, so a
// keyword written with a leading or trailing space (" hr", "weg ") also matches at the start or end of a text.
func (k *keywords) match(folded string) occurrences {
	var o occurrences
	k.matchInto(&o, folded)
	return o
}

// matchInto is match into o, reusing its buffers.
func (k *keywords) matchInto(o *occurrences, folded string) {
	o.present = o.present.reuse((len(k.words) + 63) / 64)
	o.hits = o.hits[:0]
	o.lens = k.auto.lens
	if len(k.words) == 0 || folded == "" {
		return
	}
	a := k.auto
	nc := int32(a.nclasses)
	s := a.delta[int32(a.classes[' '])] // the virtual leading space
	step := func(i int, c byte) {
		s = a.delta[s*nc+int32(a.classes[c])]
		if st, e := a.outStart[s], a.outStart[s+1]; st != e {
			for _, id := range a.outIDs[st:e] {
				o.present[id>>6] |= 1 << (uint(id) & 63)
				o.hits = append(o.hits, hit{id: id, end: int32(min(i+1, len(folded)))})
			}
		}
	}
	for i := 0; i < len(folded); i++ {
		step(i, folded[i])
	}
	step(len(folded), ' ') // the virtual trailing space
}

// reuse returns b with n words, all clear, reusing its array when it is large enough.
func (b bitset) reuse(n int) bitset {
	if cap(b) < n {
		return make(bitset, n)
	}
	b = b[:n]
	clear(b)
	return b
}
