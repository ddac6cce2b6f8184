package main

import (
	"context"
	"sync"
)

// cmdDesktop opens the staff window and serves the public site beside it.
// Closing the window, SIGINT or SIGTERM stop both.
func cmdDesktop(ctx context.Context, cio cmdIO, args []string) error {
	var cfg config
	fs := newFlags(cio, "desktop", "", &cfg)
	if err := parse(fs, args, &cfg); err != nil {
		return err
	}
	if !desktopBuild {
		return errNoDesktop
	}
	sys, ln, err := start(ctx, cio, cfg, "desktop", nil, false)
	if err != nil {
		return err
	}
	defer sys.close()
	defer ln.Close() // serveUntil closes it too; this covers an early return
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var webErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		webErr = sys.serveUntil(ctx, ln)
	}()
	sys.log.Info("public site", "addr", ln.Addr().String(), "data", cfg.DataDir, "version", version)
	err = runDesktop(ctx, sys)
	cancel()
	wg.Wait()
	if err != nil {
		return err
	}
	return webErr
}
