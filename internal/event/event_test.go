package event

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"convene/internal/i18n"
	"convene/internal/store/storetest"
)

var cph, _ = time.LoadLocation("Europe/Copenhagen")

func fieldKeys(t *testing.T, err error) map[string]string {
	t.Helper()
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("want a validation error, got %v", err)
	}
	out := map[string]string{}
	for f, m := range ue.Fields {
		out[f] = m.Key
	}
	return out
}

func newService(t *testing.T) (*Service, time.Time) {
	s := NewService(storetest.New(t), "balk.dk")
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	return s, now
}

func TestDraftPublishEditCancel(t *testing.T) {
	s, now := newService(t)
	ctx := context.Background()
	start := time.Date(2027, 1, 12, 17, 0, 0, 0, cph)
	e, err := s.Save(ctx, Event{Title: "Netværksmøde: Grøn omstilling i Lautrup", Kind: KindNetwork, StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		Themes: []string{"Grøn omstilling", " grøn  omstilling ", "ESG"}, Track: 1})
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != StatusDraft || !strings.HasPrefix(e.Slug, "netvaerksmoede-groen-omstilling-i-lautrup-") || !strings.HasSuffix(e.UID, "@balk.dk") || len(e.Themes) != 2 {
		t.Fatalf("draft %+v", e)
	}
	// Publishing checks the event in full.
	_, err = s.Publish(ctx, e.ID)
	keys := fieldKeys(t, err)
	if keys["capacity"] != "event.error.capacity_positive" || keys["venue"] != "event.error.no_place" {
		t.Fatalf("publish errors %v", keys)
	}
	late := start.Add(time.Hour)
	e.Capacity, e.Venue, e.RegistrationDeadline = 60, "Ballerup Rådhus", &late
	e, _ = s.Save(ctx, e)
	if _, err := s.Publish(ctx, e.ID); fieldKeys(t, err)["registrationDeadline"] != "event.error.deadline_after_start" {
		t.Fatal("a deadline after the start was published")
	}
	dl := start.Add(-48 * time.Hour)
	e.RegistrationDeadline = &dl
	e, _ = s.Save(ctx, e)
	pub, err := s.Publish(ctx, e.ID)
	if err != nil || pub.Status != StatusPublished || pub.Sequence != 0 {
		t.Fatalf("publish: %+v %v", pub, err)
	}
	if _, err := s.Publish(ctx, e.ID); !errors.Is(err, ErrWrongState) {
		t.Fatalf("publishing twice: %v", err)
	}
	// A new description does not move calendars; a new time does.
	pub.Description = "Med oplæg fra Novafos."
	pub, _ = s.Save(ctx, pub)
	if pub.Sequence != 0 {
		t.Fatal("a text change raised SEQUENCE")
	}
	pub.StartsAt, pub.EndsAt = pub.StartsAt.Add(time.Hour), pub.EndsAt.Add(time.Hour)
	pub, _ = s.Save(ctx, pub)
	if pub.Sequence != 1 || pub.Slug != e.Slug || pub.UID != e.UID {
		t.Fatalf("after moving: %+v", pub)
	}
	// Saving a published event keeps it publishable.
	bad := pub
	bad.Capacity = 0
	bad.Status = StatusDraft // what the form says does not matter
	if _, err := s.Save(ctx, bad); fieldKeys(t, err)["capacity"] == "" {
		t.Fatal("a published event lost its capacity")
	}
	if _, err := s.Cancel(ctx, pub.ID, ""); fieldKeys(t, err)["cancelMessage"] != "error.required" {
		t.Fatal("cancelled without a message")
	}
	c, err := s.Cancel(ctx, pub.ID, "Mødet er aflyst på grund af sygdom.")
	if err != nil || c.Status != StatusCancelled || c.Sequence != 2 {
		t.Fatalf("cancel: %+v %v", c, err)
	}
	if err := s.Delete(ctx, c.ID); !errors.Is(err, ErrWrongState) {
		t.Fatal("deleted a cancelled event")
	}
	// The public list keeps cancelled events; drafts stay hidden.
	s.Save(ctx, Event{Title: "Kladde", StartsAt: start, EndsAt: start.Add(time.Hour)})
	list, _ := s.PublicUpcoming(ctx, "")
	if len(list) != 1 || list[0].Status != StatusCancelled {
		t.Fatalf("public list %+v", list)
	}
	_ = now
}

func TestValidation(t *testing.T) {
	s, _ := newService(t)
	start := time.Date(2027, 1, 12, 17, 0, 0, 0, cph)
	_, err := s.Save(context.Background(), Event{Kind: "party", Visibility: "secret", Track: 7, StartsAt: start, EndsAt: start,
		Capacity: -1, OnlineURL: "teams", ContactEmail: "x",
		Questions: []Question{{Type: QuestionSingle, Label: "Kost", Options: []string{"vegetar"}}, {Type: "essay"}},
		Agenda:    []AgendaItem{{Time: "25:00", Title: "Kaffe"}}})
	keys := fieldKeys(t, err)
	for _, f := range []string{"title", "kind", "visibility", "track", "endsAt", "capacity", "onlineUrl", "contactEmail", "questions", "agenda"} {
		if keys[f] == "" {
			t.Errorf("no error for %s (%v)", f, keys)
		}
	}
}

func TestDuplicateAndMonthlySeries(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	// The first Tuesday of December 2026, 08:30 in Copenhagen (winter time).
	start := time.Date(2026, 12, 1, 8, 30, 0, 0, cph)
	e, _ := s.Save(ctx, Event{Title: "Morgenmøde", StartsAt: start, EndsAt: start.Add(90 * time.Minute), Capacity: 40, Venue: "Rådhuset"})
	dup, err := s.Duplicate(ctx, e.ID)
	if err != nil || dup.ID == e.ID || dup.Slug == e.Slug || dup.UID == e.UID || dup.Status != StatusDraft {
		t.Fatalf("duplicate %+v %v", dup, err)
	}
	occ, err := s.Repeat(ctx, e.ID, Repetition{Ordinal: 1, Weekday: time.Tuesday, Count: 6}, cph)
	if err != nil || len(occ) != 6 {
		t.Fatalf("repeat: %d, %v", len(occ), err)
	}
	want := []string{"2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06", "2027-05-04", "2027-06-01"}
	for i, o := range occ {
		local := o.StartsAt.In(cph)
		if local.Format("2006-01-02 15:04") != want[i]+" 08:30" || o.EndsAt.Sub(o.StartsAt) != 90*time.Minute || o.SeriesID == "" {
			t.Errorf("occurrence %d: %s (%v)", i, local, o.EndsAt.Sub(o.StartsAt))
		}
	}
	if src, _ := s.Get(ctx, e.ID); src.SeriesID != occ[0].SeriesID {
		t.Fatal("the original is not in the series")
	}
	last, _ := s.Repeat(ctx, e.ID, Repetition{Ordinal: -1, Weekday: time.Friday, Count: 1}, cph)
	if d := last[0].StartsAt.In(cph); d.Format("2006-01-02") != "2027-01-29" {
		t.Fatalf("last Friday of January 2027: %s", d)
	}
	if _, err := s.Repeat(ctx, e.ID, Repetition{Ordinal: 5, Weekday: 9, Count: 40}, cph); len(fieldKeys(t, err)) != 3 {
		t.Fatal("a bad repetition was accepted")
	}
}

func TestListFilters(t *testing.T) {
	s, now := newService(t)
	ctx := context.Background()
	for i, k := range []Kind{KindNetwork, KindCourse, KindNetwork} {
		at := now.Add(time.Duration(i-1) * 30 * 24 * time.Hour)
		s.Save(ctx, Event{Title: "E", Kind: k, StartsAt: at, EndsAt: at.Add(time.Hour), Themes: []string{[]string{"Eksport", "ESG", "eksport"}[i]}})
	}
	up, _ := s.List(ctx, Query{})
	past, _ := s.List(ctx, Query{Scope: "past"})
	net, _ := s.List(ctx, Query{Scope: "all", Kind: KindNetwork})
	theme, _ := s.List(ctx, Query{Scope: "all", Theme: "EKSPORT"})
	if len(up) != 2 || len(past) != 1 || len(net) != 2 || len(theme) != 2 {
		t.Fatalf("upcoming %d, past %d, network %d, theme %d", len(up), len(past), len(net), len(theme))
	}
}

func TestReminderDaysDefaultAndBounds(t *testing.T) {
	st := storetest.New(t)
	s := NewService(st, "balk.dk")
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour)
	e, err := s.Save(ctx, Event{Title: "Møde", StartsAt: start, EndsAt: start.Add(time.Hour)})
	if err != nil || e.Reminder() != DefaultReminderDays {
		t.Fatalf("default reminder: %v %v", e.ReminderDays, err)
	}
	none := 0
	e.ReminderDays = &none
	if e, err = s.Save(ctx, e); err != nil || e.Reminder() != 0 {
		t.Fatalf("no reminder: %v %v", e.ReminderDays, err)
	}
	e.ReminderDays = nil // left out: kept
	if e, err = s.Save(ctx, e); err != nil || e.Reminder() != 0 {
		t.Fatalf("left out: %v %v", e.ReminderDays, err)
	}
	tooMany := 31
	e.ReminderDays = &tooMany
	var ue *i18n.Error
	if _, err := s.Save(ctx, e); !errors.As(err, &ue) || ue.Fields["reminderDays"].Key != "event.error.reminder_days" {
		t.Fatalf("31 days: %v", err)
	}
}
