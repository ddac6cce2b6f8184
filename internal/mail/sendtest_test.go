package mail

import (
	"context"
	"strings"
	"testing"

	"convene/internal/mail/mailtest"
)

func TestSendTestReportsTheServersAnswer(t *testing.T) {
	e := newEnv(t, func(s *mailtest.Server) { s.Username, s.Password = "relay-user", "relay-password-123" })
	ctx := context.Background()
	if _, err := e.settings.SendTest(ctx, "anne@balk.dk"); err == nil {
		t.Fatal("a test mail without SMTP settings did not fail")
	}
	e.configure(func(in *SettingsInput) { in.Username, in.Password = "relay-user", "relay-password-123" })
	res, err := e.settings.SendTest(ctx, "anne@balk.dk")
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || !strings.HasPrefix(res.Reply, "250") || len(res.Transcript) < 5 {
		t.Fatalf("result %+v", res)
	}
	joined := strings.Join(res.Transcript, "\n")
	if strings.Contains(joined, "relay-password-123") {
		t.Fatal("the transcript shows the password")
	}
	if e.smtp.Count() != 1 {
		t.Fatalf("server got %d mails", e.smtp.Count())
	}
	if m := e.get(res.MailID); m.State != StateSent || m.Template != "test" {
		t.Fatalf("recorded test mail: %+v", m)
	}
}

func TestSendTestShowsARefusal(t *testing.T) {
	e := newEnv(t, func(s *mailtest.Server) {
		s.OnMail = func(string) error { return mailtest.Reply(550, [3]int{5, 7, 1}, "sender not allowed to relay") }
	})
	e.configure(nil)
	res, err := e.settings.SendTest(context.Background(), "anne@balk.dk")
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || !strings.Contains(res.Reply, "550") || !strings.Contains(res.Reply, "sender not allowed to relay") {
		t.Fatalf("result %+v", res)
	}
	if m := e.get(res.MailID); m.State != StateFailed {
		t.Fatalf("recorded state %s", m.State)
	}
	if _, err := e.settings.SendTest(context.Background(), "not an address"); err == nil {
		t.Fatal("accepted a bad address")
	}
}
