#!/usr/bin/env bash
# Proves the emulator's Route 53 ARC (arc.py) with Terraform (provider 5.100
# from the mirror): apply arc-terraform/ (cluster, control panel, two routing
# controls, an ATLEAST-1 assertion rule, two RECOVERY_CONTROL health checks),
# plan (must be empty), flip the controls through the cluster endpoint
# Terraform read (both On, then both Off refused by the rule), rename a
# routing control (in-place update), plan again, destroy.
# Starts its own emulator on a free port and stops it. About a minute (each
# ARC delete waits 5 s before the provider's first poll).
set -euo pipefail
source "$(dirname "$0")/proof.sh"
proof_start arc-terraform
step init; terraform init -input=false -no-color >/dev/null
step apply; terraform apply -auto-approve -input=false -no-color >apply.log || { cat apply.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color >plan.log || { cat plan.log; exit 1; }
step "data plane through the cluster endpoint"
terraform output -json arc >arc.json
python3 - "$TF_VAR_endpoint" arc.json <<'PY'
import json, sys
import boto3
from botocore.exceptions import ClientError
url, arc = sys.argv[1], json.load(open(sys.argv[2]))
endpoints = arc["cluster_endpoints"]
assert [e["region"] for e in endpoints] == ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2"], endpoints
assert {e["endpoint"] for e in endpoints} == {url + "/v1"}, endpoints
dp = boto3.client("route53-recovery-cluster", region_name=endpoints[0]["region"], endpoint_url=endpoints[0]["endpoint"],
                  aws_access_key_id="test", aws_secret_access_key="test")
controls = list(arc["controls"].values())
state = lambda arn: dp.get_routing_control_state(RoutingControlArn=arn)["RoutingControlState"]
assert [state(a) for a in controls] == ["Off", "Off"]
dp.update_routing_control_states(UpdateRoutingControlStateEntries=[
    {"RoutingControlArn": a, "RoutingControlState": "On"} for a in controls])
try:
    dp.update_routing_control_states(UpdateRoutingControlStateEntries=[
        {"RoutingControlArn": a, "RoutingControlState": "Off"} for a in controls])
    raise SystemExit("both Off was not refused")
except ClientError as err:
    assert err.response["Error"]["Code"] == "ConflictException", err.response
    assert arc["safety_rule"] in err.response["Error"]["Message"], err.response
assert [state(a) for a in controls] == ["On", "On"]
PY
step "apply rename"; terraform apply -auto-approve -input=false -no-color -var east_name=arc-test-primary >apply2.log || { cat apply2.log; exit 1; }
grep -q '1 changed, 0 destroyed' apply2.log || { cat apply2.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color -var east_name=arc-test-primary >plan2.log || { cat plan2.log; exit 1; }
step destroy; terraform destroy -auto-approve -input=false -no-color -var east_name=arc-test-primary >destroy.log || { cat destroy.log; exit 1; }
proof_end
echo "Route 53 ARC on the emulator: apply, empty plan, data plane, rename, empty plan, destroy: OK"
