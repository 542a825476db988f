package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// translit writes a name part the way it goes into an email address: lower case, umlauts and
// Nordic letters spelled out (ü → ue, ø → oe, å → aa), other diacritics, spaces and apostrophes
// dropped.
func translit(s string) string {
	s = spelledOut.Replace(s)
	var b strings.Builder
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		if 'a' <= c && c <= 'z' || c == '-' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

var spelledOut = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "æ", "ae", "ø", "oe", "å", "aa",
	"Ä", "ae", "Ö", "oe", "Ü", "ue", "Æ", "ae", "Ø", "oe", "Å", "aa")

// emailAddress makes a personal address from a name, in one of the usual local-part styles.
func emailAddress(r *rand.Rand, first, last string, birthYear int, domains []string) string {
	f, l := translit(first), translit(last)
	yy := fmt.Sprintf("%02d", birthYear%100)
	local := pick(r, []string{
		f + "." + l, f + "." + l, f + "." + l, f[:1] + "." + l, f + l, l + "." + f, f + "_" + l,
		f + "." + l + yy, f + yy, f + l + fmt.Sprint(birthYear), l + f[:1], f + "-" + l, f + "." + l + fmt.Sprint(between(r, 1, 99)),
	})
	return local + "@" + pick(r, domains)
}

// publicV4Firsts are first octets of address blocks that European ISPs hand to customers.
var publicV4Firsts = []int{2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 82, 83, 84, 85, 86, 87, 88, 89, 91, 93, 94, 95,
	109, 151, 176, 178, 185, 188, 212, 213, 217}

// ipv4 returns a public IPv4 address.
func ipv4(r *rand.Rand) string {
	return fmt.Sprintf("%d.%d.%d.%d", pick(r, publicV4Firsts), between(r, 1, 254), between(r, 0, 255), between(r, 2, 254))
}

// v6Prefixes are the first groups of ISP IPv6 allocations.
var v6Prefixes = []string{"2003:e5", "2003:c2", "2a02:8108", "2a02:810b", "2a01:c22", "2a02:a03f", "2001:16b8", "2a00:23c7"}

// ipv6 returns a global IPv6 address in compressed notation.
func ipv6(r *rand.Rand) string {
	g := func() string { return fmt.Sprintf("%x", r.IntN(0x10000)) }
	p := pick(r, v6Prefixes)
	if strings.Count(p, ":") == 1 {
		p += ":" + g()
	}
	if r.IntN(2) == 0 {
		return p + ":" + g() + "::" + g()
	}
	return p + ":" + g() + ":" + g() + ":" + g() + ":" + g() + ":" + g()
}
