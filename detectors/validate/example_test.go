package validate_test

import (
	"fmt"

	"github.com/piiguard/piiguard/detectors/validate"
)

func ExampleLookup() {
	valid, ok := validate.Lookup("iban")
	fmt.Println(ok, valid("DE89 3704 0044 0532 0130 00"), valid("DE89 3704 0044 0532 0130 01"))
	// Output: true true false
}

func ExamplePhoneE164() {
	fmt.Println(validate.PhoneE164("0151 12345678"))
	fmt.Println(validate.PhoneE164("020 7946 0958", "GB"))
	// Output:
	// +4915112345678 true
	// +442079460958 true
}

func ExampleDigits() {
	fmt.Println(validate.Digits("+49 (0)151-1234 5678"))
	// Output: 49015112345678
}
