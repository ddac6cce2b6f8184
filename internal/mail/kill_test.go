package mail

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"convene/internal/i18n"
	"convene/internal/mail/mailtest"
	"convene/internal/setting"
	"convene/internal/store"
)

// TestKilledWorkerResumes queues mail, lets a worker in a child process
// deliver part of it, kills the child with SIGKILL mid-batch, and resumes
// with a new worker on the same database: every mail arrives, and only
// mails the dead worker had in flight (claimed, outcome not yet written)
// may arrive twice.
func TestKilledWorkerResumes(t *testing.T) {
	if path := os.Getenv("CONVENE_MAIL_CHILD_DB"); path != "" {
		mailChild(path)
		return
	}
	srv, err := mailtest.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "convene.db")
	ctx := context.Background()
	st, outbox, settings := openMail(t, path)
	if _, err := settings.Save(ctx, SettingsInput{Host: srv.Host, Port: srv.Port, TLS: TLSNone, FromAddress: "erhverv@balk.dk"}, "test"); err != nil {
		t.Fatal(err)
	}
	const total = 300
	err = st.Tx(ctx, func(ctx context.Context) error {
		for i := 0; i < total; i++ {
			if _, err := outbox.Enqueue(ctx, Draft{Kind: KindService, Template: "test", ToAddress: fmt.Sprintf("r%d@firma.dk", i), Data: TestData{}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWorkerResumes$")
	cmd.Env = append(os.Environ(), "CONVENE_MAIL_CHILD_DB="+path)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if !srv.WaitFor(total/3, 20*time.Second) {
		cmd.Process.Kill()
		t.Fatalf("the child delivered only %d", srv.Count())
	}
	cmd.Process.Kill()
	cmd.Wait()
	atKill := srv.Count()
	if atKill >= total {
		t.Fatalf("the child finished before the kill (%d): nothing was tested", atKill)
	}

	st, outbox, _ = openMail(t, path)
	defer st.Close()
	// What the dead worker had claimed: only these may arrive twice.
	var inFlight []string
	if err := st.R(ctx).Model(&Message{}).Where("state = ?", StateSending).Pluck("message_id", &inFlight).Error; err != nil {
		t.Fatal(err)
	}
	claimed := map[string]bool{}
	for _, id := range inFlight {
		claimed[id] = true
	}
	w := NewWorker(outbox, WorkerOptions{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := w.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if !srv.WaitFor(total, 20*time.Second) {
		t.Fatalf("after the restart %d of %d arrived", srv.Count(), total)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, _ := outbox.Counts(ctx)
		if c.Of(StateSent) == total {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("counts %v", c)
		}
		time.Sleep(10 * time.Millisecond)
	}
	seen := map[string]int{}
	for _, r := range srv.Messages() {
		m, err := mail.ReadMessage(bytes.NewReader(r.Data))
		if err != nil {
			t.Fatal(err)
		}
		seen[m.Header.Get("Message-Id")]++
	}
	dups := srv.Count() - len(seen)
	if len(seen) != total {
		t.Fatalf("%d distinct of %d arrived", len(seen), total)
	}
	for id, n := range seen {
		if n > 1 && !claimed[id] {
			t.Errorf("%s arrived %d times but was not in flight at the kill", id, n)
		}
	}
	// Against this local server, which answers faster than a database
	// write, outcomes are written in groups (see recorder).
	if dups > groupSize {
		t.Errorf("%d duplicates: more than one group of unwritten outcomes", dups)
	}
	t.Logf("killed after %d deliveries with %d in flight; %d duplicate(s)", atKill, len(inFlight), dups)
}

func openMail(t *testing.T, path string) (*store.Store, *Outbox, *Settings) {
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	org := setting.NewService(st)
	r, err := NewRenderer(i18n.MustLoad(), org)
	if err != nil {
		t.Fatal(err)
	}
	outbox := NewOutbox(st, r)
	return st, outbox, NewSettings(st, outbox)
}

// mailChild delivers the outbox until it is killed.
func mailChild(path string) {
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r, _ := NewRenderer(i18n.MustLoad(), setting.NewService(st))
	w := NewWorker(NewOutbox(st, r), WorkerOptions{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := w.Start(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	time.Sleep(time.Minute)
	os.Exit(3)
}
