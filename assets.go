package main

import (
	"embed"
	"io/fs"
)

// frontendDist is the built staff UI. A committed placeholder keeps the
// embed valid before the frontend is built.
//
//go:embed all:frontend/dist
var frontendDist embed.FS

// adminAssets returns the built staff UI, or nil when only the placeholder
// is there.
func adminAssets() fs.FS {
	sub, err := fs.Sub(frontendDist, "frontend/dist")
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(sub, "index.html"); err != nil {
		return nil
	}
	return sub
}
