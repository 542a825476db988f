package policy_test

import (
	"fmt"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/policy"
)

func Example() {
	p, err := policy.Parse("pci.yaml", []byte(`
version: "pci-1"
types:
  CREDIT_CARD: { action: mask, keep_last: 4 }
  EMAIL: mask
channels:
  chat: { types: { EMAIL: redact } }
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	card := detectors.Finding{Type: "CREDIT_CARD", Category: "financial"}
	email := detectors.Finding{Type: "EMAIL", Category: "contact"}
	health := detectors.Finding{Type: "SPECIAL_CATEGORY", Subtype: "health", Category: "special_category"}

	for _, c := range []struct {
		f       detectors.Finding
		channel string
		value   string
	}{{card, "call", "4111 1111 1111 1111"}, {email, "email", "jane.doe@example.com"}, {email, "chat", "jane.doe@example.com"}, {health, "call", "diabetes"}} {
		d := p.Decide(c.f, c.channel, "/text")
		text, _ := policy.Render(d, c.f, c.value, nil, "")
		fmt.Printf("%s %s: %s\n", c.channel, d.Action, text)
	}
	fmt.Println(policy.Classify([]detectors.Finding{card, email, email}, "common@1.0.0", p.Version()).Headers())
	// Output:
	// call mask: **** **** **** 1111
	// email mask: j***@example.com
	// chat redact: <EMAIL>
	// call redact: <SPECIAL_CATEGORY:health>
	// [[piiguard-types CREDIT_CARD=1,EMAIL=2] [piiguard-sensitivity financial] [piiguard-rules-version common@1.0.0] [piiguard-policy-version pci-1]]
}

func ExampleParse_error() {
	_, err := policy.Parse("policy.yaml", []byte("version: \"1\"\ncategories:\n  special_category: pseudonymise\n"))
	fmt.Println(err)
	// Output:
	// policy.yaml:3: category special_category: action pseudonymise is refused: special categories (health, religion, …) may only be redacted or dropped, never kept, pseudonymised into joinable tokens, masked or generalised
}
