#!/usr/bin/env bash
# Proves the emulator's Global Accelerator API with Terraform (provider 5.100
# from the mirror): apply ga-terraform/ (VPC, NLB with a security group,
# flow-log bucket, accelerator, TCP and UDP listeners, endpoint group), plan
# (must be empty), change the traffic dial to 0, plan again, destroy.
# Starts its own emulator on a free port and stops it. 2-4 minutes (the NLB
# create waits about a minute).
set -euo pipefail
source "$(dirname "$0")/proof.sh"
proof_start ga-terraform
step init; terraform init -input=false -no-color >/dev/null
step apply; terraform apply -auto-approve -input=false -no-color >apply.log || { cat apply.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color >/dev/null
step "apply dial=0"; terraform apply -auto-approve -input=false -no-color -var dial=0 >apply2.log || { cat apply2.log; exit 1; }
grep -q "traffic_dial_percentage *= 100 -> 0" apply2.log
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color -var dial=0 >/dev/null
step destroy; terraform destroy -auto-approve -input=false -no-color -var dial=0 >/dev/null
proof_end
echo "Global Accelerator on the emulator: apply, empty plan, dial update, empty plan, destroy: OK"
