#!/usr/bin/env bash
# The pipeline's steps, shared by the GitHub Actions workflow
# (github-actions.yml) and the local rehearsal (run-local.sh), so the
# commands CI runs are the ones proven here against the emulator.
#
#   pipeline.sh synth            synthesize every stack
#   pipeline.sh stacks           print the stack names in deploy order (iam,
#                                the regions, the peerings, global)
#   pipeline.sh diff <stack>     show what a deploy of <stack> would change
#   pipeline.sh deploy <stack>   deploy one stack (never its dependencies)
#   pipeline.sh deploy-all       deploy every stack once, in deploy order
#                                (the peerings and global side by side):
#                                a first deployment is complete after it
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
: "${MULTIREGION_CONFIG:?set MULTIREGION_CONFIG to the app config}"
export CI=1 CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
OUT=${CDKTF_OUT:-cdktf.out}   # the synthesized stacks
cdktf() { "$ROOT/node_modules/.bin/cdktf" "$@"; }

case "${1:-}" in
synth) cdktf synth --output "$OUT" ;;
stacks) go run ./scripts/liststacks ;;
diff) cdktf diff "${2:?stack}" --skip-synth --output "$OUT" ;;
deploy) cdktf deploy "${2:?stack}" --auto-approve --ignore-missing-stack-dependencies --skip-synth --output "$OUT" ;;
deploy-all)
  # As the workflow's jobs: iam, the regions one at a time in deploy order,
  # then the peerings and global side by side (each needs only the regions).
  last=() pids=() rc=0
  for s in $(go run ./scripts/liststacks); do
    case $s in
      peering-* | global) last+=("$s") ;;
      *) echo "== deploy $s" >&2; "$0" deploy "$s" ;;
    esac
  done
  for s in "${last[@]}"; do
    echo "== deploy $s" >&2
    "$0" deploy "$s" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  exit "$rc" ;;
*) echo "usage: $0 synth|stacks|diff <stack>|deploy <stack>|deploy-all" >&2; exit 2 ;;
esac
