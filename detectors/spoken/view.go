// Package spoken writes numbers that callers dictate as words ("null eins fünf eins", "four five double
// two", "toogfyrre", "quarantadue") as digits, so that the rules for phones, IBANs, cards and IDs see them,
// and maps every byte of that view back to the words of the original text.
//
// German, English, Danish and Italian number words are known, with their compounds (zweiundvierzig,
// forty two, enogtyve, ventitré), hundreds (zweihundert, one hundred and five, duecento), repeats (double
// four, doppel vier, dobbelt fire, doppio quattro) and hesitations (äh, ehm, øh, um), which vanish inside a
// run of dictated numbers.
package spoken

import "github.com/piiguard/piiguard/detectors/textmap"

// View is a text in which runs of spelled-out numbers are written as digits, with the map back to the original:
// Text, Span (view span → original span) and String (the length only, never the text).
type View = textmap.View
