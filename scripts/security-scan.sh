#!/usr/bin/env bash
# Security scan of every synthesized stack with tfsec, pinned: the reference
# app with the production-style config (config/production.example.yaml:
# the settings a real deployment uses) and each example. Fails on any
# finding at MEDIUM or above that is not excluded, with its reason, in
# tools/tfsec.yml (see docs/security.md).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
TFSEC_VERSION=v1.28.14
tfsec="$CACHE_DIR/bin/tfsec"
if ! "$tfsec" --version 2>/dev/null | grep -q "${TFSEC_VERSION}"; then
  echo "building tfsec ${TFSEC_VERSION} from the Go module proxy (once, ~4 min cold)..." >&2
  GOBIN="$CACHE_DIR/bin" go install "github.com/aquasecurity/tfsec/cmd/tfsec@${TFSEC_VERSION}"
fi

out="$CACHE_DIR/scan"
rm -rf "$out" && mkdir -p "$out"
export MULTIREGION_ENDPOINT=http://127.0.0.1:4566
export AWS_ACCOUNT_ID=${AWS_ACCOUNT_ID:-123456789012}   # the production config and the examples name the account
MULTIREGION_CONFIG=config/production.example.yaml go run ./scripts/synthall "$out"

status=0
for dir in "$out"/*/stacks/*; do
  name=${dir#"$out"/}
  # tfsec 1.28 predates Terraform's `ephemeral` blocks (1.10+) and refuses
  # the file; scan a copy without that block (terraform validate covers it).
  python3 - "$dir/cdk.tf.json" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
if doc.pop("ephemeral", None) is not None:
    json.dump(doc, open(path, "w"), indent=2)
PY
  if ! "$tfsec" "$dir" --config-file "$ROOT/tools/tfsec.yml" --minimum-severity MEDIUM --no-colour --concise-output --exclude-downloaded-modules >"$dir/tfsec.txt" 2>&1; then
    echo "tfsec findings in $name:" >&2
    cat "$dir/tfsec.txt" >&2
    status=1
  else
    echo "tfsec: $name clean"
  fi
done
exit $status
