package spelled

import "strings"

// class is what a token of the scan is, and after the phrases are read, what an element of a segment is.
type class uint8

const (
	cPlain  class = iota // any other word
	cDigits              // ASCII digits only
	cLetter              // a word of one letter (j, ø): the letter itself
	cNato                // a NATO code word: a letter only in a run of three or more
	cName                // a letter said by its name alone (ypsilon, ics, i lunga, double u)
	cDouble              // double, doppel, doppia, doppio, dobbelt: with u, v, vu or ve it says w
	cLink                // links a letter to the word that spells it: wie, come, di, som, as, for
	cSign                // a sign of an email, spoken (punkt, at) or written (. @ _)
	cHyphen              // a hyphen between two words with no space: a sign in an email, nothing between letters
	cPair                // a letter and the word that spells it: a wie anton
	cDrop                // a hyphen inside a letter run: it vanishes from the view
)

// letterish reports whether c stands for a letter in a run.
func (c class) letterish() bool { return c == cLetter || c == cNato || c == cName || c == cPair }

// Flags of lexicon entries and tokens.
const (
	// fSpoken marks a sign said as a word; a sign without it is written in the text and copied.
	fSpoken uint8 = 1 << iota
	// fHead marks a word that reads the word after it: a link (wie, come), or a sign said in two words
	// (snabel a) or that means another sign with the word after it (trattino basso, at zeichen).
	fHead
	// fCodeOnly marks a link that joins a letter only to a word of a spelling alphabet (di, for): both are
	// everyday words.
	fCodeOnly
	// fThenI marks a link that "i" may follow (Danish "a som i anna"); fThenIn one that "in" must follow
	// (English "a as in alpha").
	fThenI
	fThenIn
)

// entry is what the lexicon knows about one word.
type entry struct {
	cls   class
	flags uint8
	sign  byte  // cSign: @ . - _
	out   uint8 // cNato, cName: the letter, an index in letterTexts
}

// signs are the words of the signs of an email in the four languages.
var signs = map[byte][]string{
	'@': {"at", "ät", "klammeraffe", "chiocciola", "snabel"},
	'.': {"punkt", "punktum", "dot", "punto"},
	'-': {"bindestrich", "minus", "dash", "hyphen", "bindestreg", "trattino"},
	'_': {"unterstrich", "underscore", "understreg"},
}

// heads are the signs that read the word after them: snabel a, at zeichen, trattino basso.
var heads = []string{"snabel", "at", "trattino"}

// links join a letter to the word that spells it, with their flags.
var links = map[string]uint8{
	"wie": 0, "come": 0, "som": fThenI, "as": fThenIn, "di": fCodeOnly, "for": fCodeOnly,
}

// doubles say w with a following u, v, vu or ve: double u, doppel-u, doppia vu, dobbelt-ve.
var doubles = []string{"double", "doppel", "doppia", "doppio", "dobbelt"}

// nato is the NATO spelling alphabet.
var nato = map[string]string{
	"alpha": "a", "alfa": "a", "bravo": "b", "charlie": "c", "delta": "d", "echo": "e", "foxtrot": "f",
	"golf": "g", "hotel": "h", "india": "i", "juliett": "j", "juliet": "j", "kilo": "k", "lima": "l",
	"mike": "m", "november": "n", "oscar": "o", "papa": "p", "quebec": "q", "romeo": "r", "sierra": "s",
	"tango": "t", "uniform": "u", "victor": "v", "whiskey": "w", "whisky": "w", "xray": "x", "yankee": "y",
	"zulu": "z",
}

// names are letters said by their name alone, which no everyday word shares.
var names = map[string]string{"ypsilon": "y", "ipsilon": "y", "ics": "x", "eszett": "ß"}

// alphabets are the words of the spelling alphabets, each with its letter: a word that follows a link
// ("wie anton", "come ancona", "som i anna", "as in alpha") spells that letter.
var alphabets = []map[string]string{
	nato,
	names,
	// DIN 5009, the names in use before 2022.
	{
		"anton": "a", "ärger": "ä", "berta": "b", "cäsar": "c", "caesar": "c", "charlotte": "ch", "dora": "d",
		"emil": "e", "friedrich": "f", "gustav": "g", "heinrich": "h", "ida": "i", "julius": "j",
		"kaufmann": "k", "konrad": "k", "ludwig": "l", "martha": "m", "marta": "m", "nordpol": "n", "otto": "o",
		"ökonom": "ö", "paula": "p", "quelle": "q", "richard": "r", "samuel": "s", "siegfried": "s",
		"schule": "sch", "theodor": "t", "ulrich": "u", "übermut": "ü", "viktor": "v", "wilhelm": "w",
		"xanthippe": "x", "zacharias": "z", "zeppelin": "z",
	},
	// DIN 5009 of 2022: German cities.
	{
		"aachen": "a", "berlin": "b", "chemnitz": "c", "düsseldorf": "d", "essen": "e", "frankfurt": "f",
		"goslar": "g", "hamburg": "h", "ingelheim": "i", "jena": "j", "köln": "k", "leipzig": "l",
		"münchen": "m", "nürnberg": "n", "offenbach": "o", "potsdam": "p", "quickborn": "q", "rostock": "r",
		"salzwedel": "s", "tübingen": "t", "unna": "u", "völklingen": "v", "wuppertal": "w", "xanten": "x",
		"zwickau": "z",
	},
	// The Italian alphabet of cities.
	{
		"ancona": "a", "bologna": "b", "como": "c", "domodossola": "d", "empoli": "e", "firenze": "f",
		"genova": "g", "imola": "i", "jolly": "j", "kappa": "k", "livorno": "l", "milano": "m",
		"napoli": "n", "otranto": "o", "palermo": "p", "quarto": "q", "roma": "r", "savona": "s",
		"torino": "t", "udine": "u", "venezia": "v", "washington": "w", "xilofono": "x", "yacht": "y",
		"york": "y", "zara": "z",
	},
	// The Danish alphabet.
	{
		"anna": "a", "bernhard": "b", "cecilie": "c", "david": "d", "erik": "e", "frederik": "f",
		"georg": "g", "hans": "h", "johan": "j", "karen": "k", "ludvig": "l", "marie": "m",
		"nikolaj": "n", "oda": "o", "peter": "p", "quintus": "q", "rasmus": "r", "søren": "s",
		"ulla": "u", "viggo": "v", "william": "w", "xerxes": "x", "yrsa": "y", "zackarias": "z",
		"ærlig": "æ", "øresund": "ø", "åse": "å",
	},
}

// letterNames are the names of the letters in the four languages (be, zett, acca, emme, æf, aitch…): one of
// them before a link spells its letter when the word after the link agrees ("be wie berta").
var letterNames = map[string]string{
	// German
	"ah": "a", "be": "b", "beh": "b", "ce": "c", "zeh": "c", "tse": "c", "de": "d", "deh": "d", "eh": "e",
	"ef": "f", "eff": "f", "ge": "g", "geh": "g", "ha": "h", "hah": "h", "ih": "i", "jot": "j", "ka": "k",
	"kah": "k", "el": "l", "em": "m", "en": "n", "oh": "o", "pe": "p", "peh": "p", "ku": "q", "kuh": "q",
	"er": "r", "es": "s", "te": "t", "teh": "t", "uh": "u", "vau": "v", "fau": "v", "we": "w", "weh": "w",
	"ix": "x", "zett": "z", "zet": "z", "sch": "sch",
	// Italian
	"bi": "b", "ci": "c", "di": "d", "effe": "f", "gi": "g", "acca": "h", "elle": "l", "emme": "m",
	"enne": "n", "pi": "p", "cu": "q", "erre": "r", "esse": "s", "ti": "t", "vu": "v", "zeta": "z",
	// Danish
	"se": "c", "æf": "f", "hå": "h", "jod": "j", "kå": "k", "æl": "l", "æm": "m", "æn": "n", "ær": "r",
	"æs": "s", "ve": "v", "æks": "x", "sæt": "z",
	// English
	"bee": "b", "see": "c", "dee": "d", "gee": "g", "aitch": "h", "jay": "j", "kay": "k", "pee": "p",
	"cue": "q", "ar": "r", "ess": "s", "tee": "t", "vee": "v", "ex": "x", "why": "y", "zed": "z", "zee": "z",
}

// stopwords are everyday words that stand before "at" in a sentence ("look at", "i work at", "er at"):
// alone, they are never the name of an email.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		is are was were be been am me us you him her them it we they look looking looked work works worked
		working stay staying stayed live lives living arrive arrived available here there home online bought
		buy order ordered shop shopping find found reach call email mail address point good best least all
		once meet i'm you're we're they're he's she's it's that's i’m it’s
		ist sind bin lautet ich sie er es wir adresse
		til om for med ved af og lyst prøve prøver kan skal vil
		è sono indirizzo`) {
		m[w] = true
	}
	return m
}()

// maxWord is the longest word of the lexicon (bytes); no longer word is looked up.
const maxWord = 12

// Short words (up to 8 bytes) are found in an open-addressing table keyed by their bytes; longer ones in a map.
const (
	shortWord = 8
	slotBits  = 9
)

// slot is an entry of the table of short words.
type slot struct {
	key uint64 // the word's bytes, little-endian; 0: empty
	e   entry
}

// lexicon is the words the scan must know.
type lexicon struct {
	words map[string]entry
	short [1 << slotBits]slot
	names [1 << slotBits]slot // the names of letters: be, zett, acca (entry.out is the letter)
	first [maxWord + 1]uint64 // by length: the first bytes of the words (bit c&63)
	last  [maxWord + 1]uint64 // by length: the last bytes of the words
	long  map[string]entry    // words longer than shortWord
}

// letterTexts are the letters the words of the tables stand for; 0 is none: the letter is the first rune
// of the element's own text. Built at load, with the lexicon.
var letterTexts = []string{""}

// letterIndex returns the index of letter x in letterTexts, adding it when it is new.
func letterIndex(x string) uint8 {
	for i, t := range letterTexts {
		if t == x {
			return uint8(i)
		}
	}
	if len(letterTexts) == 255 {
		panic("spelled: too many letters")
	}
	letterTexts = append(letterTexts, x)
	return uint8(len(letterTexts) - 1)
}

// lex is the lexicon built from the tables above.
var lex = buildLexicon()

// code maps a word of any spelling alphabet to its letter, an index in letterTexts.
var code = indexed(mergeAlphabets(alphabets))

// buildLexicon builds the lexicon. It panics on a word that two tables give different meanings, a
// programming error caught by any test.
func buildLexicon() *lexicon {
	l := &lexicon{words: map[string]entry{}}
	for sign, words := range signs {
		for _, w := range words {
			l.add(w, entry{cls: cSign, sign: sign, flags: fSpoken})
		}
	}
	for _, w := range heads {
		e := l.words[w]
		e.flags |= fHead
		l.words[w] = e
	}
	for w, f := range links {
		l.add(w, entry{cls: cLink, flags: f | fHead})
	}
	for _, w := range doubles {
		l.add(w, entry{cls: cDouble})
	}
	for w, x := range nato {
		l.add(w, entry{cls: cNato, out: letterIndex(x)})
	}
	for _, m := range []map[string]string{names, soloNames} {
		for w, x := range m {
			l.add(w, entry{cls: cName, out: letterIndex(x)})
		}
	}
	for w, x := range letterNames {
		if len(w) > shortWord {
			panic("spelled: letter name longer than shortWord: " + w)
		}
		insert(&l.names, pack(w), entry{out: letterIndex(x)})
	}
	l.long = map[string]entry{}
	for w, e := range l.words {
		switch {
		case len(w) > maxWord:
			panic("spelled: lexicon word longer than maxWord: " + w)
		case len(w) > shortWord:
			l.long[w] = e
		default:
			insert(&l.short, pack(w), e)
		}
		l.first[len(w)] |= 1 << (w[0] & 63)
		l.last[len(w)] |= 1 << (w[len(w)-1] & 63)
	}
	return l
}

// add adds w, or panics when w is there with another meaning.
func (l *lexicon) add(w string, e entry) {
	if old, ok := l.words[w]; ok && old != e {
		panic("spelled: conflicting lexicon entries for " + w)
	}
	l.words[w] = e
}

// mergeAlphabets joins the alphabets into one map, or panics on a word two of them spell differently.
func mergeAlphabets(as []map[string]string) map[string]string {
	m := map[string]string{}
	for _, a := range as {
		for w, x := range a {
			if old, ok := m[w]; ok && old != x {
				panic("spelled: conflicting alphabet entries for " + w)
			}
			m[w] = x
		}
	}
	return m
}

// indexed returns m with its letters written as indexes in letterTexts.
func indexed(m map[string]string) map[string]uint8 {
	out := make(map[string]uint8, len(m))
	for w, x := range m {
		out[w] = letterIndex(x)
	}
	return out
}

// pack returns the bytes of w (at most 8) as a little-endian number.
func pack(w string) (k uint64) {
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(w[i])
	}
	return k
}

// packAt returns the bytes of s[i:j] (at most 8) as a little-endian number; it reads 8 bytes at once when s
// has them.
func packAt(s string, i, j int) uint64 {
	if i+8 > len(s) {
		return pack(s[i:j])
	}
	b := s[i : i+8]
	k := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	return k & (1<<(8*(j-i)&63) - 1 | -(uint64(j-i) >> 3))
}

// hash returns the first slot of key k.
func hash(k uint64) uint64 { return k * 0x9e3779b97f4a7c15 >> (64 - slotBits) }

// find returns the slot of key k in t, or -1.
func find(t *[1 << slotBits]slot, k uint64) int {
	for h := hash(k); ; h = (h + 1) & (1<<slotBits - 1) {
		switch t[h].key {
		case k:
			return int(h)
		case 0:
			return -1
		}
	}
}

// insert puts e at key k of t.
func insert(t *[1 << slotBits]slot, k uint64, e entry) {
	h := hash(k)
	for t[h].key != 0 {
		h = (h + 1) & (1<<slotBits - 1)
	}
	t[h] = slot{key: k, e: e}
}

// maybe reports whether the word s[i:j] may be in the lexicon, by its length, first and last byte.
func (l *lexicon) maybe(s string, i, j int) bool {
	n := j - i
	return n <= maxWord && l.first[n]&(1<<(s[i]&63)) != 0 && l.last[n]&(1<<(s[j-1]&63)) != 0
}

// lookup returns the entry of the word s[i:j]. It does not allocate.
func lookup(s string, i, j int) (entry, bool) {
	switch n := j - i; {
	case n < 2 || n > maxWord:
		return entry{}, false
	case !lex.maybe(s, i, j):
		return entry{}, false
	case n > shortWord:
		e, ok := lex.long[s[i:j]]
		return e, ok
	}
	if h := find(&lex.short, packAt(s, i, j)); h >= 0 {
		return lex.short[h].e, true
	}
	return entry{}, false
}

// nameAt returns the letter that the word s[i:j] names (be, zett, acca…), an index in letterTexts, or 0.
func nameAt(s string, i, j int) uint8 {
	if j-i > shortWord || j <= i {
		return 0
	}
	if h := find(&lex.names, packAt(s, i, j)); h >= 0 {
		return lex.names[h].e.out
	}
	return 0
}

// Letters that phrases of two words say: x-ray, i lunga, double u.
var (
	letterX = letterIndex("x")
	letterJ = letterIndex("j")
	letterW = letterIndex("w")
)
