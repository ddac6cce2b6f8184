package gazelle

import "convene/internal/i18n"

// needsReports is the detail of a figure rule when rule 2 found no complete
// period to judge.
func needsReports(id int, name string) Rule {
	return Rule{ID: id, Name: name, Status: StatusNotEnoughData, Detail: msg("gazelle.detail.needs_reports")}
}

// nonPositiveRevenue finds a year whose net revenue is zero or negative:
// growth cannot be measured from it, so it is invalid, not a failure.
func nonPositiveRevenue(s measured) (Point, bool) {
	if s.Measure != MeasureNetRevenue {
		return Point{}, false
	}
	for _, pt := range s.Points {
		if pt.Value <= 0 {
			return pt, true
		}
	}
	return Point{}, false
}

// ruleSize is rule 3: the measure (net revenue, else gross profit, the same
// for all four years) and the starting year's size.
func ruleSize(p period, s measured) Rule {
	r := Rule{ID: 3, Name: RuleSize, Status: StatusNotEnoughData}
	if !p.complete() {
		return needsReports(3, RuleSize)
	}
	if !s.usable {
		r.Detail = msg("gazelle.detail.no_measure")
		return r
	}
	if pt, bad := nonPositiveRevenue(s); bad {
		r.Detail = msg("gazelle.detail.revenue_not_positive", "year", pt.Year, "value", pt.Value)
		return r
	}
	start, threshold, key := s.Points[0], MinStartRevenue, "gazelle.detail.size.revenue"
	if s.Measure == MeasureGrossProfit {
		threshold, key = MinStartGrossProfit, "gazelle.detail.size.gross_profit"
	}
	if start.Value >= threshold {
		r.Status, key = StatusPassed, key+"_ok"
	} else {
		r.Status, key = StatusFailed, key+"_low"
	}
	r.Detail = msg(key, "year", start.Year, "value", start.Value, "min", threshold)
	return r
}

// growthRule is rule 4's outcome with the period's total growth.
type growthRule struct {
	Rule
	total *Percent
}

// ruleGrowth is rule 4: growth in each of the three year-on-year changes,
// and at least 100 % from the first year to the last.
func ruleGrowth(p period, s measured) growthRule {
	if !p.complete() {
		return growthRule{Rule: needsReports(4, RuleGrowth)}
	}
	r := Rule{ID: 4, Name: RuleGrowth, Status: StatusNotEnoughData}
	if !s.usable {
		r.Detail = msg("gazelle.detail.no_measure")
		return growthRule{Rule: r}
	}
	if pt, bad := nonPositiveRevenue(s); bad {
		r.Detail = msg("gazelle.detail.revenue_not_positive", "year", pt.Year, "value", pt.Value)
		return growthRule{Rule: r}
	}
	pts := s.Points
	first, last := pts[0], pts[span-1]
	if first.Value <= 0 {
		r.Detail = msg("gazelle.detail.growth.no_base", "year", first.Year, "value", first.Value)
		return growthRule{Rule: r}
	}
	total := growth(first.Value, last.Value)
	for i := 1; i < span; i++ {
		if pts[i].Value <= pts[i-1].Value {
			r.Status = StatusFailed
			r.Detail = msg("gazelle.detail.growth.not_positive", "from", pts[i-1].Year, "to", pts[i].Year,
				"before", pts[i-1].Value, "after", pts[i].Value, "growth", stepGrowth(pts[i-1], pts[i]))
			return growthRule{Rule: r, total: total}
		}
	}
	// last >= 2*first, written so that it cannot overflow.
	if last.Value-first.Value < first.Value {
		r.Status = StatusFailed
		r.Detail = msg("gazelle.detail.growth.total_low", "from", first.Year, "to", last.Year, "total", *total)
		return growthRule{Rule: r, total: total}
	}
	r.Status = StatusPassed
	r.Detail = msg("gazelle.detail.growth.ok", "from", first.Year, "to", last.Year, "total", *total,
		"g1", *pts[1].Growth, "g2", *pts[2].Growth, "g3", *pts[3].Growth)
	return growthRule{Rule: r, total: total}
}

// stepGrowth is a step's growth for a message; a step from a zero or
// negative base has none, shown as "-".
func stepGrowth(a, b Point) any {
	if g := growth(a.Value, b.Value); g != nil {
		return *g
	}
	return "-"
}

// ruleOperating is rule 5: the primary operating result may be negative in
// one year at most, and the sum over the four years is positive.
func ruleOperating(p period) (Rule, *int64) {
	if !p.complete() {
		return needsReports(5, RuleOperating), nil
	}
	r := Rule{ID: 5, Name: RuleOperating, Status: StatusNotEnoughData}
	var missing, negative []int
	var sum int64
	for _, f := range p.reports {
		switch {
		case f.OperatingResult == nil:
			missing = append(missing, f.Year)
		case *f.OperatingResult < 0:
			negative = append(negative, f.Year)
			sum += *f.OperatingResult
		default:
			sum += *f.OperatingResult
		}
	}
	if len(missing) > 0 {
		r.Detail = msg("gazelle.detail.operating.missing", "years", years(missing))
		return r, nil
	}
	switch {
	case len(negative) > 1:
		r.Status = StatusFailed
		r.Detail = msg("gazelle.detail.operating.negative_years", "count", len(negative), "years", years(negative), "sum", sum)
	case sum <= 0:
		r.Status = StatusFailed
		r.Detail = msg("gazelle.detail.operating.sum", "sum", sum)
	default:
		r.Status = StatusPassed
		r.Detail = msg("gazelle.detail.operating.ok", "sum", sum, "count", len(negative))
	}
	return r, &sum
}

// jumpFactor is the change between two years that suggests a wrong unit
// (thousands of kroner entered as kroner, or the reverse).
const jumpFactor = 1000

// ruleComparable is rule 6: figures of all years comparable. A net revenue
// or gross profit that grows by 1000 times or more, or falls to a thousandth
// or less, from one year to the next is most likely in the wrong unit: the
// rule asks for review and says where, rather than pass or fail on it.
func ruleComparable(p period) (Rule, []i18n.Message) {
	if !p.complete() {
		return needsReports(6, RuleComparable), nil
	}
	var warnings []i18n.Message
	for i := 1; i < span; i++ {
		a, b := p.reports[i-1], p.reports[i]
		for _, m := range []Measure{MeasureNetRevenue, MeasureGrossProfit} {
			va, vb := value(a, m), value(b, m)
			if va == nil || vb == nil || *va <= 0 || *vb <= 0 {
				continue
			}
			kind := ""
			switch {
			case *vb/jumpFactor >= *va:
				kind = "jump"
			case *va/jumpFactor >= *vb:
				kind = "drop"
			}
			if kind != "" {
				warnings = append(warnings, msg("gazelle.warning."+string(m)+"_"+kind,
					"from", a.Year, "to", b.Year, "before", *va, "after", *vb))
			}
		}
	}
	r := Rule{ID: 6, Name: RuleComparable, Status: StatusPassed, Detail: msg("gazelle.detail.comparable.ok")}
	if len(warnings) > 0 {
		r.Status = StatusNeedsReview
		r.Detail = msg("gazelle.detail.comparable.jump", "count", len(warnings))
	}
	return r, warnings
}
