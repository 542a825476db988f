package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// address is a postal address split the way records show it: the street line and the
// postal-code-and-city line.
type address struct {
	street, city string
}

// ukCities maps UK towns to postcode districts in them.
var ukCities = []struct {
	town      string
	districts []string
}{
	{"London", []string{"SW11", "N1", "E14", "SE15", "NW3", "W5", "N16", "E8"}},
	{"Manchester", []string{"M1", "M14", "M20", "M21"}},
	{"Birmingham", []string{"B15", "B29", "B13"}},
	{"Leeds", []string{"LS6", "LS1", "LS8"}},
	{"Bristol", []string{"BS8", "BS3", "BS6"}},
	{"Glasgow", []string{"G12", "G41"}},
	{"Edinburgh", []string{"EH3", "EH6", "EH10"}},
	{"Cardiff", []string{"CF10", "CF24"}},
	{"Liverpool", []string{"L17", "L18"}},
	{"Sheffield", []string{"S10", "S11"}},
	{"Nottingham", []string{"NG7", "NG5"}},
	{"Brighton", []string{"BN1", "BN2"}},
}

// newAddress makes an address in the locale's country.
func newAddress(r *rand.Rand, loc *locale) address {
	street := pick(r, loc.streets)
	house := fmt.Sprint(between(r, 1, 140))
	switch loc.lang {
	case "de":
		if r.IntN(8) == 0 {
			house += pick(r, []string{"a", "b", "c"})
		}
		if r.IntN(4) == 0 {
			street = strings.Replace(street, "straße", "str.", 1)
		}
		return address{street + " " + house, pick(r, loc.cities)}
	case "da":
		return address{street + " " + house, pick(r, loc.cities)}
	case "it":
		if r.IntN(3) == 0 {
			return address{street + ", " + house, pick(r, loc.cities)}
		}
		return address{street + " " + house, pick(r, loc.cities)}
	}
	c := pick(r, ukCities)
	inward := fmt.Sprintf("%d%c%c", r.IntN(10), "ABDEFGHJLNPQRSTUWXYZ"[r.IntN(20)], "ABDEFGHJLNPQRSTUWXYZ"[r.IntN(20)])
	return address{house + " " + street, c.town + " " + pick(r, c.districts) + " " + inward}
}
