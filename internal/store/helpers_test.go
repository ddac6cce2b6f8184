package store

import (
	"database/sql"
	"time"

	"github.com/glebarez/sqlite"
)

func openPlainRW(path string) (*sql.DB, error) {
	return sql.Open(sqlite.DriverName, "file:"+path)
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
