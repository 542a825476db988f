package visible

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crlf writes a message with CRLF line ends.
func crlf(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n" }

func TestMIMESeesThroughEncodings(t *testing.T) {
	latin1Note := base64.StdEncoding.EncodeToString([]byte("Kunde: J\xfcrgen Wei\xdf\nIBAN DE89 3704 0044 0532 0130 00\n"))
	inner := crlf(
		"From: Mette Lund <mette.lund@example.dk>",
		"Subject: =?utf-8?b?U3DDuHJnc23DpWw=?=",
		"",
		"CPR 010190-1234",
	)
	raw := crlf(
		"From: =?ISO-8859-1?Q?J=FCrgen_Wei=DF?= <juergen.weiss@example.de>",
		`To: "Andresen, Laurits" <laurits.andresen@example.dk>`,
		"Subject: =?utf-8?q?R=C3=BCckruf?=",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="outer"`,
		"",
		"--outer",
		`Content-Type: multipart/alternative; boundary="alt"`,
		"",
		"--alt",
		"Content-Type: text/plain; charset=windows-1252",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"Gr=FC=DFe, Tel. +49 151 23=",
		"45 6789 =80",
		"--alt",
		"Content-Type: text/html; charset=utf-8",
		"Content-Transfer-Encoding: base64",
		"",
		base64.StdEncoding.EncodeToString([]byte(`<p><b>Laurits</b> Andresen, laurits&#46;andresen&#64;example.dk</p>`)),
		"--alt--",
		"--outer",
		"Content-Type: text/plain; charset=ISO-8859-1",
		`Content-Disposition: attachment; filename*=utf-8''notiz_s%C3%B8ren_holm.txt`,
		"Content-Transfer-Encoding: base64",
		"",
		latin1Note,
		"--outer",
		`Content-Type: application/octet-stream; name="=?utf-8?q?vertrag_m=C3=BCller.pdf?="`,
		"Content-Transfer-Encoding: base64",
		"",
		"JVBERi0K",
		"--outer",
		"Content-Type: message/rfc822",
		"",
		inner,
		"--outer--",
	)
	got, err := MIME(raw)
	require.NoError(t, err)
	for _, want := range []string{
		"Jürgen Weiß", "juergen.weiss@example.de", "Andresen, Laurits", "Rückruf", // headers
		"+49 151 2345 6789", "Grüße", "€", // QP across a soft break, Windows-1252
		"Laurits Andresen", "laurits.andresen@example.dk", // HTML in base64
		"notiz_søren_holm.txt", "IBAN DE89 3704 0044 0532 0130 00", // RFC 2231 name, Latin-1 in base64
		"vertrag müller.pdf", "%PDF",
		"Mette Lund", "Spørgsmål", "CPR 010190-1234", // an attached message
	} {
		assert.True(t, Contains(got, want), "%q not in the decoded message", want)
	}
}

func TestMIMENamesWhatIsInvalid(t *testing.T) {
	tests := map[string]struct {
		raw  string
		want string
	}{
		"no header block":       {raw: "Anna Schmidt anna@example.de", want: "header"},
		"bad address list":      {raw: crlf("From: Anna Schmidt <anna@example.de", "", "x"), want: "From header"},
		"bad content type":      {raw: crlf("Content-Type: text/plain; charset", "", "Anna Schmidt"), want: "Content-Type"},
		"multipart no boundary": {raw: crlf("Content-Type: multipart/mixed", "", "Anna Schmidt"), want: "boundary"},
		"multipart never ends":  {raw: crlf(`Content-Type: multipart/mixed; boundary="b"`, "", "--b", "", "Anna Schmidt"), want: "multipart"},
		"bad base64":            {raw: crlf("Content-Transfer-Encoding: base64", "", "QW5uYS*Schmidt"), want: "base64"},
		"bad quoted-printable":  {raw: crlf("Content-Transfer-Encoding: quoted-printable", "", "Anna \x01 Schmidt"), want: "quoted-printable"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := MIME(tc.raw)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "Anna", "errors name the problem, not the content")
			assert.NotContains(t, err.Error(), "Schmidt")
		})
	}
}

func TestMIMEUnknownCharsetIsReadAsIs(t *testing.T) {
	got, err := MIME(crlf("Content-Type: text/plain; charset=x-unknown-42", "", "Anna Schmidt"))
	require.NoError(t, err)
	assert.True(t, Contains(got, "Anna Schmidt"))
}

func TestMIMEFileNamesInAnyCharset(t *testing.T) {
	tests := map[string]string{
		"latin-1 extended":      `attachment; filename*=iso-8859-1''Z%E4hlerstand_Sabine_M%FCller.txt`,
		"continued":             `attachment; filename*0*=utf-8''Z%C3%A4hlerstand_; filename*1="Sabine_M"; filename*2*=%C3%BCller.txt`,
		"windows-1252 quoted":   `attachment; filename*="windows-1252'de'Z%E4hlerstand_Sabine_M%FCller.txt"`,
		"encoded word":          `attachment; filename="=?iso-8859-1?q?Z=E4hlerstand=5FSabine=5FM=FCller.txt?="`,
		"plain utf-8 extension": `attachment; filename*=UTF-8''Z%C3%A4hlerstand_Sabine_M%C3%BCller.txt`,
	}
	for name, cd := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := MIME(crlf("Content-Type: text/plain; charset=utf-8", "Content-Disposition: "+cd, "", "x"))
			require.NoError(t, err)
			assert.True(t, Contains(got, "Zählerstand_Sabine_Müller.txt"), got)
		})
	}
}

func TestOutlineListsEveryEntity(t *testing.T) {
	raw := crlf(
		`Content-Type: multipart/mixed; boundary="o"`,
		"",
		"--o",
		`Content-Type: multipart/alternative; boundary="a"`,
		"",
		"--a",
		"Content-Type: text/plain",
		"",
		"x",
		"--a",
		"Content-Type: TEXT/HTML; charset=utf-8",
		"",
		"<p>x</p>",
		"--a--",
		"--o",
		"Content-Type: message/rfc822",
		"",
		"Subject: y",
		"",
		"z",
		"--o--",
	)
	got, err := Outline(raw)
	require.NoError(t, err)
	assert.Equal(t, []string{"multipart/mixed", "multipart/alternative", "text/plain", "text/html", "message/rfc822", "text/plain"}, got)
}
