package mail

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"convene/internal/mail/mailtest"
)

func TestDeliversQueuedMailOverOneConnection(t *testing.T) {
	e := newEnv(t, nil)
	e.configure(nil)
	ctx := context.Background()
	ics := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
	m1, err := e.outbox.Enqueue(ctx, Draft{Kind: KindService, Template: "test", ToName: "Åse Ørsted", ToAddress: "aase@firma.dk",
		Data: TestData{Host: "smtp.test", SentAt: e.clock.Now()}, Lang: "da",
		Attachments: []Attachment{{Filename: "arrangement.ics", ContentType: "text/calendar; charset=utf-8", Data: ics}}})
	if err != nil {
		t.Fatal(err)
	}
	m2 := e.enqueue("bo@firma.dk", KindService)
	m3 := e.enqueue("carl@firma.dk", KindMarketing)
	e.worker(WorkerOptions{})
	if !e.smtp.WaitFor(3, 10*time.Second) {
		t.Fatalf("server got %d of 3", e.smtp.Count())
	}
	e.eventually("all sent", func() bool { return e.states().Of(StateSent) == 3 })
	if e.smtp.Connections() != 1 {
		t.Errorf("%d connections for 3 mails, want 1 reused", e.smtp.Connections())
	}
	for _, m := range []Message{m1, m2, m3} {
		got := e.get(m.ID)
		if got.State != StateSent || got.Attempts != 1 || got.SentAt == nil || got.FromAddress != "erhverv@balk.dk" {
			t.Errorf("mail %d after delivery: %+v", m.ID, got)
		}
	}
	// The first message: parse its MIME structure.
	var raw []byte
	for _, r := range e.smtp.Messages() {
		if r.To[0] == "aase@firma.dk" {
			raw = r.Data
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Message-Id") != m1.MessageID {
		t.Errorf("Message-ID %q, want the stored %q", msg.Header.Get("Message-Id"), m1.MessageID)
	}
	to, _ := msg.Header.AddressList("To")
	if len(to) != 1 || to[0].Name != "Åse Ørsted" || to[0].Address != "aase@firma.dk" {
		t.Errorf("To = %v", to)
	}
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	if subject != m1.Subject || !strings.Contains(subject, "Testmail") {
		t.Errorf("Subject %q, stored %q", subject, m1.Subject)
	}
	if msg.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Error("service mail lacks Auto-Submitted")
	}
	parts := mimeTree(t, msg.Header.Get("Content-Type"), msg.Body)
	want := "multipart/mixed[multipart/alternative[text/plain,text/html],text/calendar]"
	if parts != want {
		t.Errorf("MIME structure %s, want %s", parts, want)
	}
}

// mimeTree describes a MIME body as e.g. multipart/mixed[text/plain,...].
func mimeTree(t *testing.T, contentType string, body io.Reader) string {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatalf("content type %q: %v", contentType, err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		io.Copy(io.Discard, body)
		return mt
	}
	r := multipart.NewReader(body, params["boundary"])
	var kids []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		kids = append(kids, mimeTree(t, p.Header.Get("Content-Type"), p))
	}
	return mt + "[" + strings.Join(kids, ",") + "]"
}

func TestMailIsHeldWithoutSMTPAndSentOnceConfigured(t *testing.T) {
	e := newEnv(t, nil)
	m := e.enqueue("held@firma.dk", KindService)
	if m.State != StateHeld {
		t.Fatalf("state without SMTP = %s, want held", m.State)
	}
	e.worker(WorkerOptions{Poll: time.Hour})
	time.Sleep(50 * time.Millisecond)
	if got := e.get(m.ID); got.State != StateHeld || e.smtp.Count() != 0 {
		t.Fatalf("sent without SMTP: %+v", got)
	}
	e.configure(nil)
	if !e.smtp.WaitFor(1, 10*time.Second) {
		t.Fatal("held mail was not sent once SMTP was configured")
	}
	e.eventually("sent", func() bool { return e.get(m.ID).State == StateSent })
}

func TestTemporaryFailuresRetryWithBackoff(t *testing.T) {
	var tries atomic.Int32
	e := newEnv(t, func(s *mailtest.Server) {
		s.OnRcpt = func(string) error {
			if tries.Add(1) <= 2 {
				return mailtest.Reply(451, [3]int{4, 3, 0}, "try again later")
			}
			return nil
		}
	})
	e.configure(nil)
	m := e.enqueue("slow@firma.dk", KindService)
	e.worker(WorkerOptions{})
	start := e.clock.Now()
	e.eventually("first failure", func() bool { g := e.get(m.ID); return g.Attempts == 1 && g.State == StateQueued })
	g := e.get(m.ID)
	if !g.NextAttemptAt.Equal(start.Add(time.Minute)) || !strings.Contains(g.LastReply, "451") {
		t.Fatalf("after the first 451: next %v (want +1m), reply %q", g.NextAttemptAt.Sub(start), g.LastReply)
	}
	e.clock.Advance(time.Minute)
	e.eventually("second failure", func() bool { return e.get(m.ID).Attempts == 2 })
	if g := e.get(m.ID); !g.NextAttemptAt.Equal(start.Add(3 * time.Minute)) {
		t.Fatalf("after the second 451: next attempt at +%v, want +3m", g.NextAttemptAt.Sub(start))
	}
	e.clock.Advance(time.Minute)
	time.Sleep(30 * time.Millisecond)
	if e.smtp.Count() != 0 {
		t.Fatal("retried before the backoff ended")
	}
	e.clock.Advance(time.Minute)
	e.eventually("delivery", func() bool { return e.get(m.ID).State == StateSent })
	if g := e.get(m.ID); g.Attempts != 3 {
		t.Fatalf("attempts = %d, want 3", g.Attempts)
	}
}

func TestTemporaryFailuresRunOutOfAttempts(t *testing.T) {
	e := newEnv(t, func(s *mailtest.Server) {
		s.OnRcpt = func(string) error { return mailtest.Reply(452, [3]int{4, 2, 2}, "mailbox full") }
	})
	e.configure(nil)
	m := e.enqueue("full@firma.dk", KindService)
	e.worker(WorkerOptions{MaxAttempts: 3})
	for i := 1; i < 3; i++ {
		e.eventually("a failure", func() bool { return e.get(m.ID).Attempts == i })
		e.clock.Advance(2 * time.Hour)
	}
	e.eventually("failed", func() bool { return e.get(m.ID).State == StateFailed })
	if ok, _ := e.outbox.Suppressed(context.Background(), "full@firma.dk"); ok {
		t.Fatal("a temporary failure suppressed the address")
	}
}

func TestRejectedRecipientIsSuppressedAndOthersGo(t *testing.T) {
	e := newEnv(t, func(s *mailtest.Server) {
		s.OnRcpt = func(to string) error {
			if to == "gone@firma.dk" {
				return mailtest.Reply(550, [3]int{5, 1, 1}, "no such user")
			}
			return nil
		}
	})
	e.configure(nil)
	a := e.enqueue("first@firma.dk", KindMarketing)
	bad := e.enqueue("gone@firma.dk", KindMarketing)
	b := e.enqueue("last@firma.dk", KindMarketing)
	e.worker(WorkerOptions{})
	e.eventually("outcomes", func() bool { return e.states().Of(StateSent) == 2 && e.states().Of(StateFailed) == 1 })
	if g := e.get(bad.ID); g.State != StateFailed || g.LastReply != "550 5.1.1 no such user" || g.Attempts != 1 {
		t.Fatalf("rejected mail: %+v", g)
	}
	for _, m := range []Message{a, b} {
		if e.get(m.ID).State != StateSent {
			t.Fatalf("mail %d not sent", m.ID)
		}
	}
	ctx := context.Background()
	if ok, _ := e.outbox.Suppressed(ctx, "GONE@firma.dk"); !ok {
		t.Fatal("the rejected address is not suppressed")
	}
	if _, err := e.outbox.Enqueue(ctx, Draft{Kind: KindMarketing, Template: "test", ToAddress: "gone@firma.dk", Data: TestData{}}); err != ErrSuppressed {
		t.Fatalf("marketing to a suppressed address: %v", err)
	}
	if _, err := e.outbox.Enqueue(ctx, Draft{Kind: KindService, Template: "test", ToAddress: "gone@firma.dk", Data: TestData{}}); err != nil {
		t.Fatalf("service mail to a suppressed address is refused: %v", err)
	}
	if e.smtp.Connections() != 1 {
		t.Errorf("the rejection cost a connection: %d connections", e.smtp.Connections())
	}
}

func TestRateLimitPerMinuteAndPerDay(t *testing.T) {
	e := newEnv(t, nil)
	e.configure(func(in *SettingsInput) { in.RatePerMinute = 2; in.DailyCap = 5 })
	for i := 0; i < 7; i++ {
		e.enqueue(string(rune('a'+i))+"@firma.dk", KindService)
	}
	e.worker(WorkerOptions{})
	steady := func(n int) {
		t.Helper()
		if !e.smtp.WaitFor(n, 10*time.Second) {
			t.Fatalf("got %d, want %d", e.smtp.Count(), n)
		}
		time.Sleep(50 * time.Millisecond)
		if c := e.smtp.Count(); c != n {
			t.Fatalf("got %d, want exactly %d", c, n)
		}
	}
	steady(2)
	e.clock.Advance(30 * time.Second)
	steady(2)
	e.clock.Advance(30 * time.Second)
	steady(4)
	e.clock.Advance(time.Minute)
	steady(5) // the daily cap
	e.clock.Advance(10 * time.Minute)
	steady(5)
	// The next day in Copenhagen (the clock is at 09:12 UTC = 10:12 CET).
	e.clock.Advance(14 * time.Hour)
	steady(7)
}

func TestConnectionLossRetriesOnlyWhatWasNotAccepted(t *testing.T) {
	var n atomic.Int32
	e := newEnv(t, func(s *mailtest.Server) {
		s.OnData = func([]string, []byte) error {
			if n.Add(1) == 3 {
				return mailtest.ErrDrop
			}
			return nil
		}
	})
	e.configure(nil)
	var ids []int64
	for i := 0; i < 5; i++ {
		ids = append(ids, e.enqueue(string(rune('a'+i))+"@firma.dk", KindService).ID)
	}
	e.worker(WorkerOptions{})
	e.eventually("two delivered and a reconnect pending", func() bool { return e.smtp.Count() == 2 && e.states().Of(StateQueued) == 3 })
	e.clock.Advance(5 * time.Second)
	if !e.smtp.WaitFor(5, 10*time.Second) {
		t.Fatalf("delivered %d of 5", e.smtp.Count())
	}
	e.eventually("all sent", func() bool { return e.states().Of(StateSent) == 5 })
	if e.smtp.Count() != 5 {
		t.Fatalf("server accepted %d messages for 5 mails: something was sent twice", e.smtp.Count())
	}
	attempts := []int{}
	for _, id := range ids {
		attempts = append(attempts, e.get(id).Attempts)
	}
	if want := []int{1, 1, 2, 1, 1}; !equalInts(attempts, want) {
		t.Fatalf("attempts %v, want %v", attempts, want)
	}
	if e.smtp.Connections() != 2 {
		t.Fatalf("%d connections, want 2", e.smtp.Connections())
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRestartResumesFromTheOutbox(t *testing.T) {
	e := newEnv(t, nil)
	e.configure(nil)
	var ids []int64
	for i := 0; i < 4; i++ {
		ids = append(ids, e.enqueue(string(rune('a'+i))+"@firma.dk", KindService).ID)
	}
	// A crashed process left two claimed, one of them accepted but not yet
	// recorded: both are in flight.
	ctx := context.Background()
	e.store.W(ctx).Model(&Message{}).Where("id IN ?", ids[:2]).Update("state", StateSending)
	w := e.worker(WorkerOptions{})
	if !e.smtp.WaitFor(4, 10*time.Second) {
		t.Fatalf("delivered %d of 4", e.smtp.Count())
	}
	e.eventually("all sent", func() bool { return e.states().Of(StateSent) == 4 })
	w.Stop()
	// A second worker on the same database sends nothing again.
	e.worker(WorkerOptions{})
	time.Sleep(100 * time.Millisecond)
	if e.smtp.Count() != 4 {
		t.Fatalf("a restart sent %d messages for 4 mails", e.smtp.Count())
	}
}

func TestStopReturnsAndClosesConnections(t *testing.T) {
	e := newEnv(t, nil)
	e.configure(nil)
	e.enqueue("a@firma.dk", KindService)
	w := e.worker(WorkerOptions{})
	if !e.smtp.WaitFor(1, 10*time.Second) {
		t.Fatal("not delivered")
	}
	done := make(chan struct{})
	go func() { w.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop did not return")
	}
}

// TestOutcomesOfASlowServerAreWrittenAtOnce: against a server that takes
// as long as a real one over a network, each acceptance is recorded before
// the next mail is handed over, so a crash can repeat at most one mail.
func TestOutcomesOfASlowServerAreWrittenAtOnce(t *testing.T) {
	var e *env
	var accepted atomic.Int32
	var lagging atomic.Int32
	e = newEnv(t, func(s *mailtest.Server) {
		s.OnData = func([]string, []byte) error {
			c, err := e.outbox.Counts(context.Background())
			if err == nil && c.Sent < int64(accepted.Load()) {
				lagging.Add(1)
			}
			time.Sleep(3 * time.Millisecond)
			accepted.Add(1)
			return nil
		}
	})
	e.configure(nil)
	for i := 0; i < 12; i++ {
		e.enqueue(string(rune('a'+i))+"@firma.dk", KindService)
	}
	e.worker(WorkerOptions{})
	e.eventually("all sent", func() bool { return e.states().Sent == 12 })
	if n := lagging.Load(); n != 0 {
		t.Fatalf("%d times a mail was handed over before the previous acceptance was recorded", n)
	}
}

// TestOneProcessDeliversAnOutbox: a second worker on the same database (a
// desktop app and a server on one data folder) waits while the first
// holds the lock, leaves the first's mail in flight alone, and takes over
// when the first stops.
func TestOneProcessDeliversAnOutbox(t *testing.T) {
	old := lockRetry
	lockRetry = 20 * time.Millisecond
	t.Cleanup(func() { lockRetry = old })
	e := newEnv(t, nil)
	ctx := context.Background()
	first := e.worker(WorkerOptions{}) // no SMTP settings yet: it holds mail back
	inFlight := e.enqueue("anne@firma.dk", KindService)
	e.store.W(ctx).Exec("UPDATE mail_messages SET state = ? WHERE id = ?", StateSending, inFlight.ID)
	second := e.worker(WorkerOptions{})
	time.Sleep(100 * time.Millisecond)
	if got := e.get(inFlight.ID).State; got != StateSending {
		t.Fatalf("the waiting worker touched the first's mail in flight: %s", got)
	}
	e.configure(nil)
	queued := e.enqueue("bo@firma.dk", KindService)
	first.Stop()
	e.eventually("the second worker to take over and send both", func() bool {
		return e.get(inFlight.ID).State == StateSent && e.get(queued.ID).State == StateSent
	})
	if e.smtp.Count() != 2 {
		t.Errorf("the server got %d mails, want 2", e.smtp.Count())
	}
	_ = second
}
