package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// ApplicationID marks a SQLite file as a Convene database ("Cnvn"), so a
// foreign database is refused before anything is written to it.
const ApplicationID = 0x436e766e

// Store is an open Convene database: one write connection and a read pool.
type Store struct {
	steps []Migration
	path  string
	write *gorm.DB
	read  *gorm.DB
	// commits counts committed transactions, so caches of what the
	// database holds can tell that it may have changed.
	commits atomic.Uint64
}

// Generation changes whenever a transaction of this process commits.
// Writes made outside Tx, and by other processes, do not change it: caches
// keyed on it also expire by age.
func (s *Store) Generation() uint64 { return s.commits.Load() }

// Options tune Open.
type Options struct {
	// ReadConns is the size of the read pool; 0 means 4.
	ReadConns int
	// AllowMigrate lets Open apply pending migrations to an existing
	// database. A new, empty database is always initialised.
	AllowMigrate bool
	// BeforeMigrate runs before pending migrations are applied to an
	// existing database, e.g. to take a backup; an error stops the upgrade.
	BeforeMigrate func(ctx context.Context, s *Store) error

	// steps replaces the migration list in this package's tests.
	steps []Migration
}

// dsn builds the glebarez DSN: busy_timeout first so every later pragma
// waits for a lock instead of failing, then WAL, synchronous and foreign keys.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// Write transactions take the lock at BEGIN, so two writers never
		// deadlock upgrading a read lock.
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

func openGorm(path string, readOnly bool, conns int) (*gorm.DB, error) {
	db, err := gorm.Open(sqlite.Open(dsn(path, readOnly)), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	sqlDB.SetConnMaxIdleTime(0)
	return db, nil
}

// Open opens (or creates) the database at path, checks that it is a Convene
// database this program can use, and brings its schema up to date when that
// is allowed. It never changes a file it refuses.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, &OpenError{Kind: ErrDataDir, Path: filepath.Dir(path), Err: err}
	}
	state, err := inspect(path)
	if err != nil {
		return nil, err
	}
	// SQLite needs to create its -wal and -shm files beside the database,
	// so a read-only folder is reported as such, not as a damaged file.
	if err := checkWritable(filepath.Dir(path)); err != nil {
		return nil, &OpenError{Kind: ErrDataDir, Path: filepath.Dir(path), Err: err}
	}
	if opts.ReadConns <= 0 {
		opts.ReadConns = 4
	}
	write, err := openGorm(path, false, 1)
	if err != nil {
		return nil, &OpenError{Kind: ErrCorrupt, Path: path, Err: err}
	}
	steps := opts.steps
	if steps == nil {
		steps = migrations()
	}
	s := &Store{path: path, write: write, steps: steps}
	if err := s.ensureSchema(ctx, state, opts); err != nil {
		s.closeWrite()
		return nil, err
	}
	read, err := openGorm(path, true, opts.ReadConns)
	if err != nil {
		s.closeWrite()
		return nil, &OpenError{Kind: ErrCorrupt, Path: path, Err: err}
	}
	s.read = read
	return s, nil
}

func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".convene-write-check-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close checkpoints the WAL and closes every connection.
func (s *Store) Close() error {
	var errs []error
	if s.read != nil {
		if db, err := s.read.DB(); err == nil {
			errs = append(errs, db.Close())
		}
	}
	if s.write != nil {
		// A clean close folds the WAL back into the main file.
		s.write.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		errs = append(errs, s.closeWrite())
	}
	return errors.Join(errs...)
}

func (s *Store) closeWrite() error {
	db, err := s.write.DB()
	if err != nil {
		return err
	}
	return db.Close()
}

// SQLDB returns the write connection's *sql.DB, for health checks.
func (s *Store) SQLDB() (*sql.DB, error) { return s.write.DB() }

// Ping checks that the database answers a read.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.read.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	v, _, err := appliedVersion(s.write.WithContext(ctx))
	return v, err
}

func (s *Store) String() string { return fmt.Sprintf("store(%s)", s.path) }
