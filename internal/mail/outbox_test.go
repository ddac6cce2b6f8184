package mail

import (
	"bytes"
	"context"
	"errors"
	"net/mail"
	"strings"
	"testing"
	"time"

	"convene/internal/i18n"
)

func TestHeadersCannotBeInjected(t *testing.T) {
	e := newEnv(t, nil)
	e.configure(nil)
	ctx := context.Background()
	for _, bad := range []string{"a@firma.dk\r\nBcc: x@evil.dk", "a@firma", "<a@firma.dk>", "A <a@firma.dk>", "a@firma.dk, b@firma.dk", ""} {
		_, err := e.outbox.Enqueue(ctx, Draft{Kind: KindService, Template: "test", ToAddress: bad, Data: TestData{}})
		var ue *i18n.Error
		if !errors.As(err, &ue) || ue.Fields["toAddress"].Key != "error.email" {
			t.Errorf("address %q: %v", bad, err)
		}
	}
	if _, err := e.outbox.Enqueue(ctx, Draft{Kind: KindService, Template: "test", ToAddress: "a@firma.dk", Data: TestData{},
		Headers: map[string]string{"Bcc": "x@evil.dk"}}); err == nil {
		t.Error("a draft set a Bcc header")
	}
	m, err := e.outbox.Enqueue(ctx, Draft{Kind: KindMarketing, Template: "test", ToAddress: "victim@firma.dk",
		ToName: "Evil\r\nBcc: spy@evil.dk\r\n", Ref: "x\ny", Data: TestData{Host: "h\r\nX-Injected: yes"},
		Headers: map[string]string{"List-Unsubscribe": "<https://x.dk/u/1>\r\nBcc: spy@evil.dk"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(m.ToName+m.Subject+m.Headers["List-Unsubscribe"]+m.Ref, "\r\n") {
		t.Fatalf("stored header text keeps a line break: %+v", m)
	}
	e.worker(WorkerOptions{})
	if !e.smtp.WaitFor(1, 10*time.Second) {
		t.Fatal("not delivered")
	}
	got := e.smtp.Messages()[0]
	if len(got.To) != 1 || got.To[0] != "victim@firma.dk" {
		t.Fatalf("envelope recipients %v", got.To)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(got.Data))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"Bcc", "X-Injected"} {
		if v := msg.Header.Get(h); v != "" {
			t.Errorf("injected header %s: %q", h, v)
		}
	}
}

func TestHTMLEscapesUserText(t *testing.T) {
	e := newEnv(t, nil)
	m := e.outbox
	r, err := m.renderer.Render(context.Background(), "test", "en", TestData{Host: `<script>alert(1)</script>`})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.HTML, "<script>") || !strings.Contains(r.HTML, "&lt;script&gt;") {
		t.Fatal("user text is not escaped in the HTML body")
	}
}

func TestOutboxListRetryCancelAndSource(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	a := e.enqueue("anna@firma.dk", KindService)
	b := e.enqueue("bent@andet.dk", KindMarketing)
	for _, tc := range []struct {
		q    Query
		want int64
	}{
		{Query{}, 2}, {Query{State: StateHeld}, 2}, {Query{Kind: KindMarketing}, 1}, {Query{Search: "ANDET"}, 1},
		{Query{Search: "%"}, 0}, {Query{State: StateSent}, 0},
	} {
		p, err := e.outbox.List(ctx, tc.q)
		if err != nil || p.Total != tc.want || int64(len(p.Items)) != tc.want {
			t.Errorf("List(%+v) = %d/%d items, %v; want %d", tc.q, len(p.Items), p.Total, err, tc.want)
		}
	}
	if _, err := e.outbox.Cancel(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.outbox.Cancel(ctx, a.ID); !errors.Is(err, ErrWrongState) {
		t.Fatalf("cancelling twice: %v", err)
	}
	if _, err := e.outbox.Retry(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if g := e.get(a.ID); g.State != StateQueued {
		t.Fatalf("after retry: %s", g.State)
	}
	if _, err := e.outbox.Get(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing mail: %v", err)
	}
	c := e.states()
	if c.Of(StateQueued) != 1 || c.Of(StateHeld) != 1 {
		t.Fatalf("counts %v", c)
	}
	cfg, _ := e.settings.Config(ctx)
	full, _ := e.outbox.Get(ctx, b.ID)
	src, err := Source(&full, cfg)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(strings.NewReader(src))
	if err != nil || msg.Header.Get("Message-Id") != b.MessageID || msg.Header.Get("To") == "" {
		t.Fatalf("source does not parse or lacks headers: %v\n%s", err, src[:min(400, len(src))])
	}
}

func TestSettingsKeepSecretsAndValidate(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	v, err := e.settings.Save(ctx, SettingsInput{Host: "smtp.office365.com", Port: 587, TLS: TLSStartTLS, Username: "u@balk.dk",
		Password: "s3cret", FromAddress: "erhverv@balk.dk", RatePerMinute: 30, DailyCap: 10000}, "anne")
	if err != nil {
		t.Fatal(err)
	}
	if !v.PasswordSet || !v.Configured {
		t.Fatalf("view = %+v", v)
	}
	// Saving the form without a password keeps the stored one.
	v, _ = e.settings.Save(ctx, SettingsInput{Host: "smtp.office365.com", Port: 587, TLS: TLSStartTLS, Username: "u@balk.dk",
		FromAddress: "erhverv@balk.dk", RatePerMinute: 30, DailyCap: 10000}, "anne")
	if cfg, _ := e.settings.Config(ctx); cfg.Password != "s3cret" || !v.PasswordSet {
		t.Fatalf("the password was lost: %+v", v)
	}
	_, err = e.settings.Save(ctx, SettingsInput{Host: "bad host!", Port: 0, TLS: "ssl3", FromAddress: "x", ReplyTo: "y",
		RatePerMinute: -1, DKIMEnabled: true}, "anne")
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("invalid settings: %v", err)
	}
	for _, f := range []string{"host", "port", "tls", "fromAddress", "replyTo", "ratePerMinute", "dkimDomain", "dkimSelector"} {
		if _, ok := ue.Fields[f]; !ok {
			t.Errorf("no error for %s: %v", f, ue.Fields)
		}
	}
	if cfg, _ := e.settings.Config(ctx); cfg.Host != "smtp.office365.com" {
		t.Fatal("a refused save changed the settings")
	}
}

// TestEnqueueJoinsTheCallersTransaction: a mail exists exactly when the
// change that caused it does.
func TestEnqueueJoinsTheCallersTransaction(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	boom := errors.New("registration failed")
	err := e.store.Tx(ctx, func(ctx context.Context) error {
		if _, err := e.outbox.Enqueue(ctx, Draft{Kind: KindService, Template: "test", ToAddress: "a@firma.dk", Data: TestData{},
			Attachments: []Attachment{{Filename: "a.ics", ContentType: "text/calendar", Data: []byte("x")}}}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	p, _ := e.outbox.List(ctx, Query{})
	var atts, contents int64
	e.store.R(ctx).Table("mail_attachments").Count(&atts)
	e.store.R(ctx).Table("mail_contents").Count(&contents)
	if p.Total != 0 || atts != 0 || contents != 0 {
		t.Fatalf("a rolled-back transaction left %d mails, %d attachments, %d contents", p.Total, atts, contents)
	}
}
