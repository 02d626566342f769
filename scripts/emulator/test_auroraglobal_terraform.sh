#!/usr/bin/env bash
# Proves the emulator's Aurora Global Database (auroraglobal.py) with
# Terraform (provider 5.100 from the mirror) and the AWS CLI: apply
# auroraglobal-terraform/ (global cluster, aurora-postgresql 16.6 clusters in
# us-east-1 and us-west-2, one instance each), plan (must be empty); switch
# over to us-west-2 and plan with master_username on the new writer (must be
# empty; moving master_password_wo with its version must be exactly two
# in-place updates); switch back, plan; fail over with --allow-data-loss to
# us-west-2, plan (must be empty); switch back over to us-east-1 (the
# writer's cluster can be neither removed from the global database nor
# deleted while the other is a member, and the configuration destroys
# us-west-2 first), plan, destroy. Roles are checked through the API after
# each change.
# Starts its own emulator on a free port and stops it. About ten minutes (the
# provider waits 30 s before its first poll of each cluster and instance, on
# create, removal from the global database and delete; each plan refreshes
# 19 resources).
set -euo pipefail
source "$(dirname "$0")/proof.sh"
proof_start auroraglobal-terraform
started=$(date +%s)
global=aurora-global-test
east=arn:aws:rds:us-east-1:123456789012:cluster:aurora-global-test-east
west=arn:aws:rds:us-west-2:123456789012:cluster:aurora-global-test-west
rds() { aws --endpoint-url "$TF_VAR_endpoint" rds "$@" >/dev/null; }
plan_empty() {  # plan_empty LOG [-var ...]
  local log=$1; shift
  step "plan $* (must be empty)"
  terraform plan -detailed-exitcode -input=false -no-color "$@" >"$log" || { cat "$log"; exit 1; }
}
roles() {  # roles WRITER_ARN READER_ARN: the global members and both clusters agree
  python3 - "$TF_VAR_endpoint" "$global" "$1" "$2" <<'PY'
import sys
import boto3
url, gid, writer, reader = sys.argv[1:]
rds = lambda region: boto3.client("rds", region_name=region, endpoint_url=url,
                                  aws_access_key_id="test", aws_secret_access_key="test")
[g] = rds("us-east-1").describe_global_clusters(GlobalClusterIdentifier=gid)["GlobalClusters"]
assert g["Status"] == "available" and "FailoverState" not in g, g
members = {m["DBClusterArn"]: m for m in g["GlobalClusterMembers"]}
assert members[writer]["IsWriter"] and members[writer]["Readers"] == [reader], g
assert not members[reader]["IsWriter"] and members[reader]["GlobalWriteForwardingStatus"] == "disabled", g
for arn, is_writer in ((writer, True), (reader, False)):
    [c] = rds(arn.split(":")[3]).describe_db_clusters(DBClusterIdentifier=arn)["DBClusters"]
    assert c.get("ReplicationSourceIdentifier") == (None if is_writer else writer), c
    assert c["MasterUsername"] == "app", c
    assert [m["IsClusterWriter"] for m in c["DBClusterMembers"]] == [is_writer], c
PY
}

step init; terraform init -input=false -no-color >/dev/null
step apply; terraform apply -auto-approve -input=false -no-color >apply.log || { cat apply.log; exit 1; }
grep -q '19 added, 0 changed, 0 destroyed' apply.log || { cat apply.log; exit 1; }
plan_empty plan.log
roles "$east" "$west"

step "switchover to us-west-2"
rds switchover-global-cluster --region us-west-2 --global-cluster-identifier "$global" --target-db-cluster-identifier "$west"
roles "$west" "$east"
plan_empty plan-west.log -var writer=us-west-2
step "plan moving master_password_wo to us-west-2 (two in-place updates)"
terraform plan -input=false -no-color -var writer=us-west-2 -var password_region=us-west-2 >plan-password.log
grep -q 'Plan: 0 to add, 2 to change, 0 to destroy' plan-password.log || { cat plan-password.log; exit 1; }

step "switchover back to us-east-1"
rds switchover-global-cluster --region us-east-1 --global-cluster-identifier "$global" --target-db-cluster-identifier "$east"
roles "$east" "$west"
plan_empty plan-back.log

step "failover (allow data loss) to us-west-2"
rds failover-global-cluster --region us-west-2 --global-cluster-identifier "$global" --target-db-cluster-identifier "$west" --allow-data-loss
roles "$west" "$east"
plan_empty plan-failover.log -var writer=us-west-2

step "switchover back to us-east-1 before destroying"
rds switchover-global-cluster --region us-east-1 --global-cluster-identifier "$global" --target-db-cluster-identifier "$east"
roles "$east" "$west"
plan_empty plan-final.log
step destroy; terraform destroy -auto-approve -input=false -no-color >destroy.log || { cat destroy.log; exit 1; }
grep -q '19 destroyed' destroy.log || { cat destroy.log; exit 1; }
proof_end
echo "Aurora Global Database on the emulator: apply, empty plans through switchover, switchback and failover, destroy: OK ($(( $(date +%s) - started )) s)"
