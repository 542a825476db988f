package visible

import (
	"errors"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNotUTF8 is returned for a document that is not valid UTF-8.
var ErrNotUTF8 = errors.New("visible: not valid UTF-8")

// blocks are the elements a browser sets on their own line; every other element flows inline, so that
// "<b>Laurits</b> Andresen" reads "Laurits Andresen" and "laurits.andre<wbr>sen@example.dk" reads as one email.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Br: true, atom.Caption: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Head: true,
	atom.Header: true, atom.Hr: true, atom.Html: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Title: true, atom.Tr: true,
	atom.Ul: true,
}

// HTML returns the text of an HTML document as a reader sees it: the text nodes in document order, white space
// collapsed as a browser does (kept inside pre and textarea), block elements on their own lines and inline
// markup joining its neighbours; then every attribute value on a line of its own (href with mailto: and tel:,
// title, alt, data-…; a percent-encoded value also decoded), then every comment. Entities are decoded. The
// error is ErrNotUTF8 or the parser's; the text is returned as far as it got.
func HTML(doc string) (string, error) {
	var err error
	if !utf8.ValidString(doc) {
		err = ErrNotUTF8
		doc = strings.ToValidUTF8(doc, "\uFFFD")
	}
	root, perr := html.Parse(strings.NewReader(doc))
	if perr != nil {
		return "", perr
	}
	var text, attrs, comments strings.Builder
	newline := func() {
		if s := text.String(); s != "" && !strings.HasSuffix(s, "\n") {
			text.WriteByte('\n')
		}
	}
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				text.WriteString(n.Data)
			} else {
				text.WriteString(collapse(n.Data, strings.HasSuffix(text.String(), "\n") || text.Len() == 0 ||
					strings.HasSuffix(text.String(), " ")))
			}
		case html.CommentNode:
			comments.WriteString(n.Data)
			comments.WriteByte('\n')
		case html.ElementNode:
			for _, a := range n.Attr {
				attrs.WriteString(a.Val)
				attrs.WriteByte('\n')
				if strings.Contains(a.Val, "%") {
					if u, err := url.PathUnescape(a.Val); err == nil && u != a.Val {
						attrs.WriteString(u)
						attrs.WriteByte('\n')
					}
				}
			}
			pre = pre || n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea
		}
		block := n.Type == html.ElementNode && blocks[n.DataAtom]
		if block {
			newline()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre)
		}
		if block {
			newline()
		}
	}
	walk(root, false)
	return strings.TrimSpace(text.String()) + "\n" + attrs.String() + comments.String(), err
}

// collapse turns every run of white space in s into one space, as a browser renders text; afterSpace drops a
// leading space when the text before already ends in one.
func collapse(s string, afterSpace bool) string {
	var b strings.Builder
	space := afterSpace
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				b.WriteByte(' ')
				space = true
			}
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return b.String()
}
