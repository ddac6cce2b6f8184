package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"convene/internal/award"
	"convene/internal/campaign"
	"convene/internal/company"
	"convene/internal/event"
)

// invite sends an invitation campaign for ev to one contact and returns
// the recipient's token.
func (f *fixture) invite(ev event.Event, name, email string) string {
	f.t.Helper()
	ctx := context.Background()
	co, _ := f.register.Save(ctx, company.Company{Name: "Alfa & <Søn> ApS"})
	c, err := f.register.SaveContact(ctx, company.Contact{Name: name, Email: email, CompanyID: &co.ID})
	if err != nil {
		f.t.Fatal(err)
	}
	f.register.GiveConsent(ctx, c.ID, "test", "v1")
	camp, err := f.camps.Save(ctx, campaign.Campaign{Name: "Invitation", Kind: campaign.KindInvitation, EventID: &ev.ID,
		Subject: "Kom til {{.EventTitle}}", Body: "Hej {{.FirstName}}", ContactIDs: []int64{c.ID}}, "staff")
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.camps.Send(ctx, camp.ID); err != nil {
		f.t.Fatal(err)
	}
	if err := f.camps.Tick(ctx); err != nil {
		f.t.Fatal(err)
	}
	var token string
	f.store.R(ctx).Raw("SELECT token FROM campaign_recipients WHERE email = ?", email).Scan(&token)
	return token
}

func TestInvitationAndUnsubscribeLinks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	ev, _ := f.events.Save(ctx, event.Event{Title: "Nytårskur", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 10, Venue: "Rådhuset", Visibility: "invite"})
	ev, _ = f.events.Publish(ctx, ev.ID)
	token := f.invite(ev, "Anne Hansen", "anne@alfa.dk")
	w := webClient{t, f, f.client()}
	status, page := w.get("/i/" + token)
	if status != 200 || !strings.Contains(page, `value="anne@alfa.dk"`) || !strings.Contains(page, `value="Alfa &amp; &lt;Søn&gt; ApS"`) ||
		!strings.Contains(page, `name="invitation" value="`+token+`"`) || !strings.Contains(page, `action="/i/`+token+`/decline"`) {
		t.Fatalf("invitation page %d:\n%s", status, page)
	}
	csrf := formCSRF.FindStringSubmatch(page)[1]
	if resp, body := w.post("/i/"+token+"/decline", url.Values{"csrf": {csrf}}); resp.StatusCode != 200 || !strings.Contains(body, "Tak for besked") {
		t.Fatalf("decline: %d\n%s", resp.StatusCode, body)
	}
	if o, _ := f.camps.Overview(ctx, ev.ID); o.Declined != 1 {
		t.Fatalf("overview %+v", o)
	}
	// Unknown links get the same friendly page, whatever they look like.
	for _, path := range []string{"/i/not-a-real-invitation-token", "/i/x", "/u/not-a-real-unsubscribe-token", "/tilmeld-nyhedsbrev/not-a-real-token-123"} {
		if status, body := w.get(path); status != 404 || !strings.Contains(body, "Linket virker ikke") {
			t.Fatalf("%s: %d", path, status)
		}
	}
	// Unsubscribe: the page asks and changes nothing; the POST does it.
	status, page = w.get("/u/" + token)
	if status != 200 || !strings.Contains(page, "anne@alfa.dk") || !strings.Contains(page, `action="/u/`+token+`"`) {
		t.Fatalf("unsubscribe page %d:\n%s", status, page)
	}
	if sup, _ := f.outbox.Suppressed(ctx, "anne@alfa.dk"); sup {
		t.Fatal("opening the link unsubscribed")
	}
	// RFC 8058: a mail program posts the one-click body, with no cookie.
	req, _ := http.NewRequest("POST", f.srv.URL+"/u/"+token, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("one-click: %v %v", err, resp)
	}
	resp.Body.Close()
	if sup, _ := f.outbox.SuppressionOf(ctx, "anne@alfa.dk"); sup == nil || !strings.Contains(sup.Detail, "RFC 8058") {
		t.Fatalf("suppression %+v", sup)
	}
	if status, page = w.get("/u/" + token); status != 200 || !strings.Contains(page, "Du er afmeldt") {
		t.Fatalf("after unsubscribing: %d", status)
	}
}

func TestNewsletterSignUpPages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	w := webClient{t, f, f.client()}
	_, page := w.get("/tilmeld-nyhedsbrev")
	csrf := formCSRF.FindStringSubmatch(page)[1]
	resp, body := w.post("/tilmeld-nyhedsbrev", url.Values{"csrf": {csrf}, "name": {"Eva <i>"}, "email": {"eva@"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `id="email-err"`) || !strings.Contains(body, `value="Eva &lt;i&gt;"`) {
		t.Fatalf("refused: %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := w.post("/tilmeld-nyhedsbrev", url.Values{"name": {"Eva"}, "email": {"eva@delta.dk"}}); resp.StatusCode != 403 {
		t.Fatalf("without csrf: %d", resp.StatusCode)
	}
	resp, body = w.post("/tilmeld-nyhedsbrev", url.Values{"csrf": {csrf}, "name": {"Eva"}, "email": {"eva@delta.dk"}, "company": {"Delta"}})
	if resp.StatusCode != 200 || !strings.Contains(body, "Tjek din mail") {
		t.Fatalf("sign-up: %d", resp.StatusCode)
	}
	var token string
	f.store.R(ctx).Raw("SELECT token FROM newsletter_signups").Scan(&token)
	_, page = w.get("/tilmeld-nyhedsbrev/" + token)
	if !strings.Contains(page, "Bekræft tilmeldingen") {
		t.Fatalf("confirm page:\n%s", page)
	}
	if c, _ := f.register.ListContacts(ctx, company.ContactQuery{Consent: "yes"}); c.Total != 0 {
		t.Fatal("opening the link confirmed")
	}
	resp, body = w.post("/tilmeld-nyhedsbrev/"+token, url.Values{"csrf": {formCSRF.FindStringSubmatch(page)[1]}})
	if resp.StatusCode != 200 || !strings.Contains(body, "Du er tilmeldt") {
		t.Fatalf("confirm: %d\n%s", resp.StatusCode, body)
	}
	if c, _ := f.register.ListContacts(ctx, company.ContactQuery{Consent: "yes"}); c.Total != 1 {
		t.Fatalf("consent: %+v", c)
	}
}

// awardsStub lists one year's gazelles.
type awardsStub []award.Winner

func (a awardsStub) PublishedLists(context.Context) ([]award.Winner, error) { return a, nil }
func (a awardsStub) RoundForEvent(context.Context, int64) (*award.Round, error) {
	return nil, nil
}

func TestGazellesPageMarksOnlyTheWinner(t *testing.T) {
	f := newFixture(t)
	g1, g2 := 233.3, 105.0
	f.s.cfg.Awards = awardsStub{{Year: 2021, CompanyName: "Raket A/S", Growth: &g1, Winner: true}, {Year: 2021, CompanyName: "Hurtig ApS", Growth: &g2}}
	w := webClient{t, f, f.client()}
	status, page := w.get("/gazeller")
	if status != 200 || strings.Count(page, `class="badge-winner"`) != 1 || !strings.Contains(page, "233,3 %") || !strings.Contains(page, "Hurtig ApS") {
		t.Fatalf("gazelles page %d:\n%s", status, page)
	}
}
