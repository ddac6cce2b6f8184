package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"convene/internal/store"
)

func cmdVersion(_ context.Context, cio cmdIO, args []string) error {
	var cfg config
	fs := newFlags(cio, "version", "", &cfg)
	if err := parse(fs, args, &cfg); err != nil {
		return err
	}
	goVersion := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
	}
	fmt.Fprintf(cio.stdout, "convene %s (schema %d, %s, desktop=%v)\n", version, store.Latest(), goVersion, desktopBuild)
	return nil
}

// cmdMigrate backs an existing database up, then applies what is pending.
func cmdMigrate(ctx context.Context, cio cmdIO, args []string) error {
	var cfg config
	fs := newFlags(cio, "migrate", "", &cfg)
	if err := parse(fs, args, &cfg); err != nil {
		return err
	}
	var applied bool
	st, err := store.Open(ctx, cfg.dbPath(), store.Options{AllowMigrate: true, ReadConns: 1,
		BeforeMigrate: func(ctx context.Context, st *store.Store) error {
			applied = true
			info, err := st.BackupToDir(ctx, filepath.Join(cfg.DataDir, "backups"), time.Now())
			if err != nil {
				return fmt.Errorf("backup before migrating: %w", err)
			}
			fmt.Fprintf(cio.stdout, "backup written to %s\n", info.Path)
			return nil
		}})
	if err != nil {
		return err
	}
	defer st.Close()
	if applied {
		fmt.Fprintf(cio.stdout, "migrated %s to schema %d\n", cfg.dbPath(), store.Latest())
	} else {
		fmt.Fprintf(cio.stdout, "%s is up to date (schema %d)\n", cfg.dbPath(), store.Latest())
	}
	return nil
}

func cmdBackup(ctx context.Context, cio cmdIO, args []string) error {
	var cfg config
	fs := newFlags(cio, "backup", "FILE", &cfg)
	if err := parse(fs, args, &cfg); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	if _, err := os.Stat(cfg.dbPath()); err != nil {
		return fmt.Errorf("no database at %s: %w", cfg.dbPath(), err)
	}
	st, err := store.Open(ctx, cfg.dbPath(), store.Options{ReadConns: 1})
	if err != nil {
		return err
	}
	defer st.Close()
	info, err := st.Backup(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(cio.stdout, "backup written to %s (%d bytes)\n", info.Path, info.Size)
	return nil
}

// cmdRestore puts a backup in place of the database, after checking it.
func cmdRestore(ctx context.Context, cio cmdIO, args []string) error {
	var cfg config
	fs := newFlags(cio, "restore", "FILE", &cfg)
	if err := parse(fs, args, &cfg); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return err
	}
	if err := store.Restore(fs.Arg(0), cfg.dbPath()); err != nil {
		return fmt.Errorf("restore %s: %w", fs.Arg(0), err)
	}
	fmt.Fprintf(cio.stdout, "restored %s to %s (the replaced database is kept as %s.before-restore)\n", fs.Arg(0), cfg.dbPath(), cfg.dbPath())
	return nil
}
