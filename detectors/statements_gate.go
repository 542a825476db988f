package detectors

import (
	"strings"
)

// phraseGate is the statement rules' keyword prefilter: one small Aho–Corasick automaton compiled into a dense
// DFA over byte classes. It reads the original text, folding ASCII capitals and the capitals of the Latin-1
// supplement on the fly, so a text with no statement keyword costs one table walk and no allocation (the shared
// entity automaton would cost a second full pass of a much larger trie, about as much as the whole entity scan's
// prefilter). It may report a keyword that the folded text does not hold (it also folds other two-byte letters
// whose last byte differs by 0x20); it never misses one that it does, so it is only ever a gate.
type phraseGate struct {
	words []string
	ids   map[string]int

	class  [256]uint8 // byte → class; 0 is every byte that no keyword uses
	nclass int
	delta  []int32 // state*nclass + class → next state
	out    [][]int // state → keyword ids that end here (own and by suffix)
}

// add registers w (lower case) and returns its id.
func (g *phraseGate) add(w string) int {
	if g.ids == nil {
		g.ids = map[string]int{}
	}
	if id, ok := g.ids[w]; ok {
		return id
	}
	id := len(g.words)
	g.words = append(g.words, w)
	g.ids[w] = id
	return id
}

// gateFold is the byte folding the gate applies to both keywords and text.
func gateFold(b byte) byte {
	switch {
	case 'A' <= b && b <= 'Z':
		return b + 'a' - 'A'
	case 0x80 <= b && b <= 0x9f:
		// Continuation bytes of capital letters in the Latin-1 supplement (Ä = c3 84, ä = c3 a4).
		return b + 0x20
	}
	return b
}

// build compiles the registered keywords.
func (g *phraseGate) build() {
	g.nclass = 1
	for _, w := range g.words {
		for i := 0; i < len(w); i++ {
			b := gateFold(w[i])
			if g.class[b] == 0 {
				g.class[b] = uint8(g.nclass)
				g.nclass++
			}
		}
	}
	for b := 0; b < 256; b++ {
		g.class[b] = g.class[gateFold(byte(b))]
	}
	// Trie.
	type tnode struct {
		next map[uint8]int32
		out  []int
	}
	nodes := []tnode{{next: map[uint8]int32{}}}
	for id, w := range g.words {
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := g.class[w[i]]
			nx, ok := nodes[s].next[c]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, tnode{next: map[uint8]int32{}})
				nodes[s].next[c] = nx
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, id)
	}
	// Breadth-first: fail links and the full transition table.
	n := g.nclass
	g.delta = make([]int32, len(nodes)*n)
	g.out = make([][]int, len(nodes))
	fail := make([]int32, len(nodes))
	queue := make([]int32, 0, len(nodes))
	for c := 0; c < n; c++ {
		if nx, ok := nodes[0].next[uint8(c)]; ok {
			g.delta[c] = nx
			queue = append(queue, nx)
		}
	}
	g.out[0] = nodes[0].out
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		g.out[s] = append(append([]int(nil), nodes[s].out...), g.out[fail[s]]...)
		for c := 0; c < n; c++ {
			nx, ok := nodes[s].next[uint8(c)]
			if !ok {
				g.delta[int(s)*n+c] = g.delta[int(fail[s])*n+c]
				continue
			}
			fail[nx] = g.delta[int(fail[s])*n+c]
			g.delta[int(s)*n+c] = nx
			queue = append(queue, nx)
		}
	}
}

// needsNormalising reports bytes after which the raw text may differ from its NFKC form in a way the gate's
// folding does not cover: combining marks (U+0300–U+036F) and the halfwidth/fullwidth block.
func needsNormalising(s string) bool {
	return strings.IndexByte(s, 0xcc) >= 0 || strings.IndexByte(s, 0xcd) >= 0 || strings.IndexByte(s, 0xef) >= 0
}

// match returns the set of keywords that occur in text; b is reused when it is large enough.
func (g *phraseGate) match(text string, b bitset) bitset {
	words := (len(g.words) + 63) / 64
	if cap(b) >= words {
		b = b[:words]
		clear(b)
	} else {
		b = make(bitset, words)
	}
	if len(g.words) == 0 {
		return b
	}
	if needsNormalising(text) {
		text = fold(nfkcView(text).text)
	}
	n := int32(g.nclass)
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = g.delta[s*n+int32(g.class[text[i]])]
		if out := g.out[s]; out != nil {
			for _, id := range out {
				b[id>>6] |= 1 << (uint(id) & 63)
			}
		}
	}
	return b
}
