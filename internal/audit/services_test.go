package audit_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"convene/internal/audit"
	"convene/internal/award"
	"convene/internal/campaign"
	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store/storetest"
)

// TestEveryServiceWritesTheAuditLog changes events, registrations,
// contacts, consents, campaigns and award decisions as a named staff
// member and checks each change is in the log, with who and what.
func TestEveryServiceWritesTheAuditLog(t *testing.T) {
	st := storetest.New(t)
	ctx := audit.WithActor(context.Background(), "karen@balk.dk")
	settings := setting.NewService(st)
	cat := i18n.MustLoad()
	r, _ := mail.NewRenderer(cat, settings)
	outbox := mail.NewOutbox(st, r)
	reg := company.NewService(st)
	events := event.NewService(st, "balk.dk")
	regs := registration.NewService(st, events, nil, reg)
	camps := campaign.NewService(st, settings, cat, reg, events, outbox, func(context.Context) string { return "https://x.dk" })
	awards := award.NewService(st, events)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	e, err := events.Save(ctx, event.Event{Title: "Møde", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 5, Venue: "Rådhuset"})
	must(err)
	e, err = events.Publish(ctx, e.ID)
	must(err)
	e.Venue = "Byrådssalen"
	_, err = events.Save(ctx, e)
	must(err)
	rg, _, err := regs.Register(ctx, registration.Request{EventID: e.ID, CompanyName: "Alfa", Source: "staff",
		Attendees: []registration.AttendeeInput{{Name: "Anne", Email: "anne@alfa.dk"}}})
	must(err)
	_, err = regs.CheckIn(ctx, []int64{rg.Attendees[0].ID}, true)
	must(err)
	_, err = regs.CancelByID(ctx, rg.ID, false)
	must(err)
	c, err := reg.SaveContact(ctx, company.Contact{Name: "Bo", Email: "bo@beta.dk"})
	must(err)
	_, err = reg.GiveConsent(ctx, c.ID, "telefon", "v1")
	must(err)
	must(reg.WithdrawConsent(ctx, c.ID, "bad om det"))
	camp, err := camps.Save(ctx, campaign.Campaign{Name: "Nyhedsbrev", Subject: "Nyt", Body: "Hej", ContactIDs: []int64{c.ID}}, "karen@balk.dk")
	must(err)
	must(camps.Delete(ctx, camp.ID))
	cvr := "61056416"
	co, err := reg.Save(ctx, company.Company{Name: "Raket A/S", CVR: &cvr, Form: "A/S"})
	must(err)
	for i, v := range []int64{1_500_000, 2_500_000, 4_000_000, 6_000_000} {
		op := int64(100_000)
		_, err = reg.SaveFinancial(ctx, company.Financial{CompanyID: co.ID, Year: 2021 + i, Months: 12, NetRevenue: &v, OperatingResult: &op})
		must(err)
	}
	round, err := awards.CreateRound(ctx, 2024)
	must(err)
	_, err = awards.Evaluate(ctx, round.ID)
	must(err)
	entries, _ := awards.Entries(ctx, award.EntryQuery{RoundID: round.ID})
	_, err = awards.Decide(ctx, entries[0].ID, award.DecisionWinner, "karen@balk.dk")
	must(err)
	_, err = awards.Publish(ctx, round.ID)
	must(err)

	log, err := audit.List(ctx, st.R(ctx), audit.Query{Limit: 500})
	must(err)
	var got []string
	for _, l := range log {
		if l.Actor != "karen@balk.dk" {
			t.Errorf("entry %+v has actor %q", l, l.Actor)
		}
		got = append(got, l.Entity+":"+l.Action)
	}
	sort.Strings(got)
	all := strings.Join(got, " ")
	for _, want := range []string{"event:create", "event:published", "event:update", "registration:register", "registration:checkin",
		"registration:cancel", "contact:create", "consent:give", "consent:withdraw", "campaign:create", "campaign:delete",
		"award_round:evaluate", "award_entry:edit", "award_round:publish"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %s in the audit log: %s", want, all)
		}
	}
	byEvent, _ := audit.List(ctx, st.R(ctx), audit.Query{Entity: "event", EntityID: e.ID})
	if len(byEvent) != 3 || !strings.Contains(byEvent[0].Detail, "place") {
		t.Fatalf("the event's history: %s", fmt.Sprint(byEvent))
	}
	// Part of who acted finds them, in any case; someone else finds none.
	byKaren, _ := audit.List(ctx, st.R(ctx), audit.Query{Actor: " KAREN ", Limit: 500})
	nobody, _ := audit.List(ctx, st.R(ctx), audit.Query{Actor: "jens@", Limit: 500})
	if len(byKaren) != len(log) || len(nobody) != 0 {
		t.Errorf("by actor: %d entries for karen of %d, %d for jens", len(byKaren), len(log), len(nobody))
	}
}
