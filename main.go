// Command convene is the business department's event manager: a desktop
// app for staff, a server for the public registration site, and admin tools,
// all in one binary.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	// The organiser's time zone must load on machines without a zone
	// database (Windows, minimal containers).
	_ "time/tzdata"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	// SIGINT and SIGTERM cancel the context; every mode stops its workers,
	// closes the database and returns, so deferred clean-up runs.
	if bindingsOnly {
		os.Exit(generateBindings())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
