#!/usr/bin/env bash
# Runs every test: Go unit, synth, golden and `terraform validate` tests,
# the end-to-end deployments on the local AWS emulator with the real cdktf
# CLI, the emulator patches' own tests, and the tfsec security scan.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_cli

# The end-to-end package starts first, in the background, in its own
# process group: it mostly waits (on the AWS provider's fixed polling
# delays and the emulator), so the fast packages run beside it instead of
# before it. -parallel 3: its three deployments each hold a slot; the two
# smaller ones wait for the reference app's checks (e2e/gate_test.go).
e2e_log=$(mktemp)
echo "== end-to-end tests (started in the background; output at the end)" >&2
MULTIREGION_E2E=1 setsid go test ./e2e -count=1 -parallel 3 -timeout 65m "$@" >"$e2e_log" 2>&1 &
e2e_pid=$!
trap 'kill -- -"$e2e_pid" 2>/dev/null || true' EXIT

# The rest beside it. Vet, the emulator tests and the security scan (a cold
# tfsec build takes minutes) at a lower CPU priority: the end-to-end run is
# the longest, and these fill the time it spends waiting. Not the Go tests:
# their `terraform validate` starts the AWS provider, and a niced provider
# on a saturated CPU misses Terraform's one-minute plugin start timeout
# (a CI run failed so).
echo "== go vet" >&2
nice -n 10 go vet ./...
echo "== emulator patch tests" >&2
nice -n 10 python3 scripts/emulator/test_patches.py
nice -n 10 python3 scripts/emulator/test_rdsbackups.py
nice -n 10 python3 scripts/emulator/test_auroraglobal.py
nice -n 10 python3 scripts/emulator/test_arc.py
nice -n 10 python3 scripts/emulator/test_networkmonitor.py
nice -n 10 python3 scripts/emulator/test_route53health.py
nice -n 10 python3 scripts/emulator/test_vpntunnels.py
echo "== go test (unit, synth, golden, terraform validate)" >&2
go test $(go list ./... | grep -vx "$(go list ./e2e)") -count=1 -timeout 20m "$@"
echo "== security scan" >&2
nice -n 10 scripts/security-scan.sh
echo "== end-to-end tests (waiting for them)" >&2
e2e_rc=0
wait "$e2e_pid" || e2e_rc=$?
trap - EXIT
cat "$e2e_log"
rm -f "$e2e_log"
if [ "$e2e_rc" -ne 0 ]; then
  echo "end-to-end tests failed" >&2
  exit "$e2e_rc"
fi
echo "all tests passed" >&2
