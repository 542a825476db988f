package spelled_test

import (
	"fmt"

	"github.com/piiguard/piiguard/detectors/spelled"
)

func ExampleLetters() {
	text := "meine email ist laurits punkt andresen at gmail punkt com, danke"
	v, ok := spelled.Letters(text)
	fmt.Println(ok, v.Text())

	// A rule finds the email in the view; Span gives the words to replace in the original.
	start, end := v.Span(16, 42)
	fmt.Println(text[:start] + "<email>" + text[end:])
	// Output:
	// true meine email ist laurits.andresen@gmail.com, danke
	// meine email ist <email>, danke
}
