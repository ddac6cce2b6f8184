package company

import (
	"context"
	"errors"
	"testing"

	"convene/internal/store/storetest"
)

func TestMergeCompanies(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	keep, _ := s.Save(ctx, Company{Name: "Carlsberg A/S", CVR: ptr("61056416"), Tags: []string{"eksport"}})
	drop, _ := s.Save(ctx, Company{Name: "Carlsberg", City: "København", Cluster: ClusterFinance, Employees: ptr(9000),
		Tags: []string{"esg", "eksport"}, PNumbers: []string{"1003388394"}, Notes: "gammel post"})
	s.SaveContact(ctx, Contact{Name: "A", Email: "a@c.dk", CompanyID: &drop.ID})
	s.SaveContact(ctx, Contact{Name: "B", Email: "b@c.dk", CompanyID: &keep.ID})
	m, err := s.MergeCompanies(ctx, keep.ID, drop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Carlsberg A/S" || *m.CVR != "61056416" || m.City != "København" || m.Cluster != ClusterFinance ||
		*m.Employees != 9000 || len(m.Tags) != 2 || len(m.PNumbers) != 1 || m.Contacts != 2 || m.Notes != "gammel post" {
		t.Fatalf("merged %+v", m)
	}
	if _, err := s.Get(ctx, drop.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal("the duplicate survived")
	}
	if _, err := s.MergeCompanies(ctx, keep.ID, keep.ID); err == nil {
		t.Fatal("merged a company into itself")
	}
}

func TestMergeContacts(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	co, _ := s.Save(ctx, Company{Name: "Firma"})
	keep, _ := s.SaveContact(ctx, Contact{Name: "Karen Holm", Email: "karen@firma.dk"})
	drop, _ := s.SaveContact(ctx, Contact{Name: "K. Holm", Email: "kh@firma.dk", Phone: "4477 2000", CompanyID: &co.ID})
	s.GiveConsent(ctx, drop.ID, "messe", "v1")
	m, err := s.MergeContacts(ctx, keep.ID, drop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Email != "karen@firma.dk" || m.Phone != "4477 2000" || m.CompanyID == nil || !m.Consent.Active() {
		t.Fatalf("merged %+v", m)
	}
	if _, err := s.GetContact(ctx, drop.ID); !errors.Is(err, ErrContactNotFound) {
		t.Fatal("the duplicate survived")
	}
}
