package record_test

import (
	"fmt"
	"strings"

	"github.com/piiguard/piiguard/engine/record"
)

func ExampleParseHTML() {
	doc, _ := record.ParseHTML(`<p>Hej <b>Laurits</b> Andresen, <a href="mailto:laurits@example.dk">skriv</a></p>`)
	repl := map[int]string{}
	for i, t := range doc.Texts() {
		fmt.Printf("%s %q continues=%v\n", t.Path, t.Value, t.Continues)
		if t.Path == "/a/0/href" {
			repl[i] = "<EMAIL:k1:7ZQ3M0V4H2XKJ9RT>"
		}
	}
	out, _ := doc.Render(repl)
	fmt.Println(out)
	// Output:
	// /text/0 "Hej " continues=true
	// /text/1 "Laurits" continues=true
	// /text/2 " Andresen, " continues=true
	// /text/3 "skriv" continues=false
	// /a/0/href "laurits@example.dk" continues=false
	// <p>Hej <b>Laurits</b> Andresen, <a href="mailto:&lt;EMAIL:k1:7ZQ3M0V4H2XKJ9RT&gt;">skriv</a></p>
}

func ExampleParseMIME() {
	msg := strings.Join([]string{
		"From: =?utf-8?q?J=C3=B8rgen?= Nielsen <jorgen@example.dk>",
		"Subject: Min konto",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"",
		"Ring til mig på 20 12 34 56.",
		"",
	}, "\r\n")
	doc, _ := record.ParseMIME(msg)
	repl := map[int]string{}
	for i, t := range doc.Texts() {
		fmt.Printf("%s %q\n", t.Path, t.Value)
		if t.Path == "/body" {
			repl[i] = strings.Replace(t.Value, "20 12 34 56", "<PHONE:k1:Q1>", 1)
		}
	}
	out, _ := doc.Render(repl)
	fmt.Print(strings.ReplaceAll(out, "\r\n", "\n"))
	// Output:
	// /headers/from/0/name "Jørgen Nielsen"
	// /headers/from/0/address "jorgen@example.dk"
	// /headers/subject "Min konto"
	// /body "Ring til mig på 20 12 34 56.\r\n"
	// From: =?utf-8?q?J=C3=B8rgen?= Nielsen <jorgen@example.dk>
	// Subject: Min konto
	// MIME-Version: 1.0
	// Content-Type: text/plain; charset=utf-8
	// Content-Transfer-Encoding: quoted-printable
	//
	// Ring til mig p=C3=A5 <PHONE:k1:Q1>.
}
