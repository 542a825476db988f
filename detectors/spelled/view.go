// Package spelled writes what callers spell out word by word as the compact text a rule can match:
// emails said with their signs ("laurits punkt andresen at gmail punkt com", "mario punto rossi chiocciola
// libero punto it") and names spelled letter by letter ("j o h n", "m wie martha", "a come ancona",
// "alpha bravo charlie"), and maps every byte of that view back to the words of the original text.
//
// German, English, Danish and Italian are known: the words for the signs of an email (punkt, dot, punto,
// punktum, at, klammeraffe, snabel-a, chiocciola, bindestrich, trattino, unterstrich, underscore…), the
// links of a letter to the word that spells it (wie, come, di, som i, as in, for), and the spelling
// alphabets (NATO, DIN 5009 with its 2022 city names, the Italian city alphabet, the Danish one).
package spelled

import "github.com/piiguard/piiguard/detectors/textmap"

// View is a text in which spelled-out letters and dictated emails are written compactly, with the map back to
// the original: Text, Span (view span → original span) and String (the length only, never the text).
type View = textmap.View
