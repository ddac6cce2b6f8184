package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"convene/internal/calendar"
	"convene/internal/event"
	"convene/internal/registration"
)

func (w webClient) do(req *http.Request) (*http.Response, string) {
	resp, err := w.c.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, b.String()
}

func TestFeedsDownloadsAndNotModified(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	mk := func(title string, themes []string, track int) event.Event {
		e, err := f.events.Save(ctx, event.Event{Title: title, StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 10, Venue: "Rådhuset",
			Themes: themes, Track: track})
		if err != nil {
			t.Fatal(err)
		}
		e, _ = f.events.Publish(ctx, e.ID)
		return e
	}
	green := mk("Grøn omstilling; i praksis", []string{"Grøn omstilling"}, 2)
	export := mk("Eksportcafé", []string{"Eksport"}, 3)
	draft, _ := f.events.Save(ctx, event.Event{Title: "Kladde", StartsAt: start, EndsAt: start.Add(time.Hour)})
	w := webClient{t, f, f.client()}
	get := func(path string, h map[string]string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
		for k, v := range h {
			req.Header.Set(k, v)
		}
		return w.do(req)
	}
	resp, body := get("/calendar.ics", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" || resp.Header.Get("ETag") == "" ||
		resp.Header.Get("Last-Modified") == "" {
		t.Fatalf("feed: %d %v", resp.StatusCode, resp.Header)
	}
	if err := calendar.Check([]byte(body)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"UID:" + green.UID, "UID:" + export.UID, "X-WR-CALNAME:Ballerup Kommune: arrangementer", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"} {
		if !strings.Contains(body, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	if strings.Contains(body, draft.UID) {
		t.Fatal("a draft is in the feed")
	}
	// The answer is the same whatever the client accepts.
	resp2, body2 := get("/calendar.ics", map[string]string{"Accept": "application/json"})
	if body2 != body || resp2.Header.Get("ETag") != resp.Header.Get("ETag") || resp2.Header.Get("Vary") != "" {
		t.Fatal("the feed depends on the Accept header")
	}
	// Conditional requests.
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if r, b := get("/calendar.ics", map[string]string{"If-None-Match": etag}); r.StatusCode != 304 || b != "" || r.Header.Get("ETag") != etag {
		t.Fatalf("If-None-Match: %d", r.StatusCode)
	}
	if r, _ := get("/calendar.ics", map[string]string{"If-None-Match": `"other", ` + etag}); r.StatusCode != 304 {
		t.Fatalf("If-None-Match list: %d", r.StatusCode)
	}
	if r, _ := get("/calendar.ics", map[string]string{"If-Modified-Since": modified}); r.StatusCode != 304 {
		t.Fatalf("If-Modified-Since: %d", r.StatusCode)
	}
	if r, _ := get("/calendar.ics", map[string]string{"If-None-Match": `"stale"`, "If-Modified-Since": modified}); r.StatusCode != 200 {
		t.Fatalf("a stale ETag must win over the date: %d", r.StatusCode)
	}
	// Filters.
	_, byTheme := get("/calendar.ics?theme=gr%C3%B8n+omstilling", nil)
	_, byTrack := get("/calendar.ics?track=3", nil)
	if !strings.Contains(byTheme, green.UID) || strings.Contains(byTheme, export.UID) || !strings.Contains(byTrack, export.UID) || strings.Contains(byTrack, green.UID) {
		t.Fatalf("filters:\n%s\n%s", byTheme, byTrack)
	}
	if r, _ := get("/calendar.ics?track=9", nil); r.StatusCode != 400 {
		t.Fatalf("bad track: %d", r.StatusCode)
	}
	// A change shows at once: new ETag, the event cancelled but still there.
	if _, err := f.events.Cancel(ctx, export.ID, "Aflyst pga. sygdom"); err != nil {
		t.Fatal(err)
	}
	r3, body3 := get("/calendar.ics", map[string]string{"If-None-Match": etag})
	if r3.StatusCode != 200 || !strings.Contains(body3, "UID:"+export.UID) || !strings.Contains(body3, "STATUS:CANCELLED") {
		t.Fatalf("after cancelling: %d\n%s", r3.StatusCode, body3)
	}
	// One event's file, and none for a draft.
	resp, body = get("/e/"+green.Slug+".ics", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), green.Slug+".ics") || strings.Contains(body, "METHOD:") ||
		!strings.Contains(body, `SUMMARY:Grøn omstilling\; i praksis`) {
		t.Fatalf("event file: %d %v\n%s", resp.StatusCode, resp.Header, body)
	}
	if r, _ := get("/e/"+draft.Slug+".ics", nil); r.StatusCode != 404 {
		t.Fatalf("draft file: %d", r.StatusCode)
	}
	// The event page links to it, to Google and to Outlook.com.
	_, page := get("/e/"+green.Slug, nil)
	for _, want := range []string{`href="/e/` + green.Slug + `.ics"`, "https://calendar.google.com/calendar/render?action=TEMPLATE", "https://outlook.live.com/calendar/0/deeplink/compose?"} {
		if !strings.Contains(page, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
	_, home := get("/", nil)
	if !strings.Contains(home, `href="webcal://127.0.0.1:0/calendar.ics"`) || !strings.Contains(home, "cid=webcal") {
		t.Fatalf("home page subscribe box:\n%s", home)
	}
}

var feedLink = regexp.MustCompile(`value="([^"]*/f/[^"]+\.ics)"`)

func TestPersonalFeedFollowsRegistrations(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	var evs []event.Event
	for _, title := range []string{"Morgenmøde", "Frokostmøde", "Aftenmøde"} {
		e, _ := f.events.Save(ctx, event.Event{Title: title, StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 10, Venue: "Rådhuset"})
		e, _ = f.events.Publish(ctx, e.ID)
		evs = append(evs, e)
	}
	reg := func(e event.Event, email string) registration.Registration {
		r, _, err := f.regs.Register(ctx, registration.Request{EventID: e.ID, CompanyName: "Alfa", Attendees: []registration.AttendeeInput{{Name: "Anne", Email: email}}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a := reg(evs[0], "anne@alfa.dk")
	reg(evs[1], "Anne@Alfa.dk")
	reg(evs[2], "bo@alfa.dk")
	w := webClient{t, f, f.client()}
	_, page := w.get("/r/" + a.Token)
	m := feedLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no personal feed link:\n%s", page)
	}
	path := strings.TrimPrefix(m[1], f.srv.URL)
	path = path[strings.Index(path, "/f/"):]
	if strings.Contains(path, a.Token) {
		t.Fatal("the feed link reveals the registration's token")
	}
	_, feed := w.get(path)
	if !strings.Contains(feed, evs[0].UID) || !strings.Contains(feed, evs[1].UID) || strings.Contains(feed, evs[2].UID) {
		t.Fatalf("personal feed:\n%s", feed)
	}
	// Moving an event shows in the feed with a higher SEQUENCE; a
	// cancelled registration leaves it.
	moved := evs[0]
	moved.StartsAt, moved.EndsAt = moved.StartsAt.Add(time.Hour), moved.EndsAt.Add(time.Hour)
	if _, err := f.events.Save(ctx, moved); err != nil {
		t.Fatal(err)
	}
	_, feed = w.get(path)
	if !strings.Contains(feed, "DTSTART:"+moved.StartsAt.UTC().Format("20060102T150405Z")) || !strings.Contains(feed, "SEQUENCE:1") {
		t.Fatalf("after moving:\n%s", feed)
	}
	if status, file := w.get("/r/" + a.Token + "/event.ics"); status != 200 || !strings.Contains(file, "UID:"+evs[0].UID) {
		t.Fatalf("the registration's event file: %d", status)
	}
	f.regs.Cancel(ctx, a.Token)
	if _, feed = w.get(path); strings.Contains(feed, evs[0].UID) {
		t.Fatal("a cancelled registration stayed in the feed")
	}
	if status, _ := w.get("/f/not-a-real-feed-token.ics"); status != 404 {
		t.Fatalf("unknown feed: %d", status)
	}
}
