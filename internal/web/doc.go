// Package web serves Convene over HTTP: the public site (server-rendered,
// works without JavaScript), the staff UI at /admin/ behind a sign-in, and
// the RPC endpoint that exposes the staff UI's bound services in serve mode.
package web
