package registration

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"convene/internal/calendar"
	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/setting"
	"convene/internal/store/storetest"
)

func TestMailsQueuedWithTheChange(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	r, _ := mail.NewRenderer(i18n.MustLoad(), setting.NewService(st))
	outbox := mail.NewOutbox(st, r)
	ev := event.NewService(st, "balk.dk")
	svc := NewService(st, ev, NewMailNotifier(outbox, func(context.Context) string { return "https://events.balk.dk/" }), company.NewService(st))
	start := time.Now().Add(48 * time.Hour)
	e, _ := ev.Save(ctx, event.Event{Title: "Nytårskur", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 1, Venue: "Rådhuset", Waitlist: true})
	e, _ = ev.Publish(ctx, e.ID)
	a, _, err := svc.Register(ctx, Request{EventID: e.ID, CompanyName: "Alfa", MarketingConsent: true, Attendees: []AttendeeInput{{Name: "Anne", Email: "anne@alfa.dk"}}})
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := svc.Register(ctx, Request{EventID: e.ID, CompanyName: "Beta", Lang: "en", Attendees: []AttendeeInput{{Name: "Bo", Email: "bo@beta.dk"}}})
	svc.Cancel(ctx, a.Token)
	p, _ := outbox.List(ctx, mail.Query{})
	var subjects []string
	for i := len(p.Items) - 1; i >= 0; i-- {
		subjects = append(subjects, p.Items[i].ToAddress+": "+p.Items[i].Subject)
	}
	want := []string{"anne@alfa.dk: Du er tilmeldt: Nytårskur", "bo@beta.dk: You are on the waiting list: Nytårskur",
		"anne@alfa.dk: Din tilmelding er annulleret: Nytårskur", "bo@beta.dk: A place is yours: Nytårskur"}
	if strings.Join(subjects, "|") != strings.Join(want, "|") {
		t.Fatalf("mails:\n%s", strings.Join(subjects, "\n"))
	}
	first, _ := outbox.Get(ctx, p.Items[len(p.Items)-1].ID)
	if !strings.Contains(first.TextBody, "https://events.balk.dk/r/"+a.Token) || !strings.Contains(first.TextBody, CheckinCode(a.Token)) {
		t.Fatalf("the confirmation lacks the personal link or code:\n%s", first.TextBody)
	}
	// Bo's waiting-list mail has the personal link but no entrance code;
	// the mail giving him the place has it.
	waiting, _ := outbox.Get(ctx, p.Items[len(p.Items)-2].ID)
	seated, _ := outbox.Get(ctx, p.Items[0].ID)
	if !strings.Contains(waiting.TextBody, "/r/"+b.Token) || strings.Contains(waiting.TextBody, CheckinCode(b.Token)) ||
		strings.Contains(waiting.HTMLBody, CheckinCode(b.Token)) || !strings.Contains(seated.TextBody, CheckinCode(b.Token)) {
		t.Fatalf("entrance code: waiting\n%s\nseated\n%s", waiting.TextBody, seated.TextBody)
	}
	contacts, _ := company.NewService(st).ListContacts(ctx, company.ContactQuery{Consent: "yes"})
	if contacts.Total != 1 || contacts.Items[0].Email != "anne@alfa.dk" || contacts.Items[0].Consent.WordingVersion != ConsentWording {
		t.Fatalf("consent from the form: %+v", contacts.Items)
	}
}

// TestConfirmationCarriesTheInvitation builds the confirmation and the
// cancellation as they are sent and checks the calendar parts: REQUEST
// then CANCEL for the same UID, the MIME method equal to METHOD.
func TestConfirmationCarriesTheInvitation(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	settings := setting.NewService(st)
	r, _ := mail.NewRenderer(i18n.MustLoad(), settings)
	outbox := mail.NewOutbox(st, r)
	ev := event.NewService(st, "balk.dk")
	n := NewMailNotifier(outbox, func(context.Context) string { return "https://events.balk.dk" }).
		WithCalendar(func(context.Context) calendar.Organizer { return calendar.OrganizerFrom(setting.Defaults()) })
	svc := NewService(st, ev, n, nil)
	start := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	e, _ := ev.Save(ctx, event.Event{Title: "Nytårskur", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 10, Venue: "Rådhuset"})
	e, _ = ev.Publish(ctx, e.ID)
	a, _, err := svc.Register(ctx, Request{EventID: e.ID, CompanyName: "Alfa", Attendees: []AttendeeInput{{Name: "Anne Ø", Email: "anne@alfa.dk"}, {Name: "Bo", Email: "bo@alfa.dk"}}})
	if err != nil {
		t.Fatal(err)
	}
	svc.Cancel(ctx, a.Token)
	p, _ := outbox.List(ctx, mail.Query{})
	if len(p.Items) != 2 {
		t.Fatalf("%d mails", len(p.Items))
	}
	for i, want := range map[int]string{1: "REQUEST", 0: "CANCEL"} {
		m, _ := outbox.Get(ctx, p.Items[i].ID)
		for j, a := range m.Attachments {
			m.Attachments[j], _ = outbox.Attachment(ctx, a.ID)
		}
		src, err := mail.Source(&m, mail.Config{Host: "smtp.balk.dk", Port: 587, FromAddress: "events@balk.dk"})
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{"Content-Type: text/calendar; method=" + want + "; charset=UTF-8", "METHOD:" + want, `filename="invite.ics"`} {
			if !strings.Contains(src, part) {
				t.Errorf("the %s mail lacks %q:\n%s", want, part, src)
			}
		}
		unfolded := strings.ReplaceAll(m.Calendar, "\r\n ", "")
		for _, part := range []string{"METHOD:" + want, "UID:" + e.UID, "ATTENDEE;CN=Anne Ø", "mailto:bo@alfa.dk"} {
			if !strings.Contains(unfolded, part) {
				t.Errorf("the %s invitation lacks %q:\n%s", want, part, unfolded)
			}
		}
		if err := calendar.Check([]byte(m.Calendar)); err != nil {
			t.Error(err)
		}
	}
	// Anne registers again: the new REQUEST must be newer than the CANCEL
	// for the same UID, or her calendar ignores it.
	if _, _, err := svc.Register(ctx, Request{EventID: e.ID, CompanyName: "Alfa", Attendees: []AttendeeInput{{Name: "Anne Ø", Email: "anne@alfa.dk"}}}); err != nil {
		t.Fatal(err)
	}
	p, _ = outbox.List(ctx, mail.Query{})
	var seqs []string
	for i := len(p.Items) - 1; i >= 0; i-- {
		m, _ := outbox.Get(ctx, p.Items[i].ID)
		seqs = append(seqs, m.CalendarMethod+" "+regexp.MustCompile(`SEQUENCE:\d+`).FindString(m.Calendar))
	}
	if got := strings.Join(seqs, ", "); got != "REQUEST SEQUENCE:0, CANCEL SEQUENCE:0, REQUEST SEQUENCE:1" {
		t.Errorf("invitations: %s", got)
	}
}
