package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/mail/mailtest"
	"convene/internal/setting"
	"convene/internal/store"
)

const mailCount = 10000

// benchMail delivers 10,000 personalised mails with a small calendar
// attachment through the outbox (every state change persisted) and, as
// the baseline, sends the same messages in a bare go-mail loop over one
// reused connection. Rate limits are off.
func benchMail(ctx context.Context, dir string, r *Report) error {
	st, err := store.Open(ctx, filepath.Join(dir, "mail.db"), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	org := setting.NewService(st)
	renderer, err := mail.NewRenderer(i18n.MustLoad(), org)
	if err != nil {
		return err
	}
	outbox := mail.NewOutbox(st, renderer)
	settings := mail.NewSettings(st, outbox)
	bare, err := mailtest.Start(func(s *mailtest.Server) { s.Discard = true })
	if err != nil {
		return err
	}
	defer bare.Close()
	viaOutbox, err := mailtest.Start(func(s *mailtest.Server) { s.Discard = true })
	if err != nil {
		return err
	}
	defer viaOutbox.Close()
	if _, err := settings.Save(ctx, mail.SettingsInput{Host: viaOutbox.Host, Port: viaOutbox.Port, TLS: mail.TLSNone,
		FromName: "Erhvervsafdelingen", FromAddress: "erhverv@balk.dk"}, "bench"); err != nil {
		return err
	}
	if err := queueMail(ctx, st, outbox); err != nil {
		return err
	}

	// The baseline: the same stored messages, built and sent by go-mail
	// over one connection, with nothing recorded.
	cfg, err := settings.Config(ctx)
	if err != nil {
		return err
	}
	cfg.Port = bare.Port
	t0 := time.Now()
	if err := mail.SendBare(ctx, st, cfg); err != nil {
		return err
	}
	if bare.Count() != mailCount {
		return fmt.Errorf("bare loop delivered %d of %d", bare.Count(), mailCount)
	}
	bareRate := mailCount / time.Since(t0).Seconds()

	w := mail.NewWorker(outbox, mail.WorkerOptions{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	t0 = time.Now()
	if err := w.Start(ctx); err != nil {
		return err
	}
	defer w.Stop()
	// Poll the server's counter coarsely, so waiting does not compete
	// with the worker, then wait for the last states to be recorded.
	for viaOutbox.Count() < mailCount && time.Since(t0) < 10*time.Minute {
		time.Sleep(20 * time.Millisecond)
	}
	for {
		c, err := outbox.Counts(ctx)
		if err != nil {
			return err
		}
		if c.Sent == mailCount {
			break
		}
		if c.Failed > 0 || time.Since(t0) > 10*time.Minute {
			return fmt.Errorf("outbox stalled: %+v", c)
		}
		time.Sleep(5 * time.Millisecond)
	}
	outboxRate := mailCount / time.Since(t0).Seconds()
	if viaOutbox.Count() != mailCount {
		return fmt.Errorf("the outbox delivered %d messages for %d mails", viaOutbox.Count(), mailCount)
	}
	r.Add("mail", "outbox_per_s", outboxRate, "1/s", "10,000 queued mails with an attachment, state persisted per mail")
	r.Add("mail", "bare_per_s", bareRate, "1/s", "baseline: the same messages, bare go-mail loop, one connection")
	r.Add("mail", "ratio", outboxRate/bareRate, "x", "outbox over bare loop (target >= 0.7)")
	r.Add("mail", "peak_mb", peakRSSMB(), "MB", "peak resident memory of the bench process (target < 150)")
	return nil
}

// queueMail enqueues the personalised mails in transactions of 500.
func queueMail(ctx context.Context, st *store.Store, outbox *mail.Outbox) error {
	ics := []byte(strings.Repeat("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convene//bench//DA\r\nEND:VCALENDAR\r\n", 4))
	for start := 0; start < mailCount; start += 500 {
		err := st.Tx(ctx, func(ctx context.Context) error {
			for i := start; i < start+500 && i < mailCount; i++ {
				_, err := outbox.Enqueue(ctx, mail.Draft{
					Kind: mail.KindService, Template: "test", Lang: []string{"da", "en"}[i%2],
					ToName: "Deltager " + strconv.Itoa(i), ToAddress: fmt.Sprintf("deltager%d@firma%d.dk", i, i%50),
					Data:        mail.TestData{Host: "smtp" + strconv.Itoa(i) + ".example.dk", SentAt: time.Now()},
					Attachments: []mail.Attachment{{Filename: "invitation.ics", ContentType: "text/calendar; charset=utf-8", Data: ics}},
				})
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// peakRSSMB reads the process's peak resident set size (VmHWM).
func peakRSSMB() float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
