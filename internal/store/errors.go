package store

import (
	"errors"
	"fmt"
)

// Reasons a database cannot be opened. Each has a translation key so the
// command line and the UI can say what to do in the user's language.
var (
	ErrDataDir   = errors.New("data folder is not usable")
	ErrCorrupt   = errors.New("database file is damaged or not a SQLite database")
	ErrForeign   = errors.New("database file belongs to another program")
	ErrNewer     = errors.New("database was written by a newer Convene")
	ErrPending   = errors.New("database needs migrating")
	ErrMigration = errors.New("migration failed")
)

// OpenError says why Open refused a database, and what to do about it.
type OpenError struct {
	Kind    error
	Path    string
	Version int // the database's schema version, where known
	Known   int // the newest version this program knows
	Name    string
	Err     error
}

func (e *OpenError) Error() string {
	switch e.Kind {
	case ErrDataDir:
		return fmt.Sprintf("cannot use data folder %s: %v; choose another with --data or CONVENE_DATA", e.Path, e.Err)
	case ErrCorrupt:
		return fmt.Sprintf("%s is damaged or not a SQLite database (%v); restore a backup with 'convene restore' or choose another --data folder", e.Path, e.Err)
	case ErrForeign:
		return fmt.Sprintf("%s is a SQLite database of another program; Convene leaves it untouched: choose another --data folder", e.Path)
	case ErrNewer:
		return fmt.Sprintf("%s has schema version %d but this Convene knows only up to %d; install the newer Convene or restore a backup", e.Path, e.Version, e.Known)
	case ErrPending:
		return fmt.Sprintf("%s is at schema version %d and this Convene needs %d; run 'convene migrate' (it takes a backup first)", e.Path, e.Version, e.Known)
	case ErrMigration:
		return fmt.Sprintf("migration %d (%s) failed and was rolled back, the database stays at version %d: %v", e.Known, e.Name, e.Version, e.Err)
	}
	return fmt.Sprintf("open %s: %v", e.Path, e.Err)
}

// Unwrap lets errors.Is match both the kind and the cause.
func (e *OpenError) Unwrap() []error { return []error{e.Kind, e.Err} }

// Key is the translation key of the message.
func (e *OpenError) Key() string {
	switch e.Kind {
	case ErrDataDir:
		return "store.data_dir"
	case ErrCorrupt:
		return "store.corrupt"
	case ErrForeign:
		return "store.foreign"
	case ErrNewer:
		return "store.newer"
	case ErrPending:
		return "store.pending"
	case ErrMigration:
		return "store.migration_failed"
	}
	return "error.internal"
}

// Params are the values the translated message names.
func (e *OpenError) Params() map[string]any {
	cause := ""
	if e.Err != nil {
		cause = e.Err.Error()
	}
	return map[string]any{"path": e.Path, "version": e.Version, "known": e.Known, "name": e.Name, "cause": cause}
}
