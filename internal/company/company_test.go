package company

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"convene/internal/i18n"
	"convene/internal/store/storetest"
)

func ptr[T any](v T) *T { return &v }

func fieldKey(t *testing.T, err error, field string) string {
	t.Helper()
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("want a validation error, got %v", err)
	}
	return ue.Fields[field].Key
}

func TestSaveValidatesAndKeepsCVRUnique(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	c, err := s.Save(ctx, Company{Name: "  Novo   Nordisk A/S ", CVR: ptr("DK 2425 6790"), Form: "A/S", Cluster: ClusterLifeScience,
		Tags: []string{"Eksport", "eksport", " ESG "}, PNumbers: []string{"1003388394"}, Employees: ptr(5000)})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Novo Nordisk A/S" || *c.CVR != "24256790" || len(c.Tags) != 2 || c.Tags[0] != "eksport" || len(c.PNumbers) != 1 {
		t.Fatalf("saved %+v", c)
	}
	_, err = s.Save(ctx, Company{Name: "Andet navn", CVR: ptr("24256790")})
	if k := fieldKey(t, err, "cvr"); k != "company.error.cvr_taken" {
		t.Fatalf("duplicate CVR: %s", k)
	}
	_, err = s.Save(ctx, Company{Name: "", CVR: ptr("24256791"), BranchCode: "12", Postcode: "27500", Website: "balk.dk", Cluster: "space"})
	for _, f := range []string{"name", "cvr", "branchCode", "postcode", "website", "cluster"} {
		if fieldKey(t, err, f) == "" {
			t.Errorf("no error for %s", f)
		}
	}
	// A foreign company has no CVR; two of them are fine.
	for i := 0; i < 2; i++ {
		if _, err := s.Save(ctx, Company{Name: fmt.Sprintf("Foreign GmbH %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	c.Name = "Novo Nordisk"
	c.Tags = []string{"life science"}
	c2, err := s.Save(ctx, c)
	if err != nil || c2.Name != "Novo Nordisk" || len(c2.Tags) != 1 || c2.CreatedAt != c.CreatedAt {
		t.Fatalf("update: %+v %v", c2, err)
	}
	if err := s.Delete(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted company: %v", err)
	}
}

func TestListSearchFiltersAndKeysetPaging(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	cvrs := []string{"24256790", "61126228", "61056416"}
	for i := 0; i < 130; i++ {
		c := Company{Name: fmt.Sprintf("Firma %03d ApS", i), Cluster: Clusters[i%4], Area: []string{"Lautrup", "Kildedal"}[i%2]}
		if i < 3 {
			c.CVR = &cvrs[i]
			c.Name = []string{"Novo Nordisk", "Danske Bank", "Carlsberg"}[i]
			c.Tags = []string{"gazelle"}
			c.Symbiosis = i == 2
		}
		if _, err := s.Save(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	dk, _ := s.List(ctx, Query{Search: "danske"})
	word, _ := s.List(ctx, Query{Search: "nordi"})
	two, _ := s.List(ctx, Query{Search: "ApS 12"})
	if word.Total != 1 || word.Items[0].Name != "Novo Nordisk" || two.Total != 10 {
		t.Fatalf("word search: %d for nordi, %d for 'ApS 12'", word.Total, two.Total)
	}
	cvr, _ := s.List(ctx, Query{Search: "61"})
	tag, _ := s.List(ctx, Query{Tag: "Gazelle"})
	sym, _ := s.List(ctx, Query{Symbiosis: ptr(true)})
	area, _ := s.List(ctx, Query{Area: "Lautrup", Cluster: ClusterIT})
	if dk.Total != 1 || dk.Items[0].Name != "Danske Bank" || cvr.Total != 2 || tag.Total != 3 || sym.Total != 1 || area.Total == 0 {
		t.Fatalf("search/filter totals: name %d, cvr %d, tag %d, symbiosis %d, area %d", dk.Total, cvr.Total, tag.Total, sym.Total, area.Total)
	}
	// Keyset paging visits every company once, in name order.
	seen := map[int64]bool{}
	prev := ""
	q := Query{PageSize: 40}
	for pages := 0; ; pages++ {
		p, err := s.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 130 {
			t.Fatalf("total %d", p.Total)
		}
		for _, c := range p.Items {
			if seen[c.ID] || nameKey(c.Name) < prev {
				t.Fatalf("page %d repeats or breaks the order at %q", pages, c.Name)
			}
			seen[c.ID], prev = true, nameKey(c.Name)
		}
		if p.Next == "" {
			break
		}
		q.After = p.Next
	}
	if len(seen) != 130 {
		t.Fatalf("paging saw %d of 130", len(seen))
	}
	desc, _ := s.List(ctx, Query{Sort: "created", Desc: true, PageSize: 1})
	if desc.Items[0].Name != "Firma 129 ApS" {
		t.Fatalf("newest first: %s", desc.Items[0].Name)
	}
}

func TestContactsAndConsent(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	co, _ := s.Save(ctx, Company{Name: "Carlsberg", CVR: ptr("61056416")})
	k, err := s.SaveContact(ctx, Contact{Name: "Karen Ærø", Email: " Karen@Carlsberg.DK ", CompanyID: &co.ID, JobTitle: "CFO"})
	if err != nil || k.Email != "karen@carlsberg.dk" || k.CompanyName != "Carlsberg" || k.Consent != nil {
		t.Fatalf("contact %+v, %v", k, err)
	}
	_, err = s.SaveContact(ctx, Contact{Name: "Anden", Email: "KAREN@carlsberg.dk"})
	if fieldKey(t, err, "email") != "company.error.email_taken" {
		t.Fatal("duplicate e-mail accepted")
	}
	_, err = s.SaveContact(ctx, Contact{Name: "", Email: "nope", Phone: "12", CompanyID: ptr(int64(999))})
	for _, f := range []string{"name", "email", "phone"} {
		if fieldKey(t, err, f) == "" {
			t.Errorf("no error for %s", f)
		}
	}
	if _, err := s.GiveConsent(ctx, k.ID, "tilmelding til nytårskur", "v1 2026-11"); err != nil {
		t.Fatal(err)
	}
	yes, _ := s.ListContacts(ctx, ContactQuery{Consent: "yes"})
	if yes.Total != 1 || !yes.Items[0].Consent.Active() {
		t.Fatalf("with consent: %+v", yes)
	}
	if err := s.WithdrawConsent(ctx, k.ID, "afmeldingslink"); err != nil {
		t.Fatal(err)
	}
	no, _ := s.ListContacts(ctx, ContactQuery{Consent: "no"})
	hist, _ := s.Consents(ctx, k.ID)
	if no.Total != 1 || len(hist) != 1 || hist[0].WithdrawnAt == nil || hist[0].WithdrawnHow != "afmeldingslink" {
		t.Fatalf("after withdrawal: %+v %+v", no, hist)
	}
	byMail, _ := s.List(ctx, Query{Search: "karen@carl"})
	if byMail.Total != 1 || byMail.Items[0].Contacts != 1 {
		t.Fatalf("company by contact e-mail: %+v", byMail)
	}
	if err := s.Delete(ctx, co.ID); err != nil {
		t.Fatal(err)
	}
	after, _ := s.GetContact(ctx, k.ID)
	if after.CompanyID != nil {
		t.Fatal("deleting the company did not detach its contact")
	}
}
