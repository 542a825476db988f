package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTableFindings(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"csv with typed columns", "Navn;E-mail;Telefon;Emne\nLars Pedersen;lars@x.dk;31 46 82 05;Flytning\n",
			[]string{"PERSON:Lars Pedersen", "EMAIL:lars@x.dk", "PHONE:31 46 82 05"}},
		{"quoted cells", "name,phone\n\"Anna Rossi\",\"333 123 4567\"", []string{"PERSON:Anna Rossi", "PHONE:333 123 4567"}},
		{"no known column", "a;b;c\n1;2;3\n", nil},
		{"not a table", "hello\nworld", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range tableFindings(tc.text) {
				got = append(got, f.Type+":"+tc.text[f.Start:f.End])
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
