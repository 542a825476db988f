package detectors

// automaton is an Aho–Corasick automaton compiled to a DFA over byte classes: one table lookup per input byte,
// no allocation per scan beyond the hits it reports. It replaces cloudflare/ahocorasick on the hot path because
// that library allocates a map sized to the whole trie on most calls and reports which keywords occur but not
// where (BenchmarkKeywordAutomaton shows the difference); rules need the positions for their windows.
type automaton struct {
	classes  [256]uint8 // byte → class; class 0 is every byte that occurs in no keyword
	nclasses int
	delta    []int32 // state*nclasses + class → next state
	outStart []int32 // outputs of state s are outIDs[outStart[s]:outStart[s+1]]
	outIDs   []int32
	lens     []int32 // keyword id → length in bytes
}

// hit is one keyword occurrence: keyword id and the byte offset where it ends.
type hit struct {
	id  int32
	end int32
}

// newAutomaton compiles the keywords (ids are their indexes). fold, when not nil, maps bytes that the automaton
// treats as one (a capital and its small letter): keywords and text are then matched through it.
func newAutomaton(words []string, fold func(byte) byte) *automaton {
	if fold == nil {
		fold = func(b byte) byte { return b }
	}
	a := &automaton{lens: make([]int32, len(words))}
	// Byte classes.
	a.nclasses = 1
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			if b := fold(w[i]); a.classes[b] == 0 {
				a.classes[b] = uint8(a.nclasses)
				a.nclasses++
			}
		}
	}
	for b := range 256 {
		a.classes[b] = a.classes[fold(byte(b))]
	}
	// Trie with goto edges stored densely per state.
	type node struct {
		next []int32
		fail int32
		out  []int32
	}
	newNode := func() node {
		n := node{next: make([]int32, a.nclasses)}
		for i := range n.next {
			n.next[i] = -1
		}
		return n
	}
	nodes := []node{newNode()}
	for id, w := range words {
		a.lens[id] = int32(len(w))
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := a.classes[w[i]]
			if nodes[s].next[c] < 0 {
				nodes = append(nodes, newNode())
				nodes[s].next[c] = int32(len(nodes) - 1)
			}
			s = nodes[s].next[c]
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	// Breadth-first: failure links, output merging, and the full transition function.
	queue := make([]int32, 0, len(nodes))
	for c := range a.nclasses {
		if t := nodes[0].next[c]; t >= 0 {
			nodes[t].fail = 0
			queue = append(queue, t)
		} else {
			nodes[0].next[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := range a.nclasses {
			t := nodes[s].next[c]
			if t >= 0 {
				nodes[t].fail = nodes[f].next[c]
				queue = append(queue, t)
			} else {
				nodes[s].next[c] = nodes[f].next[c]
			}
		}
	}
	a.delta = make([]int32, len(nodes)*a.nclasses)
	a.outStart = make([]int32, len(nodes)+1)
	for s, n := range nodes {
		copy(a.delta[s*a.nclasses:], n.next)
		a.outStart[s] = int32(len(a.outIDs))
		a.outIDs = append(a.outIDs, n.out...)
	}
	a.outStart[len(nodes)] = int32(len(a.outIDs))
	return a
}

// scan calls emit for every keyword occurrence in text, in order of end position.
func (a *automaton) scan(text string, emit func(h hit)) {
	s := int32(0)
	nc := int32(a.nclasses)
	delta, classes, outStart := a.delta, &a.classes, a.outStart
	for i := 0; i < len(text); i++ {
		s = delta[s*nc+int32(classes[text[i]])]
		if o, e := outStart[s], outStart[s+1]; o != e {
			for _, id := range a.outIDs[o:e] {
				emit(hit{id: id, end: int32(i + 1)})
			}
		}
	}
}
