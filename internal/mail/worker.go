package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"convene/internal/store"

	gomail "github.com/wneessen/go-mail"
)

// WorkerOptions tune the delivery worker; zero values take the defaults.
type WorkerOptions struct {
	// Workers is how many connections deliver in parallel (default 1: a
	// municipal mailbox is better served by one steady connection).
	Workers int
	// Batch is how many due messages a worker claims at a time (default 200; the rate limit keeps it small in practice).
	Batch int
	// MaxAttempts is how many temporary failures a message survives
	// before it fails for good (default 10, about six hours of backoff).
	MaxAttempts int
	// Poll is how often an idle worker looks for retries that fell due
	// (default 30s); new mail wakes it at once.
	Poll time.Duration
	// IdleClose closes a connection unused this long (default 60s), before
	// the server drops it.
	IdleClose time.Duration
	Clock     Clock
	Log       *slog.Logger
}

// Worker delivers the outbox.
type Worker struct {
	outbox  *Outbox
	store   *store.Store
	opts    WorkerOptions
	limiter *limiter

	mu     sync.Mutex
	wakeCh chan struct{}
	// cfg is the last loaded configuration; a wake-up (as after saving
	// the settings) or age makes the next look reload it.
	cfg       Config
	cfgLoaded time.Time
	cfgStale  bool
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	lock      *store.Lock
}

// NewWorker returns a worker for outbox; Start runs it.
func NewWorker(outbox *Outbox, opts WorkerOptions) *Worker {
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.Batch <= 0 {
		opts.Batch = 200
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 10
	}
	if opts.Poll <= 0 {
		opts.Poll = 30 * time.Second
	}
	if opts.IdleClose <= 0 {
		opts.IdleClose = time.Minute
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	w := &Worker{outbox: outbox, store: outbox.store, opts: opts, limiter: newLimiter(opts.Clock), wakeCh: make(chan struct{})}
	outbox.OnQueued(w.Wake)
	return w
}

// Wake tells every idle worker goroutine to look at the outbox now.
func (w *Worker) Wake() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cfgStale = true
	close(w.wakeCh)
	w.wakeCh = make(chan struct{})
}

func (w *Worker) waitCh() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.wakeCh
}

// Start resumes after a crash and starts delivering.
//
// Messages left in state "sending" were claimed by a process that died.
// Each is marked "sending" before its SMTP transaction and "sent" right
// after the server accepts it (through the recorder's short queue), so
// only a message whose acceptance and the recording of it were cut apart
// by the crash can be sent twice: SMTP has no way to ask a server whether
// it accepted a message. Such a message keeps its Message-ID, so a
// duplicate is recognisable. Queued messages were never handed over and
// are never sent twice; claimed ones not yet sent go back to the queue.
//
// Only one process delivers an outbox: the worker takes the database's
// "mail" lock first. Without it (a desktop app and a server on one data
// folder), it waits and takes over when the other stops or dies; it never
// queues again what the other has in flight.
func (w *Worker) Start(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	w.cancel = cancel
	lock, err := w.store.TryLock("mail")
	if err == nil {
		return w.begin(ctx, lock)
	}
	if !errors.Is(err, store.ErrHeld) {
		cancel()
		return err
	}
	w.opts.Log.Info("another Convene delivers this outbox; this one takes over when it stops")
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(lockRetry):
			}
			lock, err := w.store.TryLock("mail")
			if errors.Is(err, store.ErrHeld) {
				continue
			}
			if err == nil {
				w.opts.Log.Info("the other Convene has stopped: this one now delivers the outbox")
				err = w.begin(ctx, lock)
			}
			if err != nil {
				w.opts.Log.Error("mail worker", "err", err)
			}
			return
		}
	}()
	return nil
}

// lockRetry is how often a waiting worker tries for the lock.
var lockRetry = 5 * time.Second

// begin starts delivering, holding the lock until Stop.
func (w *Worker) begin(ctx context.Context, lock *store.Lock) error {
	n, err := w.requeueInFlight(ctx)
	if err == nil && n > 0 {
		w.opts.Log.Warn("mail in flight at the last stop is queued again", "count", n)
	}
	if err == nil {
		err = w.seedLimiter(ctx)
	}
	if err != nil {
		lock.Close()
		return err
	}
	w.mu.Lock()
	w.lock = lock
	w.mu.Unlock()
	for i := 0; i < w.opts.Workers; i++ {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			w.loop(ctx)
		}()
	}
	return nil
}

// Stop ends delivery: messages being sent finish or go back to the queue,
// every connection is closed, and the lock is given up.
func (w *Worker) Stop() {
	if w.cancel != nil {
		w.cancel()
	}
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lock != nil {
		w.lock.Close()
		w.lock = nil
	}
}

func (w *Worker) requeueInFlight(ctx context.Context) (int64, error) {
	res := w.store.W(ctx).Model(&Message{}).Where("state = ?", StateSending).
		Updates(map[string]any{"state": StateQueued, "updated_at": w.opts.Clock.Now()})
	return res.RowsAffected, res.Error
}

func (w *Worker) seedLimiter(ctx context.Context) error {
	// Loading the settings sets the limiter's time zone.
	if _, err := w.config(ctx); err != nil {
		return err
	}
	now := w.opts.Clock.Now()
	local := now.In(w.limiter.loc)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, w.limiter.loc)
	var today int64
	if err := w.store.R(ctx).Model(&Message{}).Where("sent_at >= ?", midnight.UTC()).Count(&today).Error; err != nil {
		return err
	}
	var recent []time.Time
	if err := w.store.R(ctx).Model(&Message{}).Where("sent_at > ?", now.Add(-time.Minute)).
		Order("sent_at").Pluck("sent_at", &recent).Error; err != nil {
		return err
	}
	w.limiter.seed(recent, int(today))
	return nil
}

// configTTL is how long a loaded configuration is trusted without a
// wake-up; saving the settings wakes the worker.
const configTTL = 5 * time.Second

// cachedConfig returns the configuration, reloading it when stale.
func (w *Worker) cachedConfig(ctx context.Context) (Config, error) {
	w.mu.Lock()
	fresh := !w.cfgStale && w.opts.Clock.Now().Sub(w.cfgLoaded) < configTTL
	cfg := w.cfg
	w.mu.Unlock()
	if fresh {
		return cfg, nil
	}
	cfg, err := w.config(ctx)
	if err != nil {
		return Config{}, err
	}
	w.mu.Lock()
	w.cfg, w.cfgLoaded, w.cfgStale = cfg, w.opts.Clock.Now(), false
	w.mu.Unlock()
	return cfg, nil
}

// config loads the SMTP settings and applies their limits.
func (w *Worker) config(ctx context.Context) (Config, error) {
	cfg, err := loadConfig(ctx, w.store)
	if err != nil {
		return Config{}, err
	}
	loc := time.UTC
	if org, err := w.outbox.renderer.settings.Get(ctx); err == nil {
		loc = org.Location()
	}
	w.limiter.configure(cfg.RatePerMinute, cfg.DailyCap, loc)
	return cfg, nil
}

// sleep waits for d, a wake-up or the end; it reports false at the end.
func (w *Worker) sleep(ctx context.Context, wake <-chan struct{}, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-wake:
	case <-w.opts.Clock.After(d):
	}
	return true
}

// conn is one worker's reusable SMTP connection.
type conn struct {
	client   *gomail.Client
	cfg      Config
	lastUsed time.Time
}

func (c *conn) close() {
	if c != nil && c.client != nil {
		_ = c.client.Close()
	}
}

func (w *Worker) loop(ctx context.Context) {
	var cn *conn
	rec, err := newRecorder(w.store, w.opts.Log)
	if err != nil {
		w.opts.Log.Error("mail worker cannot start", "err", err)
		return
	}
	defer func() {
		cn.close()
		rec.close()
	}()
	connFailures := 0
	for ctx.Err() == nil {
		wake := w.waitCh()
		cfg, err := w.cachedConfig(ctx)
		if err != nil {
			w.opts.Log.Error("load smtp settings", "err", err)
			w.sleep(ctx, wake, w.opts.Poll)
			continue
		}
		if !cfg.Configured() {
			cn.close()
			cn = nil
			if n, err := w.outbox.holdQueued(ctx); err != nil {
				w.opts.Log.Error("hold mail", "err", err)
			} else if n > 0 {
				w.opts.Log.Info("no SMTP server configured: mail held", "count", n)
			}
			w.sleep(ctx, wake, w.opts.Poll)
			continue
		}
		if cn != nil && (cn.cfg != cfg || w.opts.Clock.Now().Sub(cn.lastUsed) > w.opts.IdleClose) {
			cn.close() // settings changed, or the server would have dropped it
			cn = nil
		}
		n := w.limiter.available(w.opts.Batch)
		if n == 0 {
			w.sleep(ctx, wake, w.limiter.waitTime())
			continue
		}
		msgs, err := w.claim(ctx, n)
		if err != nil {
			w.opts.Log.Error("claim mail", "err", err)
			w.sleep(ctx, wake, w.opts.Poll)
			continue
		}
		if len(msgs) == 0 {
			w.sleep(ctx, wake, w.untilNextDue(ctx))
			continue
		}
		cn, connFailures = w.deliver(ctx, rec, cn, cfg, msgs, connFailures)
		rec.flush()
		if connFailures > 0 {
			w.sleep(ctx, wake, backoff(connFailures, 5*time.Second, 5*time.Minute))
		}
	}
}

// deliver sends claimed messages over the worker's connection, recording
// each outcome as it happens. When the connection fails, the message in
// hand is retried and the rest go back to the queue untouched.
func (w *Worker) deliver(ctx context.Context, rec *recorder, cn *conn, cfg Config, msgs []Message, connFailures int) (*conn, int) {
	for i := range msgs {
		m := &msgs[i]
		if ctx.Err() != nil {
			w.release(msgs[i:])
			return cn, connFailures
		}
		if m.Kind == KindMarketing {
			if s, err := w.outbox.Suppressed(ctx, m.ToAddress); err == nil && s {
				w.record(rec, m, StateCancelled, "suppressed: not sent", nil, cfg, fastReply)
				continue
			}
		}
		if ok, _ := w.limiter.take(); !ok {
			w.release(msgs[i:])
			return cn, connFailures
		}
		if cn == nil {
			client, err := dial(ctx, cfg, nil)
			if err != nil {
				connFailures++
				w.opts.Log.Warn("smtp connection failed", "host", cfg.Host, "err", err, "failures", connFailures)
				w.retryLater(rec, m, oneLine(err.Error()), backoff(connFailures, 5*time.Second, 5*time.Minute), cfg, fastReply)
				w.release(msgs[i+1:])
				return nil, connFailures
			}
			cn = &conn{client: client, cfg: cfg}
		}
		now := w.opts.Clock.Now()
		msg, err := buildMsg(m, cfg, now)
		if err != nil {
			w.record(rec, m, StateFailed, "cannot build message: "+oneLine(err.Error()), nil, cfg, fastReply)
			continue
		}
		started := time.Now() // real time: how long the server takes, not the worker's clock
		sendErr := cn.client.Send(msg)
		took := time.Since(started)
		cn.lastUsed = now
		out, code, suppress, reply := classify(sendErr)
		switch out {
		case accepted:
			connFailures = 0
			w.record(rec, m, StateSent, acceptedReply(msg), &now, cfg, took)
		case temporary:
			w.retryLater(rec, m, reply, backoff(m.Attempts+1, time.Minute, 2*time.Hour), cfg, took)
		case permanent:
			w.record(rec, m, StateFailed, reply, nil, cfg, took)
			if suppress {
				if err := w.outbox.Suppress(ctx, m.ToAddress, "bounced", fmt.Sprintf("%d: %s", code, reply)); err != nil {
					w.opts.Log.Error("suppress address", "err", err)
				}
			}
		case connLost:
			connFailures++
			w.opts.Log.Warn("smtp connection lost", "host", cfg.Host, "err", sendErr)
			cn.close()
			w.retryLater(rec, m, reply, 0, cfg, fastReply)
			w.release(msgs[i+1:])
			return nil, connFailures
		}
	}
	return cn, connFailures
}

// backoff doubles from base with each attempt, up to max.
func backoff(attempt int, base, max time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d
}

// claimDue marks up to n due messages as sending in one statement. The
// literal state lets SQLite use the partial index of due mail.
const claimDue = `UPDATE mail_messages SET state = 'sending', updated_at = ?
	WHERE id IN (SELECT id FROM mail_messages WHERE state = 'queued' AND next_attempt_at <= ?
		ORDER BY next_attempt_at, id LIMIT ?)
	RETURNING id`

// claim marks up to n due messages as sending and loads what sending
// them needs, in one write transaction.
func (w *Worker) claim(ctx context.Context, n int) ([]Message, error) {
	var msgs []Message
	err := w.store.Tx(ctx, func(ctx context.Context) error {
		now := w.opts.Clock.Now()
		var ids []int64
		if err := w.store.W(ctx).Raw(claimDue, now, now, n).Scan(&ids).Error; err != nil || len(ids) == 0 {
			return err
		}
		var err error
		msgs, err = loadForSending(w.store.W(ctx), ids)
		return err
	})
	return msgs, err
}

// untilNextDue is how long until the next queued message falls due.
func (w *Worker) untilNextDue(ctx context.Context) time.Duration {
	var next []time.Time
	// The literal state lets SQLite use the partial index of due mail.
	err := w.store.R(ctx).Model(&Message{}).Where("state = 'queued'").
		Order("next_attempt_at").Limit(1).Pluck("next_attempt_at", &next).Error
	if err != nil || len(next) == 0 {
		return w.opts.Poll
	}
	d := next[0].Sub(w.opts.Clock.Now())
	switch {
	case d < 0:
		return 0
	case d > w.opts.Poll:
		return w.opts.Poll
	}
	return d
}

// record queues the outcome of an attempt for the recorder.
func (w *Worker) record(rec *recorder, m *Message, state State, reply string, sentAt *time.Time, cfg Config, took time.Duration) {
	now := w.opts.Clock.Now()
	rec.put(outcomeUpdate{id: m.ID, state: state, attempts: m.Attempts + 1, reply: truncate(reply, 1000),
		updatedAt: now, fromName: cfg.FromName, fromAddress: cfg.FromAddress, sentAt: sentAt}, took)
}

// retryLater queues a message for another attempt after d, or fails it
// when it is out of attempts.
func (w *Worker) retryLater(rec *recorder, m *Message, reply string, d time.Duration, cfg Config, took time.Duration) {
	if m.Attempts+1 >= w.opts.MaxAttempts {
		w.record(rec, m, StateFailed, reply, nil, cfg, took)
		return
	}
	now := w.opts.Clock.Now()
	next := now.Add(d)
	rec.put(outcomeUpdate{id: m.ID, state: StateQueued, attempts: m.Attempts + 1, reply: truncate(reply, 1000),
		nextAttemptAt: &next, updatedAt: now}, took)
}

// release puts claimed, unattempted messages back in the queue as they were.
func (w *Worker) release(msgs []Message) {
	if len(msgs) == 0 {
		return
	}
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	// A stopping worker's context is done; the release must still happen.
	ctx := context.WithoutCancel(context.Background())
	if err := w.store.W(ctx).Model(&Message{}).Where("id IN ? AND state = ?", ids, StateSending).
		Updates(map[string]any{"state": StateQueued}).Error; err != nil {
		w.opts.Log.Error("release mail", "err", err)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
