package app

import (
	"time"

	"convene/internal/auth"
	"convene/internal/store"
)

// System tells the UI about the running program and takes backups.
type System struct{ call }

// SystemInfo describes the running program and who is using it.
type SystemInfo struct {
	Version       string     `json:"version"`
	Mode          string     `json:"mode"`
	Actor         auth.Actor `json:"actor"`
	SchemaVersion int        `json:"schemaVersion"`
	DataDir       string     `json:"dataDir"`
	DatabasePath  string     `json:"databasePath"`
	PublicURL     string     `json:"publicUrl"`
	// BaseURLLocked is true when a flag or environment variable sets the
	// public base URL, so the saved setting is not used.
	BaseURLLocked bool `json:"baseUrlLocked"`
}

// Info returns facts about the running program.
func (s *System) Info() (SystemInfo, error) {
	v, err := s.deps.Store.SchemaVersion(s.ctx)
	if err != nil {
		return SystemInfo{}, err
	}
	st, err := s.deps.Settings.Get(s.ctx)
	if err != nil {
		return SystemInfo{}, err
	}
	return SystemInfo{
		Version: s.deps.Version, Mode: s.deps.Mode, Actor: s.actor, SchemaVersion: v,
		DataDir: s.deps.DataDir, DatabasePath: s.deps.Store.Path(),
		PublicURL:     st.PublicURL(s.deps.BaseURLOverride, s.deps.Addr),
		BaseURLLocked: s.deps.BaseURLOverride != "",
	}, nil
}

// Backup writes an online backup into the data folder's backups folder;
// admins only.
func (s *System) Backup() (store.BackupInfo, error) {
	if err := s.actor.RequireAdmin(); err != nil {
		return store.BackupInfo{}, err
	}
	return s.deps.Store.BackupToDir(s.ctx, s.deps.BackupDir(), time.Now())
}

// Backups lists the backups in the data folder, newest first.
func (s *System) Backups() ([]store.BackupInfo, error) {
	if err := s.actor.RequireAdmin(); err != nil {
		return nil, err
	}
	return store.ListBackups(s.deps.BackupDir())
}
