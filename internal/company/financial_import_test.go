package company

import (
	"context"
	"testing"

	"convene/internal/store/storetest"
)

func TestImportFinancialsChecksEveryRow(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	cvr := "61056416"
	co, err := s.Save(ctx, Company{Name: "Alfa ApS", CVR: &cvr, Form: "ApS"})
	if err != nil {
		t.Fatal(err)
	}
	bad := "CVR;År;Måneder;Omsætning;Bruttofortjeneste;Primært resultat\r\n" +
		"61056416;2022;12;1.200.000;;(50.000)\r\n" +
		"61056416;2022;12;1.300.000;;10.000\r\n" + // the same year twice
		"24256790;2023;12;2.000.000;;1\r\n" + // not in the register
		"61056416;2023;30;abc;;\r\n" // months and amount wrong, no figures
	sh, err := ReadSheet("tal.csv", []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	m := SuggestFinancialMapping(sh.Header)
	res, err := s.ImportFinancials(ctx, sh, m, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Applied || res.Failed != 3 || res.Rows[1].Errors[0].Key != "company.error.year_twice" || res.Rows[2].Errors[0].Key != "company.error.cvr_unknown" {
		t.Fatalf("bad file: %+v", res)
	}
	keys := map[string]bool{}
	for _, e := range res.Rows[3].Errors {
		keys[e.Key+"@"+e.Column] = true
	}
	if !keys["company.error.months@Måneder"] || !keys["company.error.amount@Omsætning"] || !keys["company.error.no_figures@Omsætning"] {
		t.Fatalf("row 5 errors: %+v", res.Rows[3].Errors)
	}
	if f, _ := s.Financials(ctx, co.ID); len(f) != 0 {
		t.Fatal("a failed import wrote figures")
	}
	good := "CVR;År;Måneder;Omsætning;Bruttofortjeneste;Primært resultat\r\n" +
		"61056416;2022;12;1.200.000;;(50.000)\r\n" +
		"61 05 64 16;2023;12;2.400.000,00;;100.000\r\n" +
		"61056416;2024;;;900.000;\r\n"
	sh, _ = ReadSheet("tal.csv", []byte(good))
	res, err = s.ImportFinancials(ctx, sh, m, false)
	if err != nil || !res.Applied || res.FinancialsCreated != 3 {
		t.Fatalf("good file: %+v %v", res, err)
	}
	f, _ := s.Financials(ctx, co.ID)
	if len(f) != 3 || *f[0].OperatingResult != -50000 || *f[1].NetRevenue != 2400000 || f[2].NetRevenue != nil || *f[2].GrossProfit != 900000 || f[2].Months != 12 {
		t.Fatalf("stored: %+v", f)
	}
	res, _ = s.ImportFinancials(ctx, sh, m, true)
	if res.FinancialsUpdated != 3 || res.Applied {
		t.Fatalf("dry run over held years: %+v", res)
	}
}
