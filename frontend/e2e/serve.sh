#!/usr/bin/env bash
# Starts `convene serve` on a fresh data folder with one admin, for the
# Playwright tests. CONVENE_BIN is the server binary, E2E_PORT the port.
set -euo pipefail
bin=${CONVENE_BIN:?set CONVENE_BIN to the convene server binary}
data=$(mktemp -d)
echo 'e2e admin password' | "$bin" user add --data "$data" --email admin@e2e.dk --role admin --name "E2E Admin"
echo 'e2e staff password' | "$bin" user add --data "$data" --email staff@e2e.dk --role staff --name "E2E Staff"
exec "$bin" serve --data "$data" --addr "127.0.0.1:${E2E_PORT:-18765}"
