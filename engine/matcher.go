package engine

// matcher finds every occurrence of a set of byte strings in one pass over a text (Aho-Corasick with sparse
// transitions): its cost is the text's length plus the number of occurrences, whatever the number of needles.
type matcher struct {
	next map[uint64]int32 // node<<8|byte → child
	fail []int32          // longest proper suffix that is a node
	out  []int32          // the needle ending at the node, or -1
	dict []int32          // nearest node on the fail chain with an out, or -1
}

// newMatcher builds the matcher of needles; an occurrence reports the needle's index.
func newMatcher(needles []string) *matcher {
	m := &matcher{next: map[uint64]int32{}, fail: []int32{0}, out: []int32{-1}, dict: []int32{-1}}
	for id, n := range needles {
		node := int32(0)
		for i := 0; i < len(n); i++ {
			k := uint64(node)<<8 | uint64(n[i])
			c, ok := m.next[k]
			if !ok {
				c = int32(len(m.fail))
				m.next[k] = c
				m.fail = append(m.fail, 0)
				m.out = append(m.out, -1)
				m.dict = append(m.dict, -1)
			}
			node = c
		}
		if m.out[node] < 0 {
			m.out[node] = int32(id)
		}
	}
	// Children per node, for the breadth-first pass that sets the fail links.
	children := make([][][2]int32, len(m.fail)) // node → (byte, child)
	for k, c := range m.next {
		p := int32(k >> 8)
		children[p] = append(children[p], [2]int32{int32(k & 0xff), c})
	}
	queue := []int32{0}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, bc := range children[p] {
			b, c := byte(bc[0]), bc[1]
			if p != 0 {
				m.fail[c] = m.step(m.fail[p], b)
			}
			f := m.fail[c]
			if m.out[f] >= 0 {
				m.dict[c] = f
			} else {
				m.dict[c] = m.dict[f]
			}
			queue = append(queue, c)
		}
	}
	return m
}

// step is the node reached from node by byte b.
func (m *matcher) step(node int32, b byte) int32 {
	for {
		if c, ok := m.next[uint64(node)<<8|uint64(b)]; ok {
			return c
		}
		if node == 0 {
			return 0
		}
		node = m.fail[node]
	}
}

// each calls fn with the needle index and end offset of every occurrence in text, by increasing end.
func (m *matcher) each(text string, fn func(id, end int)) {
	node := int32(0)
	for i := 0; i < len(text); i++ {
		node = m.step(node, text[i])
		for n := node; n >= 0; n = m.dict[n] {
			if m.out[n] >= 0 {
				fn(int(m.out[n]), i+1)
			}
			if n == 0 {
				break
			}
		}
	}
}
