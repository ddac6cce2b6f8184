package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

func openAt(t *testing.T, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenNewDatabaseAppliesEveryMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "convene.db")
	s := openAt(t, path, Options{})
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v != Latest() {
		t.Fatalf("schema version = %d, %v; want %d", v, err, Latest())
	}
	var mode string
	if err := s.R(context.Background()).Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	s.R(context.Background()).Raw("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Fatalf("foreign_keys = %d, want 1", fk)
	}
	var busy int
	s.R(context.Background()).Raw("PRAGMA busy_timeout").Scan(&busy)
	if busy != 10000 {
		t.Fatalf("busy_timeout = %d, want 10000", busy)
	}
	if err := s.R(context.Background()).Exec("INSERT INTO settings (key, value, updated_at) VALUES ('x', 'y', 0)").Error; err == nil {
		t.Fatal("the read pool accepted a write")
	}
	s.Close()
	s2 := openAt(t, path, Options{})
	if v, _ := s2.SchemaVersion(context.Background()); v != Latest() {
		t.Fatalf("reopened version = %d", v)
	}
}

func TestOpenRefusesWithoutChangingTheFile(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()

	foreign := filepath.Join(dir, "foreign.db")
	{
		s := openAt(t, filepath.Join(dir, "seed.db"), Options{})
		if err := s.W(ctx).Exec("VACUUM INTO ?", foreign).Error; err != nil {
			t.Fatal(err)
		}
		s.Close()
		db, _ := openPlainRW(foreign)
		db.Exec("PRAGMA application_id = 12345")
		db.Close()
	}
	corrupt := filepath.Join(dir, "corrupt.db")
	os.WriteFile(corrupt, []byte("this is not a database at all, just text that is long enough to fill a SQLite header of 100 bytes....."), 0o600)
	damaged := filepath.Join(dir, "damaged.db")
	{
		s := openAt(t, filepath.Join(dir, "seed2.db"), Options{})
		s.W(ctx).Exec("VACUUM INTO ?", damaged)
		s.Close()
		// Convene's own files are in WAL mode, as Open leaves them.
		db, _ := openPlainRW(damaged)
		db.Exec("PRAGMA journal_mode = WAL")
		db.Close()
		b, _ := os.ReadFile(damaged)
		for i := 4096; i < len(b) && i < 4096*3; i++ {
			b[i] = 0xA5
		}
		os.WriteFile(damaged, b, 0o600)
	}

	for _, tc := range []struct {
		name string
		path string
		want error
	}{
		{"foreign", foreign, ErrForeign},
		{"corrupt", corrupt, ErrCorrupt},
		{"damaged", damaged, ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fileHash(t, tc.path)
			_, err := Open(ctx, tc.path, Options{AllowMigrate: true})
			if !errors.Is(err, tc.want) {
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
			if fileHash(t, tc.path) != before {
				t.Fatal("Open changed a file it refused")
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "convene.db")
	s := openAt(t, path, Options{})
	s.W(context.Background()).Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)")
	s.Close()
	_, err := Open(context.Background(), path, Options{AllowMigrate: true})
	var oe *OpenError
	if !errors.As(err, &oe) || oe.Kind != ErrNewer || oe.Version != 999 {
		t.Fatalf("Open = %v, want ErrNewer at 999", err)
	}
}

func TestPendingMigrationNeedsPermissionAndRunsHook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "convene.db")
	s := openAt(t, path, Options{})
	s.Close()
	steps := append(migrations(), Migration{Version: Latest() + 1, Name: "add notes", Up: func(tx *gorm.DB) error {
		return tx.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY)").Error
	}})
	_, err := Open(context.Background(), path, Options{steps: steps})
	if !errors.Is(err, ErrPending) {
		t.Fatalf("Open = %v, want ErrPending", err)
	}
	hooked := false
	s2 := openAt(t, path, Options{steps: steps, AllowMigrate: true, BeforeMigrate: func(context.Context, *Store) error {
		hooked = true
		return nil
	}})
	if !hooked {
		t.Fatal("BeforeMigrate did not run")
	}
	if v, _ := s2.SchemaVersion(context.Background()); v != Latest()+1 {
		t.Fatalf("version = %d", v)
	}
}

func TestFailedMigrationRollsBackAndRefusesStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "convene.db")
	s := openAt(t, path, Options{})
	s.Close()
	steps := append(migrations(), Migration{Version: Latest() + 1, Name: "broken", Up: func(tx *gorm.DB) error {
		if err := tx.Exec("CREATE TABLE half (id INTEGER)").Error; err != nil {
			return err
		}
		return tx.Exec("THIS IS NOT SQL").Error
	}})
	_, err := Open(context.Background(), path, Options{steps: steps, AllowMigrate: true})
	var oe *OpenError
	if !errors.As(err, &oe) || oe.Kind != ErrMigration || oe.Version != Latest() {
		t.Fatalf("Open = %v, want ErrMigration staying at %d", err, Latest())
	}
	s2 := openAt(t, path, Options{})
	var n int64
	s2.R(context.Background()).Raw("SELECT count(*) FROM sqlite_master WHERE name = 'half'").Scan(&n)
	if n != 0 {
		t.Fatal("the failed migration's table survived")
	}
}

func TestTxJoinsAndRollsBack(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "c.db"), Options{})
	ctx := context.Background()
	committed := 0
	boom := errors.New("boom")
	err := s.Tx(ctx, func(ctx context.Context) error {
		s.W(ctx).Exec("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 0)")
		AfterCommit(ctx, func() { committed++ })
		return s.Tx(ctx, func(ctx context.Context) error {
			s.W(ctx).Exec("INSERT INTO settings (key, value, updated_at) VALUES ('b', '1', 0)")
			var n int64
			s.R(ctx).Raw("SELECT count(*) FROM settings").Scan(&n)
			if n != 2 {
				t.Errorf("inside the tx, reads see %d rows, want 2", n)
			}
			return boom
		})
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx = %v", err)
	}
	var n int64
	s.R(ctx).Raw("SELECT count(*) FROM settings").Scan(&n)
	if n != 0 || committed != 0 {
		t.Fatalf("after rollback: %d rows, %d after-commit calls", n, committed)
	}
	s.Tx(ctx, func(ctx context.Context) error {
		AfterCommit(ctx, func() { committed++ })
		return s.W(ctx).Exec("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 0)").Error
	})
	if committed != 1 {
		t.Fatalf("after commit: %d after-commit calls", committed)
	}
}

func TestBackupIsVerifiedAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, filepath.Join(dir, "c.db"), Options{})
	ctx := context.Background()
	s.W(ctx).Exec("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'æøå', 0)")
	info, err := s.BackupToDir(ctx, filepath.Join(dir, "backups"), mustTime("2026-11-28T10:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "convene-20261128-100000.db" || info.Size == 0 {
		t.Fatalf("backup info = %+v", info)
	}
	if err := Verify(info.Path); err != nil {
		t.Fatalf("verify backup: %v", err)
	}
	b := openAt(t, info.Path, Options{})
	var v string
	b.R(ctx).Raw("SELECT value FROM settings WHERE key = 'k'").Scan(&v)
	if v != "æøå" {
		t.Fatalf("backup holds %q", v)
	}
	if _, err := s.Backup(ctx, info.Path); !errors.Is(err, ErrBackupExists) {
		t.Fatalf("second backup to the same file = %v", err)
	}
	list, err := ListBackups(filepath.Join(dir, "backups"))
	if err != nil || len(list) != 1 {
		t.Fatalf("ListBackups = %v, %v", list, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "backups", "*.partial-*"))
	if len(leftovers) != 0 {
		t.Fatalf("partial files left: %v", leftovers)
	}
}

func TestAutoBackupKeepsTheNewestAndRestoreRoundTrips(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "convene.db")
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "backups")
	os.MkdirAll(backups, 0o755)
	if _, err := st.Backup(ctx, filepath.Join(backups, "convene-by-hand.db")); err != nil {
		t.Fatal(err)
	}
	st.W(ctx).Exec("INSERT INTO settings (key, value, updated_at) VALUES ('probe', 'before', ?)", time.Now())
	base := time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC)
	for i := 0; i < 4; i++ {
		if _, err := st.AutoBackup(ctx, backups, 2, base.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := ListBackups(backups)
	var names []string
	for _, b := range all {
		names = append(names, b.Name)
	}
	// The two newest scheduled ones (05.00 and 06.00) and the one by hand.
	if len(all) != 3 || !strings.Contains(strings.Join(names, " "), "convene-by-hand.db") || !strings.Contains(strings.Join(names, " "), "060000") ||
		strings.Contains(strings.Join(names, " "), "040000") {
		t.Fatalf("backups kept: %v", names)
	}
	if LastAutoBackup(backups).IsZero() {
		t.Fatal("no last backup")
	}
	st.W(ctx).Exec("UPDATE settings SET value = 'after' WHERE key = 'probe'")
	// While the database is open, nothing is restored.
	if err := Restore(filepath.Join(backups, "convene-by-hand.db"), path); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore over an open database: %v", err)
	}
	st.Close()
	// A broken file is refused and changes nothing.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database at all"), 0o600)
	if err := Restore(junk, path); err == nil {
		t.Fatal("a junk file was restored")
	}
	var auto string
	for _, b := range all {
		if strings.HasPrefix(b.Name, AutoPrefix) && auto == "" {
			auto = b.Path
		}
	}
	if err := Restore(auto, path); err != nil {
		t.Fatal(err)
	}
	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v string
	st.R(ctx).Raw("SELECT value FROM settings WHERE key = 'probe'").Scan(&v)
	if v != "before" {
		t.Fatalf("restored value %q", v)
	}
	// The replaced database is kept whole: its last change, still in its
	// log when Convene stopped, is in the kept file.
	kept, err := openPlainRW(path + ".before-restore")
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if err := kept.QueryRow("SELECT value FROM settings WHERE key = 'probe'").Scan(&v); err != nil || v != "after" {
		t.Fatalf("the replaced database kept %q (%v)", v, err)
	}
}

// TestTryLockIsHeldUntilClose: a second taker is refused while the first
// holds the lock, and takes it once the first lets go.
func TestTryLockIsHeldUntilClose(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "convene.db"), Options{})
	first, err := s.TryLock("mail")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TryLock("mail"); !errors.Is(err, ErrHeld) {
		t.Fatalf("second taker while held: %v", err)
	}
	other, err := s.TryLock("other")
	if err != nil {
		t.Fatalf("another lock: %v", err)
	}
	other.Close()
	first.Close()
	again, err := s.TryLock("mail")
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	again.Close()
}
