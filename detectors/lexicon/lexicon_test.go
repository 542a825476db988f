package lexicon

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/piiguard/piiguard/detectors/tokens"
	"github.com/piiguard/piiguard/rules"
)

func TestDefaultLookup(t *testing.T) {
	s := Default()
	tests := map[string]struct {
		word string
		kind Kind
		in   Lang // the entry must hold word in list kind of each of these languages
		not  Lang // and of none of these
	}{
		"de first name":                 {"Mehmet", FirstName, DE | Immigrant, DA},
		"da first name":                 {"Søren", FirstName, DA, IT},
		"da first name, diacritic-free": {"soren", FirstName, DA, 0},
		"it first name":                 {"Iacopo", FirstName, IT, DE | DA | EN},
		"en first name":                 {"June", FirstName, EN, 0},
		"immigrant first name":          {"Agnieszka", FirstName, Immigrant, 0},
		"case-folded first name":        {"LAURA", FirstName, DE | IT | EN, 0},
		"de surname":                    {"Müller", Surname, DE, 0},
		"de surname, upper case":        {"MÜLLER", Surname, DE, 0},
		"da surname":                    {"Jensen", Surname, DA, 0},
		"it surname":                    {"Bianchi", Surname, IT, 0},
		"en surname":                    {"Edwards", Surname, EN, 0},
		"immigrant surname":             {"Kowalski", Surname, Immigrant, DE | DA | IT | EN},
		"tr surname dotless i":          {"Yılmaz", Surname, Immigrant, 0},
		"tr surname ascii":              {"yilmaz", Surname, Immigrant, 0},
		"de stop word":                  {"und", StopWord, DE, DA | IT | EN},
		"da stop word":                  {"og", StopWord, DA, DE | IT | EN},
		"it stop word":                  {"che", StopWord, IT, DE | DA | EN},
		"en stop word":                  {"the", StopWord, EN, DE | DA | IT},
		"en stop word, title case":      {"The", StopWord, EN, 0},
		"da stop word and de name":      {"hans", StopWord, DA, DE},
		"de name and da stop word":      {"Hans", FirstName, DE, DA},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e := s.Get(tc.word)
			if e != s.Lookup(tokens.Hash(tc.word)) {
				t.Fatalf("Get and Lookup(tokens.Hash) disagree")
			}
			if !s.Has(tc.word, tc.kind) {
				t.Fatalf("Has(%q, %v) = false", tc.word, tc.kind)
			}
			if got := e.Langs(tc.kind); got&tc.in != tc.in || got&tc.not != 0 {
				t.Errorf("%v languages of %q = %05b, want all of %05b and none of %05b", tc.kind, tc.word, got, tc.in, tc.not)
			}
		})
	}
}

func TestDefaultAbsent(t *testing.T) {
	s := Default()
	tests := map[string]struct {
		word string
		kind Kind
	}{
		"de compound":          {"kundennummer", FirstName},
		"en noun":              {"invoice", Surname},
		"stop word not a name": {"und", FirstName},
		"name not a stop word": {"Iacopo", StopWord},
		"empty":                {"", FirstName},
		"digits":               {"4711", StopWord},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if s.Has(tc.word, tc.kind) {
				t.Errorf("Has(%q, %v) = true", tc.word, tc.kind)
			}
		})
	}
	if e := s.Get("kundennummer"); e != 0 {
		t.Errorf("Get(kundennummer) = %x, want 0", e)
	}
}

// TestTokenHashes checks that the hashes of the token pass find the same entries as the words themselves.
func TestTokenHashes(t *testing.T) {
	s := Default()
	text := "Mein Name ist LAURA Müller, hej Søren og Iacopo che the Kowalski."
	found := map[string]Entry{}
	for _, tok := range tokens.Append(nil, text) {
		if tok.Kind == tokens.Word {
			found[tok.Text(text)] = s.Lookup(tok.Hash)
		}
	}
	tests := map[string]struct {
		word string
		kind Kind
	}{
		"upper-case first name": {"LAURA", FirstName},
		"surname with umlaut":   {"Müller", Surname},
		"da first name":         {"Søren", FirstName},
		"it first name":         {"Iacopo", FirstName},
		"da stop word":          {"og", StopWord},
		"it stop word":          {"che", StopWord},
		"en stop word":          {"the", StopWord},
		"immigrant surname":     {"Kowalski", Surname},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if !found[tc.word].Is(tc.kind) {
				t.Errorf("token %q: entry %x is not %v", tc.word, found[tc.word], tc.kind)
			}
		})
	}
}

// TestNoCollisions checks that no two distinct words of the embedded lexicons share a hash (or hash to the empty
// cell's 0), and that Len counts the distinct words.
func TestNoCollisions(t *testing.T) {
	fsys := rules.Lexicons()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	words := map[uint64]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			w := strings.TrimSpace(line)
			if w == "" || w[0] == '#' {
				continue
			}
			h := tokens.Hash(w)
			if h == 0 {
				t.Errorf("an entry hashes to 0")
			}
			if old, ok := words[h]; ok && old != w {
				t.Errorf("two entries share hash %x", h)
			}
			words[h] = w
		}
	}
	if got := Default().Len(); got != len(words) {
		t.Errorf("Len() = %d, want %d distinct words", got, len(words))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := map[string]fstest.MapFS{
		"no files":     {},
		"unknown list": {"streets.de.txt": {Data: []byte("weg\n")}},
		"unknown lang": {"first_names.fr.txt": {Data: []byte("jean\n")}},
		"no lang":      {"first_names.txt": {Data: []byte("jean\n")}},
	}
	for name, fsys := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(fsys); err == nil {
				t.Error("Load succeeded, want an error")
			} else if strings.Contains(err.Error(), "jean") || strings.Contains(err.Error(), "weg") {
				t.Errorf("error %q carries an entry", err)
			}
		})
	}
}

func TestLoadMerges(t *testing.T) {
	s, err := Load(fstest.MapFS{
		"first_names.de.txt": {Data: []byte("# source: test\nandrea\nkim\n")},
		"first_names.it.txt": {Data: []byte("andrea\n\n")},
		"surnames.en.txt":    {Data: []byte("kim\r\n")},
		"stopwords.da.txt":   {Data: []byte("og\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		word string
		want Entry
	}{
		"two languages":  {"Andrea", entryOf(FirstName, DE|IT)},
		"two lists":      {"KIM", entryOf(FirstName, DE) | entryOf(Surname, EN)},
		"stop word":      {"og", entryOf(StopWord, DA)},
		"header skipped": {"# source: test", 0},
		"absent":         {"jensen", 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := s.Get(tc.word); got != tc.want {
				t.Errorf("Get(%q) = %x, want %x", tc.word, got, tc.want)
			}
		})
	}
	if s.Len() != 3 {
		t.Errorf("Len() = %d, want 3", s.Len())
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	s := Default()
	h := tokens.Hash("laura")
	if n := testing.AllocsPerRun(100, func() { _ = s.Lookup(h) }); n != 0 {
		t.Errorf("Lookup: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = s.Has("LAURA", FirstName) }); n != 0 {
		t.Errorf("Has: %v allocations, want 0", n)
	}
}
