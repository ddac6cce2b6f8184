package gazelle

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenCases are the verdicts pinned under testdata/golden: the evidence a
// reviewer reads, so a change in what is shown is a deliberate one.
func goldenCases() map[string]any {
	negative := aps(with(doubled(), func(fs []Financial) { fs[1].OperatingResult = n(-250_000) }))
	negative.Name = "Lautrup Robotics ApS"
	gross := Company{ID: 7, Name: "Måløv Maskinfabrik A/S", Form: "A/S", Financials: grossProfit(500_000, 600_000, 800_000, 1_000_000)}
	bank := Company{ID: 8, Name: "Ballerup Sparekasse", Form: "andet", BranchCode: "641900",
		Financials: reports(900_000_000, 1_000_000_000, 1_100_000_000, 1_200_000_000)}
	jump := Company{ID: 9, Name: "Skovlunde Software ApS", Form: "ApS", Financials: reports(1_500, 2_000_000, 3_000_000, 4_000_000)}
	missing := Company{ID: 10, Name: "Kildedal Kaffe ApS", Form: "ApS",
		Financials: append(reports(1_000_000, 1_200_000), Financial{Year: 2024, Months: 13, NetRevenue: n(3_000_000)})}
	return map[string]any{
		"gazelle-revenue":       Evaluate(negative, year),
		"gazelle-gross-profit":  Evaluate(gross, year),
		"bank-slow-growth":      Evaluate(bank, year),
		"needs-review-unit":     Evaluate(jump, year),
		"not-enough-data":       Evaluate(missing, year),
		"ivs":                   Evaluate(Company{ID: 13, Name: "Måløv Mad IVS", Form: "IVS", Financials: doubled()}, year),
		"high-growth":           EvaluateHighGrowth(Enterprise{ID: 11, Name: "Hold-an Tech ApS", Founded: 2020, Staff: staff(2021, 5, 6, 7.2, 8.64)}, year),
		"help":                  Help(year),
		"high-growth-help":      HighGrowthHelp(year),
		"series-for-the-chart":  GrowthSeries(negative.Financials, year),
		"not-high-growth-older": EvaluateHighGrowth(Enterprise{ID: 12, Name: "Gammel A/S", Founded: 1990, Staff: staff(2021, 20, 30, 40, 50)}, year),
	}
}

// TestGoldenFiles pins the JSON of a few verdicts. Run with -update after a
// deliberate change, and read the diff.
func TestGoldenFiles(t *testing.T) {
	for name, v := range goldenCases() {
		got, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "golden", name+".json")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/gazelle -run Golden -update)", err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs from its golden file:\n--- want\n%s\n--- got\n%s", path, want, got)
		}
	}
}
