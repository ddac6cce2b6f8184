package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
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
