package mail

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"convene/internal/store"
)

// recorder writes the outcome of each delivery attempt as soon as it is
// known, with a statement prepared once per worker: this is the worker's
// hot path. Until its outcome is written a message stays "sending", which
// is what a restart queues again, so at most the message whose acceptance
// and recording a crash cut apart can be sent twice.
type recorder struct {
	log  *slog.Logger
	stmt *sql.Stmt
}

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
	return &recorder{log: log, stmt: stmt}, nil
}

// put writes one outcome. It is written even while the worker is
// stopping; if it cannot be, the message stays "sending" and the next
// start queues it again.
func (r *recorder) put(u outcomeUpdate) {
	_, err := r.stmt.ExecContext(context.Background(), u.state, u.attempts, u.reply, u.nextAttemptAt, u.updatedAt,
		u.fromName, u.fromAddress, u.sentAt, u.id)
	if err != nil {
		r.log.Error("record mail outcome", "mail_id", u.id, "state", u.state, "err", err)
	}
}

func (r *recorder) close() { r.stmt.Close() }
