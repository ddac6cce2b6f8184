package mail

import (
	"context"
	"io"
	"log/slog"
	"sort"
	"sync"
	"testing"
	"time"

	"convene/internal/i18n"
	"convene/internal/mail/mailtest"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/store/storetest"
)

// fakeClock moves only when a test says so.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock and fires the timers that fell due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var keep []fakeTimer
	for _, t := range c.timers {
		if !t.at.After(c.now) {
			t.ch <- c.now
		} else {
			keep = append(keep, t)
		}
	}
	c.timers = keep
	c.mu.Unlock()
}

// waiting reports how many timers are pending: a sign the worker is idle.
func (c *fakeClock) waiting() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

type env struct {
	t        *testing.T
	store    *store.Store
	org      *setting.Service
	outbox   *Outbox
	settings *Settings
	smtp     *mailtest.Server
	clock    *fakeClock
}

func newEnv(t *testing.T, configure func(*mailtest.Server)) *env {
	t.Helper()
	st := storetest.New(t)
	org := setting.NewService(st)
	r, err := NewRenderer(i18n.MustLoad(), org)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, store: st, org: org, outbox: NewOutbox(st, r), clock: newFakeClock()}
	e.outbox.now = e.clock.Now
	e.settings = NewSettings(st, e.outbox)
	e.settings.now = e.clock.Now
	srv, err := mailtest.Start(configure)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e.smtp = srv
	return e
}

// configure points the SMTP settings at the test server.
func (e *env) configure(edit func(*SettingsInput)) {
	e.t.Helper()
	in := SettingsInput{Host: e.smtp.Host, Port: e.smtp.Port, TLS: TLSNone, FromName: "Erhvervsafdelingen",
		FromAddress: "erhverv@balk.dk", RatePerMinute: 0, DailyCap: 0}
	if edit != nil {
		edit(&in)
	}
	if _, err := e.settings.Save(context.Background(), in, "test"); err != nil {
		e.t.Fatalf("save smtp settings: %v", err)
	}
}

func (e *env) worker(opts WorkerOptions) *Worker {
	e.t.Helper()
	if opts.Clock == nil {
		opts.Clock = e.clock
	}
	opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	w := NewWorker(e.outbox, opts)
	if err := w.Start(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(w.Stop)
	return w
}

func (e *env) enqueue(to string, kind Kind) Message {
	e.t.Helper()
	m, err := e.outbox.Enqueue(context.Background(), Draft{Kind: kind, Template: "test", ToName: "Test Person", ToAddress: to,
		Data: TestData{Host: "smtp.test", SentAt: e.clock.Now()}})
	if err != nil {
		e.t.Fatalf("enqueue to %s: %v", to, err)
	}
	return m
}

func (e *env) get(id int64) Message {
	e.t.Helper()
	m, err := e.outbox.Get(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

// eventually polls cond until it holds or 10 seconds pass.
func (e *env) eventually(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until the worker is idle on the fake clock.
func (e *env) settle() {
	e.t.Helper()
	e.eventually("the worker to wait", func() bool { return e.clock.waiting() > 0 })
	time.Sleep(20 * time.Millisecond)
}

func (e *env) states() Counts {
	c, err := e.outbox.Counts(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func recipients(rs []mailtest.Received) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.To...)
	}
	sort.Strings(out)
	return out
}
