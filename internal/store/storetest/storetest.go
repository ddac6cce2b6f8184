// Package storetest gives each test its own real SQLite database file with
// every migration applied.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"convene/internal/store"
)

// New opens a fresh database in the test's temporary folder and closes it
// when the test ends.
func New(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "convene.db"), store.Options{})
	if err != nil {
		t.Fatalf("open test store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close test store: %v", err)
		}
	})
	return s
}
