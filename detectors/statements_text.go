package detectors

import (
	"unicode/utf8"
)

// span is a half-open byte span of a text.
type span struct{ start, end int }

// utext is an utterance prepared for statement rules: its NFKC view, the folded text (same offsets as the view)
// and its sentences, with the statement keywords present in each sentence.
type utext struct {
	v        view
	folded   string
	sents    []span
	sentBits []bitset
	norm     []string // per sentence, the text patterns see (see normalise); made on first use
}

// prepare folds text, splits it into sentences and records which gate keywords occur in each.
func (g *phraseGate) prepare(text string) *utext {
	u := &utext{v: nfkcView(text)}
	u.folded = fold(u.v.text)
	u.sents = sentences(u.folded)
	words := (len(g.words) + 63) / 64
	backing := make(bitset, words*len(u.sents))
	u.sentBits = make([]bitset, len(u.sents))
	for k := range u.sents {
		u.sentBits[k] = backing[k*words : (k+1)*words]
	}
	if len(g.words) == 0 || len(u.sents) == 0 {
		return u
	}
	k := 0
	g.auto.scan(u.folded, func(h hit) {
		i := int(h.end) - 1 // the keyword's last byte
		for k < len(u.sents)-1 && i >= u.sents[k].end {
			k++
		}
		if i < u.sents[k].start || i >= u.sents[k].end {
			return
		}
		b := u.sentBits[k]
		b[h.id>>6] |= 1 << (uint(h.id) & 63)
	})
	return u
}

// sentence returns the text patterns see for sentence k.
func (u *utext) sentence(k int) string {
	if u.norm == nil {
		u.norm = make([]string, len(u.sents))
	}
	if u.norm[k] == "" {
		u.norm[k], _ = normalise(u.folded[u.sents[k].start:u.sents[k].end], false)
	}
	return u.norm[k]
}

// whole returns the text patterns see for the whole utterance, with the offset in the folded text of each byte.
func (u *utext) whole() (string, []int32) { return normalise(u.folded, true) }

// normalise returns the text statement patterns see: the folded text with the punctuation that only separates
// words (commas, colons, quotes, brackets, dashes) made spaces, curly apostrophes made straight and runs of white
// space made one space, so "ikke, at" reads "ikke at" and "don’t" reads "don't". With offsets, it also returns the
// offset in s of each byte of the result.
func normalise(s string, offsets bool) (string, []int32) {
	b := make([]byte, 0, len(s))
	var idx []int32
	if offsets {
		idx = make([]int32, 0, len(s))
	}
	space := true // drop leading space
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', ',', ';', ':', '"', '(', ')', '[', ']', '{', '}', '*', '/', '|',
			'«', '»', '“', '”', '„', '‚', '–', '—', '\u00a0':
			if !space {
				b = append(b, ' ')
				if offsets {
					idx = append(idx, int32(i))
				}
				space = true
			}
		case '’', '‘', '´', '`':
			b = append(b, '\'')
			if offsets {
				idx = append(idx, int32(i))
			}
			space = false
		default:
			b = append(b, s[i:i+n]...)
			if offsets {
				for k := range n {
					idx = append(idx, int32(i+k))
				}
			}
			space = false
		}
		i += n
	}
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
		if offsets {
			idx = idx[:n-1]
		}
	}
	return string(b), idx
}

// original maps a span of the folded text to the original text.
func (u *utext) original(s, e int) (int, int) { return u.v.span(s, e) }

// sentenceOf returns the index of the sentence that holds byte i of the folded text (the last one before it when
// i falls between sentences).
func (u *utext) sentenceOf(i int) int {
	k := 0
	for k+1 < len(u.sents) && u.sents[k+1].start <= i {
		k++
	}
	return k
}

// abbreviations are words that end with a dot inside a sentence.
var abbreviations = map[string]bool{
	"z.b": true, "d.h": true, "bzw": true, "ca": true, "nr": true, "str": true, "art": true, "abs": true,
	"u.a": true, "usw": true, "evtl": true, "ggf": true, "inkl": true, "tel": true, "hr": true, "fr": true,
	"dr": true, "prof": true, "f.eks": true, "bl.a": true, "mht": true, "ang": true, "vedr": true, "ecc": true,
	"sig": true, "sig.ra": true, "dott": true, "pag": true, "e.g": true, "i.e": true, "etc": true, "mr": true,
	"mrs": true, "ms": true, "st": true, "no": true, "vs": true, "approx": true,
}

// sentences splits folded text at sentence ends (. ! ? ; … followed by a space or the end) and line breaks.
// Text without punctuation — speech-to-text output — is one sentence. Spans exclude surrounding white space.
func sentences(t string) []span {
	var out []span
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e && isSpace(t[s]) {
			s++
		}
		for e > s && isSpace(t[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\n':
			add(i)
			start = i + 1
		case c == '!' || c == '?' || c == ';':
			j := i + 1
			for j < len(t) && (t[j] == '!' || t[j] == '?' || t[j] == '.') {
				j++
			}
			if j == len(t) || isSpace(t[j]) || t[j] == '"' || t[j] == ')' {
				add(j)
				start = j
				i = j - 1
			}
		case c == '.':
			j := i + 1
			for j < len(t) && t[j] == '.' {
				j++
			}
			if j < len(t) && !isSpace(t[j]) && t[j] != '"' && t[j] != ')' {
				i = j - 1
				continue
			}
			if j == i+1 && !dotEndsSentence(t, i) {
				continue
			}
			add(j)
			start = j
			i = j - 1
		case c == 0xe2 && i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0xa6: // …
			add(i + 3)
			start = i + 3
			i += 2
		}
	}
	add(len(t))
	return out
}

// dotEndsSentence reports whether the dot at i ends a sentence: not after an abbreviation, a single letter or a
// number ("am 3. mai", "art. 15").
func dotEndsSentence(t string, i int) bool {
	w := i
	for w > 0 && !isSpace(t[w-1]) && t[w-1] != '(' {
		w--
	}
	word := t[w:i]
	if word == "" || abbreviations[word] {
		return word == ""
	}
	if r, n := utf8.DecodeRuneInString(word); n == len(word) && isWordRune(r) {
		return false // a single letter or digit
	}
	allDigits := true
	for k := 0; k < len(word); k++ {
		allDigits = allDigits && isDigit(word[k])
	}
	return !allDigits
}
