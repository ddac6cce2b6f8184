package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
)

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path    string    `json:"path"`
	Name    string    `json:"name"`
	Size    int64     `json:"size"`
	TakenAt time.Time `json:"takenAt"`
}

// ErrBackupExists is returned when the backup's target file already exists.
var ErrBackupExists = errors.New("backup target exists")

// Backup writes a consistent copy of the live database to dest with VACUUM
// INTO, checks the copy, and only then moves it into place. Writers wait for
// the copy; readers do not.
func (s *Store) Backup(ctx context.Context, dest string) (BackupInfo, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return BackupInfo{}, err
	}
	if _, err := os.Stat(dest); err == nil {
		return BackupInfo{}, fmt.Errorf("backup to %s: %w", dest, ErrBackupExists)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return BackupInfo{}, fmt.Errorf("backup to %s: %w", dest, err)
	}
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	tmp := dest + ".partial-" + hex.EncodeToString(suffix)
	if err := s.write.WithContext(ctx).Exec("VACUUM INTO ?", tmp).Error; err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("backup to %s: %w", dest, err)
	}
	if err := Verify(tmp); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("backup to %s: copy failed its check: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("backup to %s: %w", dest, err)
	}
	fi, err := os.Stat(dest)
	if err != nil {
		return BackupInfo{}, err
	}
	return BackupInfo{Path: dest, Name: filepath.Base(dest), Size: fi.Size(), TakenAt: fi.ModTime().UTC()}, nil
}

// BackupToDir writes a backup named by the current time into dir.
func (s *Store) BackupToDir(ctx context.Context, dir string, now time.Time) (BackupInfo, error) {
	name := "convene-" + now.UTC().Format("20060102-150405") + ".db"
	return s.Backup(ctx, filepath.Join(dir, name))
}

// ListBackups returns the backups in dir, newest first.
func ListBackups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return []BackupInfo{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := []BackupInfo{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasPrefix(e.Name(), "convene-") || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, e.Name()), Name: e.Name(), Size: fi.Size(), TakenAt: fi.ModTime().UTC()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name > out[j].Name })
	return out, nil
}

// Verify checks that path is an intact Convene database: the SQLite header,
// the application id, and PRAGMA quick_check (inspect runs all three).
func Verify(path string) error {
	state, err := inspect(path)
	if err != nil {
		return err
	}
	if state != fileConvene {
		return &OpenError{Kind: ErrForeign, Path: path}
	}
	return nil
}

func quickCheck(path string) error {
	sqlDB, err := openPlain(path)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	var result string
	if err := sqlDB.QueryRow("PRAGMA quick_check").Scan(&result); err != nil {
		return &OpenError{Kind: ErrCorrupt, Path: path, Err: err}
	}
	if result != "ok" {
		return &OpenError{Kind: ErrCorrupt, Path: path, Err: errors.New(result)}
	}
	return nil
}

// AutoPrefix names the backups taken on a schedule; only they are pruned.
const AutoPrefix = "convene-auto-"

// AutoBackup takes a scheduled backup into dir and keeps the newest keep
// of them; backups taken by hand are never removed.
func (s *Store) AutoBackup(ctx context.Context, dir string, keep int, now time.Time) (BackupInfo, error) {
	info, err := s.Backup(ctx, filepath.Join(dir, AutoPrefix+now.UTC().Format("20060102-150405")+".db"))
	if err != nil {
		return BackupInfo{}, err
	}
	all, err := ListBackups(dir)
	if err != nil {
		return info, err
	}
	kept := 0
	for _, b := range all { // newest first
		if !strings.HasPrefix(b.Name, AutoPrefix) {
			continue
		}
		kept++
		if kept > keep {
			if err := os.Remove(b.Path); err != nil {
				return info, err
			}
		}
	}
	return info, nil
}

// LastAutoBackup is when the newest scheduled backup in dir was taken, or
// the zero time.
func LastAutoBackup(dir string) time.Time {
	all, _ := ListBackups(dir)
	for _, b := range all {
		if stamp, ok := strings.CutPrefix(b.Name, AutoPrefix); ok {
			// The name holds when it was taken; the file's time may have
			// been changed by copying.
			if t, err := time.Parse("20060102-150405", strings.TrimSuffix(stamp, ".db")); err == nil {
				return t
			}
			return b.TakenAt
		}
	}
	return time.Time{}
}

// ErrInUse is returned by Restore while a process has the database open.
var ErrInUse = errors.New("the database is in use: close the Convene desktop app and stop any 'convene serve' on this data folder, then restore again")

// release folds the database's write-ahead log into its main file and
// leaves WAL mode. SQLite allows that only when no connection in any
// process has the database open, so a running Convene makes it fail at
// once (ErrInUse); locks die with their process, so a crashed one does
// not. A database too damaged to open is left to be replaced.
func release(path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open(sqlite.DriverName, "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	err = db.QueryRow("PRAGMA journal_mode=DELETE").Scan(&mode)
	if err != nil && !strings.Contains(err.Error(), "locked") && !strings.Contains(err.Error(), "busy") {
		return nil
	}
	if err != nil || mode != "delete" {
		return ErrInUse
	}
	return nil
}

// Restore replaces the database at dbPath with the backup at from, after
// checking that the backup is an intact Convene database and that no
// process has the database open (ErrInUse). The database it replaces, its
// log folded in, is kept beside it as dbPath + ".before-restore".
func Restore(from, dbPath string) error {
	if err := Verify(from); err != nil {
		return err
	}
	if err := release(dbPath); err != nil {
		return err
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	tmp := dbPath + ".restoring"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	if err := Verify(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if _, err := os.Stat(dbPath); err == nil {
		if err := os.Rename(dbPath, dbPath+".before-restore"); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(tmp, dbPath)
}
