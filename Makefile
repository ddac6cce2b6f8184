# Convene: `make run` builds and starts the desktop app; `make test` installs
# what the tests need and runs them all. Every target installs its own
# dependencies idempotently, so a fresh Debian 12 machine needs nothing else.

SHELL        := /bin/bash
GO           ?= go
VERSION      ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS      := -s -w -X main.version=$(VERSION)
BIN          := build/bin
DESKTOP_TAGS := desktop,production,webkit2_40
APT_RUN      := libgtk-3-dev libwebkit2gtk-4.0-dev pkg-config
# The three iCalendar parsers every .ics file Convene writes must pass
# (internal/calendar/crossparse_test.go): libical through GObject
# introspection and python3-icalendar; ical.js comes from frontend's npm ci.
APT_ICAL     := python3-gi gir1.2-ical-3.0 python3-icalendar
APT_TEST     := $(APT_RUN) xvfb xauth xdotool imagemagick chromium fonts-dejavu-core \
                $(APT_ICAL)
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BENCH        ?=

.PHONY: run serve build desktop server frontend bindings check-bindings test test-go test-frontend \
        test-e2e test-desktop test-bench bench lint deps-run deps-test deps-go deps-npm clean

## run: build the desktop app and start it on its defaults
run: deps-run desktop
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "No display found: starting Convene under Xvfb (the public site is still at http://127.0.0.1:8080)"; \
		WEBKIT_DISABLE_COMPOSITING_MODE=1 xvfb-run -a -s "-screen 0 1440x900x24" ./$(BIN)/convene; \
	else ./$(BIN)/convene; fi

## serve: build the server binary and run it headless
serve: server
	./$(BIN)/convene-server serve

## build: the desktop and the server binaries
build: desktop server

desktop: deps-run frontend
	CGO_ENABLED=1 $(GO) build -tags $(DESKTOP_TAGS) -ldflags "$(LDFLAGS)" -o $(BIN)/convene .

# The server build needs no cgo, GTK or WebKit.
server: deps-go frontend
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/convene-server .

frontend: deps-npm
	cd frontend && npm run build

## bindings: regenerate frontend/wailsjs from the bound Go services
bindings: deps-go
	$(GO) run -tags bindings . -tsoutputtype interfaces > /dev/null

# CI fails when the committed bindings differ from the Go services.
check-bindings: bindings
	@if [ -n "$$(git status --porcelain -- frontend/wailsjs)" ]; then \
		git status --porcelain -- frontend/wailsjs; git --no-pager diff --stat -- frontend/wailsjs; \
		echo "frontend/wailsjs is out of date: run 'make bindings' and commit it"; exit 1; fi

## test: everything CI runs
test: deps-test lint check-bindings test-go test-frontend test-e2e test-desktop test-bench

lint: deps-go
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	CGO_ENABLED=1 $(GO) vet -tags $(DESKTOP_TAGS) .

test-go: deps-go
	CGO_ENABLED=1 $(GO) test -race -count=1 ./...

test-frontend: deps-npm frontend
	cd frontend && npm test

test-e2e: deps-test server
	cd frontend && CONVENE_BIN=$(CURDIR)/$(BIN)/convene-server npm run e2e

test-desktop: deps-test desktop
	.ci/desktop-smoke.sh $(BIN)/convene

# Every bench part must still run to its end; its figures are printed,
# not judged (the targets are for `make bench` on a quiet machine).
test-bench: deps-go
	$(GO) run ./internal/bench/cmd/convene-bench

## bench: the performance table (BENCH=name runs one part)
bench: deps-go
	$(GO) run ./internal/bench/cmd/convene-bench $(BENCH)

# --- dependencies, each installed only when missing ---

deps-run: deps-go deps-npm
	@missing=$$(for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && ! command -v xvfb-run >/dev/null; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq xvfb xauth; fi

deps-test: deps-go deps-npm
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

deps-go:
	@$(GO) mod download

# npm ci runs again only when package-lock.json changed.
deps-npm: frontend/node_modules/.installed
frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

clean:
	rm -rf $(BIN) frontend/node_modules .artefacts
	find frontend/dist -mindepth 1 ! -name embed-placeholder.txt -delete
