package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"convene/internal/auth"
	"convene/internal/calendar"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store/storetest"
)

// TestRushOfRegistrationsOverHTTP fires 2,000 registrations from 200
// concurrent clients at 500 seats through the public form, with the
// confirmation mails queued as in production, and then checks that every
// request was answered, no seat was overbooked, every accepted
// registration is stored with its mail, and nothing else was stored.
func TestRushOfRegistrationsOverHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("rush")
	}
	const clients, total, seats = 200, 2000, 500
	ctx := context.Background()
	st := storetest.New(t)
	settings := setting.NewService(st)
	cat := i18n.MustLoad()
	renderer, err := mail.NewRenderer(cat, settings)
	if err != nil {
		t.Fatal(err)
	}
	outbox := mail.NewOutbox(st, renderer)
	events := event.NewService(st, "balk.dk")
	regs := registration.NewService(st, events, registration.NewMailNotifier(outbox, func(context.Context) string { return "https://events.balk.dk" }).
		WithCalendar(func(context.Context) calendar.Organizer { return calendar.OrganizerFrom(setting.Defaults()) }), nil)
	t.Cleanup(regs.Close)
	start := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Hour)
	e, err := events.Save(ctx, event.Event{Title: "Erhvervslivets nytårskur", Kind: event.KindNewYear, StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Capacity: seats, Venue: "Ballerup Rådhus", Waitlist: true})
	if err != nil {
		t.Fatal(err)
	}
	if e, err = events.Publish(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Store: st, Settings: settings, Users: auth.NewService(st), Catalog: cat, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Addr: "127.0.0.1:0", Events: events, Registrations: regs, FormPostsPerAddress: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)

	var mu sync.Mutex
	accepted := map[string]bool{} // tokens from the redirects
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar, Timeout: time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := client.Get(srv.URL + "/e/" + e.Slug)
			if err != nil {
				t.Error(err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			m := csrfField.FindSubmatch(body)
			if m == nil {
				t.Error("no form token on the event page")
				return
			}
			for i := 0; i < total/clients; i++ {
				n := c*(total/clients) + i
				form := url.Values{"csrf": {string(m[1])}, "company": {fmt.Sprintf("Firma %d ApS", n)},
					"a0_name": {fmt.Sprintf("Deltager %d", n)}, "a0_email": {fmt.Sprintf("deltager%d@firma%d.dk", n, n)}}
				resp, err := client.PostForm(srv.URL+"/e/"+e.Slug+"/register", form)
				mu.Lock()
				if err != nil {
					statuses[-1]++
				} else {
					statuses[resp.StatusCode]++
					if loc := resp.Header.Get("Location"); resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(loc, "/r/") {
						accepted[strings.TrimSuffix(strings.TrimPrefix(loc, "/r/"), "?new=1")] = true
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	// Every request has an answer: a registration, or (never a 500) a
	// polite "try again".
	if statuses[-1] != 0 || statuses[http.StatusInternalServerError] != 0 || statuses[http.StatusSeeOther]+statuses[http.StatusServiceUnavailable] != total {
		t.Fatalf("answers by status: %v", statuses)
	}
	counts, err := regs.Counts(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	var confirmedSeats, stored, mails int64
	st.R(ctx).Raw("SELECT coalesce(sum(seats), 0) FROM registrations WHERE event_id = ? AND status = 'confirmed'", e.ID).Scan(&confirmedSeats)
	st.R(ctx).Raw("SELECT count(*) FROM registrations WHERE event_id = ?", e.ID).Scan(&stored)
	st.R(ctx).Raw("SELECT count(DISTINCT ref) FROM mail_messages WHERE ref LIKE 'registration:%'").Scan(&mails)
	// Every answer tells the truth: nothing is stored for a "try again".
	if confirmedSeats != seats || counts.SeatsTaken != seats || counts.Waitlisted != int64(len(accepted)-seats) {
		t.Fatalf("overbooked or underbooked: confirmed seats %d, counter %d, counts %+v", confirmedSeats, counts.SeatsTaken, counts)
	}
	if stored != int64(len(accepted)) || mails != stored {
		t.Fatalf("accepted %d, stored %d, mails %d", len(accepted), stored, mails)
	}
	for token := range accepted {
		if _, _, err := regs.ByToken(ctx, token); err != nil {
			t.Fatalf("accepted registration %s is lost: %v", token, err)
		}
	}
	t.Logf("answers %v; %d stored, %d confirmed, %d waitlisted", statuses, stored, counts.Confirmed, counts.Waitlisted)
}
