package detectors

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkStatements runs statement detection on the text BenchmarkScanText scans (testdata/bench.txt, one
// utterance per line), so the two lines compare: statement detection's cost relative to the entity scan.
func BenchmarkStatements(b *testing.B) {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	s := MustCompileDefault()
	us := make([][]Utterance, len(lines))
	for i, l := range lines {
		us[i] = []Utterance{{Speaker: "customer", Role: RoleCustomer, Text: l}}
	}
	b.SetBytes(int64(len(data) - len(lines) + 1))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, u := range us {
			if _, err := s.Statements(u, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStatementsDialogue runs statement detection on a call full of statements: a consent question and
// answer, an objection and an erasure request (the worst case: every rule family runs).
func BenchmarkStatementsDialogue(b *testing.B) {
	us := []Utterance{
		{Speaker: "agent", Role: RoleAgent, Text: "guten tag bevor wir anfangen sind sie damit einverstanden dass wir das gespräch aufzeichnen"},
		{Speaker: "customer", Role: RoleCustomer, Text: "ja klar"},
		{Speaker: "agent", Role: RoleAgent, Text: "vielen dank was kann ich für sie tun"},
		{Speaker: "customer", Role: RoleCustomer, Text: "ich kündige zum monatsende und danach löschen sie bitte alle meine daten und schicken mir keine werbung mehr"},
		{Speaker: "agent", Role: RoleAgent, Text: "das ist notiert sie bekommen eine bestätigung per post"},
	}
	n := 0
	for _, u := range us {
		n += len(u.Text)
	}
	s := MustCompileDefault()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Statements(us, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
