package visible

import (
	"mime"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// mediaParams parses a Content-Type or Content-Disposition value. mime.ParseMediaType does the work; a parameter
// it drops because its RFC 2231 charset is neither UTF-8 nor US-ASCII (filename*=iso-8859-1'de'Z%E4hler…, as
// mail clients write) is decoded here with any charset golang.org/x/text knows.
func mediaParams(v string) (string, map[string]string, error) {
	mt, params, err := mime.ParseMediaType(v)
	if err != nil {
		return "", nil, err
	}
	for name, val := range extendedParams(v) {
		if _, ok := params[name]; !ok {
			params[name] = val
		}
	}
	return mt, params, nil
}

// section is one piece of an RFC 2231 parameter: name*N or name*N* (N is 0 when there is no continuation).
type section struct {
	n        int
	extended bool
	value    string
}

// extendedParams returns the RFC 2231 extended parameters (name*=…, name*0*=…, name*1=…) of a header value,
// their continuations joined, percent-encoding and charset undone.
func extendedParams(v string) map[string]string {
	byName := map[string][]section{}
	for _, p := range splitParams(v) {
		name, val, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		name = strings.ToLower(strings.TrimSpace(name))
		base, rest, ok := strings.Cut(name, "*")
		if !ok {
			continue
		}
		s := section{extended: strings.HasSuffix(rest, "*") || rest == "", value: unquote(strings.TrimSpace(val))}
		if num := strings.TrimSuffix(rest, "*"); num != "" {
			n, err := strconv.Atoi(num)
			if err != nil {
				continue
			}
			s.n = n
		}
		byName[base] = append(byName[base], s)
	}
	out := map[string]string{}
	for name, secs := range byName {
		sort.Slice(secs, func(i, j int) bool { return secs[i].n < secs[j].n })
		charset := "us-ascii"
		var raw []byte
		for i, s := range secs {
			val := s.value
			if s.extended {
				if i == 0 {
					parts := strings.SplitN(val, "'", 3)
					if len(parts) != 3 {
						continue
					}
					charset, val = parts[0], parts[2]
				}
				if u, err := url.PathUnescape(val); err == nil {
					val = u
				}
			}
			raw = append(raw, val...)
		}
		if enc, err := charsetEncoding(charset); err == nil {
			if d, err := enc.NewDecoder().Bytes(raw); err == nil {
				raw = d
			}
		}
		out[name] = strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	return out
}

// splitParams returns the "name=value" parameters of a header value, split at the semicolons outside quotes.
func splitParams(v string) []string {
	var out []string
	quoted, escaped, start := false, false, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case escaped:
			escaped = false
		case c == '\\' && quoted:
			escaped = true
		case c == '"':
			quoted = !quoted
		case c == ';' && !quoted:
			out = append(out, v[start:i])
			start = i + 1
		}
	}
	out = append(out, v[start:])
	return out[1:] // the media type itself
}

// unquote removes the quotes of a quoted-string value.
func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
		return strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(v)
	}
	return v
}
