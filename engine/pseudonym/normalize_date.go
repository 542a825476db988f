package pseudonym

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// twoDigitYearPivot splits two-digit years: below it they are 20xx, from it 19xx. It is a
// constant, not derived from the clock, so that a date's token never changes over time.
const twoDigitYearPivot = 30

// numericDate matches three numbers separated by '.', '/', '-' or spaces ("12.03.1985",
// "1985-03-12", "12. 3. 85", "12 03 1985").
var numericDate = regexp.MustCompile(`^(\d{1,4})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{1,4})\.?$`)

// dateFillers are words that may stand around a written date ("the 12th of March").
var dateFillers = map[string]bool{
	"the": true, "of": true, "on": true, "den": true, "der": true, "am": true, "le": true,
	"il": true, "el": true, "de": true, "del": true, "di": true,
}

// monthNames maps month names and abbreviations (accent-folded, lower-case) in the supported
// languages to month numbers.
var monthNames = func() map[string]int {
	byMonth := [12]string{
		"january jan januar janner jaenner januari janvier gennaio enero tammikuu tammikuuta styczen stycznia",
		"february feb februar februari fevrier febbraio febrero helmikuu helmikuuta luty lutego",
		"march mar marz maerz mrz marts mars marzo maart maaliskuu maaliskuuta marzec marca",
		"april apr aprile avril abril huhtikuu huhtikuuta kwiecien kwietnia",
		"may mai maj maggio mayo mei toukokuu toukokuuta maja",
		"june jun juni juin giugno junio kesakuu kesakuuta czerwiec czerwca",
		"july jul juli juillet luglio julio heinakuu heinakuuta lipiec lipca",
		"august aug augusti aout agosto augustus elokuu elokuuta sierpien sierpnia",
		"september sep sept settembre septembre septiembre setiembre syyskuu syyskuuta wrzesien wrzesnia",
		"october oct oktober okt octobre ottobre octubre lokakuu lokakuuta pazdziernik pazdziernika",
		"november nov novembre noviembre marraskuu marraskuuta listopad listopada",
		"december dec dezember dez desember dicembre decembre diciembre joulukuu joulukuuta grudzien grudnia",
	}
	m := map[string]int{}
	for i, names := range byMonth {
		for _, name := range strings.Fields(names) {
			m[name] = i + 1
		}
	}
	return m
}()

// normalizeDate returns yyyy-mm-dd when v reads as a date, else v collapsed and lower-cased.
// Numeric dates are day first unless region is US or only month first makes sense.
func normalizeDate(v, region string) string {
	s := strings.TrimSpace(v)
	if y, m, d, ok := parseNumericDate(s, region); ok {
		return formatDate(y, m, d)
	}
	if y, m, d, ok := parseWrittenDate(s); ok {
		return formatDate(y, m, d)
	}
	return collapseLower(v)
}

// parseNumericDate reads "12.03.1985", "1985-03-12", "03/12/1985" (US), "120385",
// "12031985" and "19850312".
func parseNumericDate(s, region string) (y, m, d int, ok bool) {
	var a, b, c string
	if allDigitsASCII(s) {
		switch {
		case len(s) == 8 && (s[:2] == "19" || s[:2] == "20") && validDate(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:])):
			a, b, c = s[:4], s[4:6], s[6:]
		case len(s) == 8 || len(s) == 6:
			a, b, c = s[:2], s[2:4], s[4:]
		default:
			return 0, 0, 0, false
		}
	} else {
		g := numericDate.FindStringSubmatch(s)
		if g == nil {
			return 0, 0, 0, false
		}
		a, b, c = g[1], g[2], g[3]
	}
	if len(a) == 4 {
		y, m, d = atoi(a), atoi(b), atoi(c)
	} else {
		if len(c) != 2 && len(c) != 4 || len(a) > 2 {
			return 0, 0, 0, false
		}
		y, m, d = year(c), atoi(b), atoi(a)
		if region == "US" && validDate(y, d, m) || !validDate(y, m, d) && validDate(y, d, m) {
			m, d = d, m
		}
	}
	return y, m, d, validDate(y, m, d)
}

// parseWrittenDate reads a date with a month name: "12 March 1985", "March 12th, 1985",
// "12. März 1985", "the 12th of March 85", "1985 March 12".
func parseWrittenDate(s string) (y, m, d int, ok bool) {
	fields := strings.FieldsFunc(foldLetters(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '/' || r == '-' || r == '\t'
	})
	var nums []string
	for _, f := range fields {
		if dateFillers[f] {
			continue
		}
		if month, isMonth := monthNames[f]; isMonth && m == 0 {
			m = month
			continue
		}
		n := strings.TrimRight(f, "abcdefghijklmnopqrstuvwxyz°º")
		if n == "" || len(n) < len(f)-2 || !allDigitsASCII(n) {
			return 0, 0, 0, false
		}
		nums = append(nums, n)
	}
	if m == 0 || len(nums) != 2 {
		return 0, 0, 0, false
	}
	switch {
	case len(nums[1]) == 4 || len(nums[1]) == 2 && len(nums[0]) <= 2:
		d, y = atoi(nums[0]), year(nums[1])
	case len(nums[0]) == 4:
		y, d = atoi(nums[0]), atoi(nums[1])
	default:
		return 0, 0, 0, false
	}
	return y, m, d, validDate(y, m, d)
}

// year reads a two- or four-digit year.
func year(s string) int {
	y := atoi(s)
	if len(s) != 2 {
		return y
	}
	if y < twoDigitYearPivot {
		return 2000 + y
	}
	return 1900 + y
}

// validDate reports whether y-m-d is a real calendar day in years 1000-2999.
func validDate(y, m, d int) bool {
	if y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

func formatDate(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

// atoi reads a short run of ASCII digits; callers check the digits first.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
