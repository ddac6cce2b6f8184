package mail

import (
	"context"
	"log/slog"
	"time"

	"convene/internal/store"
)

// recorder writes delivery outcomes beside the sending, so the SMTP
// conversation of the next message overlaps the database write of the
// last. Outcomes waiting in its short queue are written together in one
// transaction. Until an outcome is written its message stays "sending",
// which is what a restart requeues: the queue's length bounds how many
// accepted messages a crash can cause to be sent twice.
type recorder struct {
	store *store.Store
	log   *slog.Logger
	ch    chan outcomeUpdate
	done  chan struct{}
}

// outcomeUpdate is the new state of a message after an attempt.
type outcomeUpdate struct {
	id            int64
	state         State
	attempts      int
	reply         string
	nextAttemptAt time.Time
	updatedAt     time.Time
	fromName      string
	fromAddress   string
	sentAt        *time.Time
}

// updateOutcome writes an outcomeUpdate; it is the worker's hot path, so
// it is one fixed statement rather than a built one.
const updateOutcome = `UPDATE mail_messages SET state = ?, attempts = ?, last_reply = ?, next_attempt_at = ?,
	updated_at = ?, from_name = ?, from_address = ?, sent_at = coalesce(?, sent_at) WHERE id = ?`

// recorderQueue is how many outcomes may wait to be written.
const recorderQueue = 16

func newRecorder(st *store.Store, log *slog.Logger) *recorder {
	r := &recorder{store: st, log: log, ch: make(chan outcomeUpdate, recorderQueue), done: make(chan struct{})}
	go r.run()
	return r
}

func (r *recorder) put(u outcomeUpdate) { r.ch <- u }

// close writes what is queued and stops.
func (r *recorder) close() {
	close(r.ch)
	<-r.done
}

func (r *recorder) run() {
	defer close(r.done)
	// Outcomes are written even while the worker is stopping.
	ctx := context.Background()
	batch := make([]outcomeUpdate, 0, recorderQueue)
	for first := range r.ch {
		batch = append(batch[:0], first)
	drain:
		for len(batch) < cap(batch) {
			select {
			case u, ok := <-r.ch:
				if !ok {
					break drain
				}
				batch = append(batch, u)
			default:
				break drain
			}
		}
		if err := r.write(ctx, batch); err != nil {
			// The messages stay "sending"; the next start queues them again.
			r.log.Error("record mail outcomes", "count", len(batch), "err", err)
		}
	}
}

// write applies a group of outcomes in one transaction with one prepared
// statement: this is the worker's hot path, and preparing the statement
// once per group rather than once per row halves its cost.
func (r *recorder) write(ctx context.Context, batch []outcomeUpdate) error {
	db, err := r.store.SQLDB()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, updateOutcome)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, u := range batch {
		if _, err := stmt.ExecContext(ctx, u.state, u.attempts, u.reply, u.nextAttemptAt, u.updatedAt,
			u.fromName, u.fromAddress, u.sentAt, u.id); err != nil {
			return err
		}
	}
	return tx.Commit()
}
