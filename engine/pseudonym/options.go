package pseudonym

// DefaultTemplate is the token template used unless WithTemplate says otherwise.
const DefaultTemplate = "<{type}:{kid}:{token}>"

// config holds what the options set; defaults live in defaultConfig.
type config struct {
	template   string
	reversible bool
}

// defaultConfig returns the configuration New starts from.
func defaultConfig() config {
	return config{template: DefaultTemplate}
}

// Option configures a Pseudonymizer.
type Option func(*config)

// WithTemplate sets the token template; default "<{type}:{kid}:{token}>". It must hold each
// of the placeholders {type}, {kid} and {token} once, start and end with a delimiter (a
// character other than a letter, digit, '_' or '-'), separate placeholders by at least one
// such delimiter, and hold no other braces.
func WithTemplate(t string) Option { return func(c *config) { c.template = t } }

// WithReversible turns on reversible tokens: the token part is the deterministic AES-SIV
// encryption of the normalised value, which Reveal can decrypt with the key file. Default
// off (tokens are a one-way keyed MAC). A reversible token's length grows with the value's.
func WithReversible() Option { return func(c *config) { c.reversible = true } }
