package campaign

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"convene/internal/store"
)

// Scheduler starts scheduled campaigns when their time comes, writes the
// mails of sending campaigns to the outbox (again after a restart, from
// where it stopped), and marks campaigns finished when their last mail
// has gone.
type Scheduler struct {
	svc   *Service
	every time.Duration
	log   *slog.Logger

	kick     chan struct{}
	stopOnce sync.Once
	quit     chan struct{}
	done     chan struct{}
}

// NewScheduler returns the scheduler, looking every interval and whenever
// the service asks.
func NewScheduler(svc *Service, every time.Duration, log *slog.Logger) *Scheduler {
	s := &Scheduler{svc: svc, every: every, log: log, kick: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	svc.wake = func() {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
	return s
}

// Start runs the scheduler until Stop.
func (s *Scheduler) Start(ctx context.Context) {
	go func() {
		defer close(s.done)
		t := time.NewTicker(s.every)
		defer t.Stop()
		for {
			if err := s.svc.Tick(ctx); err != nil {
				s.log.Error("campaign scheduler", "err", err)
			}
			select {
			case <-t.C:
			case <-s.kick:
			case <-s.quit:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
}

// Stop ends the scheduler and waits for a pass in progress.
func (s *Scheduler) Stop() {
	s.stopOnce.Do(func() { close(s.quit) })
	<-s.done
}

// Tick does one pass of the scheduler's work. One process at a time does
// it: with two on a data folder, the second skips while the first ticks.
func (s *Service) Tick(ctx context.Context) error {
	lock, err := s.store.TryLock("campaigns")
	if errors.Is(err, store.ErrHeld) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	now := s.now()
	var due []int64
	if err := s.store.R(ctx).Model(&Campaign{}).Where("status = ? AND send_at <= ?", StatusScheduled, now).Pluck("id", &due).Error; err != nil {
		return err
	}
	for _, id := range due {
		err := s.setStatus(ctx, id, []Status{StatusScheduled}, StatusSending, map[string]any{"started_at": now})
		if err != nil && err != ErrWrongState {
			return err
		}
	}
	var sending []Campaign
	if err := s.store.R(ctx).Where("status = ?", StatusSending).Find(&sending).Error; err != nil {
		return err
	}
	for _, c := range sending {
		if c.QueuedAt == nil {
			if err := s.Queue(ctx, c.ID); err != nil {
				return err
			}
			continue
		}
		counts, err := s.outbox.GroupCounts(ctx, c.group())
		if err != nil {
			return err
		}
		if counts.Queued+counts.Sending+counts.Held == 0 {
			if err := s.setStatus(ctx, c.ID, []Status{StatusSending}, StatusFinished, map[string]any{"finished_at": now}); err != nil && err != ErrWrongState {
				return err
			}
		}
	}
	return nil
}
