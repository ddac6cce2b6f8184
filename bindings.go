//go:build bindings

package main

import (
	"context"
	"fmt"
	"os"

	"convene/app"
	"convene/internal/auth"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
)

// bindingsOnly is true in the build that 'make bindings' runs: Wails then
// writes frontend/wailsjs from the bound services and exits.
const bindingsOnly = true

func generateBindings() int {
	err := wails.Run(&options.App{Bind: app.Bound(context.Background(), &app.Deps{}, auth.Actor{})})
	if err != nil {
		fmt.Fprintln(os.Stderr, "convene: generate bindings:", err)
		return 1
	}
	return 0
}
