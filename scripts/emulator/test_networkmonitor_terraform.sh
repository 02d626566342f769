#!/usr/bin/env bash
# Proves the emulator's CloudWatch Network Monitor (networkmonitor.py) with
# Terraform (provider 5.100 from the mirror): apply networkmonitor-terraform/
# (VPC, subnet, monitor with aggregation_period 60, an ICMP probe and a TCP
# probe with a destination port), plan (must be empty), then change the
# aggregation period to 30, the TCP probe's port and packet size and the tags
# (three in-place updates), plan again, destroy.
# Starts its own emulator on a free port and stops it. Under a minute (the
# provider's waits return at their first poll).
set -euo pipefail
source "$(dirname "$0")/proof.sh"
proof_start networkmonitor-terraform
changed=(-var period=30 -var tcp_port=8443 -var tcp_packet_size=512 -var env=prod)
step init; terraform init -input=false -no-color >/dev/null
step apply; terraform apply -auto-approve -input=false -no-color >apply.log || { cat apply.log; exit 1; }
grep -q '5 added, 0 changed, 0 destroyed' apply.log || { cat apply.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color >plan.log || { cat plan.log; exit 1; }
step "check the state"
terraform output -json nm >nm.json
python3 - nm.json <<'PY'
import json, re, sys
nm = json.load(open(sys.argv[1]))
assert re.fullmatch(r"arn:aws:networkmonitor:eu-west-1:123456789012:monitor/onprem-link", nm["monitor_arn"]), nm
for key in ("icmp", "tcp"):
    assert re.fullmatch(r"onprem-link,probe-[a-z0-9]{26}", nm[key]), nm
assert nm["tcp_arn"] == "arn:aws:networkmonitor:eu-west-1:123456789012:probe/" + nm["tcp"].split(",")[1], nm
assert nm["vpc_id"].startswith("vpc-") and nm["family"] == "IPV4" and nm["icmp_size"] == 56, nm
PY
step "apply period=30, port 8443, packet size 512, env=prod"
terraform apply -auto-approve -input=false -no-color "${changed[@]}" >apply2.log || { cat apply2.log; exit 1; }
grep -q '0 added, 3 changed, 0 destroyed' apply2.log || { cat apply2.log; exit 1; }
grep -q 'aggregation_period *= 60 -> 30' apply2.log || { cat apply2.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color "${changed[@]}" >plan2.log || { cat plan2.log; exit 1; }
step destroy; terraform destroy -auto-approve -input=false -no-color "${changed[@]}" >destroy.log || { cat destroy.log; exit 1; }
grep -q '5 destroyed' destroy.log || { cat destroy.log; exit 1; }
proof_end
echo "CloudWatch Network Monitor on the emulator: apply, empty plan, in-place updates, empty plan, destroy: OK"
