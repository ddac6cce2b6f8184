package mail

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"time"

	"convene/internal/store"
)

// recorder writes the outcome of each delivery attempt: this is the
// worker's hot path. The driver compiles a statement at every execution,
// so outcomes written together go as one statement, which is atomic by
// itself and needs no transaction around it.
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

// updateOutcomes writes n outcomeUpdates: the values, nine per outcome in
// the order of v's columns, joined to the messages by id.
func updateOutcomes(n int) string {
	values := strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?, ?)", n)[2:]
	return `WITH v(id, state, attempts, reply, next_attempt_at, updated_at, from_name, from_address, sent_at) AS (VALUES ` + values + `)
	UPDATE mail_messages SET state = v.state, attempts = v.attempts, last_reply = v.reply,
		next_attempt_at = coalesce(v.next_attempt_at, mail_messages.next_attempt_at), updated_at = v.updated_at,
		from_name = v.from_name, from_address = v.from_address, sent_at = coalesce(v.sent_at, mail_messages.sent_at)
	FROM v WHERE mail_messages.id = v.id`
}

func newRecorder(st *store.Store, log *slog.Logger) (*recorder, error) {
	db, err := st.SQLDB()
	if err != nil {
		return nil, err
	}
	return &recorder{log: log, db: db}, nil
}

// put records an outcome; took is how long the server took to answer.
func (r *recorder) put(u outcomeUpdate, took time.Duration) {
	r.pending = append(r.pending, u)
	if took >= fastReply || len(r.pending) >= groupSize {
		r.flush()
	}
}

// flush writes the pending outcomes in one statement. They are written
// even while the worker is stopping; if they cannot be, the messages stay
// "sending" and the next start queues them again.
func (r *recorder) flush() {
	if len(r.pending) == 0 {
		return
	}
	args := make([]any, 0, 9*len(r.pending))
	for _, u := range r.pending {
		args = append(args, u.id, u.state, u.attempts, u.reply, u.nextAttemptAt, u.updatedAt, u.fromName, u.fromAddress, u.sentAt)
	}
	_, err := r.db.ExecContext(context.Background(), updateOutcomes(len(r.pending)), args...)
	if err != nil {
		r.log.Error("record mail outcomes", "count", len(r.pending), "err", err)
	}
	r.pending = r.pending[:0]
}

// close writes what is pending.
func (r *recorder) close() { r.flush() }
