package gazelle

import (
	"strconv"
	"strings"

	"convene/internal/i18n"
)

// ruleReports is rule 2: four annual reports for the period, the first not
// shorter than 12 months and the last not longer. The years between must be
// 12 months: a changed financial year in the middle makes the year-on-year
// changes incomparable, which rule 6 demands.
func ruleReports(p period) Rule {
	r := Rule{ID: 2, Name: RuleReports, Status: StatusNotEnoughData}
	switch {
	case p.duplicate != 0:
		r.Detail = msg("gazelle.detail.reports.duplicate", "year", p.duplicate)
		return r
	case len(p.missing) > 0:
		r.Detail = msg("gazelle.detail.reports.missing", "years", years(p.missing), "from", p.from, "to", p.to)
		return r
	}
	for i, f := range p.reports {
		m := f.Months
		switch {
		case m <= 0:
			r.Detail = msg("gazelle.detail.reports.months_unknown", "year", f.Year)
			return r
		case i == 0 && m < 12:
			r.Status, r.Detail = StatusFailed, msg("gazelle.detail.reports.first_short", "year", f.Year, "months", m)
			return r
		case i == span-1 && m > 12:
			r.Status, r.Detail = StatusFailed, msg("gazelle.detail.reports.last_long", "year", f.Year, "months", m)
			return r
		case i > 0 && i < span-1 && m != 12:
			r.Status, r.Detail = StatusFailed, msg("gazelle.detail.reports.middle", "year", f.Year, "months", m)
			return r
		}
	}
	r.Status = StatusPassed
	r.Detail = msg("gazelle.detail.reports.ok", "from", p.from, "to", p.to,
		"first", p.reports[0].Months, "last", p.reports[span-1].Months)
	return r
}

// msg builds a message from name, value pairs.
func msg(key string, kv ...any) i18n.Message {
	m := i18n.Message{Key: key}
	if len(kv) > 0 {
		m.Params = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m.Params[kv[i].(string)] = kv[i+1]
		}
	}
	return m
}

// years writes a list of years as "2021, 2023"; the same in both languages.
func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
