package registration

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
)

func (e *env) notes() string {
	e.notesRec.mu.Lock()
	defer e.notesRec.mu.Unlock()
	out := strings.Join(e.notesRec.events, " ")
	e.notesRec.events = nil
	return out
}

func TestChangeAttendeesTakesAndGivesSeats(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 3, func(ev *event.Event) { ev.SeatsPerCompany = 3 })
	a, _, _ := e.svc.Register(ctx, req(ev, "Alfa", "a1@alfa.dk"))
	b, _, _ := e.svc.Register(ctx, req(ev, "Beta", "b1@beta.dk", "b2@beta.dk"))
	c, _, _ := e.svc.Register(ctx, req(ev, "Gamma", "c1@gamma.dk"))
	if c.Status != StatusWaitlisted {
		t.Fatalf("gamma %s", c.Status)
	}
	e.notes()
	// Alfa adds a person: no seat is free.
	_, err := e.svc.Update(ctx, a.Token, Change{CompanyName: "Alfa", Attendees: []AttendeeInput{{Name: "A1", Email: "a1@alfa.dk"}, {Name: "A2", Email: "a2@alfa.dk"}}})
	var ue *i18n.Error
	if !errors.As(err, &ue) || ue.Fields["attendees"].Key != "registration.error.no_seats_to_add" {
		t.Fatalf("adding without seats: %v", err)
	}
	// Nor may Alfa list someone registered with Beta.
	_, err = e.svc.Update(ctx, a.Token, Change{CompanyName: "Alfa", Attendees: []AttendeeInput{{Name: "B2", Email: "b2@beta.dk"}}})
	if !errors.As(err, &ue) || ue.Fields["attendees.0.email"].Key != "registration.error.already_registered" {
		t.Fatalf("taking another's attendee: %v", err)
	}
	// Beta drops one: the seat goes to Gamma, who is told.
	nb, err := e.svc.Update(ctx, b.Token, Change{CompanyName: "Beta A/S", Attendees: []AttendeeInput{{Name: "Bo", Email: "b2@beta.dk", JobTitle: "CFO"}}})
	if err != nil || nb.Seats != 1 || nb.CompanyName != "Beta A/S" || len(nb.Attendees) != 1 || nb.Attendees[0].JobTitle != "CFO" {
		t.Fatalf("beta change: %+v %v", nb, err)
	}
	rc, _, _ := e.svc.ByToken(ctx, c.Token)
	counts, _ := e.svc.Counts(ctx, ev.ID)
	if rc.Status != StatusConfirmed || counts.SeatsTaken != 3 {
		t.Fatalf("gamma %s, counts %+v", rc.Status, counts)
	}
	if got := e.notes(); got != "promoted:Gamma updated:Beta A/S" {
		t.Fatalf("notices %q", got)
	}
	// Staff cancel Gamma quietly; Alfa can now add a person.
	if _, err := e.svc.CancelByID(ctx, rc.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Update(ctx, a.Token, Change{CompanyName: "Alfa", Attendees: []AttendeeInput{{Name: "A1", Email: "a1@alfa.dk"}, {Name: "A2", Email: "a2@alfa.dk"}}}); err != nil {
		t.Fatal(err)
	}
	if got := e.notes(); got != "updated:Alfa" {
		t.Fatalf("quiet staff cancel still mailed: %q", got)
	}
	if _, err := e.svc.Update(ctx, rc.Token, Change{CompanyName: "Gamma", Attendees: []AttendeeInput{{Name: "C", Email: "c1@gamma.dk"}}}); !errors.Is(err, ErrRegistrationOff) {
		t.Fatalf("changing a cancelled registration: %v", err)
	}
}

func TestStaffPromoteOutOfTurnAndListFilters(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 1, nil)
	e.svc.Register(ctx, req(ev, "Alfa", "a@alfa.dk"))
	b, _, _ := e.svc.Register(ctx, req(ev, "Beta", "b@beta.dk"))
	c, _, _ := e.svc.Register(ctx, req(ev, "Gamma", "c@gamma.dk"))
	if _, err := e.svc.Promote(ctx, c.ID); !errors.Is(err, ErrFull) {
		t.Fatalf("promote into a full event: %v", err)
	}
	ev.Capacity = 2
	if _, err := e.events.Save(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if p, err := e.svc.Promote(ctx, c.ID); err != nil || p.Status != StatusConfirmed {
		t.Fatalf("promote gamma past beta: %+v %v", p, err)
	}
	if _, err := e.svc.Promote(ctx, c.ID); !errors.Is(err, ErrNotWaitlisted) {
		t.Fatalf("promote twice: %v", err)
	}
	all, _ := e.svc.List(ctx, Query{EventID: ev.ID})
	wait, _ := e.svc.List(ctx, Query{EventID: ev.ID, Filter: "waitlisted"})
	found, _ := e.svc.List(ctx, Query{EventID: ev.ID, Search: "GAMMA"})
	byMail, _ := e.svc.List(ctx, Query{EventID: ev.ID, Search: "b@beta"})
	byCode, _ := e.svc.List(ctx, Query{EventID: ev.ID, Search: strings.ToLower(b.CheckinCode)})
	if all.Total != 3 || wait.Total != 1 || wait.Items[0].ID != b.ID || wait.Items[0].Position != 1 || found.Total != 1 ||
		byMail.Total != 1 || byCode.Total != 1 || byCode.Items[0].ID != b.ID {
		t.Fatalf("lists: all %d wait %+v found %d mail %d code %d", all.Total, wait.Items, found.Total, byMail.Total, byCode.Total)
	}
}

func TestCheckInByCode(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 1, func(ev *event.Event) { ev.SeatsPerCompany = 2; ev.Capacity = 2 })
	a, _, _ := e.svc.Register(ctx, req(ev, "Alfa", "a1@alfa.dk", "a2@alfa.dk"))
	w, _, _ := e.svc.Register(ctx, req(ev, "Beta", "b@beta.dk"))
	// Scanners and fingers: lower case, no dash, 0 for O.
	typed := strings.ToLower(strings.ReplaceAll(a.CheckinCode, "-", ""))
	typed = strings.ReplaceAll(typed, "o", "0")
	got, err := e.svc.ByCode(ctx, ev.ID, " "+typed+"\n")
	if err != nil || got.ID != a.ID {
		t.Fatalf("by code %q: %+v %v", typed, got, err)
	}
	if _, err := e.svc.ByCode(ctx, ev.ID, "ZZZZ-ZZZZ"); !errors.Is(err, ErrUnknownCode) {
		t.Fatalf("unknown code: %v", err)
	}
	r, err := e.svc.CheckIn(ctx, []int64{a.Attendees[0].ID}, true)
	if err != nil || r.Attendees[0].AttendedAt == nil || r.Attendees[1].AttendedAt != nil {
		t.Fatalf("check in one: %+v %v", r, err)
	}
	first := *r.Attendees[0].AttendedAt
	time.Sleep(5 * time.Millisecond)
	r, _ = e.svc.CheckIn(ctx, []int64{a.Attendees[0].ID, a.Attendees[1].ID}, true)
	if !r.Attendees[0].AttendedAt.Equal(first) || r.Attendees[1].AttendedAt == nil {
		t.Fatal("a second scan moved the arrival time, or missed the second attendee")
	}
	c, _ := e.svc.Counts(ctx, ev.ID)
	attended, _ := e.svc.List(ctx, Query{EventID: ev.ID, Filter: FilterAttended})
	noshow, _ := e.svc.List(ctx, Query{EventID: ev.ID, Filter: FilterNoShow})
	if c.Attendees != 2 || c.Attended != 2 || attended.Total != 1 || noshow.Total != 0 {
		t.Fatalf("counts %+v attended %d noshow %d", c, attended.Total, noshow.Total)
	}
	r, _ = e.svc.CheckIn(ctx, []int64{a.Attendees[1].ID}, false)
	if r.Attendees[1].AttendedAt != nil {
		t.Fatal("undo kept the mark")
	}
	var ue *i18n.Error
	if _, err := e.svc.CheckIn(ctx, []int64{w.Attendees[0].ID}, true); !errors.As(err, &ue) || ue.Key != "registration.error.checkin_status" {
		t.Fatalf("checking in a waitlisted registration: %v", err)
	}
}

func TestEventChangesReachEveryRegistrant(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 1, nil)
	e.svc.Register(ctx, req(ev, "Alfa", "a@alfa.dk"))
	e.svc.Register(ctx, req(ev, "Beta", "b@beta.dk"))
	gone, _, _ := e.svc.Register(ctx, req(ev, "Gamma", "c@gamma.dk"))
	e.svc.Cancel(ctx, gone.Token)
	e.notes()
	// A new title is no news; a new room is.
	ev.Title = "Netværksmøde om eksport"
	if _, err := e.events.Save(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if got := e.notes(); got != "" {
		t.Fatalf("a title change mailed: %q", got)
	}
	ev.Venue = "Byrådssalen"
	if _, err := e.events.Save(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if got := e.notes(); got != "event_changed:Alfa event_changed:Beta" {
		t.Fatalf("moved: %q", got)
	}
	if _, err := e.events.Cancel(ctx, ev.ID, "Taleren er syg."); err != nil {
		t.Fatal(err)
	}
	if got := e.notes(); got != "event_cancelled:Alfa event_cancelled:Beta" {
		t.Fatalf("cancelled: %q", got)
	}
}

func TestRemindersGoOnceAndOnlyWhenDue(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 10, nil) // starts in 7 days, reminder 2 days before
	e.svc.Register(ctx, req(ev, "Alfa", "a@alfa.dk"))
	e.svc.Register(ctx, req(ev, "Beta", "b@beta.dk"))
	w, _, _ := e.svc.Register(ctx, req(ev, "Gamma", "c@gamma.dk"))
	e.svc.Cancel(ctx, w.Token)
	e.notes()
	if n, err := e.svc.SendReminders(ctx); err != nil || n != 0 {
		t.Fatalf("reminders a week ahead: %d %v", n, err)
	}
	e.svc.now = func() time.Time { return ev.StartsAt.Add(-47 * time.Hour) }
	var wg sync.WaitGroup
	total := make([]int, 4)
	for i := range total {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			total[i], _ = e.svc.SendReminders(ctx)
		}(i)
	}
	wg.Wait()
	if sum := total[0] + total[1] + total[2] + total[3]; sum != 2 {
		t.Fatalf("racing schedulers queued %v reminders", total)
	}
	if got := e.notes(); got != "reminder:Alfa reminder:Beta" {
		t.Fatalf("reminders %q", got)
	}
	if n, _ := e.svc.SendReminders(ctx); n != 0 {
		t.Fatal("reminders went twice")
	}
	// Moving the event earns a new reminder.
	ev.StartsAt, ev.EndsAt = ev.StartsAt.Add(time.Hour), ev.EndsAt.Add(time.Hour)
	if _, err := e.events.Save(ctx, ev); err != nil {
		t.Fatal(err)
	}
	e.notes()
	if n, _ := e.svc.SendReminders(ctx); n != 2 {
		t.Fatalf("after a move: %d", n)
	}
}

func TestMailRegistrantsAndExport(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 1, func(ev *event.Event) {
		ev.Questions = []event.Question{{ID: "diet", Label: "Kost", Type: event.QuestionMulti, Options: []string{"vegetar", "glutenfri"}},
			{ID: "park", Label: "Parkering", Type: event.QuestionYesNo}}
	})
	r := req(ev, "=HYPERLINK(\"x\")", "a@alfa.dk")
	r.Answers = map[string]any{"diet": []any{"vegetar", "glutenfri"}, "park": true}
	e.svc.Register(ctx, r)
	e.svc.Register(ctx, req(ev, "Beta", "b@beta.dk"))
	e.notes()
	var ue *i18n.Error
	if _, err := e.svc.MailRegistrants(ctx, Message{EventID: ev.ID}); !errors.As(err, &ue) || len(ue.Fields) != 2 {
		t.Fatalf("empty message: %v", err)
	}
	n, err := e.svc.MailRegistrants(ctx, Message{EventID: ev.ID, Statuses: []Status{StatusWaitlisted}, Subject: "Venteliste", Body: "Hej"})
	if err != nil || n != 1 || e.notes() != "message:Beta" {
		t.Fatalf("message to the waitlist: %d %v", n, err)
	}
	f, err := e.svc.Export(ctx, ev.ID, "csv", i18n.Localizer{Lang: "da", Catalog: i18n.MustLoad()}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	text := string(f.Data)
	for _, want := range []string{"Status;Plads på venteliste;Virksomhed", "Kost;Parkering", "'=HYPERLINK", "\"vegetar; glutenfri\";Ja", "Venteliste;1;Beta"} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q:\n%s", want, text)
		}
	}
	if !strings.HasPrefix(f.Filename, "tilmeldinger-") {
		t.Fatal(f.Filename)
	}
}

// invitations is an Invitations hook that knows one token.
type invitations struct{ token string }

func (i invitations) Valid(_ context.Context, _ int64, token string) (bool, error) {
	return token == i.token, nil
}

func TestInviteOnlyEventsNeedTheirToken(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 10, func(ev *event.Event) { ev.Visibility = "invite" })
	if _, _, err := e.svc.Register(ctx, req(ev, "Alfa", "a@alfa.dk")); !errors.Is(err, ErrInviteOnly) {
		t.Fatalf("no hook: %v", err)
	}
	e.svc.SetInvitations(invitations{"inv-token-123"})
	r := req(ev, "Alfa", "a@alfa.dk")
	r.Invitation = "wrong"
	if _, _, err := e.svc.Register(ctx, r); !errors.Is(err, ErrInviteOnly) {
		t.Fatalf("wrong token: %v", err)
	}
	r.Invitation = "inv-token-123"
	if got, _, err := e.svc.Register(ctx, r); err != nil || got.Status != StatusConfirmed {
		t.Fatalf("with the token: %+v %v", got, err)
	}
	// Staff add by hand without any token, even after the deadline.
	past := time.Now().Add(-time.Minute)
	ev.RegistrationDeadline = &past
	e.events.Save(ctx, ev)
	s := req(ev, "Beta", "b@beta.dk")
	s.Source, s.Note = "staff", "VIP"
	if got, _, err := e.svc.Register(ctx, s); err != nil || got.Note != "VIP" {
		t.Fatalf("staff add: %+v %v", got, err)
	}
	// Staff adding someone already there are told, beside the attendee.
	s = req(ev, "Beta", "ny@beta.dk", "b@beta.dk")
	s.Source = "staff"
	var ue *i18n.Error
	if _, _, err := e.svc.Register(ctx, s); !errors.As(err, &ue) || ue.Fields["attendees.1.email"].Key != "registration.error.already_registered" {
		t.Fatalf("staff adding a registered person: %v", err)
	}
}

// TestABatchRollsBackOnlyItsRefusedMember fills a batch with more
// registrations than seats for an event without a waitlist: the refused
// ones fail alone, the rest commit.
func TestABatchRollsBackOnlyItsRefusedMember(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 5, func(ev *event.Event) { ev.Waitlist = false })
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, full := 0, 0
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, _, err := e.svc.Register(ctx, req(ev, fmt.Sprintf("F%d", i), fmt.Sprintf("p%d@f.dk", i)))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrFull):
				full++
			default:
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	c, _ := e.svc.Counts(ctx, ev.ID)
	list, _ := e.svc.List(ctx, Query{EventID: ev.ID, PageSize: 100})
	if ok != 5 || full != 35 || c.SeatsTaken != 5 || list.Total != 5 {
		t.Fatalf("ok %d full %d counts %+v rows %d", ok, full, c, list.Total)
	}
	for _, r := range list.Items {
		if len(r.Attendees) != 1 {
			t.Fatalf("registration %d has %d attendees", r.ID, len(r.Attendees))
		}
	}
}

func TestRetentionAnonymisesOldRegistrationsAndKeepsCounts(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 10, nil)
	a, _, _ := e.svc.Register(ctx, req(ev, "Alfa", "a1@alfa.dk", "a2@alfa.dk"))
	e.svc.CheckIn(ctx, []int64{a.Attendees[0].ID}, true)
	b, _, _ := e.svc.Register(ctx, req(ev, "Beta", "b@beta.dk"))
	// 25 months after the event, with 24 months' retention.
	e.svc.now = func() time.Time { return ev.EndsAt.AddDate(0, 25, 0) }
	p, err := e.svc.PreviewRetention(ctx, 24)
	if err != nil || p.Events != 1 || p.Registrations != 2 || p.Attendees != 3 {
		t.Fatalf("preview %+v %v", p, err)
	}
	if got, _ := e.svc.Get(ctx, a.ID); got.Attendees[0].Email != "a1@alfa.dk" {
		t.Fatal("the preview changed data")
	}
	if p, err = e.svc.Anonymise(ctx, 24); err != nil || p.Registrations != 2 {
		t.Fatalf("anonymise %+v %v", p, err)
	}
	got, _ := e.svc.Get(ctx, a.ID)
	if got.Email != "" || got.Attendees[0].Name != "" || strings.Contains(got.Attendees[0].Email, "alfa") || got.CompanyName != "Alfa" || got.Seats != 2 {
		t.Fatalf("after: %+v", got)
	}
	if _, _, err := e.svc.ByToken(ctx, b.Token); err == nil {
		t.Fatal("the personal link still works")
	}
	c, _ := e.svc.Counts(ctx, ev.ID)
	if c.Confirmed != 2 || c.Attendees != 3 || c.Attended != 1 {
		t.Fatalf("counts after: %+v", c)
	}
	if p, _ = e.svc.Anonymise(ctx, 24); p.Registrations != 0 {
		t.Fatal("a second run found more")
	}
}
