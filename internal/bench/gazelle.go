package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"

	"convene/internal/gazelle"
)

const (
	gazelleCompanies = 100_000
	gazelleYear      = 2024
)

// benchGazelle evaluates a register of 100,000 companies with five years of
// figures each (generated in memory, the same every run) against Børsen's
// definition for one year. Target: under 2 s on 2 cores.
func benchGazelle(ctx context.Context, _ string, r *Report) error {
	cs := gazelleRegister(gazelleCompanies)
	gazelle.EvaluateAll(cs[:1000], gazelleYear) // warm up
	if err := ctx.Err(); err != nil {
		return err
	}
	var verdicts []gazelle.Verdict
	took := median(5, func() { verdicts = gazelle.EvaluateAll(cs, gazelleYear) })
	counts := map[gazelle.Result]int{}
	for _, v := range verdicts {
		counts[v.Result]++
	}
	if counts[gazelle.ResultGazelle] == 0 || counts[gazelle.ResultNeedsReview] == 0 {
		return fmt.Errorf("the generated register has no gazelles or none to review: %v", counts)
	}
	r.Add("gazelle", "total_s", took.Seconds(), "s", fmt.Sprintf("%d companies, 5 years each, median of 5 runs on %d cores; target < 2 s on 2",
		len(cs), runtime.GOMAXPROCS(0)))
	r.Add("gazelle", "companies_per_s", float64(len(cs))/took.Seconds(), "1/s", "EvaluateAll, every rule with its evidence")
	r.Add("gazelle", "gazelles", float64(counts[gazelle.ResultGazelle]), "", fmt.Sprintf("not %d, not enough data %d, needs review %d",
		counts[gazelle.ResultNotGazelle], counts[gazelle.ResultNotEnoughData], counts[gazelle.ResultNeedsReview]))
	return nil
}

// gazelleRegister makes n companies with the years 2020-2024: mostly ApS
// and A/S, some IVS, sole traders, partnerships and banks; revenues from
// DKK 200,000 to 500m; one in eight growing fast; a fifth publishing gross
// profit only; and a few with a missing year, a 13-month year or a figure
// in thousands.
func gazelleRegister(n int) []gazelle.Company {
	rng := rand.New(rand.NewPCG(2024, 8))
	forms := []string{"ApS", "ApS", "ApS", "ApS", "ApS", "A/S", "A/S", "A/S", "IVS", "enkeltmandsvirksomhed", "I/S"}
	cs := make([]gazelle.Company, n)
	for i := range cs {
		c := gazelle.Company{ID: int64(i + 1), Name: fmt.Sprintf("Virksomhed %d", i+1), Form: forms[rng.IntN(len(forms))], BranchCode: "620100"}
		if rng.IntN(100) < 2 {
			c.Form, c.BranchCode = "andet", gazelle.BankBranchCode
		}
		revenue := math.Exp(math.Log(200_000) + rng.Float64()*(math.Log(500_000_000)-math.Log(200_000)))
		fast := rng.IntN(8) == 0
		grossOnly := rng.IntN(5) == 0
		margin := 0.3 + rng.Float64()*0.3
		c.Financials = make([]gazelle.Financial, 0, 5)
		for y := gazelleYear - 4; y <= gazelleYear; y++ {
			g := -0.10 + rng.Float64()*0.25
			if fast {
				g = 0.22 + rng.Float64()*0.2
			}
			revenue *= 1 + g
			op := int64(revenue * (-0.08 + rng.Float64()*0.2))
			f := gazelle.Financial{Year: y, Months: 12, OperatingResult: &op}
			rev, gross := int64(revenue), int64(revenue*margin)
			if grossOnly {
				f.GrossProfit = &gross
			} else {
				f.NetRevenue, f.GrossProfit = &rev, &gross
			}
			c.Financials = append(c.Financials, f)
		}
		switch k := rng.IntN(1000); {
		case k < 20: // a year not filed
			j := 1 + rng.IntN(4)
			c.Financials = append(c.Financials[:j], c.Financials[j+1:]...)
		case k < 30: // a changed financial year
			c.Financials[4].Months = 13
		case k < 35: // one year entered in thousands
			f := &c.Financials[1+rng.IntN(4)]
			for _, v := range []*int64{f.NetRevenue, f.GrossProfit} {
				if v != nil {
					t := *v / 1000
					*v = t
				}
			}
		}
		cs[i] = c
	}
	return cs
}
