package gazelle

import (
	"regexp"
	"testing"

	"convene/internal/i18n"
)

var placeholder = regexp.MustCompile(`\{\w+\}`)

// TestEveryKeyIsTranslated checks that every key the package can emit, with
// the parameters it gives, is in both catalogs and fills every placeholder.
func TestEveryKeyIsTranslated(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var msgs []i18n.Message
	add := func(keys ...string) {
		for _, k := range keys {
			msgs = append(msgs, i18n.Message{Key: k})
		}
	}
	add(DefinitionBorsen, DefinitionHighGrowth, MeasureNetRevenue.Key(), MeasureGrossProfit.Key())
	for _, r := range []Result{ResultGazelle, ResultNotGazelle, ResultNotEnoughData, ResultNeedsReview, ResultHighGrowth, ResultNotHighGrowth} {
		add(r.Key())
	}
	for _, s := range []Status{StatusPassed, StatusFailed, StatusNotEnoughData, StatusNeedsReview} {
		add(s.Key())
	}
	msgs = append(msgs, Help(year)...)
	msgs = append(msgs, HighGrowthHelp(year)...)
	for _, tc := range verdictCases() {
		v := Evaluate(tc.company, year)
		msgs = append(msgs, v.Warnings...)
		for _, r := range v.Rules {
			add(r.Name)
			msgs = append(msgs, r.Detail)
		}
	}
	for _, e := range []Enterprise{{Founded: 2020, Staff: staff(2021, 5, 6, 7.2, 8.64)}, {Founded: 2010, Staff: staff(2021, 4, 4, 5, 5)},
		{Staff: staff(2021, 0, 1, 2, 3)}, {}} {
		for _, r := range EvaluateHighGrowth(e, year).Rules {
			add(r.Name)
			msgs = append(msgs, r.Detail)
		}
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		for _, lang := range i18n.Languages {
			if !c.Has(lang, m.Key) {
				t.Errorf("%s: missing %s", lang, m.Key)
				continue
			}
			if left := placeholder.FindAllString(c.T(lang, m.Key, m.Params), -1); len(left) > 0 {
				t.Errorf("%s: %s leaves %v unfilled with %v", lang, m.Key, left, m.Params)
			}
		}
		seen[m.Key] = true
	}
	// Every gazelle key in the catalog is one the package uses.
	for _, k := range c.Keys("da") {
		if len(k) > 8 && k[:8] == "gazelle." && !seen[k] {
			t.Errorf("catalog key %s is never emitted by the tests", k)
		}
	}
}
