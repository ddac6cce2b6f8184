//go:build !bindings

package main

const bindingsOnly = false

func generateBindings() int { return 0 }
