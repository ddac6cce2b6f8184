package gazelle

import "testing"

func staff(from int, ftes ...float64) []Headcount {
	out := make([]Headcount, len(ftes))
	for i, f := range ftes {
		out[i] = Headcount{Year: from + i, FTE: f}
	}
	return out
}

func TestEvaluateHighGrowth(t *testing.T) {
	for _, tc := range []struct {
		name   string
		e      Enterprise
		result Result
		rules  string
		growth string
	}{
		{"exactly 20 % a year passes", Enterprise{Founded: 2020, Staff: staff(2021, 5, 6, 7.2, 8.64)}, ResultHighGrowth, "ppp", "20.0"},
		{"just under 20 % a year fails", Enterprise{Founded: 2020, Staff: staff(2021, 5, 6, 7.2, 8.63)}, ResultNotHighGrowth, "fpp", "19.9"},
		{"only the ends count", Enterprise{Founded: 2020, Staff: staff(2021, 10, 30, 12, 20)}, ResultHighGrowth, "ppp", "25.9"},
		{"under 5 FTE at the start", Enterprise{Founded: 2020, Staff: staff(2021, 4.99, 10, 20, 40)}, ResultNotHighGrowth, "pfp", "100.1"},
		{"5 years old passes", Enterprise{Founded: 2019, Staff: staff(2021, 5, 8, 10, 10)}, ResultHighGrowth, "ppp", "25.9"},
		{"6 years old fails", Enterprise{Founded: 2018, Staff: staff(2021, 5, 8, 10, 10)}, ResultNotHighGrowth, "ppf", "25.9"},
		{"founding year unknown", Enterprise{Staff: staff(2021, 5, 8, 10, 10)}, ResultNotEnoughData, "ppn", "25.9"},
		{"last year missing", Enterprise{Founded: 2020, Staff: staff(2021, 5, 8, 10)}, ResultNotEnoughData, "npp", ""},
		{"starting year missing", Enterprise{Founded: 2020, Staff: staff(2022, 8, 10, 12)}, ResultNotEnoughData, "nnp", ""},
		{"starting year given twice", Enterprise{Founded: 2020, Staff: append(staff(2021, 5, 8, 10, 10), Headcount{Year: 2021, FTE: 6})},
			ResultNotEnoughData, "nnp", ""},
		{"no staff at the start", Enterprise{Founded: 2020, Staff: staff(2021, 0, 8, 10, 10)}, ResultNotHighGrowth, "nfp", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := EvaluateHighGrowth(tc.e, year)
			got := ""
			for _, r := range v.Rules {
				got += map[Status]string{StatusPassed: "p", StatusFailed: "f", StatusNotEnoughData: "n"}[r.Status]
			}
			g := ""
			if v.AnnualGrowth != nil {
				g = v.AnnualGrowth.String()
			}
			if v.Result != tc.result || got != tc.rules || g != tc.growth {
				t.Errorf("%s %s %s, want %s %s %s\n%+v", v.Result, got, g, tc.result, tc.rules, tc.growth, v.Rules)
			}
			if v.Definition != DefinitionHighGrowth || v.From != 2021 || v.Year != year {
				t.Errorf("definition %s, period %d-%d", v.Definition, v.From, v.Year)
			}
		})
	}
}
