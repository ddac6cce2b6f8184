package registration

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"convene/internal/audit"
	"convene/internal/event"
)

// SendReminders queues the reminder of every published event whose
// reminder time has come (ReminderDays before the start), once per event:
// the event is claimed by one conditional UPDATE in the same transaction
// that queues its mails, so two processes or a crash can neither send it
// twice nor lose it. Registrations made inside the reminder window are
// skipped; their confirmation is fresh. It returns the mails queued.
func (s *Service) SendReminders(ctx context.Context) (int, error) {
	now := s.now()
	var upcoming []event.Event
	err := s.store.R(ctx).Where("status = ? AND reminded_at IS NULL AND reminder_days > 0 AND starts_at > ?", event.StatusPublished, now).
		Find(&upcoming).Error
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, e := range upcoming {
		if now.Before(e.StartsAt.Add(-time.Duration(e.Reminder()) * 24 * time.Hour)) {
			continue
		}
		err := s.store.Tx(ctx, func(ctx context.Context) error {
			db := s.store.W(ctx)
			res := db.Exec("UPDATE events SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL", now, e.ID)
			if res.Error != nil || res.RowsAffected == 0 {
				return res.Error
			}
			windowStart := e.StartsAt.Add(-time.Duration(e.Reminder()) * 24 * time.Hour)
			var regs []Registration
			if err := db.Preload("Attendees").Where("event_id = ? AND status = ? AND created_at < ?", e.ID, StatusConfirmed, windowStart).
				Order("id").Find(&regs).Error; err != nil {
				return err
			}
			for _, r := range regs {
				if err := s.notify(ctx, Notice{Kind: NoticeReminder, Reg: r, Event: e}); err != nil {
					return err
				}
				sent++
			}
			return audit.Log(ctx, db, "event", e.ID, "reminders", map[string]any{"mails": len(regs)})
		})
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// Reminders runs SendReminders on a schedule until stopped.
type Reminders struct {
	svc   *Service
	every time.Duration
	log   *slog.Logger

	stopOnce sync.Once
	quit     chan struct{}
	done     chan struct{}
}

// NewReminders returns the reminder schedule, checking every interval.
func NewReminders(svc *Service, every time.Duration, log *slog.Logger) *Reminders {
	return &Reminders{svc: svc, every: every, log: log, quit: make(chan struct{}), done: make(chan struct{})}
}

// Start checks at once and then every interval.
func (r *Reminders) Start(ctx context.Context) {
	go func() {
		defer close(r.done)
		t := time.NewTicker(r.every)
		defer t.Stop()
		for {
			if n, err := r.svc.SendReminders(ctx); err != nil {
				r.log.Error("send reminders", "err", err)
			} else if n > 0 {
				r.log.Info("reminders queued", "mails", n)
			}
			select {
			case <-t.C:
			case <-r.quit:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
}

// Stop ends the schedule and waits for a check in progress.
func (r *Reminders) Stop() {
	r.stopOnce.Do(func() { close(r.quit) })
	<-r.done
}
