package registration

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/store/storetest"
)

// recorder is a Notifier that remembers what was queued, in order.
type recorder struct {
	mu     sync.Mutex
	events []string
}

type recorded struct {
	r    *recorder
	note string
}

func (m recorded) Queue(context.Context, int64) error {
	m.r.mu.Lock()
	defer m.r.mu.Unlock()
	m.r.events = append(m.r.events, m.note)
	return nil
}

func (r *recorder) Prepare(_ context.Context, n Notice) (Mail, error) {
	return recorded{r, n.Kind + ":" + n.Reg.CompanyName}, nil
}

type env struct {
	svc      *Service
	events   *event.Service
	notesRec *recorder
}

func newEnv(t *testing.T) *env {
	st := storetest.New(t)
	ev := event.NewService(st, "balk.dk")
	n := &recorder{}
	return &env{svc: NewService(st, ev, n, nil), events: ev, notesRec: n}
}

func (e *env) event(t *testing.T, capacity int, edit func(*event.Event)) event.Event {
	t.Helper()
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Minute)
	ev := event.Event{Title: "Netværksmøde", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Capacity: capacity, Venue: "Rådhuset", Waitlist: true}
	if edit != nil {
		edit(&ev)
	}
	saved, err := e.events.Save(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := e.events.Publish(context.Background(), saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func req(ev event.Event, company string, emails ...string) Request {
	r := Request{EventID: ev.ID, CompanyName: company}
	for _, m := range emails {
		r.Attendees = append(r.Attendees, AttendeeInput{Name: "Person " + m, Email: m})
	}
	return r
}

func TestCapacityWaitlistAndPromotionInOrder(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 3, nil)
	a, _, err := e.svc.Register(ctx, req(ev, "Alfa", "a1@alfa.dk", "a2@alfa.dk"))
	if err != nil || a.Status != StatusConfirmed || len(a.Token) < 22 {
		t.Fatalf("first: %+v %v", a, err)
	}
	b, _, _ := e.svc.Register(ctx, req(ev, "Beta", "b1@beta.dk", "b2@beta.dk"))
	c, _, _ := e.svc.Register(ctx, req(ev, "Gamma", "c1@gamma.dk"))
	d, _, _ := e.svc.Register(ctx, req(ev, "Delta", "d1@delta.dk"))
	b, _ = e.svc.Get(ctx, b.ID)
	d, _ = e.svc.Get(ctx, d.ID)
	if b.Status != StatusWaitlisted || b.Position != 1 || c.Status != StatusConfirmed || d.Status != StatusWaitlisted || d.Position != 2 {
		t.Fatalf("b %s/%d c %s d %s/%d", b.Status, b.Position, c.Status, d.Status, d.Position)
	}
	counts, _ := e.svc.Counts(ctx, ev.ID)
	if counts.SeatsTaken != 3 || counts.SeatsLeft != 0 || counts.Waitlisted != 2 {
		t.Fatalf("counts %+v", counts)
	}
	// Gamma cancels: one seat frees, but Beta needs two and is first, so
	// nobody is promoted past Beta.
	if _, err := e.svc.Cancel(ctx, c.Token); err != nil {
		t.Fatal(err)
	}
	if r, _, _ := e.svc.ByToken(ctx, d.Token); r.Status != StatusWaitlisted || r.Position != 2 {
		t.Fatalf("Delta was promoted past Beta: %+v", r)
	}
	// Alfa cancels: three seats free; Beta (2) then Delta (1) are confirmed.
	if _, err := e.svc.Cancel(ctx, a.Token); err != nil {
		t.Fatal(err)
	}
	rb, _, _ := e.svc.ByToken(ctx, b.Token)
	rd, _, _ := e.svc.ByToken(ctx, d.Token)
	counts, _ = e.svc.Counts(ctx, ev.ID)
	if rb.Status != StatusConfirmed || rd.Status != StatusConfirmed || counts.SeatsTaken != 3 || counts.Waitlisted != 0 {
		t.Fatalf("after Alfa cancelled: %s %s %+v", rb.Status, rd.Status, counts)
	}
	want := "confirmed:Alfa waitlisted:Beta confirmed:Gamma waitlisted:Delta cancelled:Gamma cancelled:Alfa promoted:Beta promoted:Delta"
	if got := fmt.Sprint(e.notesRec.events); got != "["+want+"]" {
		t.Fatalf("notices %s", got)
	}
	// Cancelling twice is harmless.
	if r, err := e.svc.Cancel(ctx, a.Token); err != nil || r.Status != StatusCancelled {
		t.Fatalf("second cancel: %v", err)
	}
}

func TestDoubleSubmitAndRules(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 10, func(ev *event.Event) {
		ev.SeatsPerCompany = 2
		ev.Questions = []event.Question{{ID: "food", Label: "Kost", Type: event.QuestionSingle, Required: true, Options: []string{"alt", "vegetar"}}}
	})
	r := req(ev, "Alfa", "a@alfa.dk")
	r.Answers = map[string]any{"food": "vegetar"}
	first, existing, err := e.svc.Register(ctx, r)
	if err != nil || existing {
		t.Fatal(err)
	}
	again, existing, err := e.svc.Register(ctx, r)
	if err != nil || !existing || again.ID != first.ID || again.Token != first.Token {
		t.Fatalf("double submit: %+v %v %v", again, existing, err)
	}
	if c, _ := e.svc.Counts(ctx, ev.ID); c.SeatsTaken != 1 {
		t.Fatalf("double submit took %d seats", c.SeatsTaken)
	}
	bad := Request{EventID: ev.ID, CVR: "12345678", Attendees: []AttendeeInput{{Email: "x"}, {Name: "B", Email: "b@b.dk"}, {Name: "C", Email: "b@b.dk"}},
		Answers: map[string]any{"food": "kød"}}
	_, _, err = e.svc.Register(ctx, bad)
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatal(err)
	}
	for _, f := range []string{"companyName", "cvr", "attendees", "attendees.0.name", "attendees.0.email", "attendees.2.email", "answers.food"} {
		if _, ok := ue.Fields[f]; !ok {
			t.Errorf("no error for %s: %v", f, ue.Fields)
		}
	}
}

func TestClosedFullAndCancelledEvents(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	full := e.event(t, 1, func(ev *event.Event) { ev.Waitlist = false })
	e.svc.Register(ctx, req(full, "A", "a@a.dk"))
	if _, _, err := e.svc.Register(ctx, req(full, "B", "b@b.dk")); !errors.Is(err, ErrFull) {
		t.Fatalf("full without waitlist: %v", err)
	}
	past := time.Now().Add(-time.Hour)
	closed := e.event(t, 10, func(ev *event.Event) { ev.RegistrationDeadline = &past })
	if _, _, err := e.svc.Register(ctx, req(closed, "A", "a@a.dk")); !errors.Is(err, ErrClosed) {
		t.Fatalf("after the deadline: %v", err)
	}
	later := time.Now().Add(24 * time.Hour)
	notYet := e.event(t, 10, func(ev *event.Event) { ev.RegistrationOpensAt = &later })
	if _, _, err := e.svc.Register(ctx, req(notYet, "A", "a@a.dk")); !errors.Is(err, ErrNotOpenYet) {
		t.Fatalf("before opening: %v", err)
	}
	cancelled := e.event(t, 10, nil)
	e.events.Cancel(ctx, cancelled.ID, "Aflyst")
	if _, _, err := e.svc.Register(ctx, req(cancelled, "A", "a@a.dk")); !errors.Is(err, ErrCancelled) {
		t.Fatalf("cancelled event: %v", err)
	}
	if _, _, err := e.svc.ByToken(ctx, "short"); !errors.Is(err, ErrNotFound) {
		t.Fatal("a short token was looked up")
	}
}

// TestConcurrentRegistrationsNeverOverbook races 400 registrations for 100
// seats on a real database file.
func TestConcurrentRegistrationsNeverOverbook(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event(t, 100, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	confirmed, waitlisted, failed := 0, 0, 0
	for i := 0; i < 400; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r, _, err := e.svc.Register(ctx, req(ev, fmt.Sprintf("Firma %d", i), fmt.Sprintf("p%d@firma.dk", i)))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				failed++
				t.Errorf("registration %d: %v", i, err)
			case r.Status == StatusConfirmed:
				confirmed++
			default:
				waitlisted++
			}
		}(i)
	}
	wg.Wait()
	c, _ := e.svc.Counts(ctx, ev.ID)
	if confirmed != 100 || waitlisted != 300 || failed != 0 || c.SeatsTaken != 100 || c.Confirmed != 100 || c.Waitlisted != 300 {
		t.Fatalf("confirmed %d, waitlisted %d, failed %d, counts %+v", confirmed, waitlisted, failed, c)
	}
}
