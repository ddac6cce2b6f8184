package store

import (
	"bytes"
	"database/sql"
	"errors"
	"io"
	"os"

	"github.com/glebarez/sqlite"
)

type fileState int

const (
	fileAbsent  fileState = iota // no file, or an empty one: initialise
	fileConvene                  // a Convene database
)

var sqliteMagic = []byte("SQLite format 3\x00")

// inspect decides, without writing anything, whether path is absent, a
// Convene database, or something Open must refuse.
func inspect(path string) (fileState, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return fileAbsent, nil
	}
	if err != nil {
		return 0, &OpenError{Kind: ErrDataDir, Path: path, Err: err}
	}
	defer f.Close()
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	if n == 0 && (err == io.EOF) {
		return fileAbsent, nil
	}
	if err != nil || !bytes.Equal(header[:16], sqliteMagic) {
		return 0, &OpenError{Kind: ErrCorrupt, Path: path, Err: errors.New("no SQLite header")}
	}
	// The header may be stale while changes sit in the WAL, so ask SQLite
	// itself, on a connection that cannot write.
	appID, objects, err := probe(path)
	if err != nil {
		return 0, &OpenError{Kind: ErrCorrupt, Path: path, Err: err}
	}
	switch {
	case appID == ApplicationID:
		// A damaged page is found now, with a clear message, rather than
		// by some later query.
		if err := quickCheck(path); err != nil {
			return 0, err
		}
		return fileConvene, nil
	case appID == 0 && objects == 0:
		return fileAbsent, nil
	default:
		return 0, &OpenError{Kind: ErrForeign, Path: path}
	}
}

func probe(path string) (appID int64, objects int64, err error) {
	db, err := openPlain(path)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return 0, 0, err
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&objects); err != nil {
		return 0, 0, err
	}
	return appID, objects, nil
}

// openPlain opens path for reading only, with no pragma that could change
// the file (such as the journal mode).
func openPlain(path string) (*sql.DB, error) {
	db, err := sql.Open(sqlite.DriverName, "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}
