package synth

import (
	"strings"
	"time"
)

// persona is who takes part in one record: the customer, the agent and the company.
type persona struct {
	female               bool
	first, last          string
	agentFemale          bool
	agentFirst           string
	agentLast            string
	birth                time.Time
	company              company
	addr                 address
	apptHour, apptMinute int
}

// newPersona draws the people of a record.
func newPersona(b *builder) persona {
	loc, r := b.loc, b.rng
	p := persona{
		female:      r.IntN(2) == 0,
		agentFemale: r.IntN(2) == 0,
		last:        pick(r, loc.last),
		agentLast:   pick(r, loc.last),
		birth:       randomDate(r, 1940, 2005),
		company:     pick(r, loc.companies),
		apptHour:    between(r, 8, 16),
		apptMinute:  pick(r, []int{0, 0, 15, 30, 45}),
	}
	p.first = firstName(b, p.female)
	p.agentFirst = firstName(b, p.agentFemale)
	p.addr = newAddress(r, loc)
	return p
}

func firstName(b *builder, female bool) string {
	if female {
		return pick(b.rng, b.loc.female)
	}
	return pick(b.rng, b.loc.male)
}

// gender returns 0 for a woman and 1 for a man, the index into titles and salutations.
func (p persona) gender() int {
	if p.female {
		return 0
	}
	return 1
}

// mailLocal is the local part of a company mailbox for a person: "anna.schmidt".
func mailLocal(first, last string) string {
	return strings.ReplaceAll(translit(first)+"."+translit(last), "..", ".")
}
