# shellcheck shell=bash
# Sourced by every script: an offline, quiet, reproducible environment for
# Go, the cdktf CLI, Terraform and the local AWS emulator.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ROOT
export CACHE_DIR="$ROOT/.cache"
mkdir -p "$CACHE_DIR/tf-plugins" "$CACHE_DIR/cdktf-home"

export TF_CLI_CONFIG_FILE="$ROOT/tools/terraform.rc"
export TF_PLUGIN_CACHE_DIR="$CACHE_DIR/tf-plugins"
export TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE=1
export TF_IN_AUTOMATION=1
export TERRAFORM_BINARY_NAME="$ROOT/scripts/terraform-offline"
export CHECKPOINT_DISABLE=1
export DISABLE_VERSION_CHECK=1
export CDKTF_DISABLE_PLUGIN_CACHE_ENV=1
export CDKTF_HOME="$CACHE_DIR/cdktf-home"
export CI=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export FORCE_COLOR=0
export NO_COLOR=1
export PATH="$ROOT/node_modules/.bin:$PATH"

# Test credentials only: the emulator accepts any.
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
export AWS_EC2_METADATA_DISABLED=true

# ensure_cli installs the pinned cdktf CLI from package-lock.json once.
ensure_cli() {
  local stamp="$ROOT/node_modules/.multiregion-lock"
  if [ ! -x "$ROOT/node_modules/.bin/cdktf" ] || ! cmp -s "$ROOT/package-lock.json" "$stamp"; then
    echo "installing the pinned cdktf CLI (npm ci)..." >&2
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$ROOT/package-lock.json" "$stamp"
    # Keep `go test ./...` out of npm packages that ship Go files.
    echo "module ignored" >"$ROOT/node_modules/go.mod"
  fi
}
