package company

import (
	"context"
	"strings"
	"testing"

	"convene/internal/store/storetest"
)

func TestExportNeutralisesFormulasAndRoundTrips(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	evil, _ := s.Save(ctx, Company{Name: `=HYPERLINK("http://evil.example","klik")`, CVR: ptr("61126228"), Tags: []string{"+45", "@home"}})
	if _, err := s.SaveContact(ctx, Contact{Name: "-2+3", Email: "a@evil.dk", CompanyID: &evil.ID}); err != nil {
		t.Fatal(err)
	}
	s.Save(ctx, Company{Name: "Ærlig Handel ApS", CVR: ptr("24256790"), City: "Måløv"})
	for _, format := range []string{"csv", "xlsx"} {
		f, err := s.ExportCompanies(ctx, Query{}, format)
		if err != nil {
			t.Fatal(err)
		}
		sh, err := ReadSheet(f.Filename, f.Data)
		if err != nil {
			t.Fatalf("%s: read back: %v", format, err)
		}
		if len(sh.Rows) != 2 || sh.Header[0] != "CVR" {
			t.Fatalf("%s: %d rows, header %v", format, len(sh.Rows), sh.Header)
		}
		var names []string
		for _, r := range sh.Rows {
			names = append(names, r[1])
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
					t.Errorf("%s: cell %q can run as a formula", format, c)
				}
			}
		}
		if !strings.Contains(strings.Join(names, "|"), "Ærlig Handel ApS") || !strings.Contains(strings.Join(names, "|"), `'=HYPERLINK`) {
			t.Errorf("%s: names %v", format, names)
		}
		c, err := s.ExportContacts(ctx, ContactQuery{}, format)
		if err != nil || !strings.HasPrefix(c.Filename, "kontaktpersoner.") {
			t.Fatalf("%s contacts: %v", format, err)
		}
		csh, _ := ReadSheet(c.Filename, c.Data)
		if len(csh.Rows) != 1 || csh.Rows[0][0] != "'-2+3" {
			t.Errorf("%s contacts: %v", format, csh.Rows)
		}
	}
	seg, _ := s.SaveSegment(ctx, Segment{Name: "Alle", Target: "companies"})
	f, err := s.ExportSegment(ctx, seg.ID, "csv")
	if err != nil || f.Filename != "segment-alle.csv" {
		t.Fatalf("segment export %v %v", f.Filename, err)
	}
	if _, err := s.ExportCompanies(ctx, Query{}, "pdf"); err == nil {
		t.Fatal("exported a pdf")
	}
}
