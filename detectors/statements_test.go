package detectors

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/piiguard/piiguard/rules"
)

// customer is one customer utterance.
func customer(text string) []Utterance {
	return []Utterance{{Speaker: "customer", Role: RoleCustomer, Text: text}}
}

// eventKinds returns the kinds of the event statements (not the questions) in order.
func eventKindsOf(sts []Statement) []string {
	var out []string
	for _, st := range sts {
		if IsEventKind(st.Kind) {
			out = append(out, st.Kind)
		}
	}
	return out
}

// TestStatementsByLanguageAndKind covers every event kind in every language with sentences that are not the
// packs' own examples, in speech-to-text, chat and email form.
func TestStatementsByLanguageAndKind(t *testing.T) {
	s := MustCompileDefault()
	for _, tc := range []struct{ name, text, kind string }{
		{"de consent recording", "ja also sie dürfen das gespräch ruhig aufzeichnen", "consent_given"},
		{"de consent data", "Ich bin damit einverstanden, dass Sie meine Daten an die Werkstatt weitergeben.", "consent_given"},
		{"de refused", "ich will nicht dass sie das aufnehmen", "consent_refused"},
		{"de withdrawn", "Hiermit nehme ich meine Einwilligung zur Telefonwerbung zurück.", "consent_withdrawn"},
		{"de objection call", "ich will von ihnen nicht mehr angerufen werden", "objection"},
		{"de objection werbung", "Bitte schicken Sie mir keine Prospekte mehr.", "objection"},
		{"de erasure", "löschen sie bitte sämtliche daten von mir", "erasure_request"},
		{"de access", "Welche Angaben haben Sie über mich gespeichert?", "access_request"},
		{"de rectification", "mein nachname ist bei ihnen falsch geschrieben", "rectification_request"},
		{"de portability", "Bitte übertragen Sie meine Vertragsdaten an meinen neuen Anbieter.", "portability_request"},
		{"de restriction", "Bitte schränken Sie die Nutzung meiner Daten ein, bis das geklärt ist.", "restriction_request"},
		{"da consent", "det er helt i orden at i optager", "consent_given"},
		{"da refused", "jeg ønsker ikke at blive optaget", "consent_refused"},
		{"da withdrawn", "Jeg tilbagekalder hermed mit samtykke.", "consent_withdrawn"},
		{"da objection", "Stop med at ringe til mig med tilbud.", "objection"},
		{"da erasure", "jeg vil gerne have mine oplysninger slettet", "erasure_request"},
		{"da access", "hvilke data har i registreret om mig", "access_request"},
		{"da rectification", "Min fødselsdato er forkert i jeres system.", "rectification_request"},
		{"da portability", "Send mine data i en fil, tak.", "portability_request"},
		{"da restriction", "I må ikke bruge mine data, indtil klagen er behandlet.", "restriction_request"},
		{"it consent", "va bene può registrare", "consent_given"},
		{"it refused", "non voglio essere registrata", "consent_refused"},
		{"it withdrawn", "Revoco il consenso al trattamento dei miei dati.", "consent_withdrawn"},
		{"it objection", "non voglio più essere contattato per promozioni", "objection"},
		{"it erasure", "cancellate i miei dati", "erasure_request"},
		{"it access", "Quali informazioni avete su di me?", "access_request"},
		{"it rectification", "il mio indirizzo è sbagliato", "rectification_request"},
		{"it portability", "Vorrei ricevere i miei dati in formato csv.", "portability_request"},
		{"it restriction", "Limitate il trattamento dei miei dati finché il reclamo è aperto.", "restriction_request"},
		{"en consent", "yes you can record the call", "consent_given"},
		{"en refused", "please don't record me", "consent_refused"},
		{"en withdrawn", "I'm withdrawing my consent to marketing.", "consent_withdrawn"},
		{"en objection", "please stop sending me offers", "objection"},
		{"en erasure", "I want my personal data erased.", "erasure_request"},
		{"en access", "what do you have stored about me", "access_request"},
		{"en rectification", "my address is wrong in your system", "rectification_request"},
		{"en portability", "send me my data in a file", "portability_request"},
		{"en restriction", "Please restrict the processing of my data.", "restriction_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sts, err := s.Statements(customer(tc.text), Options{})
			require.NoError(t, err)
			assert.Contains(t, eventKindsOf(sts), tc.kind)
		})
	}
}

// TestStatementsNearMisses covers negations, look-alikes, hypotheticals and explanations of rights.
func TestStatementsNearMisses(t *testing.T) {
	s := MustCompileDefault()
	for _, tc := range []struct{ name, text string }{
		{"de no objection", "nein kein widerspruch von meiner seite"},
		{"de card", "bitte die karte sperren"},
		{"de email deleted", "Ich habe die E-Mail gelöscht."},
		{"de hypothetical", "Falls ich meine Daten löschen lassen wollte, wie ginge das?"},
		{"de rights", "Sie haben das Recht, der Verarbeitung zu widersprechen."},
		{"de process question", "werden meine daten nach der kündigung gelöscht"},
		{"de negated erasure", "bitte löschen sie meine daten noch nicht"},
		{"da card", "spær mit kort"},
		{"da number", "jeg vil flytte mit nummer til et andet selskab"},
		{"da not withdrawing", "jeg trækker ikke mit samtykke tilbage"},
		{"it card", "bloccate la carta per favore"},
		{"it order", "vorrei cancellare l'ordine"},
		{"it hypothetical", "se volessi cancellare i miei dati cosa dovrei fare"},
		{"en email", "I don't want to delete the email yet"},
		{"en number port", "I want to port my number to another operator"},
		{"en not withdrawing", "I'm not withdrawing anything"},
		{"en rights", "you have the right to ask us to delete your data"},
		{"en block card", "please block my card"},
		{"en login", "i can't access my account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sts, err := s.Statements(customer(tc.text), Options{})
			require.NoError(t, err)
			assert.Empty(t, eventKindsOf(sts))
		})
	}
}

func TestStatementsAgentIsNotTheCustomer(t *testing.T) {
	s := MustCompileDefault()
	us := []Utterance{
		{Speaker: "agent", Role: RoleAgent, Text: "ich lösche ihre daten und sie wollten ja keine werbung mehr"},
		{Speaker: "agent", Role: RoleAgent, Text: "so you want me to delete all your data, right?"},
	}
	sts, err := s.Statements(us, Options{})
	require.NoError(t, err)
	assert.Empty(t, eventKindsOf(sts))
}

func TestStatementsDialogue(t *testing.T) {
	s := MustCompileDefault()
	type want struct {
		utt      int
		kind     string
		role     string
		question int
	}
	for _, tc := range []struct {
		name   string
		us     []Utterance
		want   []want
		status string
	}{
		{"short yes answers the question", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "Sind Sie damit einverstanden, dass wir das Gespräch aufzeichnen?"},
			{Speaker: "customer", Role: RoleCustomer, Text: "ja, klar"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentGiven, RoleCustomer, 0}}, ConsentStatusGiven},
		{"short no refuses", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "må vi optage samtalen"},
			{Speaker: "customer", Role: RoleCustomer, Text: "nej tak"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentRefused, RoleCustomer, 0}}, ConsentStatusRefused},
		{"no to do-you-mind is consent", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "do you mind if we record this call"},
			{Speaker: "customer", Role: RoleCustomer, Text: "no not at all"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentGiven, RoleCustomer, 0}}, ConsentStatusGiven},
		{"yes to do-you-mind is a refusal", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "le dispiace se registriamo la chiamata"},
			{Speaker: "customer", Role: RoleCustomer, Text: "sì"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentRefused, RoleCustomer, 0}}, ConsentStatusRefused},
		{"answer after a counter-question", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "may i record this call"},
			{Speaker: "customer", Role: RoleCustomer, Text: "what for?"},
			{Speaker: "agent", Role: RoleAgent, Text: "for training only"},
			{Speaker: "customer", Role: RoleCustomer, Text: "okay then"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {3, KindConsentGiven, RoleCustomer, 0}}, ConsentStatusGiven},
		{"the question alone is not consent", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "posso registrare la chiamata?"},
			{Speaker: "customer", Role: RoleCustomer, Text: "chiamo per la bolletta"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}}, ConsentStatusAskedUnanswered},
		{"the agent's own yes is not an answer", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "may i record this call?"},
			{Speaker: "agent", Role: RoleAgent, Text: "yes, okay"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}}, ConsentStatusAskedUnanswered},
		{"an explicit answer takes the question's topic", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "darf ich das gespräch aufzeichnen"},
			{Speaker: "customer", Role: RoleCustomer, Text: "nein damit bin ich nicht einverstanden"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentRefused, RoleCustomer, 0}}, ConsentStatusRefused},
		{"a later stop is a withdrawal", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "may we record the call"},
			{Speaker: "customer", Role: RoleCustomer, Text: "sure"},
			{Speaker: "customer", Role: RoleCustomer, Text: "actually please turn off the recording"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentGiven, RoleCustomer, 0},
			{2, KindConsentWithdrawn, RoleCustomer, -1}}, ConsentStatusWithdrawn},
		{"marketing consent does not decide the recording", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "darf ich das gespräch aufzeichnen"},
			{Speaker: "customer", Role: RoleCustomer, Text: "ja"},
			{Speaker: "agent", Role: RoleAgent, Text: "dürfen wir ihnen künftig angebote per e-mail schicken"},
			{Speaker: "customer", Role: RoleCustomer, Text: "nein danke"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentGiven, RoleCustomer, 0},
			{2, KindConsentQuestion, RoleAgent, -1}, {3, KindConsentRefused, RoleCustomer, 2}}, ConsentStatusGiven},
		{"roles inferred from speaker labels", []Utterance{
			{Speaker: "spk_0", Text: "is it okay if i record this call"},
			{Speaker: "spk_1", Text: "yes that's fine"},
			{Speaker: "spk_0", Text: "and you want me to delete your data"},
		}, []want{{0, KindConsentQuestion, RoleAgent, -1}, {1, KindConsentGiven, RoleCustomer, 0}}, ConsentStatusGiven},
		{"no question, no answer", []Utterance{
			{Speaker: "agent", Role: RoleAgent, Text: "calls are recorded for quality purposes"},
			{Speaker: "customer", Role: RoleCustomer, Text: "ok"},
		}, nil, ConsentStatusNotAsked},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sts, err := s.Statements(tc.us, Options{})
			require.NoError(t, err)
			var got []want
			for _, st := range sts {
				got = append(got, want{st.Utterance, st.Kind, st.Role, st.Question})
				assert.Equal(t, tc.us[st.Utterance].Text[st.Start:st.End], strings.TrimSpace(tc.us[st.Utterance].Text[st.Start:st.End]))
			}
			assert.Equal(t, tc.want, got)
			status, _ := RecordingConsent(sts)
			assert.Equal(t, tc.status, status)
		})
	}
}

func TestStatementSentenceSpan(t *testing.T) {
	s := MustCompileDefault()
	text := "Sehr geehrte Damen und Herren,\n\nich habe eine Frage. Bitte löschen Sie alle meine Daten. Danke!"
	sts, err := s.Statements(customer(text), Options{})
	require.NoError(t, err)
	require.Len(t, sts, 1)
	assert.Equal(t, "Bitte löschen Sie alle meine Daten.", text[sts[0].Start:sts[0].End])
	assert.Equal(t, "de", sts[0].Language)
}

func TestStatementsOnePerUtteranceAndKind(t *testing.T) {
	s := MustCompileDefault()
	sts, err := s.Statements(customer("Bitte löschen Sie meine Daten. Ich möchte, dass alle meine Daten gelöscht werden."), Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"erasure_request"}, eventKindsOf(sts))
}

func TestStatementsLanguageOption(t *testing.T) {
	s := MustCompileDefault()
	sts, err := s.Statements(customer("please delete my data"), Options{Languages: []string{"de"}})
	require.NoError(t, err)
	assert.Empty(t, sts, "English rules do not run when the scan is narrowed to German")
}

func TestStatementsWithoutKeywordsCostNothing(t *testing.T) {
	s := MustCompileDefault()
	sts, err := s.Statements(customer("Guten Tag, meine Rechnung vom März ist angekommen."), Options{})
	require.NoError(t, err)
	assert.Empty(t, sts)
	assert.Empty(t, eventKindsOf(nil))
}

func TestStatementsTimeoutFailsClosed(t *testing.T) {
	s := compileYAML(t, `
name: slow
version: "1"
statements:
  - id: slow.erasure
    kind: erasure_request
    keywords: [delete]
    engine: regexp2
    timeout: 1ms
    pattern: '(a+)+$'
    examples:
      match: ["delete aaaa"]
`)
	_, err := s.Statements(customer("delete "+strings.Repeat("a", 40000)+"!"), Options{})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrTimeout))
	assert.NotContains(t, err.Error(), "aaaa", "errors never quote the text")
}

func TestPhraseGate(t *testing.T) {
	var g phraseGate
	ids := map[string]int{}
	for _, w := range []string{"lösch", "daten", "optag", "cancell"} {
		ids[w] = g.add(w)
	}
	g.build()
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"lower case", "bitte löschen sie meine daten", []string{"lösch", "daten"}},
		{"capitals fold", "BITTE LÖSCHEN SIE MEINE DATEN", []string{"lösch", "daten"}},
		{"decomposed umlaut", "bitte lo\u0308schen", []string{"lösch"}},
		{"overlapping", "optagelse cancellate", []string{"optag", "cancell"}},
		{"none", "guten tag wie geht es", nil},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := g.match(tc.text, nil)
			var got []string
			for w, id := range ids {
				if b.has(id) {
					got = append(got, w)
				}
			}
			assert.ElementsMatch(t, tc.want, got)
		})
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"speech to text is one sentence", "ja klar und bitte löschen sie meine daten", []string{"ja klar und bitte löschen sie meine daten"}},
		{"punctuation", "Hallo! Bitte löschen. Danke?", []string{"Hallo!", "Bitte löschen.", "Danke?"}},
		{"abbreviations and dates stay", "Gemäß Art. 15 DSGVO z.B. am 3. Mai. Danke.", []string{"Gemäß Art. 15 DSGVO z.B. am 3. Mai.", "Danke."}},
		{"dates without space", "am 12.03.2025 gebucht", []string{"am 12.03.2025 gebucht"}},
		{"lines", "Hallo,\n\nbitte löschen\nGruß", []string{"Hallo,", "bitte löschen", "Gruß"}},
		{"ellipsis", "also… nein", []string{"also…", "nein"}},
		{"empty", "  ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, sp := range sentences(fold(tc.text)) { // production splits the folded text
				got = append(got, tc.text[sp.start:sp.end])
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestNormalise(t *testing.T) {
	got, idx := normalise("Nej,  jeg vil ikke – “ikke” don’t", true)
	assert.Equal(t, "Nej jeg vil ikke ikke don't", got)
	require.Len(t, idx, len(got))
	src := "Nej,  jeg vil ikke – “ikke” don’t"
	assert.Equal(t, "d", src[idx[strings.Index(got, "don't")]:][:1])
}

func TestRecordingConsent(t *testing.T) {
	q := Statement{Kind: KindConsentQuestion, Topic: TopicRecording}
	given := Statement{Kind: KindConsentGiven, Topic: TopicRecording}
	refused := Statement{Kind: KindConsentRefused, Topic: TopicRecording}
	marketingNo := Statement{Kind: KindConsentRefused, Topic: "marketing"}
	generalWithdrawal := Statement{Kind: KindConsentWithdrawn}
	for _, tc := range []struct {
		name   string
		sts    []Statement
		status string
		at     int
	}{
		{"nothing", nil, ConsentStatusNotAsked, -1},
		{"asked", []Statement{q}, ConsentStatusAskedUnanswered, 0},
		{"given", []Statement{q, given}, ConsentStatusGiven, 1},
		{"refused", []Statement{q, refused}, ConsentStatusRefused, 1},
		{"marketing refusal does not count", []Statement{q, given, marketingNo}, ConsentStatusGiven, 1},
		{"general withdrawal after consent", []Statement{q, given, generalWithdrawal}, ConsentStatusWithdrawn, 2},
		{"general withdrawal without consent", []Statement{generalWithdrawal}, ConsentStatusNotAsked, -1},
		{"general withdrawal after a refusal", []Statement{q, refused, generalWithdrawal}, ConsentStatusRefused, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, at := RecordingConsent(tc.sts)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.at, at)
		})
	}
}

func TestCheckExamplesStatements(t *testing.T) {
	p, err := rules.Parse("inline.yaml", []byte(`
name: t
version: "1"
languages: [en]
statements:
  - id: t.erasure
    kind: erasure_request
    keywords: [delete]
    pattern: 'delete my data'
    examples:
      match: ["please delete my data", "delete my account"]
      no_match: ["if i asked you to delete my data would you", "delete my data now"]
  - id: t.cancel
    kind: cancel
    keywords: [if i]
    pattern: 'if i'
    examples:
      match: ["if i may"]
`))
	require.NoError(t, err)
	n, fails := CheckExamples([]rules.Pack{p})
	assert.Equal(t, 5, n)
	var got []string
	for _, f := range fails {
		got = append(got, f.Rule+" "+f.Want+" "+f.Example)
	}
	assert.ElementsMatch(t, []string{"t.erasure match delete my account", "t.erasure no_match delete my data now"}, got,
		"the cancel rule voids the hypothetical; the other two examples are wrong")
}
