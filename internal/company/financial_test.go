package company

import (
	"context"
	"testing"

	"convene/internal/store/storetest"
)

func TestFinancials(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	c, _ := s.Save(ctx, Company{Name: "Vækst ApS", CVR: ptr("24256790")})
	for y, rev := range map[int]int64{2021: 1_000_000, 2022: 1_500_000, 2023: 2_600_000} {
		if _, err := s.SaveFinancial(ctx, Financial{CompanyID: c.ID, Year: y, Months: 12, NetRevenue: ptr(rev), Source: "årsrapport"}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := s.SaveFinancial(ctx, Financial{CompanyID: c.ID, Year: 2023, Months: 12, NetRevenue: ptr(int64(2_700_000))})
	if err != nil || *f.NetRevenue != 2_700_000 {
		t.Fatalf("replace a year: %+v %v", f, err)
	}
	list, _ := s.Financials(ctx, c.ID)
	if len(list) != 3 || list[0].Year != 2021 || *list[2].NetRevenue != 2_700_000 {
		t.Fatalf("financials %+v", list)
	}
	_, err = s.SaveFinancial(ctx, Financial{CompanyID: c.ID, Year: 1800, Months: 0})
	for _, field := range []string{"year", "months", "netRevenue"} {
		if fieldKey(t, err, field) == "" {
			t.Errorf("no error for %s", field)
		}
	}
	if err := s.DeleteFinancial(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if list, _ = s.Financials(ctx, c.ID); len(list) != 2 {
		t.Fatal("not deleted")
	}
}
