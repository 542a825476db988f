package synth_test

import (
	"fmt"

	"github.com/piiguard/piiguard/engine/synth"
)

func ExampleGenerator_Next() {
	g := synth.New(42)
	for range 3 {
		l := g.Next()
		fmt.Println(l.Channel, l.Language, len(l.PII) > 0, len(l.Keep) > 0)
	}
	// Output:
	// call de true true
	// chat da true true
	// email it true true
}
