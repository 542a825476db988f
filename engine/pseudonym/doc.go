// Package pseudonym turns personal values into stable, type-tagged tokens so that analytics
// can still count and join customers without seeing them.
//
// A token is deterministic per (secret key, entity type, normalised value): the same email
// typed in two cases, the same phone number with and without country code, or the same IBAN
// with and without spaces map to one token. By default a token looks like
//
//	<EMAIL:k1:7ZQ3M0V4H2XKJ9RT>
//
// where the last part is the first 80 bits of HMAC-SHA-256(secret, type || 0x00 || value)
// in Crockford base32. With [WithReversible] the last part is instead the AES-SIV encryption
// of the normalised value (associated data: the type), which [Pseudonymizer.Reveal] can undo
// for whoever holds the key file. Keys live in a YAML key file ([ParseKeyring]) that names
// one active key; older keys stay in the file so that tokens made with them can still be
// revealed after a rotation. No method of this package prints a secret or a value.
package pseudonym
