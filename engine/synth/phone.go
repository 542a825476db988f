package synth

import (
	"math/rand/v2"
	"strings"
)

// phonePlan is how a country's numbers are built: a national prefix ("0" or none), the
// country code, and the ranges (leading digits and the count of digits after them).
type phonePlan struct {
	trunk   string
	cc      string
	mobiles []phoneRange
	fixed   []phoneRange
}

type phoneRange struct {
	lead  string // leading digits of the national significant number
	rest  int    // digits after lead
	first string // the digits the rest may start with; default 1..9
}

var phonePlans = map[string]phonePlan{
	"DE": {trunk: "0", cc: "49",
		mobiles: []phoneRange{{"151", 8, ""}, {"152", 8, ""}, {"157", 8, ""}, {"159", 8, ""}, {"160", 7, ""}, {"162", 7, ""}, {"163", 7, ""},
			{"170", 7, ""}, {"171", 7, ""}, {"172", 7, ""}, {"173", 7, ""}, {"174", 7, ""}, {"175", 7, ""}, {"176", 8, ""}, {"177", 7, ""}, {"178", 7, ""}, {"179", 7, ""}},
		fixed: []phoneRange{{"30", 8, ""}, {"30", 7, ""}, {"40", 8, ""}, {"89", 8, ""}, {"69", 8, ""}, {"221", 7, ""}, {"711", 7, ""}, {"341", 7, ""},
			{"211", 7, ""}, {"351", 7, ""}, {"511", 7, ""}, {"421", 7, ""}}},
	"DK": {trunk: "", cc: "45",
		mobiles: []phoneRange{{"20", 6, ""}, {"21", 6, ""}, {"22", 6, ""}, {"23", 6, ""}, {"24", 6, ""}, {"25", 6, ""}, {"26", 6, ""}, {"27", 6, ""},
			{"28", 6, ""}, {"29", 6, ""}, {"30", 6, ""}, {"31", 6, ""}, {"40", 6, ""}, {"41", 6, ""}, {"42", 6, ""}, {"50", 6, ""}, {"51", 6, ""}, {"52", 6, ""},
			{"53", 6, ""}, {"60", 6, ""}, {"61", 6, ""}, {"71", 6, ""}, {"81", 6, ""}, {"91", 6, ""}, {"92", 6, ""}, {"93", 6, ""}},
		fixed: []phoneRange{{"33", 6, ""}, {"35", 6, ""}, {"36", 6, ""}, {"38", 6, ""}, {"39", 6, ""}, {"43", 6, ""}, {"44", 6, ""}, {"45", 6, ""},
			{"46", 6, ""}, {"48", 6, ""}, {"56", 6, ""}, {"59", 6, ""}, {"62", 6, ""}, {"65", 6, ""}, {"66", 6, ""}, {"70", 6, ""}, {"74", 6, ""}, {"75", 6, ""},
			{"86", 6, ""}, {"87", 6, ""}, {"89", 6, ""}, {"96", 6, ""}, {"97", 6, ""}, {"98", 6, ""}, {"99", 6, ""}}},
	"IT": {trunk: "", cc: "39",
		mobiles: []phoneRange{{"320", 7, ""}, {"324", 7, ""}, {"327", 7, ""}, {"328", 7, ""}, {"329", 7, ""}, {"330", 7, ""}, {"331", 7, ""},
			{"333", 7, ""}, {"334", 7, ""}, {"335", 7, ""}, {"336", 7, ""}, {"338", 7, ""}, {"339", 7, ""}, {"340", 7, ""}, {"342", 7, ""}, {"345", 7, ""},
			{"346", 7, ""}, {"347", 7, ""}, {"348", 7, ""}, {"349", 7, ""}, {"350", 7, ""}, {"366", 7, ""}, {"380", 7, ""}, {"388", 7, ""}, {"389", 7, ""},
			{"391", 7, ""}, {"392", 7, ""}, {"393", 7, ""}},
		fixed: []phoneRange{{"06", 8, ""}, {"02", 8, ""}, {"011", 7, ""}, {"081", 7, ""}, {"055", 7, ""}, {"051", 7, ""}, {"010", 7, ""}, {"091", 7, ""}}},
	"GB": {trunk: "0", cc: "44",
		mobiles: []phoneRange{{"740", 7, ""}, {"745", 7, ""}, {"747", 7, ""}, {"748", 7, ""}, {"751", 7, ""}, {"752", 7, ""}, {"754", 7, ""},
			{"757", 7, ""}, {"770", 7, ""}, {"771", 7, ""}, {"772", 7, ""}, {"773", 7, ""}, {"774", 7, ""}, {"776", 7, ""}, {"777", 7, ""}, {"778", 7, ""},
			{"779", 7, ""}, {"780", 7, ""}, {"783", 7, ""}, {"784", 7, ""}, {"790", 7, ""}, {"791", 7, "23456789"}, {"792", 7, ""}, {"793", 7, ""}, {"794", 7, ""},
			{"795", 7, ""}, {"796", 7, ""}, {"798", 7, ""}},
		fixed: []phoneRange{{"207", 7, ""}, {"208", 7, ""}, {"161", 7, ""}, {"121", 7, "234"}, {"131", 7, "234"}, {"113", 7, "234"},
			{"117", 7, "234"}, {"141", 7, ""}, {"151", 7, ""}, {"292", 7, ""}}},
}

// phoneNumber is a generated number: country and national significant number, and whether it
// is a mobile.
type phoneNumber struct {
	region string
	nsn    string
	mobile bool
}

// newPhone returns a random number of region, a mobile with probability pMobile.
func newPhone(r *rand.Rand, region string, pMobile float64) phoneNumber {
	plan := phonePlans[region]
	ranges, mobile := plan.fixed, false
	if r.Float64() < pMobile {
		ranges, mobile = plan.mobiles, true
	}
	rg := pick(r, ranges)
	first := rg.first
	if first == "" {
		first = "123456789" // subscriber numbers do not start with 0
	}
	rest := string(first[r.IntN(len(first))]) + digits(r, rg.rest-1)
	return phoneNumber{region: region, nsn: rg.lead + rest, mobile: mobile}
}

// leadLen returns how many digits of the number form its area or mobile prefix.
func (p phoneNumber) leadLen() int {
	switch {
	case p.region == "DK":
		return 2
	case p.region == "IT" && !p.mobile && (p.nsn[:2] == "06" || p.nsn[:2] == "02"):
		return 2
	case p.region == "DE" && !p.mobile && len(p.nsn) <= 10 && (p.nsn[:2] == "30" || p.nsn[:2] == "40" ||
		p.nsn[:2] == "89" || p.nsn[:2] == "69"):
		return 2
	case p.region == "GB" && !p.mobile && p.nsn[0] == '2':
		return 2
	case p.region == "GB" && p.mobile:
		return 4
	}
	return 3
}

// national returns the number as dialled at home (trunk prefix and digits), compact.
func (p phoneNumber) national() string { return phonePlans[p.region].trunk + p.nsn }

// format writes the number one of the many ways people do.
func (p phoneNumber) format(r *rand.Rand) string {
	plan := phonePlans[p.region]
	nat := p.national()
	lead := len(plan.trunk) + p.leadLen()
	area, sub := nat[:lead], nat[lead:]
	intlArea := p.nsn[:p.leadLen()]
	switch p.region {
	case "DK":
		pairs := nat[:2] + " " + nat[2:4] + " " + nat[4:6] + " " + nat[6:]
		return pick(r, []string{
			pairs, pairs, nat[:4] + " " + nat[4:], nat,
			"+45 " + pairs, "+45 " + nat, "+45" + nat, "0045 " + pairs, "(+45) " + pairs,
		})
	case "IT":
		spaced := area + " " + sub
		if p.mobile {
			spaced = area + " " + sub[:3] + " " + sub[3:]
		}
		return pick(r, []string{
			spaced, spaced, area + " " + sub, nat, area + "-" + sub[:3] + "-" + sub[3:], area + "/" + sub,
			"+39 " + spaced, "+39 " + nat, "+39" + nat, "0039 " + spaced, "(+39) " + spaced,
		})
	case "GB":
		grouped := sub
		switch len(sub) {
		case 8:
			grouped = sub[:4] + " " + sub[4:]
		case 7:
			grouped = sub[:3] + " " + sub[3:]
		}
		return pick(r, []string{
			area + " " + sub, area + " " + grouped, area + " " + grouped, nat, "(" + area + ") " + grouped,
			"+44 " + intlArea + " " + grouped, "+44 (0)" + intlArea + " " + grouped, "+44" + p.nsn,
			"0044 " + intlArea + " " + sub,
		})
	}
	// DE
	return pick(r, []string{
		area + " " + sub, area + " " + sub, area + "/" + sub, area + "-" + sub, "(" + area + ") " + sub, nat,
		area + " " + spacedTail(sub), "+49 " + intlArea + " " + sub, "+49 (0)" + intlArea + " " + sub,
		"+49 " + intlArea + " " + spacedTail(sub), "+49" + p.nsn, "0049 " + intlArea + " " + sub, "+49-" + intlArea + "-" + sub,
	})
}

// spacedTail groups a subscriber number in threes from the left, the last group taking the rest:
// 23456789 → "234 567 89".
func spacedTail(s string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:3])
		s = s[3:]
	}
	return strings.Join(append(parts, s), " ")
}
