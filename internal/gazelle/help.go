package gazelle

import "convene/internal/i18n"

// Help returns the texts that explain Børsen's definition as the program
// reads it for the period that ends with year: the rules, which year ends
// the period, how "every year" is read, units and review, and how the
// statuses combine.
func Help(year int) []i18n.Message {
	return []i18n.Message{
		msg("gazelle.help.definition"),
		msg("gazelle.help.period", "year", year, "from", year-span+1),
		msg("gazelle.help.every_year", "from", year-span+1, "second", year-span+2, "third", year-span+3, "year", year),
		msg("gazelle.help.measure", "revenue", MinStartRevenue, "gross", MinStartGrossProfit),
		msg("gazelle.help.units"),
		msg("gazelle.help.result"),
	}
}

// HighGrowthHelp returns the texts that explain Danmarks Statistik's
// high-growth rule for the three years of growth that end with year.
func HighGrowthHelp(year int) []i18n.Message {
	return []i18n.Message{
		msg("gazelle.highgrowth.help.definition", "min", MinStartFTE, "max", MaxAge),
		msg("gazelle.highgrowth.help.period", "year", year, "from", year-3),
	}
}
