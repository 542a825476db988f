package record

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// Content-Transfer-Encodings a part may use.
const (
	cte7bit   = "7bit"
	cte8bit   = "8bit"
	cteBinary = "binary"
	cteQP     = "quoted-printable"
	cteBase64 = "base64"
)

// knownCTE reports whether cte (lower case) is a transfer encoding piiguard can undo.
func knownCTE(cte string) bool {
	switch cte {
	case cte7bit, cte8bit, cteBinary, cteQP, cteBase64:
		return true
	}
	return false
}

// decodeTransfer undoes the transfer encoding cte (lower case) of a body.
func decodeTransfer(body, cte string) ([]byte, bool) {
	switch cte {
	case cteQP:
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
		return b, err == nil
	case cteBase64:
		return decodeBase64(body)
	default:
		return []byte(body), true
	}
}

// decodeBase64 decodes base64 split over lines; white space is ignored and the padding is optional.
func decodeBase64(body string) ([]byte, bool) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			return -1
		}
		return r
	}, body)
	enc := base64.StdEncoding
	if !strings.HasSuffix(clean, "=") && len(clean)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	b, err := enc.DecodeString(clean)
	return b, err == nil
}

// encodeTransfer applies the transfer encoding cte to a UTF-8 text, with eol as the line ending; trailingEOL
// ends a base64 body with a line break.
func encodeTransfer(text, cte, eol string, trailingEOL bool) string {
	switch cte {
	case cteBase64:
		enc := base64.StdEncoding.EncodeToString([]byte(text))
		var b strings.Builder
		for len(enc) > 76 {
			b.WriteString(enc[:76])
			b.WriteString(eol)
			enc = enc[76:]
		}
		b.WriteString(enc)
		if trailingEOL && enc != "" {
			b.WriteString(eol)
		}
		return b.String()
	case cteQP:
		var b bytes.Buffer
		w := quotedprintable.NewWriter(&b)
		_, _ = w.Write([]byte(text)) // writing to a bytes.Buffer does not fail
		_ = w.Close()
		if eol == "\n" {
			return strings.ReplaceAll(b.String(), "\r\n", "\n")
		}
		return b.String()
	default:
		return text
	}
}

// needsQP reports whether a text can not travel as 7bit/8bit as it is: it holds non-ASCII bytes, or a line
// longer than RFC 5322's 998 characters.
func needsQP(text string) bool {
	line := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= 0x80 {
			return true
		}
		if c == '\n' {
			line = 0
			continue
		}
		if line++; line > 998 {
			return true
		}
	}
	return false
}

// isUTF8Label reports whether a charset label names UTF-8 or US-ASCII (a subset), or is absent.
func isUTF8Label(label string) bool {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us":
		return true
	}
	return false
}

// lookupCharset finds the decoder of a MIME charset label; ok is false for labels it does not know and for
// encodings that would hide the text (the WHATWG "replacement" encoding).
func lookupCharset(label string) (encoding.Encoding, bool) {
	label = strings.ToLower(strings.TrimSpace(label))
	enc, err := htmlindex.Get(label)
	if err != nil || enc == nil {
		if enc, err = ianaindex.MIME.Encoding(label); err != nil || enc == nil {
			return nil, false
		}
	}
	if enc == encoding.Replacement {
		return nil, false
	}
	return enc, true
}

// decodeCharset converts a body in charset label to UTF-8. A body without a charset (or labelled US-ASCII)
// that is not valid UTF-8 is read as Windows-1252; invalid UTF-8 in a UTF-8 body becomes U+FFFD.
func decodeCharset(b []byte, label string) (string, bool) {
	if isUTF8Label(label) {
		if utf8.Valid(b) {
			return string(b), true
		}
		l := strings.ToLower(strings.TrimSpace(label))
		if l == "utf-8" || l == "utf8" {
			return strings.ToValidUTF8(string(b), "\uFFFD"), true
		}
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		return string(out), err == nil
	}
	enc, ok := lookupCharset(label)
	if !ok {
		return "", false
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", false
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), true
}

// charsetReader is the mime.WordDecoder hook for encoded words in charsets other than UTF-8.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	if isUTF8Label(label) {
		return input, nil
	}
	enc, ok := lookupCharset(label)
	if !ok {
		return nil, errMIME()
	}
	return enc.NewDecoder().Reader(input), nil
}
