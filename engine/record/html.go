package record

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// ParseHTML parses an HTML body (the `body_html` member of an email record, or an HTML part of a message).
//
// Its texts are the text nodes, entities decoded ("/text/3", numbered over all text nodes in source order), the
// comments ("/comment/0"), and the attribute values that may carry data ("/a/0/href", "/img/2/alt": tag name,
// the tag's ordinal among tags of that name, attribute; a name that is not a plain identifier becomes "_" or
// "_<attribute index>"): every attribute except presentational ones (class,
// style, width, colspan… see skipAttrs). A mailto:, tel:, sms:, callto: or fax: link contributes the part after
// its scheme, percent-decoded. Script and style content are Meta texts (not scanned). White-space-only text
// nodes at the edge of a run are not texts.
//
// A text node whose value goes on in the next text node with only inline markup between (b, i, em, strong, span,
// a, u, small, font, sub, sup, wbr, abbr…) has Continues set, so "<b>Laurits</b> Andresen" and
// "john.smith@exa<wbr>mple.com" are scanned as one text; block elements, <br>, <img> and any other tag end the
// run. Attributes and comments met inside a run come after its texts.
//
// Render edits the source in place: a changed text node is replaced by its HTML-escaped text, a changed
// attribute value is re-escaped and quoted (a mailto: link keeps its scheme), a changed comment is rewritten as
// a comment; every other byte stays as written.
func ParseHTML(value string) (Document, error) {
	d, err := parseHTMLDoc(value)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// errHTML returns the error of an HTML document that cannot be tokenized.
func errHTML() error { return &Error{Reason: ReasonHTML, Offset: -1} }

// htmlDoc is a tokenized HTML document.
type htmlDoc struct {
	src   string
	texts []DocText
	slots []htmlSlot
	tags  []htmlTag
}

var _ Document = (*htmlDoc)(nil)

// Texts returns the document's texts.
func (d *htmlDoc) Texts() []DocText { return d.texts }

// htmlSlotKind says what a text of an HTML document is.
type htmlSlotKind int

const (
	htmlText    htmlSlotKind = iota // a text node
	htmlComment                     // a comment
	htmlAttr                        // an attribute value
	htmlTail                        // bytes after the last token (an unterminated tag)
)

// htmlSlot locates a text of an HTML document.
type htmlSlot struct {
	kind       htmlSlotKind
	start, end int    // the token in the source (text, comment, tail)
	tag, attr  int    // htmlAttr: the tag (index in tags) and the attribute's index in it
	prefix     string // htmlAttr: the scheme kept in front of the value ("mailto:")
}

// htmlTag is a start tag with scanned attributes.
type htmlTag struct {
	start, end  int
	name        string
	attrs       []html.Attribute
	selfClosing bool
	spans       []attrSpan // nil when the source could not be matched to attrs: Render rewrites the tag
}

// htmlRunItem is a text node waiting for the end of its run.
type htmlRunItem struct {
	text       DocText
	start, end int
}

// htmlBuilder collects the texts of a document as it is tokenized.
type htmlBuilder struct {
	d       *htmlDoc
	run     []htmlRunItem
	pending []DocText
	pslots  []htmlSlot
}

// parseHTMLDoc tokenizes value with golang.org/x/net/html.
func parseHTMLDoc(value string) (*htmlDoc, error) {
	b := &htmlBuilder{d: &htmlDoc{src: value}}
	z := html.NewTokenizer(strings.NewReader(value))
	pos, textN, commentN := 0, 0, 0
	tagN := map[string]int{}
	rawElem := "" // the raw-text element whose content the next text token is
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) {
				return nil, errHTML()
			}
			break
		}
		start := pos
		pos += len(z.Raw())
		if pos > len(value) || z.Err() != nil {
			return nil, errHTML()
		}
		inRaw := rawElem
		rawElem = ""
		switch tt {
		case html.TextToken:
			t := DocText{Path: "/text/" + strconv.Itoa(textN), Value: string(z.Text())}
			textN++
			if inRaw == "script" || inRaw == "style" {
				b.flushRun()
				t.Meta = true
				b.emit(t, htmlSlot{kind: htmlText, start: start, end: pos})
				continue
			}
			b.run = append(b.run, htmlRunItem{text: t, start: start, end: pos})
		case html.CommentToken:
			t := DocText{Path: "/comment/" + strconv.Itoa(commentN), Value: string(z.Text())}
			commentN++
			if strings.TrimSpace(t.Value) != "" {
				b.defer_(t, htmlSlot{kind: htmlComment, start: start, end: pos})
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !inlineElements[tok.Data] {
				b.flushRun()
			}
			if rawTextElements[tok.Data] {
				rawElem = tok.Data
			}
			name := pathName(tok.Data, "_")
			n := tagN[name]
			tagN[name]++
			b.tagTexts(tok, tt == html.SelfClosingTagToken, value[start:pos], start, name, n)
		case html.EndTagToken:
			name, _ := z.TagName()
			if !inlineElements[string(name)] {
				b.flushRun()
			}
		default: // doctype
			b.flushRun()
		}
	}
	if pos < len(value) {
		// An unterminated tag at the end: the tokenizer drops it, but its bytes are still there.
		b.flushRun()
		b.emit(DocText{Path: "/tail", Value: value[pos:]}, htmlSlot{kind: htmlTail, start: pos, end: len(value)})
	}
	b.flushRun()
	return b.d, nil
}

// tagTexts adds the scanned attributes of a start tag to the pending texts.
func (b *htmlBuilder) tagTexts(tok html.Token, selfClosing bool, raw string, start int, name string, n int) {
	tag := -1
	for i, a := range tok.Attr {
		prefix, text, ok := attrText(a.Key, a.Val)
		if !ok {
			continue
		}
		if tag < 0 {
			tag = len(b.d.tags)
			ht := htmlTag{start: start, end: start + len(raw), name: tok.Data, attrs: tok.Attr, selfClosing: selfClosing}
			if spans, ok := scanAttrs(raw); ok && sameKeys(spans, raw, tok.Attr) {
				for k := range spans {
					spans[k].vs += start
					spans[k].ve += start
				}
				ht.spans = spans
			}
			b.d.tags = append(b.d.tags, ht)
		}
		path := "/" + name + "/" + strconv.Itoa(n) + "/" + pathName(a.Key, "_"+strconv.Itoa(i))
		b.defer_(DocText{Path: path, Value: text, Hint: schemeHint(prefix)}, htmlSlot{kind: htmlAttr, tag: tag, attr: i, prefix: prefix})
	}
}

// emit adds a text to the document.
func (b *htmlBuilder) emit(t DocText, s htmlSlot) {
	b.d.texts = append(b.d.texts, t)
	b.d.slots = append(b.d.slots, s)
}

// defer_ keeps a text until the current run of text nodes ends.
func (b *htmlBuilder) defer_(t DocText, s htmlSlot) {
	b.pending = append(b.pending, t)
	b.pslots = append(b.pslots, s)
}

// flushRun emits the text nodes of the current run (without white-space-only nodes at its edges), each but the
// last continuing in the next, then the texts deferred while it lasted.
func (b *htmlBuilder) flushRun() {
	run := b.run
	for len(run) > 0 && strings.TrimSpace(run[0].text.Value) == "" {
		run = run[1:]
	}
	for len(run) > 0 && strings.TrimSpace(run[len(run)-1].text.Value) == "" {
		run = run[:len(run)-1]
	}
	for i, it := range run {
		it.text.Continues = i < len(run)-1
		b.emit(it.text, htmlSlot{kind: htmlText, start: it.start, end: it.end})
	}
	b.run = b.run[:0]
	for i, t := range b.pending {
		b.emit(t, b.pslots[i])
	}
	b.pending, b.pslots = b.pending[:0], b.pslots[:0]
}

// inlineElements are the elements that do not break a run of text: a value may go on across them.
var inlineElements = map[string]bool{
	"a": true, "abbr": true, "acronym": true, "b": true, "bdi": true, "bdo": true, "big": true, "cite": true,
	"code": true, "data": true, "del": true, "dfn": true, "em": true, "font": true, "i": true, "ins": true,
	"kbd": true, "label": true, "mark": true, "nobr": true, "o:p": true, "q": true, "s": true, "samp": true,
	"small": true, "span": true, "strike": true, "strong": true, "sub": true, "sup": true, "time": true,
	"tt": true, "u": true, "var": true, "wbr": true,
}

// rawTextElements are the elements whose content the tokenizer reads as raw text (or RCDATA).
var rawTextElements = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true, "iframe": true,
	"noembed": true, "noframes": true, "noscript": true, "plaintext": true,
}
