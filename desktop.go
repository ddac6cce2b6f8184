//go:build desktop || bindings

package main

import (
	"context"

	"convene/app"
	"convene/internal/auth"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

const desktopBuild = true

var errNoDesktop error

// runDesktop shows the Wails window until it is closed or ctx ends. The
// local user needs no sign-in: the database is on their own machine.
func runDesktop(ctx context.Context, sys *system) error {
	return wails.Run(&options.App{
		Title:     "Convene",
		Width:     1280,
		Height:    840,
		MinWidth:  900,
		MinHeight: 600,
		AssetServer: &assetserver.Options{
			Assets: adminAssets(),
		},
		BackgroundColour: options.NewRGB(246, 247, 249),
		OnStartup: func(wctx context.Context) {
			// A signal closes the window like the user would.
			go func() {
				<-ctx.Done()
				runtime.Quit(wctx)
			}()
		},
		OnDomReady: func(context.Context) {
			sys.log.Info("window ready")
		},
		OnShutdown: func(context.Context) {
			sys.log.Info("window closed")
		},
		Bind:           app.Bound(ctx, sys.deps, auth.DesktopActor()),
		ErrorFormatter: sys.deps.FormatError,
	})
}
