package gazelle

import (
	"math"
	"strconv"
)

// Measure is the figure growth is measured on.
type Measure string

// The measures: net revenue, or gross profit where revenue is not
// published. One measure is used for the whole period.
const (
	MeasureNone        Measure = ""
	MeasureNetRevenue  Measure = "net_revenue"
	MeasureGrossProfit Measure = "gross_profit"
)

// Key is the measure's translation key.
func (m Measure) Key() string { return "gazelle.measure." + string(m) }

// Percent is a growth rate in per cent, floored to one decimal. It prints
// and marshals with exactly one decimal ("100.0").
type Percent float64

// String writes p with one decimal and a point; the UI localises it.
func (p Percent) String() string { return strconv.FormatFloat(float64(p), 'f', 1, 64) }

// MarshalJSON writes p as a number with one decimal.
func (p Percent) MarshalJSON() ([]byte, error) { return []byte(p.String()), nil }

// Point is one year of a growth series.
type Point struct {
	Year  int   `json:"year"`
	Value int64 `json:"value"`
	// Growth is the change from the year before; nil for the first year
	// and where the year before is zero or negative.
	Growth *Percent `json:"growth,omitempty"`
}

// Series is a company's growth measure over a period, for the verdict's
// evidence and the presentation chart.
type Series struct {
	Measure Measure `json:"measure"`
	Points  []Point `json:"points"`
}

// GrowthSeries returns the measure Børsen's definition uses for the period
// that ends with year, with its values and year-on-year growth: net revenue
// when all four years publish it, else gross profit when all four do. With
// no usable measure (or a year missing or reported twice) the series holds
// the years that have net revenue, or, failing that, gross profit, so a
// chart still shows what is known; its Measure then says which.
func GrowthSeries(fs []Financial, year int) Series {
	return series(collect(fs, year)).Series
}

// measured is a series with what the rules need to know about it.
type measured struct {
	Series
	// usable: the period is complete and one measure covers all of it.
	usable bool
}

func series(p period) measured {
	m := pickMeasure(p)
	usable := p.complete() && m != MeasureNone
	if m == MeasureNone {
		m = MeasureNetRevenue
		if count(p, MeasureGrossProfit) > count(p, MeasureNetRevenue) {
			m = MeasureGrossProfit
		}
	}
	s := Series{Measure: m, Points: make([]Point, 0, span)}
	var prev *Point
	for _, r := range p.reports {
		v := value(r, m)
		if v == nil {
			prev = nil
			continue
		}
		pt := Point{Year: r.Year, Value: *v}
		if prev != nil && prev.Year == r.Year-1 {
			pt.Growth = growth(prev.Value, pt.Value)
		}
		s.Points = append(s.Points, pt)
		prev = &s.Points[len(s.Points)-1]
	}
	if !usable && len(s.Points) == 0 {
		s.Measure = MeasureNone
	}
	return measured{Series: s, usable: usable}
}

// pickMeasure chooses net revenue if every report of a complete period
// publishes it, else gross profit if every one does.
func pickMeasure(p period) Measure {
	if !p.complete() {
		return MeasureNone
	}
	for _, m := range []Measure{MeasureNetRevenue, MeasureGrossProfit} {
		if count(p, m) == span {
			return m
		}
	}
	return MeasureNone
}

func count(p period, m Measure) int {
	n := 0
	for _, r := range p.reports {
		if value(r, m) != nil {
			n++
		}
	}
	return n
}

func value(r *Financial, m Measure) *int64 {
	switch {
	case r == nil:
		return nil
	case m == MeasureNetRevenue:
		return r.NetRevenue
	case m == MeasureGrossProfit:
		return r.GrossProfit
	}
	return nil
}

// growth is the change from a to b in per cent, floored to one decimal;
// nil when a is zero or negative. Figures below 4.6e15 kroner (all real
// ones) are computed exactly in integers.
func growth(a, b int64) *Percent {
	if a <= 0 {
		return nil
	}
	const exact = math.MaxInt64 / 2000
	var tenths float64
	if a < exact && b > -exact && b < exact {
		d := (b - a) * 1000
		q := d / a
		if d < 0 && d%a != 0 {
			q--
		}
		tenths = float64(q)
	} else {
		tenths = math.Floor((float64(b) - float64(a)) * 1000 / float64(a))
	}
	p := Percent(tenths / 10)
	return &p
}
