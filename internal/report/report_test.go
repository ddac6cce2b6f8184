package report

import (
	"context"
	"fmt"
	"testing"
	"time"

	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store/storetest"
)

// TestReportsOnASeededDatabase seeds a small year of events with known
// registrations and attendance, and checks every report's figures.
func TestReportsOnASeededDatabase(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	reg := company.NewService(st)
	events := event.NewService(st, "balk.dk")
	regs := registration.NewService(st, events, nil, nil)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cvrs := []string{"61056416", "61126228", "24256790"}
	var cos []company.Company
	for i, spec := range []struct{ name, cluster, area string }{{"Alfa", "it", "Lautrup"}, {"Beta", "it", "Kildedal"}, {"Gamma", "lifescience", "Lautrup"}} {
		cvr := cvrs[i]
		c, err := reg.Save(ctx, company.Company{Name: spec.name, CVR: &cvr, Cluster: company.Cluster(spec.cluster), Area: spec.area})
		must(err)
		cos = append(cos, c)
	}
	base := time.Now().AddDate(0, 1, 0).Truncate(24 * time.Hour)
	mk := func(title string, kind event.Kind, themes []string, track int, offset int) event.Event {
		s := base.AddDate(0, offset, 0)
		e, err := events.Save(ctx, event.Event{Title: title, Kind: kind, Themes: themes, Track: track, StartsAt: s, EndsAt: s.Add(2 * time.Hour), Capacity: 50, Venue: "Rådhuset"})
		must(err)
		e, err = events.Publish(ctx, e.ID)
		must(err)
		return e
	}
	e1 := mk("Netværk 1", event.KindNetwork, []string{"Eksport"}, 2, 0)
	e2 := mk("Netværk 2", event.KindNetwork, []string{"Eksport", "Grøn omstilling"}, 2, 1)
	e3 := mk("Info", event.KindInformation, []string{"Grøn omstilling"}, 1, 1)
	add := func(e event.Event, co company.Company, n int, came int) {
		var att []registration.AttendeeInput
		for i := 0; i < n; i++ {
			att = append(att, registration.AttendeeInput{Name: "P", Email: fmt.Sprintf("p%d-%d-%d@x.dk", e.ID, co.ID, i)})
		}
		r, _, err := regs.Register(ctx, registration.Request{EventID: e.ID, CompanyName: co.Name, CVR: *co.CVR, Attendees: att, Source: "staff"})
		must(err)
		var ids []int64
		for i := 0; i < came; i++ {
			ids = append(ids, r.Attendees[i].ID)
		}
		if len(ids) > 0 {
			_, err = regs.CheckIn(ctx, ids, true)
			must(err)
		}
	}
	add(e1, cos[0], 2, 2) // Alfa: 2 came
	add(e1, cos[1], 1, 0) // Beta: no-show
	add(e2, cos[0], 1, 1) // Alfa returns
	add(e3, cos[2], 2, 1) // Gamma: 1 of 2
	s := NewService(st, setting.NewService(st))
	s.now = func() time.Time { return base.AddDate(1, 0, 0) } // a year on: all held
	run := func(name string, f Filter) [][]any {
		t.Helper()
		tb, err := s.Run(ctx, name, f)
		must(err)
		return tb.Rows
	}
	check := func(name string, got [][]any, want string) {
		t.Helper()
		if fmt.Sprint(got) != want {
			t.Errorf("%s: %v, want %s", name, got, want)
		}
	}
	m1, m2 := e1.StartsAt.Format("2006-01"), e2.StartsAt.Format("2006-01")
	check("over time", run("registrations_over_time", Filter{}), fmt.Sprintf("[[%s 2 3 2] [%s 2 3 2]]", m1, m2))
	check("attendance", run("attendance_by_kind", Filter{}), "[[information 1 2 1 50 50] [network 2 4 3 75 25]]")
	check("cluster", run("companies_by_cluster", Filter{}), "[[it 2 4] [lifescience 1 2]]")
	check("area", run("companies_by_area", Filter{}), "[[Lautrup 2 5] [Kildedal 1 1]]")
	check("track", run("companies_by_track", Filter{Kind: "network"}), "[[2 2 4]]")
	check("themes", run("events_by_theme", Filter{}), "[[Eksport 2 4] [Grøn omstilling 2 3]]")
	// In the second month, Alfa returns and Gamma is new.
	check("new vs returning", run("new_vs_returning", Filter{From: e2.StartsAt.Add(-time.Hour)}), "[[new 1] [returning 1]]")
	check("theme filter", run("registrations_over_time", Filter{Theme: "grøn omstilling"}), fmt.Sprintf("[[%s 2 3 2]]", m2))
	check("every track", run("companies_by_track", Filter{}), "[[2 2 4] [1 1 2]]")
	check("cluster by theme", run("companies_by_cluster", Filter{Theme: "Grøn omstilling"}), "[[it 1 1] [lifescience 1 2]]")
	check("cluster before the second month", run("companies_by_cluster", Filter{To: e2.StartsAt.Add(-time.Hour)}), "[[it 2 3]]")
	check("new vs returning, network", run("new_vs_returning", Filter{From: e2.StartsAt.Add(-time.Hour), Kind: "network"}), "[[new 0] [returning 1]]")
	check("new vs returning, track 1", run("new_vs_returning", Filter{Track: 1}), "[[new 1] [returning 0]]")
	// The reports follow changes: Beta moves cluster, the information
	// meeting is cancelled.
	beta := cos[1]
	beta.Cluster = "finance"
	_, err := reg.Save(ctx, beta)
	must(err)
	_, err = events.Cancel(ctx, e3.ID, "Aflyst")
	must(err)
	check("cluster after changes", run("companies_by_cluster", Filter{}), "[[finance 1 1] [it 1 3]]")
	check("track after changes", run("companies_by_track", Filter{}), "[[2 2 4]]")
	s.now = func() time.Time { return time.Now().UTC() }
	o, err := s.Overview(ctx)
	must(err)
	if o.RegistrationsWeek != 4 || len(o.Next) != 2 || o.Next[0].SeatsTaken != 3 {
		t.Errorf("overview %+v", o)
	}
	// A mail waiting for a mail server makes the first task.
	renderer, err := mail.NewRenderer(i18n.MustLoad(), setting.NewService(st))
	must(err)
	_, err = mail.NewOutbox(st, renderer).Enqueue(ctx, mail.Draft{Kind: mail.KindService, Template: "test", ToAddress: "anne@alfa.dk",
		Data: mail.TestData{Host: "smtp.test", SentAt: time.Now()}})
	must(err)
	o, err = s.Overview(ctx)
	must(err)
	if len(o.Tasks) == 0 || o.Tasks[0].Kind != "mail_no_server" || o.Tasks[0].ID != 1 || o.MailHeld != 1 {
		t.Errorf("tasks %+v, held %d", o.Tasks, o.MailHeld)
	}
	g, err := s.Engagement(ctx, cos[0].ID)
	must(err)
	if g.Registrations != 2 || g.EventsJoined != 2 || g.Attended != 2 {
		t.Errorf("engagement %+v", g)
	}
}

// TestMonthsAreTheOrganisers counts an event half an hour after midnight
// on the 1st, Copenhagen time, in that month, not in the UTC month before.
func TestMonthsAreTheOrganisers(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	events := event.NewService(st, "balk.dk")
	regs := registration.NewService(st, events, nil, nil)
	cph, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	year := time.Now().Year() + 1
	start := time.Date(year, 4, 1, 0, 30, 0, 0, cph)
	e, err := events.Save(ctx, event.Event{Title: "Natmøde", Kind: event.KindNetwork, StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 10, Venue: "Rådhuset"})
	if err == nil {
		e, err = events.Publish(ctx, e.ID)
	}
	if err == nil {
		_, _, err = regs.Register(ctx, registration.Request{EventID: e.ID, CompanyName: "Alfa", Attendees: []registration.AttendeeInput{{Name: "P", Email: "p@x.dk"}}, Source: "staff"})
	}
	if err != nil {
		t.Fatal(err)
	}
	if utc := start.UTC().Format("2006-01"); utc != fmt.Sprintf("%d-03", year) {
		t.Fatalf("the test event should fall in March in UTC, not %s", utc)
	}
	tb, err := NewService(st, setting.NewService(st)).Run(ctx, "registrations_over_time", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(tb.Rows), fmt.Sprintf("[[%d-04 1 1 0]]", year); got != want {
		t.Errorf("months %s, want %s", got, want)
	}
}
