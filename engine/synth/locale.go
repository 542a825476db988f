package synth

// locale is everything the generator knows about one language: its people, places, companies
// and the phrases its customers and agents use.
type locale struct {
	lang   string // ISO 639-1
	region string // ISO 3166 country the customers mostly live in
	// female, male and last are first names and surnames, spelled as on an ID card.
	female, male, last []string
	// titles are the forms of address for a woman and a man ("Frau", "Herr"); empty where
	// people go by first name.
	titles [2]string
	// dear are the salutations of a formal letter for a woman and a man ("Sehr geehrte Frau").
	dear [2]string
	// streets are street names; cities are postal code and city ("10115 Berlin").
	streets, cities []string
	// companies are the (invented) businesses whose contact center is in the record.
	companies []company
	// mailDomains are the domains of private email addresses.
	mailDomains []string
	// foreignIDs introduce an identifier of another country ("meine polnische PESEL-Nummer"),
	// by entity type.
	foreignIDs map[string]string
	// special are phrases that reveal a special category of personal data, each with one
	// SPECIAL_CATEGORY label.
	special []string
	// chat and call are the dialogs; mail the building blocks of an email.
	dialog dialogBook
	mail   mailBook
}

// company is a business: its name and its mail domain.
type company struct {
	name, domain, service string
}

// dialogBook holds the dialog templates of calls and chats, which share the middle part.
type dialogBook struct {
	callOpen, chatOpen   []string
	intro                []string // the customer says who they are
	ack                  []string // the agent answers, often by name
	facts                map[string][]string
	small                []string // turns without any value
	callClose, chatClose []string
}

// mailBook holds the parts emails are made of.
type mailBook struct {
	subjects []string
	reply    string              // the subject prefix of a reply: "AW: ", "SV: ", "R: ", "RE: "
	greet    []string            // a customer's opening line
	facts    map[string][]string // sentences by fact
	intent   []string            // why the customer writes
	closing  []string            // "Mit freundlichen Grüßen"
	sign     []string            // signature blocks after the closing
	quoteHdr []string            // the line above a quoted earlier message
	agent    []string            // body of an agent's reply, between salutation and signature
	agentSig []string
}

// locales by language.
var locales = map[string]*locale{"de": &localeDE, "da": &localeDA, "it": &localeIT, "en": &localeEN}

// factNames are the facts a record may hold: personal ones first, then look-alikes.
var (
	piiFacts  = []string{"dob", "address", "phone", "email", "iban", "card", "natid", "foreign", "special", "ip"}
	keepFacts = []string{"order", "invoice", "delivery", "refs"}
)

// factWeights are how often each fact appears in a record.
var factWeights = map[string]float64{
	"dob": 0.35, "address": 0.35, "phone": 0.5, "email": 0.45, "iban": 0.35, "card": 0.3, "natid": 0.35,
	"foreign": 0.1, "special": 0.2, "ip": 0.12,
	"order": 0.5, "invoice": 0.4, "delivery": 0.4, "refs": 0.35,
}

// chooseFacts picks the facts of one record: at least two personal ones and one look-alike,
// in random order.
func (b *builder) chooseFacts(book map[string][]string) []string {
	var pii, keep []string
	for _, f := range piiFacts {
		if len(book[f]) > 0 && b.chance(factWeights[f]) {
			pii = append(pii, f)
		}
	}
	for len(pii) < 2 {
		f := pick(b.rng, piiFacts[:7])
		if !contains(pii, f) {
			pii = append(pii, f)
		}
	}
	for _, f := range keepFacts {
		if b.chance(factWeights[f]) {
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		keep = append(keep, pick(b.rng, keepFacts))
	}
	all := append(pii, keep...)
	b.rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
