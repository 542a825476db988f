package spelled

// soloNames are names of letters that stand for their letter alone, without a word that spells them, in a
// row of letters ("effe e erre erre i", "em i kå kå e æl", "zett e t t"): the Italian, German, Danish and
// English names that no everyday word of the four languages shares. Names that are everyday words (es, er,
// de, ci, ti, see, why, tee) are letters only before a link ("es wie samuel", "ti come torino"); so are the
// short names of a, e, i, o and u, written as the letter itself.
var soloNames = map[string]string{
	// Italian
	"bi": "b", "gi": "g", "pi": "p", "effe": "f", "acca": "h", "elle": "l", "emme": "m", "enne": "n",
	"erre": "r", "esse": "s", "zeta": "z",
	// German
	"jot": "j", "vau": "v", "ix": "x", "zett": "z",
	// Danish
	"æf": "f", "hå": "h", "jod": "j", "kå": "k", "æl": "l", "æm": "m", "æn": "n", "ær": "r", "æs": "s",
	"æks": "x",
	// English
	"aitch": "h", "ess": "s", "vee": "v", "zed": "z", "zee": "z",
}
