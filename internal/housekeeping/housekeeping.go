// Package housekeeping keeps the data healthy on a schedule: it takes the
// automatic backups and anonymises registrations past their retention.
package housekeeping

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"convene/internal/audit"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store"
)

// Keeper runs the housekeeping until stopped.
type Keeper struct {
	store     *store.Store
	settings  *setting.Service
	regs      *registration.Service
	backupDir string
	every     time.Duration
	log       *slog.Logger
	now       func() time.Time

	lastRetention time.Time
	stopOnce      sync.Once
	quit, done    chan struct{}
}

// New returns a keeper that looks every interval whether work is due.
func New(st *store.Store, settings *setting.Service, regs *registration.Service, backupDir string, every time.Duration, log *slog.Logger) *Keeper {
	return &Keeper{store: st, settings: settings, regs: regs, backupDir: backupDir, every: every, log: log,
		now: func() time.Time { return time.Now().UTC() }, quit: make(chan struct{}), done: make(chan struct{})}
}

// RunOnce does what is due now: a backup when the last automatic one is
// older than the setting's interval, and the retention run once a day.
// One process at a time does it: with two on a data folder, the second
// skips while the first runs and then finds the backup taken.
func (k *Keeper) RunOnce(ctx context.Context) error {
	lock, err := k.store.TryLock("housekeeping")
	if errors.Is(err, store.ErrHeld) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	ctx = audit.WithActor(ctx, "system")
	st, err := k.settings.Get(ctx)
	if err != nil {
		return err
	}
	keep, every := st.Backups()
	now := k.now()
	if last := store.LastAutoBackup(k.backupDir); last.IsZero() || now.Sub(last) >= every {
		info, err := k.store.AutoBackup(ctx, k.backupDir, keep, now)
		if err != nil {
			return err
		}
		k.log.Info("automatic backup", "file", info.Name, "bytes", info.Size)
	}
	if now.Sub(k.lastRetention) >= 24*time.Hour {
		p, err := k.regs.Anonymise(ctx, st.Retention())
		if err != nil {
			return err
		}
		k.lastRetention = now
		if p.Registrations > 0 {
			k.log.Info("retention", "registrations", p.Registrations, "events", p.Events)
		}
	}
	return nil
}

// Start runs RunOnce now and then every interval.
func (k *Keeper) Start(ctx context.Context) {
	go func() {
		defer close(k.done)
		t := time.NewTicker(k.every)
		defer t.Stop()
		for {
			if err := k.RunOnce(ctx); err != nil {
				k.log.Error("housekeeping", "err", err)
			}
			select {
			case <-t.C:
			case <-k.quit:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
}

// Stop ends the keeper and waits for a run in progress.
func (k *Keeper) Stop() {
	k.stopOnce.Do(func() { close(k.quit) })
	<-k.done
}
