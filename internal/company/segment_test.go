package company

import (
	"context"
	"testing"

	"convene/internal/store/storetest"
)

func TestSegmentsCountAndListMembers(t *testing.T) {
	s := NewService(storetest.New(t))
	ctx := context.Background()
	mk := func(name string, cl Cluster, area string, sym bool, tags ...string) Company {
		c, err := s.Save(ctx, Company{Name: name, Cluster: cl, Area: area, Symbiosis: sym, Tags: tags})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a := mk("Alfa IT", ClusterIT, "Lautrup", true, "gazelle")
	b := mk("Beta Finans", ClusterFinance, "Lautrup", false)
	mk("Gamma Bio", ClusterLifeScience, "Kildedal", true, "esg")
	for i, co := range []Company{a, a, b} {
		ct, err := s.SaveContact(ctx, Contact{Name: "P", Email: string(rune('a'+i)) + "@x.dk", CompanyID: &co.ID})
		if err != nil {
			t.Fatal(err)
		}
		if i != 1 {
			s.GiveConsent(ctx, ct.ID, "test", "v1")
		}
	}
	yes := true
	for _, tc := range []struct {
		name   string
		target string
		f      Filter
		want   int64
	}{
		{"all companies", "companies", Filter{}, 3},
		{"lautrup", "companies", Filter{Areas: []string{"Lautrup"}}, 2},
		{"symbiosen", "companies", Filter{Symbiosis: &yes}, 2},
		{"it or life science", "companies", Filter{Clusters: []Cluster{ClusterIT, ClusterLifeScience}}, 2},
		{"tag", "companies", Filter{Tags: []string{"Gazelle"}}, 1},
		{"with contacts", "companies", Filter{HasContacts: &yes}, 2},
		{"contacts with consent", "contacts", Filter{Consent: &yes}, 2},
		{"consenting contacts in symbiosen", "contacts", Filter{Consent: &yes, Symbiosis: &yes}, 1},
		{"contacts in lautrup", "contacts", Filter{Areas: []string{"Lautrup"}}, 3},
	} {
		n, err := s.CountFilter(ctx, tc.target, tc.f)
		if err != nil || n != tc.want {
			t.Errorf("%s: %d, %v; want %d", tc.name, n, err, tc.want)
		}
	}
	seg, err := s.SaveSegment(ctx, Segment{Name: " Symbiosen  med samtykke ", Target: "contacts", Filter: Filter{Consent: &yes, Symbiosis: &yes}})
	if err != nil || seg.Name != "Symbiosen med samtykke" || seg.Count != 1 {
		t.Fatalf("save segment: %+v, %v", seg, err)
	}
	if _, err := s.SaveSegment(ctx, Segment{Name: "Symbiosen med samtykke", Target: "companies"}); err == nil {
		t.Fatal("a second segment with the same name was saved")
	}
	seg.Filter.Symbiosis = nil
	if seg, err = s.SaveSegment(ctx, seg); err != nil || seg.Count != 2 {
		t.Fatalf("update segment: %+v, %v", seg, err)
	}
	ids, err := s.SegmentMembers(ctx, seg.ID)
	if err != nil || len(ids) != 2 {
		t.Fatalf("members %v, %v", ids, err)
	}
	page, err := s.ListContacts(ctx, ContactQuery{SegmentID: seg.ID})
	if err != nil || page.Total != 2 {
		t.Fatalf("contacts of the segment: %d, %v", page.Total, err)
	}
	if _, err := s.List(ctx, Query{SegmentID: seg.ID}); err == nil {
		t.Fatal("a contacts segment filtered companies")
	}
	list, _ := s.Segments(ctx)
	if len(list) != 1 || list[0].Count != 2 || list[0].Filter.Consent == nil {
		t.Fatalf("segments %+v", list)
	}
}
