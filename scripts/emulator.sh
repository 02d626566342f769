#!/usr/bin/env bash
# Start or stop the local AWS emulator (moto 5.2.1 with the in-process
# patches in scripts/emulator/patches.py) on a free loopback port.
#   scripts/emulator.sh start   # prints the endpoint URL on stdout
#   scripts/emulator.sh stop    # stops it by its PID
#   scripts/emulator.sh url     # prints the URL of the running emulator
set -euo pipefail
source "$(dirname "$0")/env.sh"
pidfile="$CACHE_DIR/emulator.pid"
urlfile="$CACHE_DIR/emulator.url"
logfile="$CACHE_DIR/emulator.log"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "${1:-}" in
start)
  if running; then cat "$urlfile"; exit 0; fi
  port=$(free_port)
  python3 "$ROOT/scripts/emulator/launch.py" "$port" >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if curl -fs -o /dev/null "$url/moto-api/"; then
      echo "$url" >"$urlfile"
      echo "$url"
      exit 0
    fi
    if ! running; then break; fi
    sleep 0.2
  done
  echo "emulator did not start; log follows:" >&2
  cat "$logfile" >&2
  exit 1
  ;;
stop)
  if running; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile" "$urlfile"
  ;;
url)
  running && cat "$urlfile"
  ;;
*)
  echo "usage: $0 start|stop|url" >&2
  exit 2
  ;;
esac
