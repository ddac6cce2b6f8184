package i18n

import (
	"fmt"
	"time"
)

var monthNames = map[string][12]string{
	"da": {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// FormatDate writes a date the way the language writes it in prose:
// "28. november 2026" in Danish, "28 November 2026" in English.
func FormatDate(lang string, t time.Time) string {
	names, ok := monthNames[lang]
	if !ok {
		names = monthNames[Default]
		lang = Default
	}
	if lang == "da" {
		return fmt.Sprintf("%d. %s %d", t.Day(), names[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), names[t.Month()-1], t.Year())
}

// FormatTime writes a clock time: "kl. 17.00" in Danish, "17:00" in English.
func FormatTime(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("15:04")
	}
	return "kl. " + t.Format("15.04")
}

var weekdayNames = map[string][7]string{
	"da": {"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"},
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// FormatLongDate writes a date with its weekday: "tirsdag den 12. januar
// 2027" in Danish, "Tuesday 12 January 2027" in English.
func FormatLongDate(lang string, t time.Time) string {
	if lang == "en" {
		return weekdayNames["en"][t.Weekday()] + " " + FormatDate("en", t)
	}
	return weekdayNames["da"][t.Weekday()] + " den " + FormatDate("da", t)
}
