package campaign

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/mail/mailtest"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/store/storetest"
)

type env struct {
	t        *testing.T
	st       *store.Store
	svc      *Service
	register *company.Service
	events   *event.Service
	regs     *registration.Service
	outbox   *mail.Outbox
	smtp     *mailtest.Server
	mailCfg  *mail.Settings
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := storetest.New(t)
	settings := setting.NewService(st)
	cat := i18n.MustLoad()
	r, err := mail.NewRenderer(cat, settings)
	if err != nil {
		t.Fatal(err)
	}
	outbox := mail.NewOutbox(st, r)
	register := company.NewService(st)
	events := event.NewService(st, "balk.dk")
	url := func(context.Context) string { return "https://events.balk.dk" }
	e := &env{t: t, st: st, register: register, events: events, outbox: outbox, mailCfg: mail.NewSettings(st, outbox),
		svc: NewService(st, settings, cat, register, events, outbox, url)}
	e.regs = registration.NewService(st, events, nil, register)
	e.regs.SetInvitations(e.svc)
	return e
}

// withSMTP points the outbox at an in-process SMTP server and starts a
// mail worker.
func (e *env) withSMTP() {
	e.t.Helper()
	srv, err := mailtest.Start(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { srv.Close() })
	e.smtp = srv
	if _, err := e.mailCfg.Save(context.Background(), mail.SettingsInput{Host: srv.Host, Port: srv.Port, TLS: mail.TLSNone,
		FromName: "Erhvervsafdelingen", FromAddress: "erhverv@balk.dk"}, "test"); err != nil {
		e.t.Fatal(err)
	}
	w := mail.NewWorker(e.outbox, mail.WorkerOptions{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Poll: 50 * time.Millisecond})
	if err := w.Start(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(w.Stop)
}

// contact adds a contact of a company, with consent when asked.
func (e *env) contact(companyID *int64, name, email string, consent bool) company.Contact {
	e.t.Helper()
	ctx := context.Background()
	c, err := e.register.SaveContact(ctx, company.Contact{Name: name, Email: email, CompanyID: companyID})
	if err != nil {
		e.t.Fatal(err)
	}
	if consent {
		if _, err := e.register.GiveConsent(ctx, c.ID, "test", "v1"); err != nil {
			e.t.Fatal(err)
		}
	}
	return c
}

func (e *env) event() event.Event {
	e.t.Helper()
	ctx := context.Background()
	start := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Hour)
	ev, err := e.events.Save(ctx, event.Event{Title: "Nytårskur 2027", StartsAt: start, EndsAt: start.Add(3 * time.Hour), Capacity: 100,
		Venue: "Ballerup Rådhus", Visibility: "invite"})
	if err != nil {
		e.t.Fatal(err)
	}
	if ev, err = e.events.Publish(ctx, ev.ID); err != nil {
		e.t.Fatal(err)
	}
	return ev
}

func TestAudienceExcludesWithEveryReason(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	co, err := e.register.Save(ctx, company.Company{Name: "Alfa ApS", Tags: []string{"gazelle"}})
	if err != nil {
		t.Fatal(err)
	}
	ok := e.contact(&co.ID, "Anne Alfa", "anne@alfa.dk", true)
	e.contact(&co.ID, "Bo Uden", "bo@alfa.dk", false)
	e.contact(&co.ID, "Carl Afmeldt", "carl@alfa.dk", true)
	e.contact(&co.ID, "Dorte Bounce", "dorte@alfa.dk", true)
	e.outbox.Suppress(ctx, "carl@alfa.dk", "unsubscribed", "test")
	e.outbox.Suppress(ctx, "dorte@alfa.dk", "bounced", "550")
	seg, err := e.register.SaveSegment(ctx, company.Segment{Name: "Gazeller", Target: "companies", Filter: company.Filter{Tags: []string{"gazelle"}}})
	if err != nil {
		t.Fatal(err)
	}
	// Anne is both in the segment and picked by hand: she gets one mail.
	a, err := e.svc.Audience(ctx, Campaign{SegmentIDs: []int64{seg.ID}, ContactIDs: []int64{ok.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Recipients) != 1 || *a.Recipients[0].ContactID != ok.ID {
		t.Fatalf("recipients %+v", a.Recipients)
	}
	want := map[string]int{ExcludedNoConsent: 1, ExcludedUnsubscribed: 1, ExcludedBounced: 1}
	if fmt.Sprint(a.Reasons) != fmt.Sprint(want) {
		t.Fatalf("reasons %v", a.Reasons)
	}
}

func TestMergeFieldsAreCheckedAndFilledSafely(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, err := e.svc.Save(ctx, Campaign{Name: "Nyhedsbrev", Subject: "Hej {{.Fornavn}}", Body: "Tekst {{if .Name}}x{{end}}"}, "staff@balk.dk")
	var ue *i18n.Error
	if !errors.As(err, &ue) || ue.Fields["subject"].Key != "campaign.error.merge_field" || ue.Fields["subject"].Params["field"] != "Fornavn" ||
		ue.Fields["body"].Key != "campaign.error.merge_syntax" {
		t.Fatalf("bad merge fields: %v", err)
	}
	co, _ := e.register.Save(ctx, company.Company{Name: "*Star* <ESG> & Co"})
	c := e.contact(&co.ID, "Søren <b>Ærø</b>", "soren@star.dk", true)
	// A campaign not yet named can be previewed.
	p, err := e.svc.Preview(ctx, Campaign{Subject: "Hej {{.FirstName}}", ContactIDs: []int64{c.ID},
		Body: "Kære {{.Name}} fra {{.CompanyName}}\n\n<script>alert(1)</script>\n\n[Afmeld]({{.UnsubscribeLink}})"}, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "Hej Søren" || strings.Contains(p.HTML, "<script>") || strings.Contains(p.HTML, "<b>Ærø") ||
		!strings.Contains(p.HTML, "*Star* &lt;ESG&gt; &amp; Co") || !strings.Contains(p.HTML, `href="https://events.balk.dk/u/preview-token"`) {
		t.Fatalf("preview:\n%s\n%s", p.Subject, p.HTML)
	}
}

// TestTestSendGoesToStaffOnly: a test send of a campaign not yet named
// reaches the staff address as service mail marked [TEST], filled in for
// a contact of the audience, and refuses a bad address.
func TestTestSendGoesToStaffOnly(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := e.contact(nil, "Søren Ærø", "soren@star.dk", true)
	draft := Campaign{Subject: "Hej {{.FirstName}}", Body: "Tekst", ContactIDs: []int64{c.ID}}
	var ue *i18n.Error
	if err := e.svc.TestSend(ctx, draft, 0, "karen@"); !errors.As(err, &ue) || ue.Fields["testTo"].Key != "error.email" {
		t.Fatalf("bad address: %v", err)
	}
	if err := e.svc.TestSend(ctx, draft, 0, " Karen@Balk.dk "); err != nil {
		t.Fatal(err)
	}
	var mails []struct{ ToAddress, Subject, Kind string }
	e.st.R(ctx).Raw("SELECT to_address, subject, kind FROM mail_messages").Scan(&mails)
	if len(mails) != 1 || mails[0].ToAddress != "karen@balk.dk" || mails[0].Subject != "[TEST] Hej Søren" || mails[0].Kind != string(mail.KindService) {
		t.Fatalf("test mails %+v", mails)
	}
}

func TestSendRequiresConsentAudienceAndAFutureTime(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	nobody := e.contact(nil, "Uden Samtykke", "uden@firma.dk", false)
	c, err := e.svc.Save(ctx, Campaign{Name: "Nyhedsbrev", Subject: "Nyt", Body: "Hej", ContactIDs: []int64{nobody.ID}}, "staff")
	if err != nil {
		t.Fatal(err)
	}
	var ue *i18n.Error
	if _, err := e.svc.Send(ctx, c.ID); !errors.As(err, &ue) || ue.Fields["segmentIds"].Key != "campaign.error.empty_audience" {
		t.Fatalf("no consent, no mail: %v", err)
	}
	past := time.Now().Add(-time.Hour)
	c.SendAt = &past
	c, _ = e.svc.Save(ctx, c, "staff")
	if _, err := e.svc.Send(ctx, c.ID); !errors.As(err, &ue) || ue.Fields["sendAt"].Key != "campaign.error.send_at_past" {
		t.Fatalf("a time in the past: %v", err)
	}
	inv, _ := e.svc.Save(ctx, Campaign{Name: "Invitation", Kind: KindInvitation, Subject: "Kom", Body: "Kom", ContactIDs: []int64{nobody.ID}}, "staff")
	if _, err := e.svc.Send(ctx, inv.ID); !errors.As(err, &ue) || ue.Fields["eventId"].Key != "campaign.error.event_required" {
		t.Fatalf("an invitation without an event: %v", err)
	}
}

// TestCampaignMailsCarryUnsubscribeAndCanBeUnsubscribed sends a campaign
// through a real SMTP server, reads the headers back and unsubscribes.
func TestCampaignMailsCarryUnsubscribeAndCanBeUnsubscribed(t *testing.T) {
	e := newEnv(t)
	e.withSMTP()
	ctx := context.Background()
	a := e.contact(nil, "Anne", "anne@alfa.dk", true)
	b := e.contact(nil, "Bo", "bo@beta.dk", true)
	c, _ := e.svc.Save(ctx, Campaign{Name: "Nyhedsbrev", Subject: "Nyt fra erhverv", Body: "Hej {{.FirstName}}", ContactIDs: []int64{a.ID, b.ID}}, "staff")
	if _, err := e.svc.Send(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	// While another process's scheduler ticks, this one leaves it alone.
	other, err := e.st.TryLock("campaigns")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.svc.Get(ctx, c.ID); got.QueuedAt != nil {
		t.Fatal("queued while another process held the scheduler")
	}
	other.Close()
	if err := e.svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if !e.smtp.WaitFor(2, 10*time.Second) {
		t.Fatalf("%d mails arrived", e.smtp.Count())
	}
	var token string
	for _, m := range e.smtp.Messages() {
		raw := strings.ReplaceAll(string(m.Data), "\r\n ", " ")
		if !strings.Contains(raw, "List-Unsubscribe: <https://events.balk.dk/u/") || !strings.Contains(raw, "List-Unsubscribe-Post: List-Unsubscribe=One-Click") {
			t.Fatalf("headers missing:\n%s", raw)
		}
		if strings.Contains(m.To[0], "anne") {
			i := strings.Index(raw, "/u/")
			token = raw[i+3 : i+3+22]
		}
	}
	info, err := e.svc.UnsubscribeInfo(ctx, token)
	if err != nil || info.Email != "anne@alfa.dk" || info.Done {
		t.Fatalf("info %+v %v", info, err)
	}
	for i := 0; i < 2; i++ { // idempotent
		if _, err := e.svc.Unsubscribe(ctx, token, "test"); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := e.register.GetContact(ctx, a.ID)
	if got.Consent != nil || got.Suppressed != "unsubscribed" {
		t.Fatalf("after unsubscribing: consent %+v suppressed %q", got.Consent, got.Suppressed)
	}
	// A second campaign leaves her out; Tick finishes the first.
	aud, _ := e.svc.Audience(ctx, Campaign{ContactIDs: []int64{a.ID, b.ID}})
	if len(aud.Recipients) != 1 || aud.Reasons[ExcludedUnsubscribed] != 1 {
		t.Fatalf("audience after unsubscribe: %+v", aud)
	}
	// The worker records the outcomes a moment after the server's reply.
	deadline := time.Now().Add(5 * time.Second)
	for {
		e.svc.Tick(ctx)
		done, _ := e.svc.Get(ctx, c.ID)
		if done.Status == StatusFinished {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("status %s", done.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := e.svc.UnsubscribeInfo(ctx, "no-such-token-at-all-here"); !errors.Is(err, ErrNoToken) {
		t.Fatal(err)
	}
}

func TestPauseResumeAndRestartLoseNoOneAndRepeatNoOne(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var ids []int64
	for i := 0; i < 1200; i++ {
		ids = append(ids, e.contact(nil, fmt.Sprintf("Kontakt %d", i), fmt.Sprintf("k%d@firma.dk", i), true).ID)
	}
	c, _ := e.svc.Save(ctx, Campaign{Name: "Stor", Subject: "Nyt", Body: "Hej {{.Name}}", ContactIDs: ids}, "staff")
	if _, err := e.svc.Send(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	// The first chunk goes, then the campaign is paused: the queueing stops
	// and the queued mails are held.
	if err := e.svc.queue(ctx, c.ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Pause(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	p, _ := e.svc.Progress(ctx, c.ID)
	if p.Recipients != chunk || p.Mail.Held != chunk || p.Mail.Queued != 0 {
		t.Fatalf("paused after one chunk: %+v", p)
	}
	// A restart: a new service on the same database carries on after Resume.
	again := NewService(e.st, e.svc.settings, e.svc.catalog, e.register, e.events, e.outbox, e.svc.publicURL)
	if err := again.Tick(ctx); err != nil { // paused: nothing happens
		t.Fatal(err)
	}
	if p, _ = again.Progress(ctx, c.ID); p.Recipients != chunk {
		t.Fatalf("a paused campaign went on: %+v", p)
	}
	if _, err := again.Resume(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := again.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	p, _ = again.Progress(ctx, c.ID)
	var distinct int64
	e.st.R(ctx).Raw("SELECT count(DISTINCT to_address) FROM mail_messages WHERE group_key = ?", c.group()).Scan(&distinct)
	total := p.Mail.Queued + p.Mail.Held + p.Mail.Sent
	if p.Recipients != 1200 || total != 1200 || distinct != 1200 {
		t.Fatalf("after resume: %+v, %d distinct addresses", p, distinct)
	}
	if _, err := again.Cancel(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ = again.Progress(ctx, c.ID); p.Mail.Cancelled != 1200 {
		t.Fatalf("after cancel: %+v", p)
	}
}

func TestInvitationsRegisterDeclineAndRemind(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ev := e.event()
	a := e.contact(nil, "Anne", "anne@alfa.dk", true)
	b := e.contact(nil, "Bo", "bo@beta.dk", true)
	c := e.contact(nil, "Carl", "carl@gamma.dk", true)
	camp, err := e.svc.Save(ctx, Campaign{Name: "Nytårskur", Kind: KindInvitation, EventID: &ev.ID, Subject: "Invitation: {{.EventTitle}}",
		Body: "Kære {{.FirstName}}, tilmeld dig her: {{.InvitationLink}}", ContactIDs: []int64{a.ID, b.ID, c.ID}}, "staff")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Send(ctx, camp.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	var recips []Recipient
	e.st.R(ctx).Where("campaign_id = ?", camp.ID).Order("id").Find(&recips)
	// Each invitation carries the event for the calendar, not yet accepted.
	first, _ := e.outbox.Get(ctx, *recips[0].MailID)
	if !strings.Contains(first.Calendar, "METHOD:REQUEST") || !strings.Contains(first.Calendar, "PARTSTAT=NEEDS-ACTION") || first.CalendarMethod != "REQUEST" {
		t.Fatalf("invitation calendar:\n%s", first.Calendar)
	}
	// Anne registers through her link (the event is invite-only); Bo declines.
	if _, _, err := e.regs.Register(ctx, registration.Request{EventID: ev.ID, CompanyName: "Alfa", Invitation: recips[0].Token,
		Attendees: []registration.AttendeeInput{{Name: "Anne", Email: "anne@alfa.dk"}}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.regs.Register(ctx, registration.Request{EventID: ev.ID, CompanyName: "Uinviteret",
		Attendees: []registration.AttendeeInput{{Name: "X", Email: "x@y.dk"}}}); !errors.Is(err, registration.ErrInviteOnly) {
		t.Fatalf("uninvited: %v", err)
	}
	if _, err := e.svc.Decline(ctx, recips[1].Token); err != nil {
		t.Fatal(err)
	}
	o, err := e.svc.Overview(ctx, ev.ID)
	if err != nil || o.Invited != 3 || o.Registered != 1 || o.Declined != 1 || o.NoAnswer != 1 {
		t.Fatalf("overview %+v %v", o, err)
	}
	// No mail server: the invitations are still held, so no reminder may
	// overtake them.
	if n, err := e.svc.Remind(ctx, ev.ID); err != nil || n != 0 {
		t.Fatalf("remind before the invitations went: %d %v", n, err)
	}
	e.st.W(ctx).Exec("UPDATE mail_messages SET state = 'sent' WHERE group_key = ?", camp.group())
	n, err := e.svc.Remind(ctx, ev.ID)
	if err != nil || n != 1 {
		t.Fatalf("remind: %d %v", n, err)
	}
	var subjects []string
	e.st.R(ctx).Raw("SELECT subject FROM mail_messages WHERE ref LIKE '%:reminder'").Scan(&subjects)
	if len(subjects) != 1 || subjects[0] != "Påmindelse: Invitation: Nytårskur 2027" {
		t.Fatalf("reminders %v", subjects)
	}
	// Pressed again the same day, no one is mailed twice; a day later,
	// the one still without an answer is reminded again.
	if n, err := e.svc.Remind(ctx, ev.ID); err != nil || n != 0 {
		t.Fatalf("second reminder the same day: %d %v", n, err)
	}
	later := time.Now().Add(25 * time.Hour)
	e.svc.now = func() time.Time { return later }
	if n, err := e.svc.Remind(ctx, ev.ID); err != nil || n != 1 {
		t.Fatalf("reminder a day later: %d %v", n, err)
	}
	var reminders int64
	e.st.R(ctx).Raw("SELECT count(*) FROM mail_messages WHERE ref LIKE '%:reminder'").Scan(&reminders)
	if reminders != 2 {
		t.Fatalf("%d reminder mails, want 2", reminders)
	}
}

func TestNewsletterDoubleOptIn(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var ue *i18n.Error
	if err := e.svc.SignUp(ctx, SignUp{Email: "nope"}); !errors.As(err, &ue) || len(ue.Fields) != 2 {
		t.Fatalf("bad sign-up: %v", err)
	}
	e.outbox.Suppress(ctx, "eva@delta.dk", "unsubscribed", "earlier")
	if err := e.svc.SignUp(ctx, SignUp{Name: "Eva", Email: "Eva@Delta.dk", Company: "Delta"}); err != nil {
		t.Fatal(err)
	}
	var token string
	e.st.R(ctx).Raw("SELECT token FROM newsletter_signups").Scan(&token)
	if contacts, _ := e.register.ListContacts(ctx, company.ContactQuery{Consent: "yes"}); contacts.Total != 0 {
		t.Fatal("consent before the confirmation")
	}
	for i := 0; i < 2; i++ {
		if _, err := e.svc.ConfirmSignUp(ctx, token); err != nil {
			t.Fatal(err)
		}
	}
	contacts, _ := e.register.ListContacts(ctx, company.ContactQuery{Consent: "yes"})
	if contacts.Total != 1 || contacts.Items[0].Email != "eva@delta.dk" || contacts.Items[0].Consent.WordingVersion != NewsletterWording ||
		contacts.Items[0].Suppressed != "" {
		t.Fatalf("after confirming: %+v", contacts.Items)
	}
	if _, err := e.svc.ConfirmSignUp(ctx, "not-a-real-signup-token"); !errors.Is(err, ErrNoToken) {
		t.Fatal(err)
	}
}
