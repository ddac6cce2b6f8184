package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"convene/internal/event"
	"convene/internal/registration"
)

var formCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func TestPublicRegistrationFlow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	e, _ := f.events.Save(ctx, event.Event{Title: "Nytårskur", Kind: event.KindNewYear, StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Capacity: 2, Venue: "Rådhuset", Waitlist: true, SeatsPerCompany: 2,
		Questions: []event.Question{{ID: "food", Label: "Kost", Type: event.QuestionSingle, Required: true, Options: []string{"alt", "vegetar"}}}})
	e, _ = f.events.Publish(ctx, e.ID)
	c := f.client()
	page := func(path string) (int, string) {
		resp, err := c.Get(f.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(path string, form url.Values) (*http.Response, string) {
		resp, err := c.PostForm(f.srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	_, body := page("/e/" + e.Slug)
	if !strings.Contains(body, "Der er 2 pladser tilbage.") || !strings.Contains(body, `action="/e/`+e.Slug+`/register#tilmelding"`) {
		t.Fatalf("event page without the form:\n%s", body)
	}
	token := formCSRF.FindStringSubmatch(body)[1]
	// A refused form keeps what was typed and names the fields.
	form := url.Values{"csrf": {token}, "company": {"Carl & <Søn>"}, "cvr": {"12345678"}, "a0_name": {"Karen"}, "a0_email": {"karen@firma"}}
	resp, body := post("/e/"+e.Slug+"/register", form)
	if resp.StatusCode != 422 || !strings.Contains(body, `value="Carl &amp; &lt;Søn&gt;"`) || !strings.Contains(body, `id="cvr-err"`) ||
		!strings.Contains(body, `id="a0_email-err"`) || !strings.Contains(body, `id="q_food-err"`) || !strings.Contains(body, `value="karen@firma"`) {
		t.Fatalf("refused form: %d\n%s", resp.StatusCode, body)
	}
	// Without the form token nothing happens.
	resp, _ = post("/e/"+e.Slug+"/register", url.Values{"company": {"X"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("without csrf: %d", resp.StatusCode)
	}
	// A robot filling the honeypot is sent away, registered nowhere.
	robot := url.Values{"csrf": {token}, "company": {"Bot"}, "a0_name": {"Bot"}, "a0_email": {"bot@bot.dk"}, "q_food": {"alt"}, "website": {"http://spam"}}
	if resp, _ := post("/e/"+e.Slug+"/register", robot); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("honeypot: %d", resp.StatusCode)
	}
	good := url.Values{"csrf": {token}, "company": {"Alfa ApS"}, "a0_name": {"Anne"}, "a0_email": {"anne@alfa.dk"}, "a1_name": {"Bo"},
		"a1_email": {"bo@alfa.dk"}, "q_food": {"vegetar"}, "consent": {"yes"}}
	resp, _ = post("/e/"+e.Slug+"/register", good)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/r/") {
		t.Fatalf("register: %d %s", resp.StatusCode, loc)
	}
	_, body = page(loc)
	if !strings.Contains(body, "I er tilmeldt") || !strings.Contains(body, `data-testid="reg-status">Tilmeldt`) || !strings.Contains(body, "bo@alfa.dk") {
		t.Fatalf("registration page:\n%s", body)
	}
	// The event is now full: the next company is waitlisted.
	_, body = page("/e/" + e.Slug)
	if !strings.Contains(body, "fuldt") {
		t.Fatalf("full event page:\n%s", body)
	}
	second := url.Values{"csrf": {token}, "company": {"Beta"}, "a0_name": {"Carl"}, "a0_email": {"carl@beta.dk"}, "q_food": {"alt"}}
	resp, _ = post("/e/"+e.Slug+"/register", second)
	loc2 := resp.Header.Get("Location")
	// Waitlisted, Beta has no entrance code yet.
	if _, body = page(loc2); !strings.Contains(body, "venteliste som nummer 1") || strings.Contains(body, "Kode ved indgangen") {
		t.Fatalf("waitlisted page:\n%s", body)
	}
	// Alfa cancels from its link; Beta moves up.
	token1 := strings.TrimSuffix(strings.TrimPrefix(loc, "/r/"), "?new=1")
	resp, _ = post("/r/"+token1+"/cancel", url.Values{"csrf": {token}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", resp.StatusCode)
	}
	if _, body = page(loc2); !strings.Contains(body, `data-testid="reg-status">Tilmeldt`) || !strings.Contains(body, "Kode ved indgangen") {
		t.Fatalf("Beta was not promoted:\n%s", body)
	}
	if status, _ := page("/r/not-a-real-token-at-all"); status != 404 {
		t.Fatalf("unknown token: %d", status)
	}
}

// webClient is a browser with cookies against the fixture.
type webClient struct {
	t *testing.T
	f *fixture
	c *http.Client
}

func (w webClient) get(path string) (int, string) {
	resp, err := w.c.Get(w.f.srv.URL + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (w webClient) post(path string, form url.Values) (*http.Response, string) {
	resp, err := w.c.PostForm(w.f.srv.URL+path, form)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestChangeFromThePersonalPage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	e, _ := f.events.Save(ctx, event.Event{Title: "Netværksmøde", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 3, Venue: "Rådhuset",
		SeatsPerCompany: 3, Questions: []event.Question{{ID: "park", Label: "Parkering", LabelEN: "Parking", Type: event.QuestionYesNo},
			{ID: "diet", Label: "Kost", Type: event.QuestionMulti, Options: []string{"vegetar", "glutenfri"}}}})
	e, _ = f.events.Publish(ctx, e.ID)
	reg, _, err := f.regs.Register(ctx, registration.Request{EventID: e.ID, CompanyName: "Alfa", Attendees: []registration.AttendeeInput{{Name: "Anne", Email: "anne@alfa.dk"}},
		Answers: map[string]any{"park": true, "diet": []any{"glutenfri"}}})
	if err != nil {
		t.Fatal(err)
	}
	w := webClient{t, f, f.client()}
	_, body := w.get("/r/" + reg.Token)
	if !strings.Contains(body, `href="/r/`+reg.Token+`/change"`) {
		t.Fatalf("no change link:\n%s", body)
	}
	_, body = w.get("/r/" + reg.Token + "/change?lang=en")
	if !strings.Contains(body, `value="anne@alfa.dk"`) || !strings.Contains(body, `value="yes" checked`) || !strings.Contains(body, `value="glutenfri" checked`) ||
		!strings.Contains(body, "Parking") {
		t.Fatalf("change form not filled in:\n%s", body)
	}
	csrf := formCSRF.FindStringSubmatch(body)[1]
	// A bad e-mail comes back beside its field, with what was typed.
	resp, body := w.post("/r/"+reg.Token+"/change", url.Values{"csrf": {csrf}, "company": {"Alfa A/S"}, "a0_name": {"Anne"}, "a0_email": {"anne@alfa.dk"},
		"a1_name": {"Bo <b>"}, "a1_email": {"bo@"}, "park": {"no"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `id="a1_email-err"`) || !strings.Contains(body, `value="Bo &lt;b&gt;"`) || !strings.Contains(body, `value="Alfa A/S"`) {
		t.Fatalf("refused change: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = w.post("/r/"+reg.Token+"/change", url.Values{"csrf": {csrf}, "company": {"Alfa A/S"}, "a0_name": {"Anne"}, "a0_email": {"anne@alfa.dk"},
		"a1_name": {"Bo"}, "a1_email": {"bo@alfa.dk"}, "q_park": {"no"}, "q_diet": {"vegetar"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/r/"+reg.Token+"?changed=1" {
		t.Fatalf("change: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	got, _, _ := f.regs.ByToken(ctx, reg.Token)
	if got.Seats != 2 || got.CompanyName != "Alfa A/S" || got.Answers["park"] != false || fmt.Sprint(got.Answers["diet"]) != "[vegetar]" {
		t.Fatalf("stored change: %+v", got)
	}
	if c, _ := f.regs.Counts(ctx, e.ID); c.SeatsTaken != 2 {
		t.Fatalf("seats after change: %+v", c)
	}
	// Without the form token nothing changes.
	if resp, _ := w.post("/r/"+reg.Token+"/change", url.Values{"company": {"X"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("change without csrf: %d", resp.StatusCode)
	}
	// Once cancelled, the change form sends the visitor back to the page.
	f.regs.Cancel(ctx, reg.Token)
	if resp, _ := w.post("/r/"+reg.Token+"/change", url.Values{"csrf": {csrf}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change after cancel: %d", resp.StatusCode)
	}
}

// tokenInvitations is an invitations hook knowing one token.
type tokenInvitations string

func (t tokenInvitations) Valid(_ context.Context, _ int64, token string) (bool, error) {
	return token == string(t), nil
}

func TestInviteOnlyEventsOpenOnlyWithTheirLink(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	e, _ := f.events.Save(ctx, event.Event{Title: "Gazellemiddag", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 10, Venue: "Rådhuset", Visibility: "invite"})
	e, _ = f.events.Publish(ctx, e.ID)
	w := webClient{t, f, f.client()}
	if status, _ := w.get("/e/" + e.Slug); status != 404 {
		t.Fatalf("invite-only without a link: %d", status)
	}
	f.regs.SetInvitations(tokenInvitations("personal-invitation"))
	if status, _ := w.get("/e/" + e.Slug + "?i=guess"); status != 404 {
		t.Fatalf("wrong link: %d", status)
	}
	status, body := w.get("/e/" + e.Slug + "?i=personal-invitation")
	if status != 200 || !strings.Contains(body, `name="invitation" value="personal-invitation"`) {
		t.Fatalf("with the link: %d\n%s", status, body)
	}
	csrf := formCSRF.FindStringSubmatch(body)[1]
	form := url.Values{"csrf": {csrf}, "company": {"Alfa"}, "a0_name": {"Anne"}, "a0_email": {"anne@alfa.dk"}}
	if resp, _ := w.post("/e/"+e.Slug+"/register", form); resp.StatusCode != 404 {
		t.Fatalf("register without the invitation: %d", resp.StatusCode)
	}
	form.Set("invitation", "personal-invitation")
	resp, _ := w.post("/e/"+e.Slug+"/register", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register with the invitation: %d", resp.StatusCode)
	}
	if p, _ := f.regs.List(ctx, registration.Query{EventID: e.ID}); p.Total != 1 || p.Items[0].Source != "invitation" {
		t.Fatalf("stored: %+v", p)
	}
}
