// Package lexicon loads piiguard's word lists (first names, surnames, stop words per language; see
// rules/lexicons/SOURCES.md) into one table keyed by the token hash of package tokens, so that the scanner's first
// pass looks a word up with one probe and no allocation: Set.Lookup(tok.Hash).
//
// Each entry carries, per list (FirstName, Surname, StopWord), the languages whose list holds the word: "hans" is a
// German first name and a Danish stop word. Entries are single tokens; multi-word entries of the sources ("de la",
// "ana maría") are skipped by the generator for now.
package lexicon

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/bits"
	"path"
	"strings"
	"sync"

	"github.com/piiguard/piiguard/detectors/tokens"
	"github.com/piiguard/piiguard/rules"
)

// Kind is one list: FirstName, Surname or StopWord.
type Kind uint8

// Lists.
const (
	// FirstName is a given name.
	FirstName Kind = iota
	// Surname is a family name.
	Surname
	// StopWord is a function word ("und", "og", "che", "the").
	StopWord
	numKinds
)

var kindFiles = [numKinds]string{FirstName: "first_names", Surname: "surnames", StopWord: "stopwords"}

// String names the list as its files do.
func (k Kind) String() string {
	if k < numKinds {
		return kindFiles[k]
	}
	return "invalid"
}

// Lang is a set of languages, one bit each.
type Lang uint8

// Languages. Immigrant marks the lists of names common among immigrant communities in all four countries.
const (
	DE Lang = 1 << iota
	DA
	IT
	EN
	Immigrant
	// AnyLang is every language bit.
	AnyLang = DE | DA | IT | EN | Immigrant
)

var langFiles = map[string]Lang{"de": DE, "da": DA, "it": IT, "en": EN, "immigrant": Immigrant}

// Entry is what the lexicons know of one word: for each list, the languages whose list holds it (eight bits per
// list). The zero Entry is a word in no list.
type Entry uint32

// Langs returns the languages whose list k holds the word.
func (e Entry) Langs(k Kind) Lang { return Lang(e >> (8 * uint(k))) }

// Is reports whether list k of any language holds the word.
func (e Entry) Is(k Kind) bool { return e.Langs(k) != 0 }

// In reports whether list k of one of the languages l holds the word.
func (e Entry) In(k Kind, l Lang) bool { return e.Langs(k)&l != 0 }

func entryOf(k Kind, l Lang) Entry { return Entry(l) << (8 * uint(k)) }

// slot is one cell of the open-addressing table; hash 0 marks an empty cell (a word hashing to 0 lives in zero).
type slot struct {
	hash  uint64
	entry Entry
}

// Set is a loaded lexicon: a read-only hash table from token hash to Entry, safe for concurrent use.
type Set struct {
	slots []slot
	shift uint // 64 - log2(len(slots))
	zero  Entry
	n     int
}

// Len returns how many distinct words (hashes) the set holds.
func (s *Set) Len() int { return s.n }

// index returns the first cell to probe for h: Fibonacci hashing takes the high bits of a multiplication, since
// FNV-1a's low bits mix poorly.
func (s *Set) index(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> s.shift }

// Lookup returns the entry of the word whose token hash (tokens.Hash, Token.Hash) is h; zero if it is in no list.
func (s *Set) Lookup(h uint64) Entry {
	if h == 0 {
		return s.zero
	}
	mask := uint64(len(s.slots) - 1)
	for i := s.index(h); ; i = (i + 1) & mask {
		c := &s.slots[i]
		if c.hash == h {
			return c.entry
		}
		if c.hash == 0 {
			return 0
		}
	}
}

// Get returns the entry of word, case-folded as the token pass folds it.
func (s *Set) Get(word string) Entry { return s.Lookup(tokens.Hash(word)) }

// Has reports whether list k of any language holds word (any case: "LAURA" is found as "laura").
func (s *Set) Has(word string, k Kind) bool { return s.Get(word).Is(k) }

func (s *Set) add(h uint64, e Entry) {
	if h == 0 {
		s.zero |= e
		return
	}
	mask := uint64(len(s.slots) - 1)
	for i := s.index(h); ; i = (i + 1) & mask {
		c := &s.slots[i]
		if c.hash == h {
			c.entry |= e
			return
		}
		if c.hash == 0 {
			c.hash, c.entry = h, e
			s.n++
			return
		}
	}
}

// Load builds a set from the files LIST.LANG.txt at the root of fsys (LIST: first_names, surnames, stopwords; LANG:
// de, da, it, en, immigrant): one word a line, '#' lines and blank lines ignored. Another .txt name is an error.
func Load(fsys fs.FS) (*Set, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("lexicon: no *.txt files")
	}
	type file struct {
		text  string
		entry Entry
	}
	files := make([]file, 0, len(names))
	lines := 0
	for _, name := range names {
		list, lang, ok := strings.Cut(strings.TrimSuffix(path.Base(name), ".txt"), ".")
		k := kindOf(list)
		l := langFiles[lang]
		if !ok || k >= numKinds || l == 0 {
			return nil, fmt.Errorf("lexicon: %s: name is not LIST.LANG.txt with LIST first_names, surnames or stopwords and LANG de, da, it, en or immigrant", name)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		files = append(files, file{string(data), entryOf(k, l)})
		lines += bytes.Count(data, []byte{'\n'}) + 1
	}
	// At most half full: an absent word (most tokens of a text) ends its probe at an empty cell quickly.
	size := 1 << bits.Len(uint(2*lines-1))
	s := &Set{slots: make([]slot, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	for _, f := range files {
		for line := range strings.Lines(f.text) {
			w := strings.TrimSpace(line)
			if w == "" || w[0] == '#' {
				continue
			}
			s.add(tokens.Hash(w), f.entry)
		}
	}
	return s, nil
}

func kindOf(list string) Kind {
	for k, name := range kindFiles {
		if name == list {
			return Kind(k)
		}
	}
	return numKinds
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
)

// Default returns the set of the lexicons embedded in the binary (rules.Lexicons), loaded once on first use. It
// panics if the embedded data does not load, which the package's tests rule out.
func Default() *Set {
	defaultOnce.Do(func() {
		s, err := Load(rules.Lexicons())
		if err != nil {
			panic(err)
		}
		defaultSet = s
	})
	return defaultSet
}
