package gazelle

import "math"

// Danmarks Statistik's high-growth enterprise is a statistical definition,
// not Børsen's gazelle: at least 20 % average annual growth in employees
// over three years, at least 5 full-time employees at the start, and at
// most 5 years old. The register keeps only today's head count, so the
// rule takes its own inputs: full-time equivalents per year and the year
// the company was founded.

// The high-growth thresholds.
const (
	// MinStartFTE is the least full-time employees in the starting year.
	MinStartFTE = 5
	// MaxAge is the oldest a company may be in the last year, in years.
	MaxAge = 5
)

// The results of the high-growth rule set.
const (
	ResultHighGrowth    Result = "high_growth"
	ResultNotHighGrowth Result = "not_high_growth"
)

// The names of the high-growth rules.
const (
	RuleHighGrowth = "gazelle.highgrowth.rule.growth"
	RuleHighSize   = "gazelle.highgrowth.rule.size"
	RuleHighAge    = "gazelle.highgrowth.rule.age"
)

// Headcount is a company's full-time equivalents (årsværk) in one year.
type Headcount struct {
	Year int     `json:"year"`
	FTE  float64 `json:"fte"`
}

// Enterprise is what the high-growth rule needs about one company.
type Enterprise struct {
	ID      int64
	Name    string
	Founded int // the year the company was founded; 0 when unknown
	Staff   []Headcount
}

// HighGrowthVerdict is Danmarks Statistik's high-growth rule applied to one
// company for the three years of growth that end with Year.
type HighGrowthVerdict struct {
	Definition string `json:"definition"`
	CompanyID  int64  `json:"companyId"`
	Name       string `json:"name"`
	// Year ends the period; From = Year-3 is the starting year.
	Year   int    `json:"year"`
	From   int    `json:"from"`
	Result Result `json:"result"`
	Rules  []Rule `json:"rules"`
	// AnnualGrowth is the average (compound) yearly growth in FTE.
	AnnualGrowth *Percent `json:"annualGrowth,omitempty"`
}

// EvaluateHighGrowth applies Danmarks Statistik's definition to e for the
// three years of growth that end with year.
func EvaluateHighGrowth(e Enterprise, year int) HighGrowthVerdict {
	from := year - 3
	v := HighGrowthVerdict{Definition: DefinitionHighGrowth, CompanyID: e.ID, Name: e.Name, Year: year, From: from}
	start, startOK := headcount(e.Staff, from)
	end, endOK := headcount(e.Staff, year)

	growth := Rule{ID: 1, Name: RuleHighGrowth, Status: StatusNotEnoughData}
	switch {
	case !startOK || !endOK:
		growth.Detail = msg("gazelle.highgrowth.detail.missing", "years", missingYears(startOK, from, endOK, year))
	case start == 0:
		growth.Detail = msg("gazelle.highgrowth.detail.no_base", "year", from)
	default:
		g := Percent(math.Floor((math.Cbrt(float64(end)/float64(start))-1)*1000+1e-6) / 10)
		v.AnnualGrowth = &g
		growth.Status, growth.Detail = StatusFailed, msg("gazelle.highgrowth.detail.growth_low", "from", from, "to", year,
			"before", fte(start), "after", fte(end), "growth", g)
		// 20 % a year for three years is a factor 1.2³ = 1.728; FTEs are whole
		// hundredths, so the boundary compares exactly.
		if end*1000 >= start*1728 {
			growth.Status, growth.Detail.Key = StatusPassed, "gazelle.highgrowth.detail.growth_ok"
		}
	}

	size := Rule{ID: 2, Name: RuleHighSize, Status: StatusNotEnoughData,
		Detail: msg("gazelle.highgrowth.detail.missing", "years", missingYears(false, from, true, year))}
	if startOK {
		size.Status, size.Detail = StatusPassed, msg("gazelle.highgrowth.detail.size_ok", "year", from, "fte", fte(start), "min", MinStartFTE)
		if start < MinStartFTE*100 {
			size.Status, size.Detail.Key = StatusFailed, "gazelle.highgrowth.detail.size_low"
		}
	}

	age := Rule{ID: 3, Name: RuleHighAge, Status: StatusNotEnoughData, Detail: msg("gazelle.highgrowth.detail.founded_unknown")}
	if e.Founded > 0 {
		a := year - e.Founded
		age.Status, age.Detail = StatusPassed, msg("gazelle.highgrowth.detail.age_ok", "founded", e.Founded, "age", a, "max", MaxAge, "year", year)
		if a > MaxAge {
			age.Status, age.Detail.Key = StatusFailed, "gazelle.highgrowth.detail.age_high"
		}
	}

	v.Rules = []Rule{growth, size, age}
	v.Result = ResultHighGrowth
	for _, r := range v.Rules {
		switch {
		case r.Status == StatusFailed:
			v.Result = ResultNotHighGrowth
		case r.Status == StatusNotEnoughData && v.Result == ResultHighGrowth:
			v.Result = ResultNotEnoughData
		}
	}
	return v
}

// headcount returns a year's FTE in hundredths, so the thresholds compare
// exactly; a year missing or given twice has none.
func headcount(hs []Headcount, year int) (int64, bool) {
	var n int64
	found := 0
	for _, h := range hs {
		if h.Year == year {
			n = int64(math.Round(h.FTE * 100))
			found++
		}
	}
	return n, found == 1 && n >= 0
}

// missingYears lists which of the two years has no head count.
func missingYears(startOK bool, from int, endOK bool, year int) string {
	var ys []int
	if !startOK {
		ys = append(ys, from)
	}
	if !endOK {
		ys = append(ys, year)
	}
	return years(ys)
}

// fte is hundredths of an FTE back as a number for a message.
func fte(hundredths int64) float64 { return float64(hundredths) / 100 }
