package detectors

import (
	"unsafe"

	"github.com/cloudflare/ahocorasick"
)

// keywords is the one automaton of every keyword, context word and term of all rules. A scan runs it once over
// the folded text and learns which entries occur; the rules that need positions look only for those.
type keywords struct {
	words []string
	ids   map[string]int
	ac    *ahocorasick.Matcher
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

func (k *keywords) build() {
	if len(k.words) > 0 {
		k.ac = ahocorasick.NewStringMatcher(k.words)
	}
}

// bitset records which keyword ids occur in a text.
type bitset []uint64

func (b bitset) has(id int) bool { return b[id>>6]&(1<<(uint(id)&63)) != 0 }

func (b bitset) anyOf(ids []int) bool {
	for _, id := range ids {
		if b.has(id) {
			return true
		}
	}
	return false
}

// match returns the set of keywords that occur in the folded text.
func (k *keywords) match(folded string) bitset {
	b := make(bitset, (len(k.words)+63)/64)
	if k.ac == nil || folded == "" {
		return b
	}
	for _, id := range k.ac.MatchThreadSafe(unsafe.Slice(unsafe.StringData(folded), len(folded))) {
		b[id>>6] |= 1 << (uint(id) & 63)
	}
	return b
}
