package spoken_test

import (
	"fmt"

	"github.com/piiguard/piiguard/detectors/spoken"
)

func ExampleDigits() {
	text := "meine nummer ist null eins fünf eins, äh, zwei drei"
	v, ok := spoken.Digits(text)
	fmt.Println(ok, v.Text())

	// A rule finds "015123" in the view; Span gives the words to replace in the original.
	start, end := v.Span(17, 23)
	fmt.Println(text[:start] + "<phone>" + text[end:])
	// Output:
	// true meine nummer ist 015123
	// meine nummer ist <phone>
}
