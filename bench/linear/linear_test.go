// Package linear benchmarks the whole record pipeline on repeated and adversarial values, to show that the cost
// of a record grows linearly with its size: ns/op divided by the size (MB/s in the output) should stay flat
// from 10 KB to 1 MB for every kind.
//
//	go test -run '^$' -bench . -benchtime 1x ./bench/linear/
package linear

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/piiguard/piiguard/engine"
)

// kind makes one record of about size bytes.
type kind struct {
	name string
	make func(size int) []byte
}

// chat is a chat record whose one message is unit repeated to about size bytes.
func chat(unit string) func(int) []byte {
	return func(size int) []byte {
		return textRecord("chat", "text", strings.Repeat(unit, max(1, size/len(unit))))
	}
}

// textRecord is a record of channel ch with one text member key holding text.
func textRecord(ch, key, text string) []byte {
	rec := map[string]any{"id": "linear-1", "channel": ch, "language": "de"}
	if ch == "chat" {
		rec["messages"] = []map[string]string{{"from": "customer", "at": "2026-11-22T10:00:00Z", "text": text}}
	} else {
		rec[key] = text
	}
	b, err := json.Marshal(rec)
	if err != nil {
		panic(err)
	}
	return b
}

// callSegments is a call whose segments each say unit, to about size bytes.
func callSegments(unit string) func(int) []byte {
	return func(size int) []byte {
		n := max(1, size/(len(unit)+60))
		segs := make([]map[string]any, n)
		for i := range segs {
			sp := "customer"
			if i%2 == 1 {
				sp = "agent"
			}
			segs[i] = map[string]any{"speaker": sp, "start_ms": i * 1000, "end_ms": i*1000 + 900, "text": unit}
		}
		b, err := json.Marshal(map[string]any{"id": "linear-1", "channel": "call", "language": "de", "segments": segs})
		if err != nil {
			panic(err)
		}
		return b
	}
}

// nestedHTML is an email body_html of nested elements, each holding a name and an e-mail.
func nestedHTML(size int) []byte {
	const open, text, end = "<div><p><b>", "Laurits Andresen <a href=\"mailto:laurits.andresen@example.com\">laurits.andresen@example.com</a>", "</b></p></div>"
	var b strings.Builder
	for b.Len() < size {
		depth := 0
		for ; depth < 20 && b.Len() < size; depth++ {
			b.WriteString(open)
			b.WriteString(text)
		}
		for range depth {
			b.WriteString(end)
		}
	}
	return textRecord("email", "body_html", "<html><body>"+b.String()+"</body></html>")
}

// mimeParts is an email raw message with many text parts, each with a name, an e-mail and an IBAN.
func mimeParts(size int) []byte {
	const part = "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nI am Laurits Andresen, laurits.andresen@example.com, IBAN DE89 3704 0044 0532 0130 00.\r\n"
	var b strings.Builder
	b.WriteString("From: Laurits Andresen <laurits.andresen@example.com>\r\nTo: support@example.org\r\nSubject: Hello\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
	for b.Len() < size {
		b.WriteString(part)
	}
	b.WriteString("--b1--\r\n")
	return textRecord("email", "raw", b.String())
}

// Kinds are the benchmarked record kinds.
var Kinds = []kind{
	{"names", chat("I am Laurits Andresen. ")},
	{"emails", chat("mail laurits.andresen@example.com ")},
	{"ibans", chat("IBAN DE89 3704 0044 0532 0130 00 ")},
	{"digits", chat("4711 0815 2342 ")},
	{"spoken", chat("null eins fünf eins zwei drei vier fünf sechs sieben acht ")},
	{"call-names", callSegments("Ich bin Laurits Andresen, meine Nummer ist 0151 23456789.")},
	{"html", nestedHTML},
	{"mime", mimeParts},
}

// Sizes are the benchmarked record sizes.
var Sizes = []int{10 << 10, 100 << 10, 1 << 20}

// BenchmarkRepeated processes one record of each kind and size through the whole pipeline (decode, scan, spread,
// policy, pseudonyms, statements, encode). MB/s should not fall with the size.
func BenchmarkRepeated(b *testing.B) {
	p, err := engine.NewPipeline()
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range Kinds {
		for _, size := range Sizes {
			rec := k.make(size)
			b.Run(fmt.Sprintf("%s/%dKB", k.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(rec)))
				for range b.N {
					if _, err := p.ProcessRecord(rec); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
