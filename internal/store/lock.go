package store

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
)

// ErrHeld is returned by TryLock while another process, or another part
// of this one, holds the lock.
var ErrHeld = errors.New("held by another Convene")

// Lock is a lock held for as long as its process lives or until Close.
type Lock struct{ db *sql.DB }

// TryLock takes the lock called name for this database: a small SQLite
// file beside it, held in exclusive locking mode after one write. The lock
// is the operating system's file lock, so it dies with its process and a
// crashed holder never leaves it taken; on every platform SQLite runs on.
// It is ErrHeld when someone holds it.
func (s *Store) TryLock(name string) (*Lock, error) {
	path := s.path + "." + name + ".lock"
	db, err := sql.Open(sqlite.DriverName, "file:"+path+"?_pragma=busy_timeout(0)&_pragma=locking_mode(EXCLUSIVE)&_pragma=journal_mode(OFF)")
	if err != nil {
		return nil, err
	}
	// One connection, never closed by the pool: it holds the lock.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	host, _ := os.Hostname()
	_, err = db.Exec(`CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, host TEXT, since TEXT)`)
	if err == nil {
		// The write is what takes the exclusive lock, and keeps it.
		_, err = db.Exec(`INSERT OR REPLACE INTO holder VALUES (1, ?, ?, ?)`, os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	}
	if err != nil {
		db.Close()
		if msg := err.Error(); strings.Contains(msg, "locked") || strings.Contains(msg, "busy") {
			return nil, ErrHeld
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{db: db}, nil
}

// Close gives the lock up.
func (l *Lock) Close() error { return l.db.Close() }
