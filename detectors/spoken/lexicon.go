package spoken

import "strings"

// kind is what a word of the lexicon, or a token of a run, stands for.
type kind uint8

const (
	kOther    kind = iota // not a number word
	kFiller               // a hesitation (äh, ehm, øh, um…): dropped inside a run
	kLink                 // und, og, and: joins a unit to a tens word, or a hundred to the rest
	kRepeat               // double, doppel, dobbelt, doppio: repeats the next digit word
	kDigits               // a group of ASCII digits
	kZero                 // 0
	kUnit                 // 1..9
	kTeen                 // 10..19
	kTens                 // 20, 30 … 90
	kCompound             // 21..99 in one word: zweiundvierzig, toogfyrre, quarantadue
	kHundreds             // 100..1999 in one word: zweihundert, neunzehnhundertfünfundachtzig, duecento
	kHundred              // the bare word for 100
	kBreak                // a token that turned out not to be a number: it ends a run
	kNumeral              // the parser's output: one number, written as digits in the view
)

// isNumberWord reports whether k is a word that stands for a number by itself.
func (k kind) isNumberWord() bool { return k >= kZero && k <= kHundred }

// lang is a set of languages, one bit each.
type lang uint8

const (
	langDE lang = 1 << iota
	langEN
	langDA
	langIT
)

// Flags of lexicon entries and tokens.
const (
	// fWeak marks an everyday word that is also a digit (da to, en, et, fire, ti; de ein, eine; it una, due,
	// sei): it counts as a number only next to a number word of its language that is not weak, or to a
	// second weak word of its language.
	fWeak uint8 = 1 << iota
	// fNeedStrong marks a weak word that only a number word that is not weak can confirm (en oh).
	fNeedStrong
	// fMerge marks a tens word that merges with a following unit word (forty two, quaranta due).
	fMerge
	// fGroup marks a numeral that is a group of ASCII digits, copied as it is.
	fGroup
)

// entry is what the lexicon knows about one word.
type entry struct {
	kind  kind
	lang  lang
	flags uint8
	val   uint16
}

// num is a number word and its value.
type num struct {
	word string
	val  uint16
}

// language holds the number words of one language.
type language struct {
	lang    lang
	zero    []string
	units   []num    // 1..9
	teens   []num    // 10..19
	tens    []num    // 20..90
	merge   bool     // a tens word merges with a following unit word: forty two
	stems   []num    // unit forms written before the link inside a compound: ein(undzwanzig), to(ogfyrre)
	link    string   // joins unit and tens, inside a compound word or between words: und, og, and
	hundred string   // the word for 100
	repeats []num    // double (2), triple (3)
	weak    []string // everyday words that are also number words: see fWeak
	strict  []string // weak words that only a strong number word confirms
	// compounds spells tens+unit as one word when stem+link+tens does not (Italian elision).
	compounds func(tens, unit num) []string
	// ascii spells a word without diacritics (fuenf, dreissig); nil when the language needs none.
	ascii func(string) string
}

var (
	german = language{
		lang:  langDE,
		zero:  []string{"null"},
		units: []num{{"eins", 1}, {"ein", 1}, {"eine", 1}, {"zwei", 2}, {"zwo", 2}, {"drei", 3}, {"vier", 4}, {"fünf", 5}, {"sechs", 6}, {"sieben", 7}, {"acht", 8}, {"neun", 9}},
		teens: []num{{"zehn", 10}, {"elf", 11}, {"zwölf", 12}, {"dreizehn", 13}, {"vierzehn", 14}, {"fünfzehn", 15}, {"sechzehn", 16}, {"siebzehn", 17}, {"achtzehn", 18}, {"neunzehn", 19}},
		tens:  []num{{"zwanzig", 20}, {"dreißig", 30}, {"vierzig", 40}, {"fünfzig", 50}, {"sechzig", 60}, {"siebzig", 70}, {"achtzig", 80}, {"neunzig", 90}},
		stems: []num{{"ein", 1}, {"zwei", 2}, {"zwo", 2}, {"drei", 3}, {"vier", 4}, {"fünf", 5}, {"sechs", 6}, {"sieben", 7}, {"acht", 8}, {"neun", 9}},
		link:  "und", hundred: "hundert",
		repeats: []num{{"doppel", 2}, {"doppelt", 2}, {"tripel", 3}},
		weak:    []string{"ein", "eine"},
		ascii:   strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace,
	}
	english = language{
		lang:  langEN,
		zero:  []string{"zero", "oh", "nought"},
		units: []num{{"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}},
		teens: []num{{"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}},
		tens:  []num{{"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90}},
		merge: true, link: "and", hundred: "hundred",
		repeats: []num{{"double", 2}, {"triple", 3}},
		weak:    []string{"oh"},
		strict:  []string{"oh"},
	}
	danish = language{
		lang:  langDA,
		zero:  []string{"nul"},
		units: []num{{"en", 1}, {"et", 1}, {"to", 2}, {"tre", 3}, {"fire", 4}, {"fem", 5}, {"seks", 6}, {"syv", 7}, {"otte", 8}, {"ni", 9}},
		teens: []num{{"ti", 10}, {"elleve", 11}, {"tolv", 12}, {"tretten", 13}, {"fjorten", 14}, {"femten", 15}, {"seksten", 16}, {"sytten", 17}, {"atten", 18}, {"nitten", 19}},
		tens:  []num{{"tyve", 20}, {"tredive", 30}, {"fyrre", 40}, {"halvtreds", 50}, {"tres", 60}, {"halvfjerds", 70}, {"firs", 80}, {"halvfems", 90}},
		stems: []num{{"en", 1}, {"to", 2}, {"tre", 3}, {"fire", 4}, {"fem", 5}, {"seks", 6}, {"syv", 7}, {"otte", 8}, {"ni", 9}},
		link:  "og", hundred: "hundrede",
		repeats: []num{{"dobbelt", 2}, {"tripel", 3}},
		weak:    []string{"en", "et", "to", "fire", "ti"},
	}
	italian = language{
		lang:  langIT,
		zero:  []string{"zero"},
		units: []num{{"uno", 1}, {"una", 1}, {"due", 2}, {"tre", 3}, {"quattro", 4}, {"cinque", 5}, {"sei", 6}, {"sette", 7}, {"otto", 8}, {"nove", 9}},
		teens: []num{{"dieci", 10}, {"undici", 11}, {"dodici", 12}, {"tredici", 13}, {"quattordici", 14}, {"quindici", 15}, {"sedici", 16}, {"diciassette", 17}, {"diciotto", 18}, {"diciannove", 19}},
		tens:  []num{{"venti", 20}, {"trenta", 30}, {"quaranta", 40}, {"cinquanta", 50}, {"sessanta", 60}, {"settanta", 70}, {"ottanta", 80}, {"novanta", 90}},
		merge: true, hundred: "cento",
		stems:     []num{{"uno", 1}, {"due", 2}, {"tre", 3}, {"quattro", 4}, {"cinque", 5}, {"sei", 6}, {"sette", 7}, {"otto", 8}, {"nove", 9}},
		repeats:   []num{{"doppio", 2}, {"doppia", 2}, {"triplo", 3}, {"tripla", 3}},
		weak:      []string{"una", "due", "sei"},
		compounds: italianCompound,
	}
	languages = []*language{&german, &english, &danish, &italian}

	// fillers are hesitations that vanish from the view inside a run.
	fillers = []string{"äh", "ähm", "ähh", "äähm", "öh", "öhm", "ehm", "eh", "ehh", "øh", "øhm", "uhm", "uh", "um",
		"umm", "hm", "hmm", "mhm", "mm"}
)

// italianCompound spells tens+unit the Italian way: the tens word loses its vowel before uno and otto
// (ventuno, trentotto) and tre takes an accent (ventitré, also written ventitre).
func italianCompound(tens, unit num) []string {
	stem := tens.word
	if unit.word[0] == 'u' || unit.word[0] == 'o' {
		stem = stem[:len(stem)-1]
	}
	if unit.val == 3 {
		return []string{stem + "tré", stem + "tre"}
	}
	return []string{stem + unit.word}
}

// maxWord is the longest word looked up (byte length); longer words are never number words.
const maxWord = 48

// minSplit is the shortest word that may be a hundreds compound the lexicon does not list (duecento).
const minSplit = 8

// lexicon is the set of number words of all four languages, and a filter of the first two bytes of its words.
type lexicon struct {
	words  map[string]entry
	pairs  [256][4]uint64
	maxLen int
}

// lex is the lexicon built from the tables above.
var lex = buildLexicon(languages, fillers)

// buildLexicon builds the lexicon. It panics on a word that two tables give different meanings, a
// programming error caught by any test.
func buildLexicon(langs []*language, fillers []string) *lexicon {
	l := &lexicon{words: make(map[string]entry, 512)}
	for _, lg := range langs {
		add := func(w string, e entry) {
			e.lang = lg.lang
			l.add(w, e)
			if lg.ascii != nil {
				l.add(lg.ascii(w), e)
			}
		}
		for _, w := range lg.zero {
			add(w, entry{kind: kZero})
		}
		for _, n := range lg.units {
			add(n.word, entry{kind: kUnit, val: n.val})
		}
		for _, n := range lg.teens {
			add(n.word, entry{kind: kTeen, val: n.val})
		}
		var merge uint8
		if lg.merge {
			merge = fMerge
		}
		for _, t := range lg.tens {
			add(t.word, entry{kind: kTens, val: t.val, flags: merge})
			for _, u := range lg.stems {
				words := []string{u.word + lg.link + t.word}
				if lg.compounds != nil {
					words = lg.compounds(t, u)
				}
				for _, w := range words {
					add(w, entry{kind: kCompound, val: t.val + u.val})
				}
			}
		}
		add(lg.hundred, entry{kind: kHundred, val: 100})
		for _, n := range lg.repeats {
			add(n.word, entry{kind: kRepeat, val: n.val})
		}
		if lg.link != "" {
			add(lg.link, entry{kind: kLink})
		}
		for _, w := range lg.weak {
			e := l.words[w]
			e.flags |= fWeak
			l.words[w] = e
		}
		for _, w := range lg.strict {
			e := l.words[w]
			e.flags |= fNeedStrong
			l.words[w] = e
		}
	}
	for _, w := range fillers {
		l.add(w, entry{kind: kFiller})
	}
	for w := range l.words {
		l.pairs[w[0]][w[1]>>6] |= 1 << (w[1] & 63)
		l.maxLen = max(l.maxLen, len(w))
	}
	return l
}

// add adds w; a word already there only gains the new language.
func (l *lexicon) add(w string, e entry) {
	old, ok := l.words[w]
	if !ok {
		l.words[w] = e
		return
	}
	if old.kind != e.kind || old.val != e.val || old.flags != e.flags {
		panic("spoken: conflicting lexicon entries for " + w)
	}
	old.lang |= e.lang
	l.words[w] = old
}

// lookup returns the entry of the whole word w. It does not allocate.
func lookup(w string) (entry, bool) {
	if len(w) < 2 || len(w) > maxWord || lex.pairs[w[0]][w[1]>>6]&(1<<(w[1]&63)) == 0 {
		return entry{}, false
	}
	if len(w) <= lex.maxLen {
		if e, ok := lex.words[w]; ok {
			return e, true
		}
	}
	if len(w) >= minSplit {
		if e, ok := splitHundreds(w); ok {
			return e, true
		}
	}
	if len(w) >= minThousands {
		return splitThousands(w)
	}
	return entry{}, false
}

// hundredForm is how a language writes "hundred" inside a compound word.
type hundredForm struct {
	word string
	link string // may follow the hundred: hundertundzwanzig
	lang lang
	// elide says the final vowel goes before otto and ottanta: centotto, centottanta.
	elide bool
}

var hundredForms = [...]hundredForm{
	{word: "hundert", link: "und", lang: langDE},
	{word: "hundrede", link: "og", lang: langDA},
	{word: "cento", lang: langIT, elide: true},
}

// splitHundreds reads a word such as zweihundert, hundertzwanzig, neunzehnhundertfünfundachtzig,
// tohundrede, duecentoquarantadue or centotto: an optional multiplier (1..9, in German also 10..19), the
// word for hundred, and an optional rest of 1..99, all of one language.
func splitHundreds(w string) (entry, bool) {
	for _, h := range hundredForms {
		stem := h.word
		if h.elide {
			stem = stem[:len(stem)-1]
		}
		i := strings.Index(w, stem)
		if i < 0 {
			continue
		}
		mult, ok := multiplier(w[:i], h.lang)
		if !ok {
			continue
		}
		after := w[i+len(stem):]
		rests, n := [2]string{after}, 1
		if h.elide {
			if !strings.HasPrefix(after, "o") {
				continue
			}
			rests[0] = after[1:]
			if strings.HasPrefix(after, "ott") {
				rests[1], n = after, 2
			}
		}
		for _, r := range rests[:n] {
			if v, ok := rest(r, h); ok {
				return entry{kind: kHundreds, lang: h.lang, val: mult*100 + v}, true
			}
		}
	}
	return entry{}, false
}

// multiplier reads what stands before the word for hundred: nothing (1), a unit (2..9 in Italian: cento,
// duecento), or in German a teen (neunzehnhundert).
func multiplier(p string, l lang) (uint16, bool) {
	if p == "" {
		return 1, true
	}
	e, ok := lex.words[p]
	if !ok || e.lang&l == 0 {
		return 0, false
	}
	if e.kind == kUnit && (e.val > 1 || l != langIT) || e.kind == kTeen && l == langDE {
		return e.val, true
	}
	return 0, false
}

// rest reads what follows the word for hundred: nothing, or 1..99 in language h.lang, perhaps after h.link.
func rest(r string, h hundredForm) (uint16, bool) {
	if r == "" {
		return 0, true
	}
	e, ok := lex.words[r]
	if !ok && h.link != "" && strings.HasPrefix(r, h.link) {
		e, ok = lex.words[r[len(h.link):]]
	}
	if !ok || e.lang&h.lang == 0 {
		return 0, false
	}
	switch e.kind {
	case kUnit, kTeen, kTens, kCompound:
		return e.val, true
	}
	return 0, false
}
