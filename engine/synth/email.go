package synth

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// email builds an email: mostly a customer writing to the service address, sometimes an
// agent's answer; replies quote the earlier message below. One in five has an HTML body.
func (b *builder) email(id string) []byte {
	mb := &b.loc.mail
	b.style = written
	rec := emailRecord{ID: id, Channel: "email", Language: b.loc.lang}
	fromAgent := b.chance(0.25)
	quoted := fromAgent || b.chance(0.35)

	rec.Subject = b.fill(pick(b.rng, mb.subjects))
	if quoted {
		rec.Subject = mb.reply + rec.Subject
	}
	customerAddr := pick(b.rng, []string{"{person} <{email}>", "{person} <{email}>", "{email}"})
	var body, quote []string
	if fromAgent {
		rec.From = b.fill("{company} <{service}>")
		rec.To = b.fill(customerAddr)
		body = b.agentMail()
		b.slots["quoted"] = "{person} <{email}>"
		quote = b.customerMail()
	} else {
		rec.From = b.fill(customerAddr)
		rec.To = b.fill("{service}")
		body = b.customerMail()
		if quoted {
			b.slots["quoted"] = "{company} <{service}>"
			quote = b.agentMail()
		}
	}
	var header string
	if quoted {
		header = b.fill(pick(b.rng, mb.quoteHdr))
	}
	if b.chance(0.2) {
		rec.BodyHTML = b.html(body, header, quote)
	} else {
		rec.Body = plainMail(body, header, quote)
	}
	return encode(rec)
}

// customerMail writes a customer's message as paragraphs: greeting, why they write, the facts,
// closing and signature.
func (b *builder) customerMail() []string {
	mb := &b.loc.mail
	paras := []string{b.fill(pick(b.rng, mb.greet))}
	cur := b.fill(pick(b.rng, mb.intent))
	for _, f := range b.chooseFacts(mb.facts) {
		s := b.fill(pick(b.rng, mb.facts[f]))
		if strings.Contains(s, "\n") || strings.Contains(cur, "\n") || b.chance(0.4) {
			paras = append(paras, cur)
			cur = s
			continue
		}
		cur += " " + s
	}
	paras = append(paras, cur)
	return append(paras, b.fill(pick(b.rng, mb.closing)+"\n"+pick(b.rng, mb.sign)))
}

// agentMail writes an agent's message: salutation, one or two paragraphs, closing and the
// agent's signature.
func (b *builder) agentMail() []string {
	mb := &b.loc.mail
	paras := []string{b.fill("{dear},")}
	for i, k := range b.rng.Perm(len(mb.agent))[:1+b.rng.IntN(2)] {
		tpl := mb.agent[k]
		if i > 0 {
			tpl = b.capital(tpl)
		}
		paras = append(paras, b.fill(tpl))
	}
	return append(paras, b.fill(pick(b.rng, mb.closing)+"\n"+pick(b.rng, mb.agentSig)))
}

// capital upper-cases the first letter of a template when it is literal text.
func (b *builder) capital(tpl string) string {
	r, size := utf8.DecodeRuneInString(tpl)
	if !unicode.IsLower(r) {
		return tpl
	}
	return string(unicode.ToUpper(r)) + tpl[size:]
}

// plainMail renders a text body: paragraphs, then the quoted message with "> " before each
// line.
func plainMail(body []string, header string, quote []string) string {
	s := strings.Join(body, "\n\n")
	if header == "" {
		return s
	}
	var q []string
	for _, line := range strings.Split(strings.Join(quote, "\n\n"), "\n") {
		q = append(q, strings.TrimRight("> "+line, " "))
	}
	return s + "\n\n" + header + "\n" + strings.Join(q, "\n")
}

// html renders an HTML body: one <p> per paragraph, <br> between lines, the quoted message in
// a <blockquote>, and email addresses as mailto: links.
func (b *builder) html(body []string, header string, quote []string) string {
	var emails []string
	for _, v := range b.pii {
		if v.Type == "EMAIL" && strings.Contains(v.Text, "@") {
			emails = append(emails, v.Text)
		}
	}
	slices.SortFunc(emails, func(x, y string) int { return cmp.Compare(len(y), len(x)) })
	var pairs []string
	for _, e := range emails {
		pairs = append(pairs, e, `<a href="mailto:`+e+`">`+e+`</a>`)
	}
	links := strings.NewReplacer(pairs...)
	para := func(p string) string {
		lines := strings.Split(p, "\n")
		for i, l := range lines {
			lines[i] = links.Replace(escapeHTML(l))
		}
		return "<p>" + strings.Join(lines, "<br>\n") + "</p>\n"
	}
	var s strings.Builder
	s.WriteString("<html><body>\n")
	for _, p := range body {
		s.WriteString(para(p))
	}
	if header != "" {
		s.WriteString(para(header))
		s.WriteString("<blockquote>\n")
		for _, p := range quote {
			s.WriteString(para(p))
		}
		s.WriteString("</blockquote>\n")
	}
	s.WriteString("</body></html>")
	return s.String()
}

// escapeHTML escapes the characters that would end a text node. Quotes and apostrophes stay
// as they are in text, so names like O'Brien read the same in the HTML.
func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
