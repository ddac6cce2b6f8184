package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"convene/internal/event"
)

func TestPublicEventPages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	e, err := f.events.Save(ctx, event.Event{Title: "Netværksmøde: Grøn omstilling", TitleEN: "Network meeting: green transition",
		Kind: event.KindNetwork, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Capacity: 50, Venue: "Ballerup Rådhus",
		Address: "Hold-an Vej 7, 2750 Ballerup", Themes: []string{"Grøn omstilling"},
		Description: "**Velkommen** til <script>alert(1)</script> et møde. [Klik](javascript:alert(2))",
		Agenda:      []event.AgendaItem{{Time: "17:00", Title: "Kaffe & kage", Speaker: "Novafos"}}})
	if err != nil {
		t.Fatal(err)
	}
	draft, _ := f.events.Save(ctx, event.Event{Title: "Hemmelig kladde", StartsAt: start, EndsAt: start.Add(time.Hour)})
	invite, _ := f.events.Save(ctx, event.Event{Title: "Kun for inviterede", Visibility: "invite", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 5, Venue: "X"})
	f.events.Publish(ctx, invite.ID)
	get := func(path string) (int, string) {
		resp, err := http.Get(f.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if _, body := get("/"); strings.Contains(body, "Grøn omstilling") {
		t.Fatal("a draft is listed on the public site")
	}
	if _, err := f.events.Publish(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	status, body := get("/")
	if status != 200 || !strings.Contains(body, `href="/e/`+e.Slug+`"`) || !strings.Contains(body, "Netværksmøde: Grøn omstilling") ||
		strings.Contains(body, "Hemmelig") || strings.Contains(body, "Kun for inviterede") || strings.Contains(body, "ingen kommende") {
		t.Fatalf("home page: %d\n%s", status, body)
	}
	status, body = get("/e/" + e.Slug)
	for _, want := range []string{"<h1>Netværksmøde: Grøn omstilling</h1>", "<strong>Velkommen</strong>", "Kaffe &amp; kage", "Novafos",
		"openstreetmap.org/search?query=Hold-an", "kl. ", "Netværksmøde</p>"} {
		if !strings.Contains(body, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
	if status != 200 || strings.Contains(body, "<script>") || strings.Contains(body, "javascript:") {
		t.Fatalf("event page is unsafe or missing: %d", status)
	}
	if _, body := get("/e/" + e.Slug + "?lang=en"); !strings.Contains(body, "Network meeting: green transition") {
		t.Error("the English title is not used")
	}
	for _, slug := range []string{draft.Slug, invite.Slug, "nope"} {
		if status, _ := get("/e/" + slug); status != 404 {
			t.Errorf("/e/%s: %d, want 404", slug, status)
		}
	}
	f.events.Cancel(ctx, e.ID, "Aflyst på grund af sne.")
	if _, body := get("/e/" + e.Slug); !strings.Contains(body, "Aflyst på grund af sne.") {
		t.Error("the cancellation message is not shown")
	}
}
