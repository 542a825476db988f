package detectors

import (
	"strings"
)

// phraseGate is the statement rules' keyword prefilter: a keywords automaton of its own, small, that reads the
// original text folding ASCII capitals and the capitals of the Latin-1 supplement on the fly, so a text with no
// statement keyword costs one table walk and no allocation (the shared entity automaton would cost a second full
// pass of a much larger trie, about as much as the whole entity scan's prefilter). It may report a keyword that
// the folded text does not hold (it also folds other two-byte letters whose last byte differs by 0x20); it never
// misses one that it does, so it is only ever a gate.
type phraseGate struct {
	keywords
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
	g.fold = gateFold
	g.keywords.build()
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
	g.auto.scan(text, func(h hit) { b[h.id>>6] |= 1 << (uint(h.id) & 63) })
	return b
}
