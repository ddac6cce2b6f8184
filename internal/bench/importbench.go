package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"convene/internal/company"
	"convene/internal/store"
)

// benchImport imports a semicolon CSV of 30,000 rows: 10,000 companies,
// each with three contacts, as a register export from Excel would look.
func benchImport(ctx context.Context, dir string, r *Report) error {
	st, err := store.Open(ctx, filepath.Join(dir, "import.db"), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.Write([]string{"CVR", "Virksomhed", "Selskabsform", "Klynge", "Område", "Postnr", "By", "Ansatte", "Kontaktperson", "E-mail", "Telefon", "Stilling", "Tags"})
	companies := 0
	for base := 3000000; companies < 10000; base++ {
		cvr := validCVR(base)
		if cvr == "" {
			continue
		}
		name := fmt.Sprintf("%s %s %d ApS", nameWords[companies%len(nameWords)], nameWords[(companies/7)%len(nameWords)], companies)
		for k := 0; k < 3; k++ {
			i := companies*3 + k
			w.Write([]string{cvr, name, "ApS", string(company.Clusters[companies%4]), "Lautrup", "2750", "Ballerup",
				strconv.Itoa(companies % 300), "Kontakt " + strconv.Itoa(i), fmt.Sprintf("kontakt%d@firma%d.dk", i, companies),
				"4477 " + fmt.Sprintf("%04d", i%10000), "Direktør", "eksport, esg"})
		}
		companies++
	}
	w.Flush()
	data := buf.Bytes()
	svc := company.NewService(st)
	t0 := time.Now()
	sheet, err := company.ReadSheet("register.csv", data)
	if err != nil {
		return err
	}
	res, err := svc.Import(ctx, sheet, company.SuggestMapping(sheet.Header), false)
	if err != nil {
		return err
	}
	took := time.Since(t0)
	if !res.Applied || res.CompaniesCreated != 10000 || res.ContactsCreated != 30000 {
		return fmt.Errorf("import result %+v", res)
	}
	r.Add("import", "rows_per_s", float64(len(sheet.Rows))/took.Seconds(), "1/s", "30,000 CSV rows: 10,000 companies, 30,000 contacts, checked and written in one transaction (target >= 10,000)")
	r.Add("import", "total_s", took.Seconds(), "s", "read, check, dry-run bookkeeping and write")
	return nil
}
