package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"convene/internal/event"
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
	if _, body = page(loc2); !strings.Contains(body, "venteliste som nummer 1") {
		t.Fatalf("waitlisted page:\n%s", body)
	}
	// Alfa cancels from its link; Beta moves up.
	token1 := strings.TrimSuffix(strings.TrimPrefix(loc, "/r/"), "?new=1")
	resp, _ = post("/r/"+token1+"/cancel", url.Values{"csrf": {token}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", resp.StatusCode)
	}
	if _, body = page(loc2); !strings.Contains(body, `data-testid="reg-status">Tilmeldt`) {
		t.Fatalf("Beta was not promoted:\n%s", body)
	}
	if status, _ := page("/r/not-a-real-token-at-all"); status != 404 {
		t.Fatalf("unknown token: %d", status)
	}
}
