#!/usr/bin/env bash
# Proves the emulator's Global Accelerator API with Terraform (provider 5.100
# from the mirror): apply ga-terraform/ (VPC, NLB with a security group,
# flow-log bucket, accelerator, TCP and UDP listeners, endpoint group), plan
# (must be empty), change the traffic dial to 0, plan again, destroy.
# Starts its own emulator on a free port and stops it. 2-4 minutes (the NLB
# create waits about a minute).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
work=$(mktemp -d)
cp "$ROOT/scripts/emulator/ga-terraform/main.tf" "$work/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 "$ROOT/scripts/emulator/launch.py" "$port" >"$work/emulator.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/moto-api/"; do
  kill -0 $pid 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.2
done
cd "$work"
export TF_VAR_endpoint="http://127.0.0.1:$port"
step() { echo "== $*" >&2; }
step init; terraform init -input=false -no-color >/dev/null
step apply; terraform apply -auto-approve -input=false -no-color >apply.log || { cat apply.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color >/dev/null
step "apply dial=0"; terraform apply -auto-approve -input=false -no-color -var dial=0 >apply2.log || { cat apply2.log; exit 1; }
grep -q "traffic_dial_percentage *= 100 -> 0" apply2.log
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color -var dial=0 >/dev/null
step destroy; terraform destroy -auto-approve -input=false -no-color -var dial=0 >/dev/null
if grep -q Traceback "$work/emulator.log"; then cat "$work/emulator.log" >&2; exit 1; fi
echo "Global Accelerator on the emulator: apply, empty plan, dial update, empty plan, destroy: OK"
