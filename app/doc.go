// Package app holds the services the staff UI calls. The desktop app binds
// them through Wails; `convene serve` exposes the very same methods through
// one RPC endpoint. They are thin adapters: check the actor's role, call one
// domain function, return (T, error). No SQL and no rules live here.
package app
