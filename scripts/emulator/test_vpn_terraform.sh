#!/usr/bin/env bash
# Proves the emulator's VPN tunnels (vpntunnels.py) with Terraform (provider
# 5.100 from the mirror): apply vpn-terraform/ (KMS key, encrypted log group,
# Transit Gateway, two customer gateways, a VPN each with both tunnels
# logging to the group), plan (must be empty), check the tunnels through the
# API, change the retention and the log format (an in-place update of each
# VPN: ModifyVpnTunnelOptions per tunnel), plan again, destroy.
# Starts its own emulator on a free port and stops it. About a minute.
set -euo pipefail
source "$(dirname "$0")/proof.sh"
proof_start vpn-terraform
step init; terraform init -input=false -no-color >/dev/null
step apply; terraform apply -auto-approve -input=false -no-color >apply.log || { cat apply.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color >plan.log || { cat plan.log; exit 1; }
step "tunnels through the API"
terraform output -json vpns >vpns.json
python3 - "$TF_VAR_endpoint" vpns.json text <<'PY'
import json, sys
import boto3
url, vpns, _ = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
ec2 = boto3.client("ec2", region_name="eu-west-1", endpoint_url=url, aws_access_key_id="test", aws_secret_access_key="test")
group = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vpn/proof-eu-west-1"
for name, v in vpns.items():
    got = ec2.describe_vpn_connections(VpnConnectionIds=[v["id"]])["VpnConnections"][0]
    tunnels = got["Options"]["TunnelOptions"]
    assert [t["OutsideIpAddress"] for t in tunnels] == [v["tunnel1"], v["tunnel2"]], (tunnels, v)
    for t in tunnels:
        cw = t["LogOptions"]["CloudWatchLogOptions"]
        assert cw["LogEnabled"] and cw["LogGroupArn"].rstrip(":*") == group and cw["LogOutputFormat"] == "json", cw
PY
step "apply retention=90 log_format=text"
terraform apply -auto-approve -input=false -no-color -var retention=90 -var log_format=text >apply2.log || { cat apply2.log; exit 1; }
grep -q '3 changed, 0 destroyed' apply2.log || { cat apply2.log; exit 1; }
step "plan (must be empty)"; terraform plan -detailed-exitcode -input=false -no-color -var retention=90 -var log_format=text >plan2.log || { cat plan2.log; exit 1; }
python3 - "$TF_VAR_endpoint" <<'PY'
import sys
import boto3
ec2 = boto3.client("ec2", region_name="eu-west-1", endpoint_url=sys.argv[1], aws_access_key_id="test", aws_secret_access_key="test")
formats = {t["LogOptions"]["CloudWatchLogOptions"]["LogOutputFormat"]
           for v in ec2.describe_vpn_connections()["VpnConnections"] for t in v["Options"]["TunnelOptions"]}
assert formats == {"text"}, formats
logs = boto3.client("logs", region_name="eu-west-1", endpoint_url=sys.argv[1], aws_access_key_id="test", aws_secret_access_key="test")
[group] = logs.describe_log_groups(logGroupNamePrefix="/aws/vpn/")["logGroups"]
assert group["retentionInDays"] == 90 and group["kmsKeyId"], group
PY
step destroy; terraform destroy -auto-approve -input=false -no-color -var retention=90 -var log_format=text >destroy.log || { cat destroy.log; exit 1; }
proof_end
echo "VPN tunnel logs on the emulator: apply, empty plan, both tunnels logging, retention and format update, empty plan, destroy: OK"
