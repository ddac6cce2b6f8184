package store

import (
	"fmt"

	"gorm.io/gorm"
)

// migrations lists every schema step in order. Never edit a released step:
// add a new one.
func migrations() []Migration {
	return []Migration{
		{Version: 1, Name: "foundation: settings, users, sessions", Up: v1Foundation},
	}
}

func v1Foundation(tx *gorm.DB) error {
	return execAll(tx,
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		`CREATE TABLE settings (
			key TEXT PRIMARY KEY,
			value TEXT NOT NULL,
			updated_at DATETIME NOT NULL,
			updated_by TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE TABLE users (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			email TEXT NOT NULL UNIQUE COLLATE NOCASE,
			name TEXT NOT NULL DEFAULT '',
			role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
			password_hash TEXT NOT NULL,
			disabled INTEGER NOT NULL DEFAULT 0,
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
		`CREATE TABLE sessions (
			id TEXT PRIMARY KEY,
			user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
			csrf_token TEXT NOT NULL,
			created_at DATETIME NOT NULL,
			expires_at DATETIME NOT NULL,
			last_seen_at DATETIME NOT NULL,
			user_agent TEXT NOT NULL DEFAULT '',
			remote_addr TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX sessions_user ON sessions(user_id)`,
		`CREATE INDEX sessions_expires ON sessions(expires_at)`,
	)
}
