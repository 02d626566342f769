# shellcheck shell=bash
# Sourced by the Terraform proofs of the emulator's patches (test_*_terraform.sh):
# proof_start DIR copies DIR/main.tf into a temp folder, starts an emulator
# there on a free port (stopped on exit), cd's into it and points
# TF_VAR_endpoint at it. proof_end fails on a Python traceback in its log.
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

step() { echo "== $*" >&2; }

proof_start() {
  work=$(mktemp -d)
  cp "$ROOT/scripts/emulator/$1/main.tf" "$work/"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  python3 "$ROOT/scripts/emulator/launch.py" "$port" >"$work/emulator.log" 2>&1 &
  proof_pid=$!
  trap 'kill $proof_pid 2>/dev/null || true; wait $proof_pid 2>/dev/null || true; rm -rf "$work"' EXIT
  until curl -fs -o /dev/null "http://127.0.0.1:$port/moto-api/"; do
    kill -0 $proof_pid 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
    sleep 0.2
  done
  cd "$work"
  export TF_VAR_endpoint="http://127.0.0.1:$port"
}

proof_end() {
  if grep -q Traceback "$work/emulator.log"; then cat "$work/emulator.log" >&2; exit 1; fi
}
