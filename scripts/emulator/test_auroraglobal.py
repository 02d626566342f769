"""Shows the Aurora Global Database of auroraglobal.py (switchover,
failover, members and their roles, the errors AWS documents) through the
AWS API.

    python3 scripts/emulator/test_auroraglobal.py

Starts its own emulator (launch.py, so with the patches) on a free loopback
port, runs the checks with boto3 and stops it; every test starts from
/moto-api/reset. About half a minute (each reset re-creates the regions'
backends) plus the emulator start."""
import os
import sys
import unittest

import boto3
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import emulatortest  # noqa: E402

EMULATOR = emulatortest.Emulator("test_auroraglobal")
ACCOUNT = "123456789012"
GLOBAL = "orders"
EAST, WEST = "us-east-1", "us-west-2"


def setUpModule():
    EMULATOR.start()


def tearDownModule():
    EMULATOR.stop()


def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=EMULATOR.url,
                        aws_access_key_id="test", aws_secret_access_key="test")


def arn(region, name):
    return f"arn:aws:rds:{region}:{ACCOUNT}:cluster:{name}"


class GlobalDatabase(unittest.TestCase):
    def setUp(self):
        EMULATOR.reset()
        self.rds = {EAST: client("rds", EAST), WEST: client("rds", WEST)}
        self.rds[EAST].create_global_cluster(GlobalClusterIdentifier=GLOBAL, Engine="aurora-postgresql",
                                             EngineVersion="16.6", StorageEncrypted=True)
        self.cluster(EAST, "orders-east", MasterUsername="app", MasterUserPassword="a-long-password",
                     DatabaseName="orders")
        self.cluster(WEST, "orders-west")
        self.east, self.west = arn(EAST, "orders-east"), arn(WEST, "orders-west")

    def cluster(self, region, name, **kwargs):
        kms = client("kms", region).create_key()["KeyMetadata"]["Arn"]
        self.rds[region].create_db_cluster(
            DBClusterIdentifier=name, Engine="aurora-postgresql", EngineVersion="16.6",
            GlobalClusterIdentifier=GLOBAL, StorageEncrypted=True, KmsKeyId=kms, **kwargs)
        self.rds[region].create_db_instance(
            DBInstanceIdentifier=name + "-1", DBClusterIdentifier=name, Engine="aurora-postgresql",
            DBInstanceClass="db.r6g.large")

    def assertError(self, code, fn, status=None, message=None, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(**kwargs)
        self.assertEqual(ctx.exception.response["Error"]["Code"], code)
        if status is not None:
            self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], status)
        if message is not None:
            self.assertIn(message, ctx.exception.response["Error"]["Message"])

    def global_cluster(self):
        [g] = self.rds[EAST].describe_global_clusters(GlobalClusterIdentifier=GLOBAL)["GlobalClusters"]
        return g

    def db_cluster(self, cluster_arn):
        region = cluster_arn.split(":")[3]
        [c] = self.rds[region].describe_db_clusters(DBClusterIdentifier=cluster_arn)["DBClusters"]
        return c

    def assertRoles(self, writer, reader):
        g = self.global_cluster()
        self.assertEqual(g["Status"], "available")
        self.assertNotIn("FailoverState", g)
        members = {m["DBClusterArn"]: m for m in g["GlobalClusterMembers"]}
        self.assertEqual(set(members), {writer, reader})
        self.assertEqual(members[writer], {"DBClusterArn": writer, "IsWriter": True, "Readers": [reader]})
        self.assertEqual(members[reader], {"DBClusterArn": reader, "IsWriter": False, "Readers": [],
                                           "GlobalWriteForwardingStatus": "disabled"})
        w, r = self.db_cluster(writer), self.db_cluster(reader)
        self.assertNotIn("ReplicationSourceIdentifier", w)
        self.assertEqual(r["ReplicationSourceIdentifier"], writer)
        self.assertEqual([m["IsClusterWriter"] for m in w["DBClusterMembers"]], [True])
        self.assertEqual([m["IsClusterWriter"] for m in r["DBClusterMembers"]], [False])
        for c in (w, r):
            self.assertEqual((c["MasterUsername"], c["DatabaseName"]), ("app", "orders"))
            self.assertEqual(c["EngineMode"], "provisioned")
            self.assertNotIn("ScalingConfigurationInfo", c)

    def test_secondary_reports_primary(self):
        self.assertRoles(self.east, self.west)

    def test_switchover_and_back(self):
        got = self.rds[WEST].switchover_global_cluster(
            GlobalClusterIdentifier=GLOBAL, TargetDbClusterIdentifier=self.west)["GlobalCluster"]
        # As AWS answers: the operation starting, the roles not yet swapped.
        self.assertEqual(got["Status"], "switching-over")
        self.assertEqual(got["FailoverState"], {"Status": "pending", "FromDbClusterArn": self.east,
                                                "ToDbClusterArn": self.west, "IsDataLossAllowed": False})
        self.assertEqual([m["IsWriter"] for m in got["GlobalClusterMembers"]], [True, False])
        self.assertEqual(got["GlobalClusterArn"], f"arn:aws:rds::{ACCOUNT}:global-cluster:{GLOBAL}")
        self.assertRoles(self.west, self.east)
        self.rds[EAST].switchover_global_cluster(GlobalClusterIdentifier=GLOBAL.upper(),
                                                 TargetDbClusterIdentifier=self.east)
        self.assertRoles(self.east, self.west)

    def test_failover_without_flags_is_a_switchover(self):
        got = self.rds[WEST].failover_global_cluster(
            GlobalClusterIdentifier=GLOBAL, TargetDbClusterIdentifier=self.west)["GlobalCluster"]
        self.assertEqual(got["Status"], "switching-over")
        self.assertFalse(got["FailoverState"]["IsDataLossAllowed"])
        self.assertRoles(self.west, self.east)
        self.rds[EAST].failover_global_cluster(GlobalClusterIdentifier=GLOBAL, Switchover=True,
                                               TargetDbClusterIdentifier=self.east)
        self.assertRoles(self.east, self.west)

    def test_failover_allowing_data_loss(self):
        got = self.rds[WEST].failover_global_cluster(
            GlobalClusterIdentifier=GLOBAL, TargetDbClusterIdentifier=self.west,
            AllowDataLoss=True)["GlobalCluster"]
        self.assertEqual(got["Status"], "failing-over")
        self.assertEqual(got["FailoverState"], {"Status": "pending", "FromDbClusterArn": self.east,
                                                "ToDbClusterArn": self.west, "IsDataLossAllowed": True})
        self.assertRoles(self.west, self.east)
        # The new writer takes writes; the old primary is its secondary.
        self.rds[WEST].modify_db_cluster(DBClusterIdentifier="orders-west", BackupRetentionPeriod=14,
                                         ApplyImmediately=True)
        self.assertEqual(self.db_cluster(self.west)["BackupRetentionPeriod"], 14)

    def test_three_regions(self):
        self.rds["eu-west-1"] = client("rds", "eu-west-1")
        self.cluster("eu-west-1", "orders-eu")
        eu = arn("eu-west-1", "orders-eu")
        self.rds[WEST].switchover_global_cluster(GlobalClusterIdentifier=GLOBAL, TargetDbClusterIdentifier=self.west)
        members = {m["DBClusterArn"]: m for m in self.global_cluster()["GlobalClusterMembers"]}
        self.assertEqual(sorted(members[self.west]["Readers"]), sorted([self.east, eu]))
        self.assertEqual(self.db_cluster(eu)["ReplicationSourceIdentifier"], self.west)
        self.assertEqual(self.db_cluster(self.east)["ReplicationSourceIdentifier"], self.west)

    def test_switchover_errors(self):
        for op in (self.rds[WEST].switchover_global_cluster, self.rds[WEST].failover_global_cluster):
            self.assertError("GlobalClusterNotFoundFault", op, status=404,
                             GlobalClusterIdentifier="missing", TargetDbClusterIdentifier=self.west)
            self.assertError("DBClusterNotFoundFault", op, status=404, GlobalClusterIdentifier=GLOBAL,
                             TargetDbClusterIdentifier=arn(WEST, "missing"))
            self.assertError("InvalidDBClusterStateFault", op, status=400, message="already the primary",
                             GlobalClusterIdentifier=GLOBAL, TargetDbClusterIdentifier=self.east)
        self.rds[WEST].create_db_cluster(DBClusterIdentifier="standalone", Engine="aurora-postgresql",
                                         MasterUsername="app", MasterUserPassword="a-long-password")
        self.assertError("InvalidDBClusterStateFault", self.rds[WEST].switchover_global_cluster,
                         message="not a member", GlobalClusterIdentifier=GLOBAL,
                         TargetDbClusterIdentifier=arn(WEST, "standalone"))
        self.assertError("InvalidParameterValue", self.rds[WEST].switchover_global_cluster,
                         GlobalClusterIdentifier=GLOBAL, TargetDbClusterIdentifier=f"arn:aws:rds:{WEST}:{ACCOUNT}:db:x")
        self.assertError("InvalidParameterCombination", self.rds[WEST].failover_global_cluster,
                         GlobalClusterIdentifier=GLOBAL, TargetDbClusterIdentifier=self.west,
                         AllowDataLoss=True, Switchover=True)
        self.assertRoles(self.east, self.west)

    def test_remove_and_delete(self):
        # The primary can be neither deleted nor detached while it has a secondary.
        self.rds[EAST].delete_db_instance(DBInstanceIdentifier="orders-east-1", SkipFinalSnapshot=True)
        self.assertError("InvalidGlobalClusterStateFault", self.rds[EAST].delete_db_cluster,
                         message="primary member of global cluster",
                         DBClusterIdentifier="orders-east", SkipFinalSnapshot=True)
        self.assertError("InvalidGlobalClusterStateFault", self.rds[EAST].remove_from_global_cluster,
                         GlobalClusterIdentifier=GLOBAL, DbClusterIdentifier=self.east)
        self.assertError("GlobalClusterNotFoundFault", self.rds[WEST].remove_from_global_cluster,
                         GlobalClusterIdentifier="missing", DbClusterIdentifier=self.west)
        self.assertError("DBClusterNotFoundFault", self.rds[WEST].remove_from_global_cluster,
                         GlobalClusterIdentifier=GLOBAL, DbClusterIdentifier=arn(WEST, "missing"))
        # The secondary is detached in its own region and becomes standalone.
        got = self.rds[WEST].remove_from_global_cluster(
            GlobalClusterIdentifier=GLOBAL, DbClusterIdentifier=self.west)["GlobalCluster"]
        self.assertEqual(len(got["GlobalClusterMembers"]), 2)
        self.assertEqual([m["DBClusterArn"] for m in self.global_cluster()["GlobalClusterMembers"]], [self.east])
        west = self.db_cluster(self.west)
        self.assertNotIn("ReplicationSourceIdentifier", west)
        self.assertEqual(west["MasterUsername"], "app")
        self.assertEqual([m["IsClusterWriter"] for m in west["DBClusterMembers"]], [True])
        self.assertError("InvalidParameterValue", self.rds[WEST].remove_from_global_cluster,
                         message="is not found in global cluster",
                         GlobalClusterIdentifier=GLOBAL, DbClusterIdentifier=self.west)
        self.assertError("InvalidGlobalClusterStateFault", self.rds[EAST].delete_global_cluster,
                         GlobalClusterIdentifier=GLOBAL)
        # Alone, the primary can go.
        self.rds[EAST].delete_db_cluster(DBClusterIdentifier="orders-east", SkipFinalSnapshot=True)
        self.assertEqual(self.global_cluster()["GlobalClusterMembers"], [])
        self.rds[EAST].delete_global_cluster(GlobalClusterIdentifier=GLOBAL)
        self.assertError("GlobalClusterNotFoundFault", self.rds[EAST].describe_global_clusters, status=404,
                         GlobalClusterIdentifier=GLOBAL)
        self.assertError("GlobalClusterNotFoundFault", self.rds[EAST].delete_global_cluster, status=404,
                         GlobalClusterIdentifier=GLOBAL)

    def test_deleted_secondary_leaves_the_members(self):
        self.rds[WEST].delete_db_instance(DBInstanceIdentifier="orders-west-1", SkipFinalSnapshot=True)
        self.rds[WEST].delete_db_cluster(DBClusterIdentifier="orders-west", SkipFinalSnapshot=True)
        self.assertEqual([m["DBClusterArn"] for m in self.global_cluster()["GlobalClusterMembers"]], [self.east])

    def test_primary_needs_master_username(self):
        self.rds[EAST].create_global_cluster(GlobalClusterIdentifier="empty", Engine="aurora-postgresql",
                                             EngineVersion="16.6")
        self.assertError("InvalidParameterValue", self.rds[EAST].create_db_cluster, message="MasterUsername",
                         DBClusterIdentifier="headless", Engine="aurora-postgresql",
                         GlobalClusterIdentifier="empty")
        self.assertError("GlobalClusterNotFoundFault", self.rds[WEST].create_db_cluster, status=404,
                         DBClusterIdentifier="lost", Engine="aurora-postgresql", GlobalClusterIdentifier="missing")

    def test_global_cluster_keeps_its_tags(self):
        tagged = self.rds[EAST].create_global_cluster(
            GlobalClusterIdentifier="tagged", Engine="aurora-postgresql", EngineVersion="16.6",
            Tags=[{"Key": "app", "Value": "orders"}])["GlobalCluster"]
        tags = self.rds[EAST].list_tags_for_resource(ResourceName=tagged["GlobalClusterArn"])["TagList"]
        self.assertEqual(tags, [{"Key": "app", "Value": "orders"}])
        listed = self.rds[EAST].describe_global_clusters(GlobalClusterIdentifier="tagged")["GlobalClusters"][0]
        self.assertEqual(listed.get("TagList"), [{"Key": "app", "Value": "orders"}])
        self.rds[EAST].add_tags_to_resource(ResourceName=tagged["GlobalClusterArn"], Tags=[{"Key": "env", "Value": "prod"}])
        tags = self.rds[WEST].list_tags_for_resource(ResourceName=tagged["GlobalClusterArn"])["TagList"]
        self.assertEqual(sorted(t["Key"] for t in tags), ["app", "env"])

    def test_describe_by_identifier(self):
        self.rds[EAST].create_global_cluster(GlobalClusterIdentifier="other", Engine="aurora-postgresql")
        self.assertEqual([g["GlobalClusterIdentifier"] for g in
                          self.rds[WEST].describe_global_clusters(GlobalClusterIdentifier="ORDERS")["GlobalClusters"]],
                         [GLOBAL])
        self.assertEqual(len(self.rds[WEST].describe_global_clusters()["GlobalClusters"]), 2)


if __name__ == "__main__":
    unittest.main()
