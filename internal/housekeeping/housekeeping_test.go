package housekeeping

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"convene/internal/event"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/store/storetest"
)

func TestBackupsAreTakenWhenDueAndKeptToTheCount(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	settings := setting.NewService(st)
	in := setting.Defaults()
	in.BackupKeep, in.BackupEveryHours = 2, 6
	if _, err := settings.Save(ctx, in, "test"); err != nil {
		t.Fatal(err)
	}
	events := event.NewService(st, "balk.dk")
	dir := filepath.Join(t.TempDir(), "backups")
	k := New(st, settings, registration.NewService(st, events, nil, nil), dir, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	now := time.Now().UTC()
	// While another process runs housekeeping, this one does nothing.
	other, err := st.TryLock("housekeeping")
	if err != nil {
		t.Fatal(err)
	}
	k.now = func() time.Time { return now }
	if err := k.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if all, _ := store.ListBackups(dir); len(all) != 0 {
		t.Fatalf("a backup while another process held housekeeping: %+v", all)
	}
	other.Close()
	for _, step := range []time.Duration{0, time.Hour, 7 * time.Hour, 14 * time.Hour, 21 * time.Hour} {
		k.now = func() time.Time { return now.Add(step) }
		if err := k.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := store.ListBackups(dir)
	if len(all) != 2 {
		t.Fatalf("backups: %+v", all)
	}
}
