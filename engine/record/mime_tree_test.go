package record

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/htmlindex"
)

// mailNode is a MIME entity as net/mail and mime/multipart see it: the independent reader the tests compare
// piiguard's output with.
type mailNode struct {
	Type        string
	Charset     string
	Disposition string
	Filename    string
	Headers     map[string]string // decoded From, To, Cc, Reply-To, Subject of a message
	Body        string            // the decoded body (UTF-8 for text)
	Children    []mailNode
}

// testWordDecoder decodes encoded words for the independent reader.
var testWordDecoder = &mime.WordDecoder{CharsetReader: func(label string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}}

// readMail reads msg with net/mail and mime/multipart.
func readMail(t *testing.T, msg string) mailNode {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(msg))
	require.NoError(t, err)
	return readNode(t, textproto.MIMEHeader(m.Header), m.Body, true)
}

func readNode(t *testing.T, h textproto.MIMEHeader, body io.Reader, message bool) mailNode {
	t.Helper()
	n := mailNode{Type: "text/plain"}
	params := map[string]string{}
	if ct := h.Get("Content-Type"); ct != "" {
		mt, p, err := mime.ParseMediaType(ct)
		require.NoError(t, err)
		n.Type, params = mt, p
	}
	n.Charset = strings.ToLower(params["charset"])
	if cd := h.Get("Content-Disposition"); cd != "" {
		d, p, err := mime.ParseMediaType(cd)
		require.NoError(t, err)
		n.Disposition, n.Filename = d, p["filename"]
	}
	if message {
		n.Headers = map[string]string{}
		for _, k := range []string{"From", "To", "Cc", "Reply-To", "Subject"} {
			if v := h.Get(k); v != "" {
				dec, err := testWordDecoder.DecodeHeader(v)
				require.NoError(t, err)
				n.Headers[k] = dec
			}
		}
	}
	raw, err := io.ReadAll(body)
	require.NoError(t, err)
	switch {
	case strings.HasPrefix(n.Type, "multipart/"):
		mr := multipart.NewReader(bytes.NewReader(raw), params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			require.NoError(t, err)
			n.Children = append(n.Children, readNode(t, p.Header, p, false))
		}
	case n.Type == "message/rfc822":
		n.Children = []mailNode{readMail(t, string(undoCTE(t, h.Get("Content-Transfer-Encoding"), raw)))}
	default:
		dec := undoCTE(t, h.Get("Content-Transfer-Encoding"), raw)
		n.Body = string(dec)
		if strings.HasPrefix(n.Type, "text/") && n.Charset != "" && n.Charset != "utf-8" && n.Charset != "us-ascii" {
			enc, err := htmlindex.Get(n.Charset)
			require.NoError(t, err)
			b, err := enc.NewDecoder().Bytes(dec)
			require.NoError(t, err)
			n.Body = string(b)
		}
	}
	return n
}

func undoCTE(t *testing.T, cte string, raw []byte) []byte {
	t.Helper()
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		b, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, bytes.NewReader(raw)))
		require.NoError(t, err)
		return b
	case "quoted-printable":
		b, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
		require.NoError(t, err)
		return b
	}
	return raw
}

// nodeAt returns the entity at an IMAP-style section ("" for the root, "1.2").
func nodeAt(t *testing.T, n mailNode, section string) mailNode {
	t.Helper()
	if section == "" {
		return n
	}
	for _, s := range strings.Split(section, ".") {
		i, err := strconv.Atoi(s)
		require.NoError(t, err)
		require.LessOrEqual(t, i, len(n.Children), "section %s", section)
		n = n.Children[i-1]
	}
	return n
}

// withoutBinaryBodies blanks the bodies of non-text leaves, which piiguard drops by default.
func withoutBinaryBodies(n mailNode) mailNode {
	out := n
	out.Children = nil
	for _, c := range n.Children {
		out.Children = append(out.Children, withoutBinaryBodies(c))
	}
	if len(n.Children) == 0 && !strings.HasPrefix(n.Type, "text/") && !strings.HasPrefix(n.Type, "multipart/") &&
		n.Type != "message/rfc822" {
		out.Body = ""
	}
	return out
}

// fixture reads a file of testdata/mime.
func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mime", name))
	require.NoError(t, err)
	return string(b)
}

// fixtures lists the well-formed messages of testdata/mime.
func fixtures(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "mime", "*.eml"))
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}
