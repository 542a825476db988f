package pseudonym_test

import (
	"fmt"

	"github.com/piiguard/piiguard/engine/pseudonym"
)

// exampleKeyFile is a key file with a public test key; never use it for real data.
const exampleKeyFile = `# piiguard key file: keep it secret
active: k1
keys:
  - id: k1
    created: 2026-11-22T12:00:00Z
    secret: QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=
`

func Example() {
	ring, err := pseudonym.ParseKeyring([]byte(exampleKeyFile))
	if err != nil {
		panic(err)
	}
	p, err := pseudonym.New(ring)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Token("EMAIL", "Anna.Rossi@Example.IT"))
	fmt.Println(p.Token("EMAIL", " anna.rossi@example.it"))
	fmt.Println(p.TokenWithRegion("PHONE", "22 34 56 78", pseudonym.RegionForLanguage("da")))
	fmt.Println(p.Token("PHONE", "+45 22 34 56 78"))
	fmt.Println(ring)
	// Output:
	// <EMAIL:k1:YKED4HZTPF6HT731>
	// <EMAIL:k1:YKED4HZTPF6HT731>
	// <PHONE:k1:12GR55X6BJHFC9XX>
	// <PHONE:k1:12GR55X6BJHFC9XX>
	// Keyring(active=k1, keys=[k1])
}

func ExamplePseudonymizer_Reveal() {
	ring, err := pseudonym.ParseKeyring([]byte(exampleKeyFile))
	if err != nil {
		panic(err)
	}
	p, err := pseudonym.New(ring, pseudonym.WithReversible(), pseudonym.WithTemplate("[{type}|{kid}|{token}]"))
	if err != nil {
		panic(err)
	}
	token := p.Token("IBAN", "de89 3704 0044 0532 0130 00")
	entityType, value, err := p.Reveal(token)
	fmt.Println(entityType, value, err)
	// Output:
	// IBAN DE89370400440532013000 <nil>
}

func ExampleNormalize() {
	fmt.Println(pseudonym.Normalize("PERSON", "Frau Dr. Zoë MÜLLER"))
	fmt.Println(pseudonym.Normalize("DATE_OF_BIRTH", "12. März 1985"))
	fmt.Println(pseudonym.NormalizeWithRegion("PHONE", "0612345678", "IT"))
	// Output:
	// zoe muller
	// 1985-03-12
	// +390612345678
}
