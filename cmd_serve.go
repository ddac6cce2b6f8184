package main

import (
	"context"
)

func cmdServe(ctx context.Context, cio cmdIO, args []string) error {
	var cfg config
	fs := newFlags(cio, "serve", "", &cfg)
	if err := parse(fs, args, &cfg); err != nil {
		return err
	}
	sys, ln, err := start(ctx, cio, cfg, "serve", adminAssets(), true)
	if err != nil {
		return err
	}
	defer sys.close()
	defer ln.Close() // serveUntil closes it too; this covers an early return
	n, err := sys.deps.Users.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		sys.log.Warn("no staff users yet: create one with 'convene user add --email E --role admin'")
	}
	st, err := sys.deps.Settings.Get(ctx)
	if err != nil {
		return err
	}
	sys.log.Info("serving", "addr", ln.Addr().String(), "public_url", st.PublicURL(cfg.BaseURL, cfg.Addr),
		"staff_ui", st.PublicURL(cfg.BaseURL, cfg.Addr)+"/admin/", "data", cfg.DataDir, "version", version)
	err = sys.serveUntil(ctx, ln)
	sys.log.Info("stopped")
	return err
}
