package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"convene/internal/auth"
	"convene/internal/calendar"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/web"

	ics "github.com/arran4/golang-ical"
)

const feedEvents = 1000

// benchFeed renders the public feed of 1,000 events through the calendar
// builder and, as the baseline, with golang-ical alone; then measures the
// feed over HTTP with a warm cache, and its 304 answers.
func benchFeed(ctx context.Context, dir string, r *Report) error {
	st, err := store.Open(ctx, filepath.Join(dir, "feed.db"), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	settings := setting.NewService(st)
	events := event.NewService(st, "balk.dk")
	start := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
	for i := 0; i < feedEvents; i++ {
		s := start.Add(time.Duration(i) * 24 * time.Hour)
		e, err := events.Save(ctx, event.Event{Title: fmt.Sprintf("Netværksmøde %d: grøn omstilling, eksport; digitalisering", i), StartsAt: s,
			EndsAt: s.Add(2 * time.Hour), Capacity: 50, Venue: "Ballerup Rådhus", Address: "Hold-an Vej 7, 2750 Ballerup",
			Description: strings.Repeat("Vi mødes og deler erfaringer med æøå, kaffe og kage. ", 4), Themes: []string{"Grøn omstilling"}})
		if err != nil {
			return err
		}
		if _, err := events.Publish(ctx, e.ID); err != nil {
			return err
		}
	}
	list, err := events.PublicFeed(ctx, event.FeedQuery{})
	if err != nil {
		return err
	}
	b := calendar.Builder{Org: calendar.OrganizerFrom(setting.Defaults()), PublicURL: "https://events.balk.dk", Lang: "da"}
	feed := calendar.Feed{Name: "Ballerup Kommune: arrangementer", Refresh: time.Hour}
	render := median(15, func() { b.Feed(feed, list) })
	bare := median(15, func() { bareFeed(list) })
	r.Add("feed", "render_ms", ms(render), "ms", fmt.Sprintf("the public feed of %d events through internal/calendar", len(list)))
	r.Add("feed", "bare_ms", ms(bare), "ms", "baseline: golang-ical alone serialising the same events")
	r.Add("feed", "ratio", float64(render)/float64(bare), "x", "target <= 1.5")

	s, err := web.New(web.Config{Store: st, Settings: settings, Users: auth.NewService(st), Catalog: i18n.MustLoad(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Addr: "127.0.0.1:0", Events: events})
	if err != nil {
		return err
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/calendar.ics")
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || etag == "" {
		return fmt.Errorf("feed answered %d without an ETag", resp.StatusCode)
	}
	fetch := func(header string) func() error {
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
		return func() error {
			req, _ := http.NewRequest("GET", srv.URL+"/calendar.ics", nil)
			if header != "" {
				req.Header.Set("If-None-Match", header)
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if want := map[bool]int{true: 304, false: 200}[header != ""]; resp.StatusCode != want {
				return fmt.Errorf("feed answered %d, want %d", resp.StatusCode, want)
			}
			return nil
		}
	}
	full, err := rate(2*time.Second, 8, fetch(""))
	if err != nil {
		return err
	}
	notModified, err := rate(2*time.Second, 8, fetch(etag))
	if err != nil {
		return err
	}
	r.Add("feed", "req_per_s", full, "1/s", fmt.Sprintf("the feed (%d KB) over HTTP, warm cache, 8 clients", resp.ContentLength/1024))
	r.Add("feed", "not_modified_per_s", notModified, "1/s", "the same with If-None-Match: 304 answers")
	return nil
}

// bareFeed is what golang-ical needs to write the same events with the
// same properties, without Convene's cleaning of texts and parameters.
func bareFeed(list []event.Event) string {
	cal := ics.NewCalendar()
	cal.SetProductId(calendar.ProdID)
	cal.SetXWRCalName("Ballerup Kommune: arrangementer")
	for _, e := range list {
		v := cal.AddEvent(e.UID)
		v.SetDtStampTime(e.UpdatedAt)
		v.SetSequence(e.Sequence)
		v.SetStartAt(e.StartsAt)
		v.SetEndAt(e.EndsAt)
		v.SetSummary(e.Title)
		v.SetDescription(e.Description + "\n\nhttps://events.balk.dk/e/" + e.Slug)
		v.SetLocation(e.Venue + ", " + e.Address)
		v.SetURL("https://events.balk.dk/e/" + e.Slug)
		v.SetOrganizer("mailto:businessballerup@balk.dk", ics.WithCN("Ballerup Kommune"))
		v.SetStatus(ics.ObjectStatusConfirmed)
		v.SetCreatedTime(e.CreatedAt)
		v.SetModifiedAt(e.UpdatedAt)
	}
	return cal.Serialize(ics.WithNewLineWindows)
}

// median runs fn n times and returns the median duration.
func median(n int, fn func()) time.Duration {
	d := make([]time.Duration, n)
	for i := range d {
		t := time.Now()
		fn()
		d[i] = time.Since(t)
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[n/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
