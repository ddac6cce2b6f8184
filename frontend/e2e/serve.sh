#!/usr/bin/env bash
# Starts `convene serve` on a fresh data folder with one admin, for the
# Playwright tests. CONVENE_BIN is the server binary, E2E_PORT the port.
#
# Beside it runs a real SMTP server (internal/mail/mailtest/smtpsink) on
# E2E_SMTP_PORT that writes every message it receives into E2E_MAIL_DIR and
# lists them, decoded, at http://127.0.0.1:E2E_SMTP_HTTP_PORT/messages. It is
# built here unless SMTPSINK_BIN names a built one, and it exits with the
# server. Convene is pointed at it by the specs (Settings, as an admin).
set -euo pipefail
bin=${CONVENE_BIN:?set CONVENE_BIN to the convene server binary}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=$(mktemp -d)

sink=${SMTPSINK_BIN:-}
if [ -z "$sink" ]; then
	sink=$data/smtpsink
	(cd "$root" && CGO_ENABLED=0 "${GO:-go}" build -o "$sink" ./internal/mail/mailtest/smtpsink)
fi
http_port=${E2E_SMTP_HTTP_PORT:-18767}
mail_dir=${E2E_MAIL_DIR:-$root/.artefacts/e2e-mail}
rm -rf "$mail_dir"
"$sink" -addr "127.0.0.1:${E2E_SMTP_PORT:-18766}" -http "127.0.0.1:$http_port" -dir "$mail_dir" -exit-with-parent &
# Its parent is this shell, which becomes the server below (exec): the sink
# stops when the server does. It listens on HTTP once SMTP is up.
for _ in $(seq 50); do
	if (: <"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null; then break; fi
	kill -0 $! 2>/dev/null || { echo "smtpsink did not start" >&2; exit 1; }
	sleep 0.1
done

echo 'e2e admin password' | "$bin" user add --data "$data" --email admin@e2e.dk --role admin --name "E2E Admin"
echo 'e2e staff password' | "$bin" user add --data "$data" --email staff@e2e.dk --role staff --name "E2E Staff"
exec "$bin" serve --data "$data" --addr "127.0.0.1:${E2E_PORT:-18765}"
