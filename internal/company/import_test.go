package company

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"convene/internal/i18n"
	"convene/internal/store/storetest"
)

func readFixture(t *testing.T, name string) Sheet {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := ReadSheet(name, data)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return sh
}

func TestImportSemicolonWindows1252(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	sh := readFixture(t, "register-win1252.csv")
	if sh.Encoding != "windows-1252" || sh.Delimiter != ";" || len(sh.Rows) != 4 {
		t.Fatalf("sheet %s/%s with %d rows", sh.Encoding, sh.Delimiter, len(sh.Rows))
	}
	m := SuggestMapping(sh.Header)
	for _, f := range []string{"cvr", "name", "form", "cluster", "area", "employees", "contactName", "contactEmail", "contactPhone", "contactJobTitle", "tags"} {
		if m.col(f) < 0 {
			t.Errorf("no column suggested for %s", f)
		}
	}
	dry, err := s.Import(ctx, sh, m, true)
	if err != nil || dry.Failed != 0 || dry.Applied || dry.CompaniesCreated != 3 || dry.ContactsCreated != 3 {
		t.Fatalf("dry run: %+v, %v", dry, err)
	}
	if p, _ := s.List(ctx, Query{}); p.Total != 0 {
		t.Fatal("a dry run changed the register")
	}
	res, err := s.Import(ctx, sh, m, false)
	if err != nil || !res.Applied {
		t.Fatalf("import: %+v, %v", res, err)
	}
	p, _ := s.List(ctx, Query{Search: "61056416"})
	if p.Total != 1 || p.Items[0].Name != "Carlsberg A/S" || p.Items[0].Contacts != 2 || *p.Items[0].Employees != 1200 {
		t.Fatalf("Carlsberg after import: %+v", p.Items)
	}
	c, _ := s.ListContacts(ctx, ContactQuery{Search: "soeren@"})
	if c.Total != 1 || c.Items[0].Name != "Søren Ærø" || c.Items[0].CompanyName != "Carlsberg A/S" {
		t.Fatalf("Danish letters or links lost: %+v", c.Items)
	}
	tag, _ := s.List(ctx, Query{Tag: "esg"})
	cafe, _ := s.List(ctx, Query{Search: "café"})
	if tag.Total != 1 || cafe.Total != 1 || cafe.Items[0].CVR != nil {
		t.Fatalf("tags %d, café %d", tag.Total, cafe.Total)
	}
	// Importing again merges: nothing new.
	again, err := s.Import(ctx, sh, m, false)
	if err != nil || again.CompaniesCreated != 0 || again.CompaniesUpdated != 3 || again.ContactsUpdated != 3 {
		t.Fatalf("second import: %+v, %v", again, err)
	}
	if p, _ := s.List(ctx, Query{}); p.Total != 3 {
		t.Fatalf("%d companies after importing twice", p.Total)
	}
}

func TestImportXLSX(t *testing.T) {
	s := NewService(storetest.New(t))
	sh := readFixture(t, "register.xlsx")
	res, err := s.Import(context.Background(), sh, SuggestMapping(sh.Header), false)
	if err != nil || !res.Applied || res.CompaniesCreated != 2 || res.ContactsCreated != 2 {
		t.Fatalf("xlsx import: %+v, %v", res, err)
	}
	p, _ := s.List(context.Background(), Query{Search: "grøn"})
	if p.Total != 1 || p.Items[0].City != "Ballerup" || p.Items[0].Postcode != "2750" {
		t.Fatalf("Grøn Energi: %+v", p.Items)
	}
}

func TestBrokenImportChangesNothingAndNamesRowsAndColumns(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	if _, err := s.Save(ctx, Company{Name: "Gammel Bank", CVR: ptr("29403473")}); err != nil {
		t.Fatal(err)
	}
	sh := readFixture(t, "broken.csv")
	res, err := s.Import(ctx, sh, SuggestMapping(sh.Header), false)
	if err != nil || res.Applied || res.Failed != 4 {
		t.Fatalf("broken import: %+v, %v", res, err)
	}
	want := map[int][]string{
		3: {"CVR:company.error.cvr"},
		4: {"CVR:company.import.cvr_twice"},
		5: {"E-mail:error.email"},
		6: {"CVR:company.import.cvr_other_name", "E-mail:company.import.email_twice"},
	}
	for _, r := range res.Rows {
		var got []string
		for _, e := range r.Errors {
			got = append(got, e.Column+":"+e.Key)
		}
		for _, w := range want[r.Row] {
			if !strings.Contains(strings.Join(got, " "), w) {
				t.Errorf("row %d: errors %v, want %s", r.Row, got, w)
			}
		}
		if len(want[r.Row]) == 0 && r.Action == "error" {
			t.Errorf("row %d failed: %v", r.Row, got)
		}
	}
	if p, _ := s.List(ctx, Query{}); p.Total != 1 {
		t.Fatalf("a failed import changed the register: %d companies", p.Total)
	}
}

func TestReadSheetRefusesWhatIsNotATable(t *testing.T) {
	for name, data := range map[string][]byte{
		"big.csv":   []byte(strings.Repeat("a;b\n", MaxImportBytes/4+1)),
		"image.png": {0x89, 'P', 'N', 'G', 0, 0, 1, 2},
		"empty.csv": []byte("  \n"),
		"bad.xlsx":  []byte("PK\x03\x04 not really a zip"),
	} {
		_, err := ReadSheet(name, data)
		var ue *i18n.Error
		if !errors.As(err, &ue) || !strings.HasPrefix(ue.Key, "company.import.") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
