package mail

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"convene/internal/store"
)

// recorder writes the outcome of each delivery attempt, with a statement
// prepared once per worker: this is the worker's hot path.
//
// Until its outcome is written a message stays "sending", which is what a
// restart queues again. An outcome is written at once when the server took
// longer than fastReply to answer, as any real mail server over a network
// does: then a crash can repeat only the one message whose acceptance and
// recording it cut apart. Only against a server that answers faster than a
// database write (a relay on the same machine) are up to groupSize outcomes
// written together, which a crash could repeat; without that, delivery to
// such a relay would be bound by the database rather than the server.
type recorder struct {
	log     *slog.Logger
	db      *sql.DB
	stmt    *sql.Stmt
	pending []outcomeUpdate
}

// The grouping of outcomes: see recorder.
const (
	groupSize = 8
	fastReply = 2 * time.Millisecond
)

// outcomeUpdate is the new state of a message after an attempt.
type outcomeUpdate struct {
	id            int64
	state         State
	attempts      int
	reply         string
	nextAttemptAt *time.Time // nil keeps the stored one
	updatedAt     time.Time
	fromName      string
	fromAddress   string
	sentAt        *time.Time
}

// updateOutcome writes an outcomeUpdate.
const updateOutcome = `UPDATE mail_messages SET state = ?, attempts = ?, last_reply = ?,
	next_attempt_at = coalesce(?, next_attempt_at), updated_at = ?, from_name = ?, from_address = ?,
	sent_at = coalesce(?, sent_at) WHERE id = ?`

func newRecorder(st *store.Store, log *slog.Logger) (*recorder, error) {
	db, err := st.SQLDB()
	if err != nil {
		return nil, err
	}
	stmt, err := db.Prepare(updateOutcome)
	if err != nil {
		return nil, err
	}
	return &recorder{log: log, db: db, stmt: stmt}, nil
}

// put records an outcome; took is how long the server took to answer.
func (r *recorder) put(u outcomeUpdate, took time.Duration) {
	r.pending = append(r.pending, u)
	if took >= fastReply || len(r.pending) >= groupSize {
		r.flush()
	}
}

// flush writes the pending outcomes in one transaction. They are written
// even while the worker is stopping; if they cannot be, the messages stay
// "sending" and the next start queues them again.
func (r *recorder) flush() {
	if len(r.pending) == 0 {
		return
	}
	ctx := context.Background()
	err := func() error {
		tx, err := r.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		stmt := tx.StmtContext(ctx, r.stmt)
		for _, u := range r.pending {
			if _, err := stmt.ExecContext(ctx, u.state, u.attempts, u.reply, u.nextAttemptAt, u.updatedAt,
				u.fromName, u.fromAddress, u.sentAt, u.id); err != nil {
				return err
			}
		}
		return tx.Commit()
	}()
	if err != nil {
		r.log.Error("record mail outcomes", "count", len(r.pending), "err", err)
	}
	r.pending = r.pending[:0]
}

// close writes what is pending and releases the statement.
func (r *recorder) close() {
	r.flush()
	r.stmt.Close()
}
