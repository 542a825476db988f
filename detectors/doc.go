// Package detectors compiles rule packs into one Scanner and finds personal data in text.
//
// A scan looks at most bytes once, cheaply: the text is normalised into views (NFKC, case folded, and a
// spoken-number view for transcripts); one keyword automaton and one byte pass find where rules could match
// (keywords, digit runs, '@', hex-colon runs); regexes run only on those windows; validators and context words
// decide. Findings carry type, offsets, score and rule, never the value. Everything here is pure: no I/O, and a
// Scanner is safe for concurrent use once compiled.
package detectors
