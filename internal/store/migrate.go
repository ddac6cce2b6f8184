package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Migration is one versioned step of the schema. Up runs inside its own
// transaction; its SQL is frozen once released, so a later change is always
// a new migration.
type Migration struct {
	Version int
	Name    string
	Up      func(tx *gorm.DB) error
}

// Latest is the newest schema version this program knows.
func Latest() int {
	ms := migrations()
	return ms[len(ms)-1].Version
}

func appliedVersion(db *gorm.DB) (version int, exists bool, err error) {
	var n int64
	if err := db.Raw("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'").Scan(&n).Error; err != nil {
		return 0, false, err
	}
	if n == 0 {
		return 0, false, nil
	}
	var v *int
	if err := db.Raw("SELECT max(version) FROM schema_migrations").Scan(&v).Error; err != nil {
		return 0, true, err
	}
	if v == nil {
		return 0, true, nil
	}
	return *v, true, nil
}

// ensureSchema checks the database's version against this program's and
// applies what is pending when allowed.
func (s *Store) ensureSchema(ctx context.Context, state fileState, opts Options) error {
	db := s.write.WithContext(ctx)
	current, _, err := appliedVersion(db)
	if err != nil {
		return &OpenError{Kind: ErrCorrupt, Path: s.path, Err: err}
	}
	latest := s.steps[len(s.steps)-1].Version
	switch {
	case current > latest:
		return &OpenError{Kind: ErrNewer, Path: s.path, Version: current, Known: latest}
	case current == latest:
		return nil
	case state == fileConvene && !opts.AllowMigrate:
		return &OpenError{Kind: ErrPending, Path: s.path, Version: current, Known: latest}
	case state == fileConvene && opts.BeforeMigrate != nil:
		if err := opts.BeforeMigrate(ctx, s); err != nil {
			return err
		}
	}
	_, err = s.Migrate(ctx)
	return err
}

// Migrate applies every pending migration, each in its own transaction, and
// returns the versions it applied.
func (s *Store) Migrate(ctx context.Context) ([]int, error) {
	var applied []int
	for _, m := range s.steps {
		done, err := s.migrateOne(ctx, m)
		if err != nil {
			current, _, _ := appliedVersion(s.write.WithContext(ctx))
			return applied, &OpenError{Kind: ErrMigration, Path: s.path, Version: current, Known: m.Version, Name: m.Name, Err: err}
		}
		if done {
			applied = append(applied, m.Version)
		}
	}
	return applied, nil
}

func (s *Store) migrateOne(ctx context.Context, m Migration) (bool, error) {
	ran := false
	err := s.write.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			applied_at DATETIME NOT NULL)`).Error; err != nil {
			return err
		}
		var n int64
		if err := tx.Raw("SELECT count(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if err := m.Up(tx); err != nil {
			return err
		}
		ran = true
		return tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.Version, m.Name, time.Now().UTC()).Error
	})
	return ran, err
}

// execAll runs statements in order; a helper for migrations written as SQL.
func execAll(tx *gorm.DB, stmts ...string) error {
	for i, q := range stmts {
		if err := tx.Exec(q).Error; err != nil {
			return fmt.Errorf("statement %d: %w", i+1, err)
		}
	}
	return nil
}
