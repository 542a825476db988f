package detectors

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestZZRuleCost(t *testing.T) {
	data, _ := os.ReadFile("testdata/bench.txt")
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lines = append(lines, "guten tag bevor wir anfangen sind sie damit einverstanden dass wir das gespräch aufzeichnen", "ja klar", "vielen dank was kann ich für sie tun",
		"ich kündige zum monatsende und danach löschen sie bitte alle meine daten und schicken mir keine werbung mehr", "das ist notiert sie bekommen eine bestätigung per post")
	s := MustCompileDefault()
	set := s.stmts
	cost := map[string]time.Duration{}
	runs := map[string]int{}
	for rep := 0; rep < 20; rep++ {
		for _, l := range lines {
			bits := set.gate.match(l, nil)
			if !bits.anyOf(set.contentKW) {
				continue
			}
			u := set.gate.prepare(l)
			for _, r := range append(append([]*statementRule{}, set.content...), set.cancels...) {
				if !r.gated(bits) {
					continue
				}
				for k := range u.sents {
					if !r.gated(u.sentBits[k]) {
						continue
					}
					w := u.sentence(k)
					t0 := time.Now()
					firstMatch(r.match, w)
					cost[r.id] += time.Since(t0)
					runs[r.id]++
				}
			}
		}
	}
	type kv struct {
		id string
		d  time.Duration
	}
	var all []kv
	var tot time.Duration
	for k, v := range cost {
		all = append(all, kv{k, v})
		tot += v
	}
	sort.Slice(all, func(i, j int) bool { return all[i].d > all[j].d })
	fmt.Println("total per pass", tot/20)
	for _, x := range all {
		fmt.Printf("%-35s %8v runs=%d\n", x.id, x.d/20, runs[x.id]/20)
	}
}
