package record

import (
	"errors"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// textsByPath indexes the texts of a document by path.
func textsByPath(t *testing.T, d Document) map[string]DocText {
	t.Helper()
	out := map[string]DocText{}
	for _, x := range d.Texts() {
		_, dup := out[x.Path]
		require.False(t, dup, "duplicate path %s", x.Path)
		out[x.Path] = x
	}
	return out
}

// indexOf returns the index of the text at path.
func indexOf(t *testing.T, d Document, path string) int {
	t.Helper()
	for i, x := range d.Texts() {
		if x.Path == path {
			return i
		}
	}
	require.Failf(t, "no text", "path %s", path)
	return -1
}

func TestParseMIMETexts(t *testing.T) {
	for _, tc := range []struct {
		file     string
		equal    map[string]string // path → whole value
		contains map[string]string // path → part of the value
		absent   []string          // path prefixes no text may have
	}{
		{
			file: "alternative.eml",
			equal: map[string]string{
				"/headers/from/0/name": "Emily Clarke", "/headers/to/0/address": "john.smith@example.com",
				"/headers/subject": "Your call today - payment details", "/parts/2/html/text/7": "John",
				"/parts/2/html/a/0/href": "+442079460958", "/parts/2/html/a/0/title": "Call Emily Clarke",
				"/parts/2/html/a/1/href": "emily.clarke@northwind-bank.example",
			},
			contains: map[string]string{
				"/parts/1/body": "GB29 NWBK 6016 1331 9268 19", "/parts/2/html/comment/0": "john.smith@example.com",
				"/preamble": "multi-part message",
			},
			absent: []string{"/headers/date", "/headers/mime-version", "/headers/content-type"},
		},
		{
			file: "mixed_attachments.eml",
			equal: map[string]string{
				"/parts/2/headers/content-disposition/filename": "kontoauszug_laurits_andresen.pdf",
				"/parts/2/headers/content-type/name":            "kontoauszug_laurits_andresen.pdf",
				"/parts/3/headers/content-disposition/filename": "gespraechsnotiz.txt",
				"/headers/cc/0/name":                            "Kundenservice",
			},
			contains: map[string]string{
				"/parts/1/body": "Mit freundlichen Grüßen\r\nAnna Schmidt",
				"/parts/3/body": "IBAN: DE89 3704 0044 0532 0130 00",
			},
			absent: []string{"/parts/2/body", "/parts/2/headers/content-transfer-encoding"},
		},
		{
			file: "qp_latin1.eml",
			equal: map[string]string{
				"/headers/from/0/name": "Jürgen Weiß", "/headers/to/0/name": "Sabine Müller",
				"/headers/subject": "Ihre Änderung der Telefonnummer",
			},
			contains: map[string]string{"/body": "Telefonnummer +49 89 2345 6789 haben wir\r\n"},
		},
		{
			file: "base64_cp1252.eml",
			equal: map[string]string{
				"/headers/from/0/name": "Mette Kjær", "/headers/to/0/name": "Søren Østergaard",
			},
			contains: map[string]string{"/body": "Kære Søren Østergaard,\r\n\r\nVi har modtaget din indbetaling på 1.250 € – tak."},
		},
		{
			file: "encoded_words.eml",
			equal: map[string]string{
				"/headers/from/0/name": "Jørgen Nielsen", "/headers/from/0/address": "jorgen.nielsen@example.dk",
				"/headers/to/0/name": "Andresen, Laurits", "/headers/to/1/name": "Mette Kjær",
				"/headers/to/1/address": "mette.kjaer@nordbank.example", "/headers/cc/0/address": "support@nordbank.example",
				"/headers/reply-to/0/name": "Jørgen Nielsen",
				"/headers/subject":         "Spørgsmål om konto til Jørgen Nielsen (kunde)",
			},
			contains: map[string]string{"/body": "jeg hedder Jørgen Nielsen og kan træffes på +45 31 23 45 67."},
			absent:   []string{"/headers/cc/0/name"},
		},
		{
			file: "reply_de.eml",
			contains: map[string]string{
				"/body": "Am 15.03.2026 um 09:15 schrieb Anna Schmidt <anna.schmidt@nordbank.example>:\r\n> Sehr geehrter Herr Becker,",
			},
			equal: map[string]string{"/headers/in-reply-to": "<20260315091500.11@nordbank.example>"},
		},
		{
			file: "reply_da.eml",
			contains: map[string]string{
				"/parts/1/body":         "Den tors. 12. mar. 2026 kl. 10.15 skrev Mette Kjær <mette.kjaer@nordbank.example>:",
				"/parts/2/html/text/10": "skrev Mette Kjær <",
			},
			equal: map[string]string{"/parts/2/html/text/11": "mette.kjaer@nordbank.example"},
		},
		{
			file:  "reply_it.eml",
			equal: map[string]string{"/headers/subject": "R: Conferma indirizzo e IBAN €"},
			contains: map[string]string{
				"/body": "Il giorno mer 11 mar 2026 alle ore 09:30 Marco Rossi <marco.rossi@bancanord.example> ha scritto:",
			},
		},
		{
			file: "nested.eml",
			equal: map[string]string{
				"/headers/subject": "Fwd: Adresseændring", "/parts/2/message/headers/from/0/name": "Laurits Andresen",
				"/parts/2/headers/content-disposition/filename": "Adresseaendring.eml",
				"/parts/3/headers/content-id":                   "<sig@nordbank.example>",
				"/parts/1.2/html/text/1":                        "kunden",
			},
			contains: map[string]string{
				"/parts/1.1/body": "videresendte", "/parts/2/message/body": "Nørregade 7, 1165 København K",
				"/epilogue": "Laurits Andresen",
			},
			absent: []string{"/parts/3/body"},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			d, err := ParseMIME(fixture(t, tc.file))
			require.NoError(t, err)
			texts := textsByPath(t, d)
			for p, v := range tc.equal {
				require.Contains(t, texts, p)
				assert.Equal(t, v, texts[p].Value, p)
			}
			for p, v := range tc.contains {
				require.Contains(t, texts, p)
				assert.Contains(t, texts[p].Value, v, p)
			}
			for _, prefix := range tc.absent {
				for p := range texts {
					assert.False(t, strings.HasPrefix(p, prefix), "unexpected text %s", p)
				}
			}
			for p, x := range texts {
				assert.False(t, x.Meta && !strings.Contains(p, "/html/"), "meta text outside HTML: %s", p)
			}
		})
	}
}

func TestParseMIMEHTMLRuns(t *testing.T) {
	d, err := ParseMIME(fixture(t, "reply_da.eml"))
	require.NoError(t, err)
	texts := textsByPath(t, d)
	// "<span>+45 20</span> <span>12 34 56</span>" and "<b>Laurits</b> Andresen" are scanned as one text each.
	for _, p := range []string{"/parts/2/html/text/2", "/parts/2/html/text/3", "/parts/2/html/text/7", "/parts/2/html/text/10"} {
		assert.True(t, texts[p].Continues, p)
	}
	for _, p := range []string{"/parts/2/html/text/0", "/parts/2/html/text/8", "/parts/2/html/text/12"} {
		assert.False(t, texts[p].Continues, p)
	}
}

func TestMIMERoundTripWithoutReplacements(t *testing.T) {
	for _, name := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			in := fixture(t, name)
			d, err := ParseMIME(in)
			require.NoError(t, err)
			out, err := d.Render(nil)
			require.NoError(t, err)
			want := withoutBinaryBodies(readMail(t, in))
			assert.Equal(t, want, readMail(t, out))
			dropped := strings.Count(out, "X-Piiguard-Dropped: attachment")
			assert.Equal(t, countBinaryLeaves(readMail(t, in)), dropped)
			if dropped == 0 {
				assert.Equal(t, in, out, "a message without binary parts renders byte for byte")
			}

			again, err := ParseMIME(out)
			require.NoError(t, err)
			assert.Equal(t, d.Texts(), again.Texts())

			kept, err := ParseMIMEWith(MIMEOptions{KeepBinaryAttachments: true})(in)
			require.NoError(t, err)
			same, err := kept.Render(nil)
			require.NoError(t, err)
			assert.Equal(t, in, same)
		})
	}
}

func countBinaryLeaves(n mailNode) int {
	if len(n.Children) > 0 {
		c := 0
		for _, k := range n.Children {
			c += countBinaryLeaves(k)
		}
		return c
	}
	if withoutBinaryBodies(n).Body != n.Body {
		return 1
	}
	return 0
}

// change replaces old by new in the text at path.
type change struct{ path, old, new string }

// applyChanges turns changes into the replacement map of Render.
func applyChanges(t *testing.T, d Document, changes []change) map[int]string {
	t.Helper()
	repl := map[int]string{}
	for _, c := range changes {
		i := indexOf(t, d, c.path)
		v, ok := repl[i]
		if !ok {
			v = d.Texts()[i].Value
		}
		require.Contains(t, v, c.old, c.path)
		repl[i] = strings.Replace(v, c.old, c.new, 1)
	}
	return repl
}

// header returns the raw value of a header of the entity at section of msg.
func rawHeader(t *testing.T, msg, name string) string {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(msg))
	require.NoError(t, err)
	return m.Header.Get(name)
}

func TestMIMEReplacements(t *testing.T) {
	for _, tc := range []struct {
		name    string
		file    string
		changes []change
		check   func(t *testing.T, in, out string, got mailNode)
	}{
		{
			name: "quoted-printable latin-1 body becomes utf-8 quoted-printable",
			file: "qp_latin1.eml",
			changes: []change{
				{"/body", "DE89 3704 0044 0532 0130 00", "<IBAN:k1:AAAA>"},
				{"/body", "Müller", "<PERSON:k1:BBBB>"},
				{"/headers/subject", "Telefonnummer", "<PHONE:k1:CCCC>"},
			},
			check: func(t *testing.T, in, out string, got mailNode) {
				assert.Equal(t, "utf-8", got.Charset)
				assert.Equal(t, "quoted-printable", rawHeader(t, out, "Content-Transfer-Encoding"))
				assert.Contains(t, got.Body, "Guten Tag Frau <PERSON:k1:BBBB>,\r\n")
				assert.Contains(t, got.Body, "Die Rückzahlung geht an <IBAN:k1:AAAA>.\r\n\r\nFreundliche Grüße")
				assert.Equal(t, "Ihre Änderung der <PHONE:k1:CCCC>", got.Headers["Subject"])
				assert.Equal(t, "Sabine Müller <sabine.mueller@example.de>", got.Headers["To"])
				assert.NotContains(t, out, "0532 0130")
			},
		},
		{
			name:    "base64 windows-1252 body stays base64",
			file:    "base64_cp1252.eml",
			changes: []change{{"/body", "DK50 0040 0440 1162 43", "<IBAN:k1:DDDD>"}},
			check: func(t *testing.T, in, out string, got mailNode) {
				assert.Equal(t, "utf-8", got.Charset)
				assert.Equal(t, "base64", rawHeader(t, out, "Content-Transfer-Encoding"))
				assert.Contains(t, got.Body, "1.250 € – tak.\r\nDit kontonummer er <IBAN:k1:DDDD>, og")
				body := out[strings.Index(out, "\r\n\r\n")+4:]
				for _, line := range strings.Split(strings.TrimRight(body, "\r\n"), "\r\n") {
					assert.LessOrEqual(t, len(line), 76)
				}
			},
		},
		{
			name:    "8bit body with a non-ASCII replacement becomes quoted-printable",
			file:    "encoded_words.eml",
			changes: []change{{"/body", "+45 31 23 45 67", "<PHONE:k1:Ø>"}},
			check: func(t *testing.T, in, out string, got mailNode) {
				assert.Equal(t, "quoted-printable", rawHeader(t, out, "Content-Transfer-Encoding"))
				assert.Equal(t, "Hej,\n\njeg hedder Jørgen Nielsen og kan træffes på <PHONE:k1:Ø>.\n\nVenlig hilsen\nJørgen\n", got.Body)
				assert.NotContains(t, out, "\r\n", "the message's LF line endings are kept")
				assert.True(t, isASCII(out[strings.Index(out, "\n\n"):]), "the body is 7-bit clean")
			},
		},
		{
			name: "address and subject headers are re-encoded",
			file: "encoded_words.eml",
			changes: []change{
				{"/headers/from/0/name", "Jørgen Nielsen", "<PERSON:k1:EEEE> Ø"},
				{"/headers/to/0/address", "laurits.andresen@example.dk", "<EMAIL:k1:FFFF>"},
				{"/headers/to/0/name", "Andresen, Laurits", "<PERSON:k1:GGGG>"},
				{"/headers/subject", "Jørgen Nielsen", "<PERSON:k1:EEEE>"},
			},
			check: func(t *testing.T, in, out string, got mailNode) {
				ap := mail.AddressParser{WordDecoder: testWordDecoder}
				from, err := ap.ParseList(rawHeader(t, out, "From"))
				require.NoError(t, err)
				assert.Equal(t, []*mail.Address{{Name: "<PERSON:k1:EEEE> Ø", Address: "jorgen.nielsen@example.dk"}}, from)
				to, err := ap.ParseList(rawHeader(t, out, "To"))
				require.NoError(t, err)
				require.Len(t, to, 2)
				assert.Equal(t, "<PERSON:k1:GGGG>", to[0].Name)
				assert.Equal(t, "<EMAIL:k1:FFFF>@invalid", to[0].Address)
				assert.Equal(t, &mail.Address{Name: "Mette Kjær", Address: "mette.kjaer@nordbank.example"}, to[1])
				assert.Equal(t, "Spørgsmål om konto til <PERSON:k1:EEEE> (kunde)", got.Headers["Subject"])
				assert.NotContains(t, out, "laurits.andresen")
				head := out[:strings.Index(out, "\n\n")]
				for _, line := range strings.Split(head, "\n") {
					assert.True(t, isASCII(line), line)
					assert.LessOrEqual(t, len(line), 998)
				}
				assert.Contains(t, head, "Reply-To: =?utf-8?q?J=C3=B8rgen_Nielsen?= <jorgen.nielsen@example.dk>",
					"untouched headers stay as written")
			},
		},
		{
			name: "html text node and links",
			file: "alternative.eml",
			changes: []change{
				{"/parts/2/html/text/7", "John", "<PERSON:k1:HHHH>"},
				{"/parts/2/html/a/0/href", "+442079460958", "<PHONE:k1:IIII>"},
				{"/parts/2/html/a/1/href", "emily.clarke@northwind-bank.example", "<EMAIL:k1:JJJJ>"},
				{"/parts/2/html/comment/0", "john.smith@example.com", "<EMAIL:k1:KKKK>"},
			},
			check: func(t *testing.T, in, out string, got mailNode) {
				want := readMail(t, in)
				assert.Equal(t, nodeAt(t, want, "1"), nodeAt(t, got, "1"), "the plain part is untouched")
				part := nodeAt(t, got, "2")
				assert.Equal(t, "text/html", part.Type)
				assert.Contains(t, part.Body, "<p>Hello <b>&lt;PERSON:k1:HHHH&gt;</b> Smith,</p>")
				assert.Contains(t, part.Body, "<!-- customer: <EMAIL:k1:KKKK> -->")
				doc, err := html.Parse(strings.NewReader(part.Body))
				require.NoError(t, err)
				var hrefs []string
				for n := range doc.Descendants() {
					if n.Type == html.ElementNode && n.Data == "a" {
						for _, a := range n.Attr {
							if a.Key == "href" {
								hrefs = append(hrefs, a.Val)
							}
						}
					}
				}
				assert.Equal(t, []string{"tel:<PHONE:k1:IIII>", "mailto:<EMAIL:k1:JJJJ>"}, hrefs)
			},
		},
		{
			name: "text attachment and file name",
			file: "mixed_attachments.eml",
			changes: []change{
				{"/parts/3/body", "DE89 3704 0044 0532 0130 00", "<IBAN:k1:LLLL>"},
				{"/parts/2/headers/content-disposition/filename", "laurits_andresen", "<PERSON:k1:MMMM>"},
				{"/parts/2/headers/content-type/name", "laurits_andresen", "<PERSON:k1:MMMM>"},
			},
			check: func(t *testing.T, in, out string, got mailNode) {
				pdf := nodeAt(t, got, "2")
				assert.Equal(t, "kontoauszug_<PERSON:k1:MMMM>.pdf", pdf.Filename)
				assert.Equal(t, "application/pdf", pdf.Type)
				assert.Empty(t, pdf.Body)
				txt := nodeAt(t, got, "3")
				assert.Equal(t, "Notiz zum Anruf\nKunde: Laurits Andresen, geb. 14.02.1985\nIBAN: <IBAN:k1:LLLL>\nRückruf unter +49 151 23456789\n", txt.Body)
				assert.Equal(t, "gespraechsnotiz.txt", txt.Filename)
				assert.NotContains(t, out, "laurits_andresen")
			},
		},
		{
			name:    "attached message",
			file:    "nested.eml",
			changes: []change{{"/parts/2/message/body", "Nørregade 7, 1165 København K", "<ADDRESS:k1:NNNN>"}},
			check: func(t *testing.T, in, out string, got mailNode) {
				msg := nodeAt(t, got, "2")
				require.Len(t, msg.Children, 1)
				assert.Equal(t, "Min nye adresse er <ADDRESS:k1:NNNN>. Ring på +45 20 12 34 56.\r\n", msg.Children[0].Body)
				assert.Equal(t, "Adresseændring", msg.Children[0].Headers["Subject"])
			},
		},
		{
			name:    "a text that would collide with a boundary gets a new boundary",
			file:    "nested.eml",
			changes: []change{{"/parts/1.1/body", "videresendte", "\r\n--inner\r\n--outer--\r\n"}},
			check: func(t *testing.T, in, out string, got mailNode) {
				alt := nodeAt(t, got, "1")
				require.Len(t, alt.Children, 2)
				assert.Equal(t, "Se venligst den \r\n--inner\r\n--outer--\r\n mail fra kunden.", alt.Children[0].Body)
				assert.Len(t, got.Children, 3)
				assert.Contains(t, rawHeader(t, out, "Content-Type"), `boundary=piiguard-`)
			},
		},
		{
			name: "preamble and epilogue",
			file: "nested.eml",
			changes: []change{
				{"/epilogue", "Laurits Andresen", "<PERSON:k1:OOOO>"},
			},
			check: func(t *testing.T, in, out string, got mailNode) {
				assert.True(t, strings.HasSuffix(out, "--outer--\r\nThis epilogue is ignored by MIME readers, <PERSON:k1:OOOO>.\r\n"))
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := fixture(t, tc.file)
			d, err := ParseMIME(in)
			require.NoError(t, err)
			out, err := d.Render(applyChanges(t, d, tc.changes))
			require.NoError(t, err)
			got := readMail(t, out)
			tc.check(t, in, out, got)
			_, err = ParseMIME(out)
			require.NoError(t, err, "the output parses again")
		})
	}
}

func TestMIMEBoundaryKeptWhenSafe(t *testing.T) {
	in := fixture(t, "reply_da.eml")
	d, err := ParseMIME(in)
	require.NoError(t, err)
	out, err := d.Render(applyChanges(t, d, []change{{"/parts/1/body", "+45 20 12 34 56", "<PHONE:k1:PPPP>"}}))
	require.NoError(t, err)
	assert.Equal(t, strings.Count(in, "--000000000000a1b2c3"), strings.Count(out, "--000000000000a1b2c3"))
	assert.Equal(t, in[:strings.Index(in, "\r\n\r\n")], out[:strings.Index(out, "\r\n\r\n")], "the message header is untouched")
}

func TestMIMEDropsBinaryAttachments(t *testing.T) {
	in := fixture(t, "mixed_attachments.eml")
	pdfLine := "JVBERi0xLjQKMSAwIG9iaiA8PCAvVHlwZSAvQ2F0YWxvZyA+PiBlbmRvYmoKJSBLb250b2F1c3p1"
	require.Contains(t, in, pdfLine)

	d, err := ParseMIME(in)
	require.NoError(t, err)
	out, err := d.Render(nil)
	require.NoError(t, err)
	assert.NotContains(t, out, pdfLine)
	assert.Contains(t, out, "Content-Disposition: attachment; filename=\"kontoauszug_laurits_andresen.pdf\"\r\n"+
		"Content-Transfer-Encoding: base64\r\nX-Piiguard-Dropped: attachment\r\n\r\n\r\n--mix-0b1c\r\n")

	again, err := ParseMIME(out)
	require.NoError(t, err)
	twice, err := again.Render(nil)
	require.NoError(t, err)
	assert.Equal(t, out, twice, "a dropped part is marked once")

	kept, err := ParseMIMEWith(MIMEOptions{KeepBinaryAttachments: true})(in)
	require.NoError(t, err)
	out, err = kept.Render(map[int]string{indexOf(t, kept, "/parts/3/body"): "x"})
	require.NoError(t, err)
	assert.Contains(t, out, pdfLine)
	assert.NotContains(t, out, "X-Piiguard-Dropped")
}

func TestMIMEAddressFieldsThatAreNotPlainLists(t *testing.T) {
	in := "From: Support Team: laurits@example.dk, mette@example.dk;\r\n" +
		"To: undisclosed-recipients:;\r\n" +
		"Cc: Laurits <laurits.andresen@example.dk> (Andresen, privat)\r\n" +
		"Bcc: mette.kjaer@example.dk (Mette Kjaer)\r\n" +
		"Subject: hi\r\n\r\nbody\r\n"
	d, err := ParseMIME(in)
	require.NoError(t, err)
	texts := textsByPath(t, d)
	assert.Equal(t, "Support Team: laurits@example.dk, mette@example.dk;", texts["/headers/from"].Value)
	assert.Equal(t, "undisclosed-recipients:;", texts["/headers/to"].Value)
	assert.Equal(t, "Laurits <laurits.andresen@example.dk> (Andresen, privat)", texts["/headers/cc"].Value)
	// net/mail reads a comment after a bare address as its display name, so the whole field is still scanned.
	assert.Equal(t, "Mette Kjaer", texts["/headers/bcc/0/name"].Value)

	out, err := d.Render(applyChanges(t, d, []change{
		{"/headers/cc", "Andresen", "<PERSON:k1:QQQQ>"},
		{"/headers/bcc/0/name", "Mette Kjaer", "<PERSON:k1:SSSS>"},
	}))
	require.NoError(t, err)
	assert.Contains(t, out, "\r\nCc: Laurits <laurits.andresen@example.dk> (<PERSON:k1:QQQQ>, privat)\r\n")
	assert.Contains(t, out, "\r\nBcc: \"<PERSON:k1:SSSS>\" <mette.kjaer@example.dk>\r\n")
	assert.NotContains(t, out, "Andresen")
	assert.NotContains(t, out, "Mette Kjaer")
}

func TestMIMERepeatedHeaders(t *testing.T) {
	in := "Received: from mail.example.dk (10.1.2.3)\r\nReceived: from laptop (192.168.1.20)\r\n" +
		"Subject: hi\r\n\r\nbody\r\n"
	d, err := ParseMIME(in)
	require.NoError(t, err)
	texts := textsByPath(t, d)
	assert.Equal(t, "from mail.example.dk (10.1.2.3)", texts["/headers/received/0"].Value)
	assert.Equal(t, "from laptop (192.168.1.20)", texts["/headers/received/1"].Value)
	out, err := d.Render(applyChanges(t, d, []change{{"/headers/received/1", "192.168.1.20", "<IP:k1:RRRR>"}}))
	require.NoError(t, err)
	assert.Equal(t, "Received: from mail.example.dk (10.1.2.3)\r\nReceived: from laptop (<IP:k1:RRRR>)\r\n"+
		"Subject: hi\r\n\r\nbody\r\n", out)
}

func TestMIMEPlainMessageGainsMIMEHeaders(t *testing.T) {
	in := "From: a@example.dk\nSubject: hi\n\nmy number is 12345678\n"
	d, err := ParseMIME(in)
	require.NoError(t, err)
	out, err := d.Render(applyChanges(t, d, []change{{"/body", "12345678", "<PHONE:k1:Æ>"}}))
	require.NoError(t, err)
	assert.Equal(t, "From: a@example.dk\nSubject: hi\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"+
		"Content-Transfer-Encoding: quoted-printable\n\nmy number is <PHONE:k1:=C3=86>\n", out)
	assert.Equal(t, "my number is <PHONE:k1:Æ>\n", readMail(t, out).Body)
}

func TestParseMIMEMalformed(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "mime", "malformed", "*.eml"))
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			require.NoError(t, err)
			d, err := ParseMIME(string(b))
			require.Error(t, err)
			assert.Nil(t, d)
			var re *Error
			require.True(t, errors.As(err, &re))
			assert.Equal(t, ReasonMIME, re.Reason)
			assert.Equal(t, int64(-1), re.Offset)
			assert.Equal(t, "mime", err.Error(), "the error holds no message content")
		})
	}
}

func TestMIMERenderRejectsUnknownIndex(t *testing.T) {
	d, err := ParseMIME(fixture(t, "reply_de.eml"))
	require.NoError(t, err)
	_, err = d.Render(map[int]string{len(d.Texts()): "x"})
	var re *Error
	require.True(t, errors.As(err, &re))
	assert.Equal(t, ReasonMIME, re.Reason)
}

// TestNamesThatLookLikeValuesStayOutOfPaths: paths travel into findings and compliance events, so a header,
// tag or attribute name that holds an address or a number is replaced by its position.
func TestNamesThatLookLikeValuesStayOutOfPaths(t *testing.T) {
	msg := "laurits@example.dk: x\r\nX-Tel-4520123456: y\r\nX-Mailer: m\r\nSubject: s\r\nContent-Type: text/html\r\n\r\n" +
		`<x-laurits.andresen data-4520123456="v" title=t>body</x-laurits.andresen><h1 data-x=1>h</h1>`
	d, err := ParseMIME(msg)
	require.NoError(t, err)
	var paths []string
	for _, x := range d.Texts() {
		paths = append(paths, x.Path)
	}
	assert.Equal(t, []string{"/headers/_0", "/headers/_1", "/headers/x-mailer", "/headers/subject",
		"/html/text/0", "/html/_/0/_0", "/html/_/0/title", "/html/text/1", "/html/h1/0/data-x"}, paths)
}
