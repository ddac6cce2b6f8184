package gazelle

import (
	"runtime"
	"sync"
	"sync/atomic"

	"convene/internal/i18n"
)

// Definition keys name the rule set a verdict was reached by.
const (
	DefinitionBorsen     = "gazelle.name"
	DefinitionHighGrowth = "gazelle.highgrowth.name"
)

// Thresholds of Børsen's definition, in whole DKK.
const (
	MinStartRevenue     int64 = 1_000_000
	MinStartGrossProfit int64 = 500_000
)

// Company is what the rules need to know about one company.
type Company struct {
	ID         int64
	Name       string
	Form       string // as registered: "A/S", "ApS", "IVS", ...
	BranchCode string // DB07, six digits; recognises banks
	Financials []Financial
}

// Financial is one annual report's figures in whole DKK; a nil figure was
// not published. It mirrors company.Financial.
type Financial struct {
	Year            int    `json:"year"`
	Months          int    `json:"months"`
	NetRevenue      *int64 `json:"netRevenue"`
	GrossProfit     *int64 `json:"grossProfit"`
	OperatingResult *int64 `json:"operatingResult"`
}

// Result is the overall outcome of a verdict.
type Result string

// The results. A definite failure of the form or the reports wins over
// everything; then a comparability warning makes the verdict NeedsReview
// (never a silent pass, nor a silent failure on figures that may be in the
// wrong unit); then any failed rule, then any rule without enough data.
const (
	ResultGazelle       Result = "gazelle"
	ResultNotGazelle    Result = "not_gazelle"
	ResultNotEnoughData Result = "not_enough_data"
	ResultNeedsReview   Result = "needs_review"
)

// Key is the result's translation key.
func (r Result) Key() string { return "gazelle.result." + string(r) }

// Status is the outcome of one rule.
type Status string

// The statuses. NeedsReview is given only by the comparability rule, when
// figures jump by a factor that suggests a wrong unit.
const (
	StatusPassed        Status = "passed"
	StatusFailed        Status = "failed"
	StatusNotEnoughData Status = "not_enough_data"
	StatusNeedsReview   Status = "needs_review"
)

// Key is the status's translation key.
func (s Status) Key() string { return "gazelle.status." + string(s) }

// Rule is one rule's outcome: its number in the definition, its name (a
// translation key), its status, and a detail message whose parameters are
// the figures the rule used.
type Rule struct {
	ID     int          `json:"id"`
	Name   string       `json:"name"`
	Status Status       `json:"status"`
	Detail i18n.Message `json:"detail"`
}

// The names of Børsen's rules, in the definition's order.
const (
	RuleForm       = "gazelle.rule.form"
	RuleReports    = "gazelle.rule.reports"
	RuleSize       = "gazelle.rule.size"
	RuleGrowth     = "gazelle.rule.growth"
	RuleOperating  = "gazelle.rule.operating"
	RuleComparable = "gazelle.rule.comparable"
)

// Evidence is the figures a verdict rests on.
type Evidence struct {
	// Reports are the period's annual reports as found, oldest first.
	Reports []Financial `json:"reports"`
	// Series is the measure growth was judged on, with each step's growth;
	// without a usable measure, what GrowthSeries shows instead.
	Series Series `json:"series"`
	// TotalGrowth is the growth from the first to the last year.
	TotalGrowth *Percent `json:"totalGrowth,omitempty"`
	// OperatingSum is the sum of the four primary operating results.
	OperatingSum *int64 `json:"operatingSum,omitempty"`
}

// Verdict is Børsen's definition applied to one company for one period.
type Verdict struct {
	Definition string `json:"definition"`
	CompanyID  int64  `json:"companyId"`
	Name       string `json:"name"`
	// Year ends the period; From = Year-3 begins it.
	Year     int            `json:"year"`
	From     int            `json:"from"`
	Result   Result         `json:"result"`
	Rules    []Rule         `json:"rules"`
	Warnings []i18n.Message `json:"warnings"`
	Evidence Evidence       `json:"evidence"`
}

// Evaluate applies Børsen's definition to c for the four financial years
// that end with year.
func Evaluate(c Company, year int) Verdict {
	p := collect(c.Financials, year)
	s := series(p)
	v := Verdict{Definition: DefinitionBorsen, CompanyID: c.ID, Name: c.Name, Year: year, From: p.from,
		Warnings: []i18n.Message{}, Evidence: Evidence{Reports: p.found(), Series: s.Series}}
	ops, sum := ruleOperating(p)
	growth := ruleGrowth(p, s)
	comparable, warnings := ruleComparable(p)
	v.Rules = []Rule{ruleForm(c.Form, c.BranchCode), ruleReports(p), ruleSize(p, s), growth.Rule, ops, comparable}
	v.Warnings = append(v.Warnings, warnings...)
	v.Evidence.TotalGrowth = growth.total
	v.Evidence.OperatingSum = sum
	v.Result = combine(v.Rules)
	return v
}

// combine turns the rules' statuses into the verdict's result.
func combine(rules []Rule) Result {
	for _, r := range rules {
		if (r.Name == RuleForm || r.Name == RuleReports) && r.Status == StatusFailed {
			return ResultNotGazelle
		}
	}
	worst := ResultGazelle
	for _, r := range rules {
		switch {
		case r.Status == StatusNeedsReview:
			return ResultNeedsReview
		case r.Status == StatusFailed:
			worst = ResultNotGazelle
		case r.Status == StatusNotEnoughData && worst == ResultGazelle:
			worst = ResultNotEnoughData
		}
	}
	return worst
}

// chunk is how many companies a worker takes at a time.
const chunk = 512

// EvaluateAll evaluates every company for the period that ends with year,
// on GOMAXPROCS workers; the verdicts are in the order of cs.
func EvaluateAll(cs []Company, year int) []Verdict {
	out := make([]Verdict, len(cs))
	workers := min(runtime.GOMAXPROCS(0), (len(cs)+chunk-1)/chunk)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= len(cs) {
					return
				}
				for i := start; i < min(start+chunk, len(cs)); i++ {
					out[i] = Evaluate(cs[i], year)
				}
			}
		}()
	}
	wg.Wait()
	return out
}
