#!/usr/bin/env bash
# Desktop smoke test: start the desktop build under Xvfb on a temporary data
# folder, wait until the window has loaded the staff UI, take a screenshot,
# fail if it is blank, save Settings through the window and see the change
# on the public site, then quit with SIGTERM and expect a clean exit.
# The screenshots are kept in .artefacts/.
set -euo pipefail
bin=${1:?usage: desktop-smoke.sh BINARY}
bin=$(realpath "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)
art="$root/.artefacts"
mkdir -p "$art"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

cat > "$work/inner.sh" <<INNER
#!/usr/bin/env bash
set -u
export WEBKIT_DISABLE_COMPOSITING_MODE=1
"$bin" --data "$work/data" --addr 127.0.0.1:$port > "$work/app.log" 2>&1 &
pid=\$!
ready=
for i in \$(seq 1 120); do
  if grep -q "window ready" "$work/app.log"; then ready=1; break; fi
  kill -0 \$pid 2>/dev/null || break
  sleep 0.5
done
if [ -z "\$ready" ]; then echo "the window never became ready"; cat "$work/app.log"; kill -9 \$pid 2>/dev/null; exit 1; fi
# The staff UI renders after the DOM is ready: take screenshots until one
# shows more than an empty window.
ok=
for i in \$(seq 1 30); do
  sleep 1
  import -window root "$art/desktop.png"
  sd=\$(convert "$art/desktop.png" -colorspace gray -format "%[fx:standard_deviation]" info:)
  colours=\$(convert "$art/desktop.png" -format "%k" info:)
  if awk -v sd="\$sd" -v c="\$colours" 'BEGIN { exit !(sd > 0.08 && c > 64) }'; then ok=1; break; fi
done
curl -fsS "http://127.0.0.1:$port/healthz" > "$work/health.json" || { echo "public site not answering"; kill -9 \$pid; exit 1; }
# Settings through the Wails bindings, by keyboard as a user could: Ctrl+,
# opens Settings with the focus on the page, Tab reaches the organiser's
# name, Enter saves; the public site must then show the new name.
settings_ok=
if [ -n "\$ok" ]; then
  xdotool key ctrl+comma; sleep 1.5
  xdotool key Tab; sleep 0.3
  xdotool key ctrl+a; xdotool type --delay 15 "Desktop Smoke Kommune"; sleep 0.7
  xdotool key Return; sleep 1.5
  import -window root "$art/desktop-settings.png"
  curl -fsS "http://127.0.0.1:$port/" | grep -q "Desktop Smoke Kommune" && settings_ok=1
fi
kill -TERM \$pid
code=0
wait \$pid || code=\$?
echo "exit code \$code"
cat "$work/app.log" | tail -n 20
if [ -z "\$ok" ]; then echo "the window looks blank (sd=\$sd, colours=\$colours)"; exit 1; fi
if [ -z "\$settings_ok" ]; then echo "saving Settings in the window did not reach the public site (see .artefacts/desktop-settings.png)"; exit 1; fi
if [ \$code -ne 0 ]; then echo "the app did not exit cleanly"; exit 1; fi
grep -q "database closed" "$work/app.log" || { echo "the database was not closed"; exit 1; }
echo "desktop smoke test passed: screenshot in .artefacts/desktop.png (sd=\$sd, colours=\$colours)"
INNER
chmod +x "$work/inner.sh"
xvfb-run -a -s "-screen 0 1440x900x24" "$work/inner.sh"
