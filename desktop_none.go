//go:build !desktop && !bindings

package main

import (
	"context"

	"convene/internal/i18n"
)

const desktopBuild = false

// errNoDesktop tells the user of a server-only build what to run instead.
var errNoDesktop = i18n.NewError("cli.no_desktop", nil)

func runDesktop(context.Context, *system) error { return errNoDesktop }
