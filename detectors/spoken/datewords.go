package spoken

import "strings"

// dateWord is what the date lexicon knows about one word: a month name, an ordinal (the day, or in German and
// Danish also the month: "den syvende i tredje"), or a connector that may stand between day and month.
type dateWord struct {
	kind  dateKind
	lang  lang
	val   uint8 // the month (1..12) or the ordinal (1..31)
	isOrd bool  // an ordinal that is also a month, when kind is dMonth
}

// dateKind is the part a word plays in a date.
type dateKind uint8

const (
	dNone     dateKind = iota
	dMonth             // a month name, or an ordinal 1..12 that may stand for the month (German, Danish)
	dOrdinal           // an ordinal 13..31, or 1..12 in English and Italian
	dConn              // i (da), of (en), di (it): between day and month
	dYearConn          // del (it), of (en): between month and year
)

// monthNames are the month names of each language, January first.
var monthNames = []struct {
	lang  lang
	names [12]string
}{
	{langDE, [12]string{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"}},
	{langDE, [12]string{"jänner", "feber", "maerz"}},
	{langDA, [12]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}},
	{langEN, [12]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}},
	{langIT, [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}},
}

// germanOrdinalStems are the German ordinal stems 1..19; 20 and 30 end in -st: zwanzigst, einundzwanzigst.
var germanOrdinalStems = [19]string{"erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt",
	"zehnt", "elft", "zwölft", "dreizehnt", "vierzehnt", "fünfzehnt", "sechzehnt", "siebzehnt", "achtzehnt", "neunzehnt"}

// danishOrdinals are the Danish ordinals 1..20 and 30; 21..29 and 31 are built: enogtyvende, enogtredivte.
var danishOrdinals = [...]num{{"første", 1}, {"anden", 2}, {"andet", 2}, {"tredje", 3}, {"fjerde", 4}, {"femte", 5},
	{"sjette", 6}, {"syvende", 7}, {"ottende", 8}, {"niende", 9}, {"tiende", 10}, {"elvte", 11}, {"tolvte", 12},
	{"trettende", 13}, {"fjortende", 14}, {"femtende", 15}, {"sekstende", 16}, {"syttende", 17}, {"attende", 18},
	{"nittende", 19}, {"tyvende", 20}, {"tredivte", 30}}

// englishOrdinals are the English ordinals 1..20 and 30; 21..29 and 31 are two words (twenty-first).
var englishOrdinals = [...]num{{"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"sixth", 6},
	{"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}, {"eleventh", 11}, {"twelfth", 12}, {"thirteenth", 13},
	{"fourteenth", 14}, {"fifteenth", 15}, {"sixteenth", 16}, {"seventeenth", 17}, {"eighteenth", 18},
	{"nineteenth", 19}, {"twentieth", 20}, {"thirtieth", 30}}

// italianOrdinals are the Italian ordinals 1..10; from 11 on they are built from the cardinal (dodicesimo).
var italianOrdinals = [...]num{{"primo", 1}, {"secondo", 2}, {"terzo", 3}, {"quarto", 4}, {"quinto", 5},
	{"sesto", 6}, {"settimo", 7}, {"ottavo", 8}, {"nono", 9}, {"decimo", 10}}

// dates is the date lexicon, with a filter of the first two bytes of its words.
var dates = buildDateWords()

// dateLexicon holds the date words, a filter of their first two bytes and one of their first and last byte.
type dateLexicon struct {
	words map[string]dateWord
	pairs [256][4]uint64
	ends  [256][4]uint64
}

// buildDateWords builds the date lexicon. It panics on a word given two meanings, a programming error.
func buildDateWords() *dateLexicon {
	d := &dateLexicon{words: make(map[string]dateWord, 512)}
	ordinal := func(w string, l lang, v uint16) {
		k := dOrdinal
		if v <= 12 && l&(langDE|langDA) != 0 {
			k = dMonth
		}
		d.add(w, dateWord{kind: k, lang: l, val: uint8(v), isOrd: true})
		if a := german.ascii(w); l == langDE && a != w {
			d.add(a, dateWord{kind: k, lang: l, val: uint8(v), isOrd: true})
		}
	}
	for _, m := range monthNames {
		for i, n := range m.names {
			if n != "" {
				d.add(n, dateWord{kind: dMonth, lang: m.lang, val: uint8(i + 1)})
			}
		}
	}
	// German: stem + e, er, en, es, em.
	germanStem := func(stem string, v uint16) {
		for _, end := range []string{"e", "er", "en", "es", "em"} {
			ordinal(stem+end, langDE, v)
		}
	}
	for i, st := range germanOrdinalStems {
		germanStem(st, uint16(i+1))
	}
	germanStem("siebent", 7)
	for _, t := range []num{{"zwanzig", 20}, {"dreißig", 30}} {
		germanStem(t.word+"st", t.val)
		for _, u := range german.stems {
			if t.val+u.val <= 31 {
				germanStem(u.word+"und"+t.word+"st", t.val+u.val)
			}
		}
	}
	for _, o := range danishOrdinals {
		ordinal(o.word, langDA, o.val)
	}
	for _, u := range danish.stems {
		ordinal(u.word+"ogtyvende", langDA, 20+u.val)
	}
	ordinal("enogtredivte", langDA, 31)
	for _, o := range englishOrdinals {
		ordinal(o.word, langEN, o.val)
	}
	for _, o := range italianOrdinals {
		ordinal(o.word, langIT, o.val)
	}
	for v := uint16(11); v <= 31; v++ {
		ordinal(italianOrdinal(v), langIT, v)
	}
	d.add("i", dateWord{kind: dConn, lang: langDA})
	d.add("di", dateWord{kind: dConn, lang: langIT})
	d.add("of", dateWord{kind: dConn, lang: langEN})
	d.add("del", dateWord{kind: dYearConn, lang: langIT})
	for w := range d.words {
		if len(w) > 1 {
			d.pairs[w[0]][w[1]>>6] |= 1 << (w[1] & 63)
			d.ends[w[0]][w[len(w)-1]>>6] |= 1 << (w[len(w)-1] & 63)
		}
	}
	return d
}

// italianOrdinal spells the Italian ordinal of v (11..31): the cardinal loses its last vowel and takes -esimo
// (dodicesimo, ventunesimo); a cardinal ending in tré or sei keeps it (ventitreesimo, ventiseiesimo).
func italianOrdinal(v uint16) string {
	var w string
	for _, t := range italian.teens {
		if t.val == v {
			w = t.word
		}
	}
	if w == "" {
		tens := italian.tens[v/10-2]
		w = tens.word
		if u := v % 10; u > 0 {
			w = italianCompound(tens, italian.stems[u-1])[0]
		}
	}
	w = strings.ReplaceAll(w, "é", "e") // ventitré → ventitre
	if strings.HasSuffix(w, "tre") || strings.HasSuffix(w, "sei") {
		return w + "esimo"
	}
	return w[:len(w)-1] + "esimo"
}

// add adds w; a word already there with the same meaning only gains the new language.
func (d *dateLexicon) add(w string, e dateWord) {
	old, ok := d.words[w]
	if !ok {
		d.words[w] = e
		return
	}
	if old.kind != e.kind || old.val != e.val || old.isOrd != e.isOrd {
		panic("spoken: conflicting date words for " + w)
	}
	old.lang |= e.lang
	d.words[w] = old
}

// lookupDate returns the date lexicon's entry of the whole word w. It does not allocate.
func lookupDate(w string) (dateWord, bool) {
	if len(w) == 1 {
		e, ok := dates.words[w]
		return e, ok
	}
	if len(w) == 0 || len(w) > maxWord || dates.pairs[w[0]][w[1]>>6]&(1<<(w[1]&63)) == 0 ||
		dates.ends[w[0]][w[len(w)-1]>>6]&(1<<(w[len(w)-1]&63)) == 0 {
		return dateWord{}, false
	}
	e, ok := dates.words[w]
	return e, ok
}
