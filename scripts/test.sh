#!/usr/bin/env bash
# Runs every test: Go unit, synth, golden and `terraform validate` tests,
# the end-to-end deployments on the local AWS emulator with the real cdktf
# CLI, the emulator patches' own tests, and the tfsec security scan.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_cli

echo "== go vet" >&2
go vet ./...
echo "== emulator patch tests" >&2
python3 scripts/emulator/test_patches.py
python3 scripts/emulator/test_rdsbackups.py
echo "== go test (unit, synth, golden, terraform validate, end-to-end)" >&2
MULTIREGION_E2E=1 go test ./... -count=1 -timeout 45m "$@"
echo "== security scan" >&2
scripts/security-scan.sh
echo "all tests passed" >&2
