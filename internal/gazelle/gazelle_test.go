package gazelle

import (
	"strings"
	"testing"
)

// The award year of the tests: the period is 2021-2024.
const year = 2024

func n(v int64) *int64 { return &v }

// reports makes 12-month reports from 2021 with the given net revenues and
// a primary operating result of 100,000 a year.
func reports(revenues ...int64) []Financial {
	out := make([]Financial, len(revenues))
	for i, r := range revenues {
		out[i] = Financial{Year: 2021 + i, Months: 12, NetRevenue: n(r), OperatingResult: n(100_000)}
	}
	return out
}

// with returns fs after change has edited them.
func with(fs []Financial, change func(fs []Financial)) []Financial {
	change(fs)
	return fs
}

func aps(fs []Financial) Company {
	return Company{ID: 1, Name: "Alfa ApS", Form: "ApS", Financials: fs}
}

var doubling = []int64{1_000_000, 1_200_000, 1_500_000, 2_000_000}

func doubled() []Financial { return reports(doubling...) }

// statuses writes the six rules' statuses as letters: p passed, f failed,
// n not enough data, r needs review.
func statuses(v Verdict) string {
	var b strings.Builder
	for _, r := range v.Rules {
		b.WriteByte(map[Status]byte{StatusPassed: 'p', StatusFailed: 'f', StatusNotEnoughData: 'n', StatusNeedsReview: 'r'}[r.Status])
	}
	return b.String()
}

type verdictCase struct {
	name    string
	company Company
	result  Result
	rules   string
	// detail is the key of the first rule's detail that is not passed, or
	// of the growth rule when all pass.
	detail string
}

func verdictCases() []verdictCase {
	return []verdictCase{
		{"exactly 100 % growth passes", aps(doubled()), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"just under 100 % fails", aps(reports(1_000_000, 1_200_000, 1_500_000, 1_999_999)), ResultNotGazelle, "pppfpp", "gazelle.detail.growth.total_low"},
		{"one flat year fails", aps(reports(1_000_000, 1_500_000, 1_500_000, 3_000_000)), ResultNotGazelle, "pppfpp", "gazelle.detail.growth.not_positive"},
		{"one falling year fails", aps(reports(1_000_000, 2_000_000, 1_900_000, 4_000_000)), ResultNotGazelle, "pppfpp", "gazelle.detail.growth.not_positive"},
		{"flat first step fails", aps(reports(1_000_000, 1_000_000, 1_500_000, 4_000_000)), ResultNotGazelle, "pppfpp", "gazelle.detail.growth.not_positive"},
		{"a negative operating year outweighed by the sum passes", aps(with(doubled(), func(fs []Financial) { fs[1].OperatingResult = n(-250_000) })),
			ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"two negative operating years fail", aps(with(doubled(), func(fs []Financial) {
			fs[0].OperatingResult, fs[2].OperatingResult = n(-1), n(-1)
			fs[3].OperatingResult = n(5_000_000)
		})), ResultNotGazelle, "ppppfp", "gazelle.detail.operating.negative_years"},
		{"one negative year with a sum of zero fails", aps(with(doubled(), func(fs []Financial) { fs[0].OperatingResult = n(-300_000) })),
			ResultNotGazelle, "ppppfp", "gazelle.detail.operating.sum"},
		{"a zero operating result is not a loss", aps(with(doubled(), func(fs []Financial) { fs[0].OperatingResult, fs[1].OperatingResult = n(0), n(-50_000) })),
			ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"an operating result missing", aps(with(doubled(), func(fs []Financial) { fs[2].OperatingResult = nil })),
			ResultNotEnoughData, "ppppnp", "gazelle.detail.operating.missing"},
		{"gross profit used when revenue is missing", aps(grossProfit(500_000, 600_000, 800_000, 1_000_000)), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"gross profit used when revenue is missing in one year", aps(with(grossProfit(600_000, 700_000, 900_000, 1_300_000), func(fs []Financial) {
			fs[0].NetRevenue, fs[1].NetRevenue, fs[3].NetRevenue = n(100), n(200), n(300)
		})), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"gross profit start just below 0.5m", aps(grossProfit(499_999, 600_000, 800_000, 1_000_000)), ResultNotGazelle, "ppfppp", "gazelle.detail.size.gross_profit_low"},
		{"revenue start just below 1m", aps(reports(999_999, 1_200_000, 1_500_000, 2_000_000)), ResultNotGazelle, "ppfppp", "gazelle.detail.size.revenue_low"},
		{"revenue and gross profit both missing", aps(with(doubled(), func(fs []Financial) { fs[1].NetRevenue = nil })),
			ResultNotEnoughData, "ppnnpp", "gazelle.detail.no_measure"},
		{"zero revenue", aps(reports(1_000_000, 0, 1_500_000, 2_000_000)), ResultNotEnoughData, "ppnnpp", "gazelle.detail.revenue_not_positive"},
		{"negative revenue", aps(reports(-1_000_000, 1_200_000, 1_500_000, 2_000_000)), ResultNotEnoughData, "ppnnpp", "gazelle.detail.revenue_not_positive"},
		{"negative gross profit at the start", aps(grossProfit(-500_000, 600_000, 800_000, 1_000_000)), ResultNotGazelle, "ppfnpp", "gazelle.detail.size.gross_profit_low"},
		{"a 13-month final year fails", aps(with(doubled(), func(fs []Financial) { fs[3].Months = 13 })), ResultNotGazelle, "pfpppp", "gazelle.detail.reports.last_long"},
		{"an 11-month first year fails", aps(with(doubled(), func(fs []Financial) { fs[0].Months = 11 })), ResultNotGazelle, "pfpppp", "gazelle.detail.reports.first_short"},
		{"a 15-month first year is allowed", aps(with(doubled(), func(fs []Financial) { fs[0].Months = 15 })), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"a 9-month last year is allowed", aps(with(doubled(), func(fs []Financial) { fs[3].Months = 9 })), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"an 18-month middle year fails", aps(with(doubled(), func(fs []Financial) { fs[1].Months = 18 })), ResultNotGazelle, "pfpppp", "gazelle.detail.reports.middle"},
		{"months not known", aps(with(doubled(), func(fs []Financial) { fs[2].Months = 0 })), ResultNotEnoughData, "pnpppp", "gazelle.detail.reports.months_unknown"},
		{"a missing year", aps(append(reports(1_000_000, 1_200_000), Financial{Year: 2024, Months: 12, NetRevenue: n(3_000_000), OperatingResult: n(1)})),
			ResultNotEnoughData, "pnnnnn", "gazelle.detail.reports.missing"},
		{"only three reports", aps(reports(1_000_000, 1_200_000, 1_500_000)), ResultNotEnoughData, "pnnnnn", "gazelle.detail.reports.missing"},
		{"a duplicated year", aps(append(doubled(), Financial{Year: 2023, Months: 12, NetRevenue: n(1_600_000), OperatingResult: n(1)})),
			ResultNotEnoughData, "pnnnnn", "gazelle.detail.reports.duplicate"},
		{"years outside the period and order do not matter", aps(append([]Financial{{Year: 2025, Months: 12, NetRevenue: n(1)}, {Year: 2020, Months: 7, NetRevenue: n(1)}},
			reverse(doubled())...)), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"wrong unit: a start in thousands needs review, not a silent failure", aps(reports(1_500, 2_000_000, 3_000_000, 4_000_000)),
			ResultNeedsReview, "ppfppr", "gazelle.detail.size.revenue_low"},
		{"wrong unit: a last year in kroner among thousands needs review, not a silent pass", aps(reports(1_000_000, 1_200_000, 1_500_000, 1_500_000_000)),
			ResultNeedsReview, "pppppr", "gazelle.detail.comparable.jump"},
		{"wrong unit: a drop to a thousandth", aps(with(reports(2_000_000, 3_000_000, 3_000, 6_000_000), func(fs []Financial) {})),
			ResultNeedsReview, "pppfpr", "gazelle.detail.growth.not_positive"},
		{"999 times is not a jump", aps(reports(1_000_000, 1_100_000, 1_200_000, 1_198_800_000)), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"a gross profit jump needs review too", aps(with(doubled(), func(fs []Financial) {
			for i, g := range []int64{400, 500_000, 600_000, 700_000} {
				fs[i].GrossProfit = n(g)
			}
		})), ResultNeedsReview, "pppppr", "gazelle.detail.comparable.jump"},
		{"a gross profit drop to a thousandth", aps(with(grossProfit(600_000, 700_000, 800_000, 1_300_000), func(fs []Financial) {
			fs[2].GrossProfit = n(700)
		})), ResultNeedsReview, "pppfpr", "gazelle.detail.growth.not_positive"},
		{"form A/S", form("A/S", ""), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"form written as a/s", form(" a / s ", ""), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"form Anpartsselskab", form("Anpartsselskab", ""), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"form IVS fails", form("IVS", ""), ResultNotGazelle, "fppppp", "gazelle.detail.form.other"},
		{"form I/S fails", form("I/S", ""), ResultNotGazelle, "fppppp", "gazelle.detail.form.other"},
		{"form enkeltmandsvirksomhed fails", form("enkeltmandsvirksomhed", ""), ResultNotGazelle, "fppppp", "gazelle.detail.form.other"},
		{"form unknown", form("", ""), ResultNotEnoughData, "nppppp", "gazelle.detail.form.missing"},
		{"a savings bank qualifies regardless of form", form("andet", "641900"), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"a bank's code written with dots", form("", "64.19.00"), ResultGazelle, "pppppp", "gazelle.detail.growth.ok"},
		{"central banking is not a bank", form("andet", "641100"), ResultNotGazelle, "fppppp", "gazelle.detail.form.other"},
		{"a failed form wins over review", Company{Form: "IVS", Financials: reports(1_000_000, 1_200_000, 1_500_000, 1_500_000_000)},
			ResultNotGazelle, "fppppr", "gazelle.detail.form.other"},
		{"a failed report rule wins over review", aps(with(reports(1_000_000, 1_200_000, 1_500_000, 1_500_000_000), func(fs []Financial) { fs[3].Months = 13 })),
			ResultNotGazelle, "pfpppr", "gazelle.detail.reports.last_long"},
		{"a failure wins over missing data", Company{Form: "", Financials: reports(1_000_000, 900_000, 1_500_000, 2_000_000)},
			ResultNotGazelle, "nppfpp", "gazelle.detail.form.missing"},
		{"no financials at all", Company{Form: "ApS"}, ResultNotEnoughData, "pnnnnn", "gazelle.detail.reports.missing"},
	}
}

func grossProfit(values ...int64) []Financial {
	fs := reports(values...)
	for i := range fs {
		fs[i].GrossProfit, fs[i].NetRevenue = fs[i].NetRevenue, nil
	}
	return fs
}

func form(f, branch string) Company {
	return Company{ID: 2, Name: "Beta", Form: f, BranchCode: branch, Financials: doubled()}
}

func reverse(fs []Financial) []Financial {
	for i, j := 0, len(fs)-1; i < j; i, j = i+1, j-1 {
		fs[i], fs[j] = fs[j], fs[i]
	}
	return fs
}

func TestEvaluate(t *testing.T) {
	for _, tc := range verdictCases() {
		t.Run(tc.name, func(t *testing.T) {
			v := Evaluate(tc.company, year)
			if v.Result != tc.result || statuses(v) != tc.rules {
				t.Fatalf("result %s, rules %s; want %s, %s\n%+v", v.Result, statuses(v), tc.result, tc.rules, v.Rules)
			}
			detail := v.Rules[3].Detail.Key
			for _, r := range v.Rules {
				if r.Status != StatusPassed {
					detail = r.Detail.Key
					break
				}
			}
			if detail != tc.detail {
				t.Errorf("detail %s, want %s", detail, tc.detail)
			}
			if v.Year != year || v.From != year-3 || v.Definition != DefinitionBorsen {
				t.Errorf("period %d-%d by %s", v.From, v.Year, v.Definition)
			}
			for i, r := range v.Rules {
				if r.ID != i+1 || !strings.HasPrefix(r.Name, "gazelle.rule.") {
					t.Errorf("rule %d is %d %s", i+1, r.ID, r.Name)
				}
			}
			if (tc.rules[5] == 'r') != (len(v.Warnings) > 0) {
				t.Errorf("warnings %v with comparability %c", v.Warnings, tc.rules[5])
			}
		})
	}
}

func TestEvidence(t *testing.T) {
	v := Evaluate(aps(with(doubled(), func(fs []Financial) { fs[1].OperatingResult = n(-250_000) })), year)
	e := v.Evidence
	if len(e.Reports) != 4 || e.Series.Measure != MeasureNetRevenue || len(e.Series.Points) != 4 {
		t.Fatalf("evidence %+v", e)
	}
	want := []string{"", "20.0", "25.0", "33.3"}
	for i, pt := range e.Series.Points {
		got := ""
		if pt.Growth != nil {
			got = pt.Growth.String()
		}
		if pt.Year != 2021+i || pt.Value != doubling[i] || got != want[i] {
			t.Errorf("point %d = %d %d %s, want %s", i, pt.Year, pt.Value, got, want[i])
		}
	}
	if e.TotalGrowth == nil || e.TotalGrowth.String() != "100.0" || e.OperatingSum == nil || *e.OperatingSum != 50_000 {
		t.Errorf("total %v, operating sum %v", e.TotalGrowth, e.OperatingSum)
	}
	p := v.Rules[3].Detail.Params
	if p["g1"] != Percent(20) || p["g3"] != Percent(33.3) || p["total"] != Percent(100) || p["from"] != 2021 || p["to"] != 2024 {
		t.Errorf("growth params %v", p)
	}
	if p := v.Rules[4].Detail.Params; p["sum"] != int64(50_000) || p["count"] != 1 {
		t.Errorf("operating params %v", p)
	}
	dup := Evaluate(aps(append(doubled(), Financial{Year: 2023, Months: 12, NetRevenue: n(1_600_000)})), year).Evidence.Reports
	if len(dup) != 5 || dup[2].Year != 2023 || dup[3].Year != 2023 || *dup[3].NetRevenue != 1_600_000 {
		t.Errorf("a duplicated year's reports must both be shown: %+v", dup)
	}
	w := Evaluate(aps(reports(1_500, 2_000_000, 3_000_000, 4_000_000)), year).Warnings
	if len(w) != 1 || w[0].Key != "gazelle.warning.net_revenue_jump" || w[0].Params["from"] != 2021 || w[0].Params["after"] != int64(2_000_000) {
		t.Errorf("warnings %+v", w)
	}
}

func TestGrowth(t *testing.T) {
	for _, tc := range []struct {
		a, b int64
		want string
	}{
		{1000, 2000, "100.0"}, {1000, 1999, "99.9"}, {10000, 19996, "99.9"}, {3, 4, "33.3"}, {3, 2, "-33.4"},
		{1_000_000, 1_000_001, "0.0"}, {1_000_000, 999_999, "-0.1"}, {1_000_000, 0, "-100.0"}, {1_000_000, -500_000, "-150.0"},
		{400_000_000_000_000_000, 800_000_000_000_000_000, "100.0"}, {0, 5, ""}, {-5, 5, ""},
	} {
		got := ""
		if g := growth(tc.a, tc.b); g != nil {
			got = g.String()
		}
		if got != tc.want {
			t.Errorf("growth(%d, %d) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestGrowthSeries(t *testing.T) {
	s := GrowthSeries(grossProfit(500_000, 600_000, 800_000, 1_000_000), year)
	if s.Measure != MeasureGrossProfit || len(s.Points) != 4 || s.Points[3].Growth.String() != "25.0" {
		t.Errorf("gross profit series %+v", s)
	}
	gap := append(reports(1_000_000, 1_200_000), Financial{Year: 2024, Months: 12, NetRevenue: n(3_000_000)})
	s = GrowthSeries(gap, year)
	if s.Measure != MeasureNetRevenue || len(s.Points) != 3 || s.Points[1].Growth == nil || s.Points[2].Growth != nil {
		t.Errorf("series with a gap %+v: growth across the gap must be nil", s)
	}
	if s := GrowthSeries(nil, year); s.Measure != MeasureNone || len(s.Points) != 0 {
		t.Errorf("empty series %+v", s)
	}
}

func TestQualifyingForm(t *testing.T) {
	for in, want := range map[string]string{
		"A/S": "A/S", "a/s": "A/S", "A / S": "A/S", "Aktieselskab": "A/S", "ApS": "ApS", "APS": "ApS", "Anpartsselskab": "ApS",
		"IVS": "", "I/S": "", "K/S": "", "P/S": "", "enkeltmandsvirksomhed": "", "forening": "", "": "",
	} {
		if got := QualifyingForm(in); got != want {
			t.Errorf("QualifyingForm(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]bool{"641900": true, "64.19.00": true, " 641900 ": true, "641100": false, "649200": false, "": false} {
		if IsBank(in) != want {
			t.Errorf("IsBank(%q) = %v", in, !want)
		}
	}
}

func TestEvaluateAll(t *testing.T) {
	var cs []Company
	for i := 0; i < 3000; i++ {
		tc := verdictCases()[i%len(verdictCases())]
		tc.company.ID = int64(i)
		cs = append(cs, tc.company)
	}
	vs := EvaluateAll(cs, year)
	if len(vs) != len(cs) {
		t.Fatalf("%d verdicts for %d companies", len(vs), len(cs))
	}
	for i, v := range vs {
		if v.CompanyID != int64(i) || v.Result != verdictCases()[i%len(verdictCases())].result {
			t.Fatalf("verdict %d is company %d with %s", i, v.CompanyID, v.Result)
		}
	}
	if len(EvaluateAll(nil, year)) != 0 {
		t.Error("verdicts for no companies")
	}
}
