package pseudonym

import "encoding/base32"

// crockford is Crockford's base32 alphabet (no I, L, O, U), upper-case, without padding.
var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// macBytes is how many bytes of the HMAC a token keeps: 10 bytes, 80 bits, 16 base32 chars.
const macBytes = 10

// macChars is the length of a MAC token part in Crockford base32.
const macChars = macBytes * 8 / 5
