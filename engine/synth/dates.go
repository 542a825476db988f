package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// months are the month names of each language, January first.
var months = map[string][12]string{
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"da": {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
	"it": {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// randomDate returns a day between the first of January of from and the 31st of December of to.
func randomDate(r *rand.Rand, from, to int) time.Time {
	start := time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(to, 12, 31, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	return start.AddDate(0, 0, r.IntN(days+1))
}

// ordinal writes an English ordinal: 1st, 2nd, 3rd, 11th, 22nd.
func ordinal(d int) string {
	suffix := "th"
	if d%100 < 11 || d%100 > 13 {
		switch d % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprint(d) + suffix
}

// formatDate writes a date the ways people of lang do, with the year when withYear is true.
func formatDate(r *rand.Rand, lang string, t time.Time, withYear bool) string {
	d, m, y := t.Day(), int(t.Month()), t.Year()
	mon := months[lang][m-1]
	if !withYear {
		switch lang {
		case "de":
			return pick(r, []string{fmt.Sprintf("%02d.%02d.", d, m), fmt.Sprintf("%d.%d.", d, m), fmt.Sprintf("%d. %s", d, mon)})
		case "da":
			return pick(r, []string{fmt.Sprintf("%d/%d", d, m), fmt.Sprintf("%d. %s", d, mon)})
		case "it":
			return pick(r, []string{fmt.Sprintf("%d/%d", d, m), fmt.Sprintf("%d %s", d, mon)})
		}
		return pick(r, []string{fmt.Sprintf("%d %s", d, mon), ordinal(d) + " " + mon, mon + " " + ordinal(d)})
	}
	switch lang {
	case "de":
		return pick(r, []string{
			fmt.Sprintf("%02d.%02d.%d", d, m, y), fmt.Sprintf("%02d.%02d.%d", d, m, y), fmt.Sprintf("%d.%d.%d", d, m, y),
			fmt.Sprintf("%d. %s %d", d, mon, y), fmt.Sprintf("%02d.%02d.%02d", d, m, y%100),
		})
	case "da":
		return pick(r, []string{
			fmt.Sprintf("%02d.%02d.%d", d, m, y), fmt.Sprintf("%d. %s %d", d, mon, y), fmt.Sprintf("%d/%d-%d", d, m, y),
			fmt.Sprintf("%02d-%02d-%d", d, m, y),
		})
	case "it":
		return pick(r, []string{
			fmt.Sprintf("%02d/%02d/%d", d, m, y), fmt.Sprintf("%02d/%02d/%d", d, m, y), fmt.Sprintf("%d %s %d", d, mon, y),
			fmt.Sprintf("%02d-%02d-%d", d, m, y), fmt.Sprintf("%d/%d/%d", d, m, y),
		})
	}
	return pick(r, []string{
		fmt.Sprintf("%02d/%02d/%d", d, m, y), fmt.Sprintf("%d %s %d", d, mon, y), fmt.Sprintf("%s %s %d", ordinal(d), mon, y),
		fmt.Sprintf("%s of %s %d", ordinal(d), mon, y), fmt.Sprintf("%s %d, %d", mon, d, y),
	})
}

// formatTime writes a time of day the way lang does.
func formatTime(r *rand.Rand, lang string, h, m int) string {
	switch lang {
	case "da":
		return pick(r, []string{fmt.Sprintf("%d.%02d", h, m), fmt.Sprintf("%02d.%02d", h, m), fmt.Sprintf("%d:%02d", h, m)})
	case "en":
		h12, ampm := h%12, "am"
		if h12 == 0 {
			h12 = 12
		}
		if h >= 12 {
			ampm = "pm"
		}
		if m == 0 {
			return pick(r, []string{fmt.Sprintf("%d%s", h12, ampm), fmt.Sprintf("%d:00", h)})
		}
		return pick(r, []string{fmt.Sprintf("%d:%02d%s", h12, m, ampm), fmt.Sprintf("%d:%02d", h, m), fmt.Sprintf("%d.%02d%s", h12, m, ampm)})
	case "it":
		return pick(r, []string{fmt.Sprintf("%d:%02d", h, m), fmt.Sprintf("%d.%02d", h, m)})
	}
	return pick(r, []string{fmt.Sprintf("%d:%02d", h, m), fmt.Sprintf("%02d:%02d", h, m), fmt.Sprintf("%d.%02d", h, m)})
}
