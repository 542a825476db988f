package policy

import (
	"errors"
	"strings"
)

// wildcard is the pattern token that matches any one token of a JSON Pointer.
const wildcard = "*"

// pattern is a JSON Pointer (RFC 6901) whose tokens may be "*", split into its still-escaped tokens.
type pattern []string

// parsePattern reads "/segments/*/text": it must start with '/', '~' must be escaped as ~0 or ~1, and '*' must
// be a whole token.
func parsePattern(s string) (pattern, error) {
	if !strings.HasPrefix(s, "/") {
		return nil, errors.New(`a path is a JSON Pointer and must start with "/" (e.g. /segments/*/text)`)
	}
	toks := strings.Split(s[1:], "/")
	for _, t := range toks {
		for i := 0; i < len(t); i++ {
			if t[i] == '~' && (i+1 == len(t) || t[i+1] != '0' && t[i+1] != '1') {
				return nil, errors.New(`"~" must be escaped as ~0 ("/" as ~1)`)
			}
		}
		if t != wildcard && strings.Contains(t, wildcard) {
			return nil, errors.New(`"*" must be a whole token (/messages/*/text), not part of one`)
		}
	}
	return pattern(toks), nil
}

// match reports whether the JSON Pointer path has as many tokens as p and each equals p's token or p's token
// is "*". It does not allocate.
func (p pattern) match(path string) bool {
	if path == "" || path[0] != '/' {
		return false
	}
	rest, more := path[1:], true
	for _, t := range p {
		if !more {
			return false
		}
		tok := rest
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			tok, rest = rest[:j], rest[j+1:]
		} else {
			more = false
		}
		if t != wildcard && t != tok {
			return false
		}
	}
	return !more
}

// wildcards counts p's "*" tokens.
func (p pattern) wildcards() int {
	n := 0
	for _, t := range p {
		if t == wildcard {
			n++
		}
	}
	return n
}

// moreSpecific orders patterns for Decide: fewer wildcards first, then the one whose first differing wildcard
// comes later (literal tokens further left), then shorter, then by text.
func (p pattern) moreSpecific(q pattern) bool {
	if a, b := p.wildcards(), q.wildcards(); a != b {
		return a < b
	}
	for i := 0; i < len(p) && i < len(q); i++ {
		if pw, qw := p[i] == wildcard, q[i] == wildcard; pw != qw {
			return qw
		}
	}
	if len(p) != len(q) {
		return len(p) < len(q)
	}
	return strings.Join(p, "/") < strings.Join(q, "/")
}
