#!/usr/bin/env bash
# Desktop smoke test: start the real Wails binary under Xvfb on a fresh
# workspace, wait until the frontend has called a bound method (it logs
# "user interface ready" and writes a row), stop the app by its PID, then read
# that row back with the CLI. Fails if any step does not happen in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bin
data=$(mktemp -d)
log="$data/desktop.log"
app_pid=""
xvfb_pid=""
# Never "kill 0": that would end the whole process group (make and CI).
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# -displayfd: Xvfb picks a free display number and writes it when ready.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$data/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$data/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$data/display")"

start=$(date +%s%N)
"$BIN/directdesk-desktop" --data "$data/ws" >"$log" 2>&1 &
app_pid=$!
ok=""
for _ in $(seq 300); do   # at most 30 s
  if grep -q "user interface ready (desktop)" "$log"; then ok=1; break; fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ -z "$ok" ]; then
  echo "smoke: FAIL: the window did not report 'user interface ready' within 30 s"
  cat "$log"
  exit 1
fi
sleep 2
import -window root "$BIN/smoke-desktop.png" 2>/dev/null || true
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""
client=$("$BIN/directdesk" info --data "$data/ws" --json | sed -n 's/.*"client":"\([a-z]*\)".*/\1/p')
if [ "$client" != "desktop" ]; then
  echo "smoke: FAIL: the workspace has no UI start recorded by the desktop (got '$client')"
  exit 1
fi
echo "smoke: window up and IPC round trip in ${elapsed_ms} ms; screenshot $BIN/smoke-desktop.png"
echo "smoke: 1 passed, 0 failed"
rm -rf "$data"
