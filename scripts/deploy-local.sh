#!/usr/bin/env bash
# The main job: deploy the reference app (config/local.yaml) to the local AWS
# emulator with the real cdktf CLI, then print every stack's outputs.
# The emulator is stopped at the end unless KEEP_EMULATOR=1.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_cli

url=$("$ROOT/scripts/emulator.sh" start)
if [ "${KEEP_EMULATOR:-0}" != 1 ]; then
  trap '"$ROOT/scripts/emulator.sh" stop' EXIT
fi
export MULTIREGION_ENDPOINT="$url" AWS_ENDPOINT_URL="$url"
export MULTIREGION_CONFIG=${MULTIREGION_CONFIG:-config/local.yaml}
rm -rf "$ROOT/state"   # a fresh emulator has none of the old state's resources

stacks=$(go run ./scripts/liststacks)
# One pass: cdktf orders the stacks by their dependencies (iam, the regions
# with each replica after its writer, each peering after its two regions,
# global last) and builds the whole design in this one run.
echo "deploying $stacks to the emulator at $url" >&2
# shellcheck disable=SC2086
cdktf deploy $stacks --auto-approve --outputs-file "$CACHE_DIR/outputs.json" \
  --outputs-file-include-sensitive-outputs=false >"$CACHE_DIR/deploy.log" 2>&1 || {
  tail -n 60 "$CACHE_DIR/deploy.log" >&2
  exit 1
}
echo "== what was built (stack outputs) =="
python3 -m json.tool "$CACHE_DIR/outputs.json"
if [ "${KEEP_EMULATOR:-0}" = 1 ]; then
  echo "emulator still running at $url (stop: scripts/emulator.sh stop)" >&2
fi
