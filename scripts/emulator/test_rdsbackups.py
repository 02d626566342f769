"""Shows the cross-Region automated backup replication of rdsbackups.py
through the AWS API.

    python3 scripts/emulator/test_rdsbackups.py

Starts its own emulator (test_patches.setUpModule: launch.py on a free
loopback port), runs the checks with boto3 and stops it. Takes a few seconds
plus the emulator start."""
import os
import sys
import unittest

from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The same emulator as the other patch tests (launch.py, patches.apply()
# calling rdsbackups.patch()).
from test_patches import client, setUpModule, tearDownModule  # noqa: E402,F401

SOURCE_REGION, DEST_REGION = "us-east-1", "us-west-2"


class AutomatedBackupsReplication(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.src = client("rds", SOURCE_REGION)
        cls.dst = client("rds", DEST_REGION)
        cls.key = client("kms", DEST_REGION).create_key(Description="replicated backups")["KeyMetadata"]["Arn"]

    def instance(self, ident, retention=7, **kwargs):
        return self.src.create_db_instance(
            DBInstanceIdentifier=ident, DBInstanceClass="db.t3.micro", Engine="postgres",
            EngineVersion="16.3", AllocatedStorage=20, MasterUsername="app",
            MasterUserPassword="a-long-password", BackupRetentionPeriod=retention, **kwargs)["DBInstance"]

    def assertError(self, code, fn, status=None, message=None, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(**kwargs)
        self.assertEqual(ctx.exception.response["Error"]["Code"], code)
        if status is not None:
            self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], status)
        if message is not None:
            self.assertIn(message, ctx.exception.response["Error"]["Message"])

    def by_arn(self, arn):
        return self.dst.describe_db_instance_automated_backups(
            DBInstanceAutomatedBackupsArn=arn)["DBInstanceAutomatedBackups"]

    def replications(self, ident):
        got = self.src.describe_db_instances(DBInstanceIdentifier=ident)["DBInstances"][0]
        return [r["DBInstanceAutomatedBackupsArn"] for r in got.get("DBInstanceAutomatedBackupsReplications", [])]

    def test_start_describe_stop(self):
        source = self.instance("writer")
        started = self.dst.start_db_instance_automated_backups_replication(
            SourceDBInstanceArn=source["DBInstanceArn"], KmsKeyId=self.key,
            BackupRetentionPeriod=14)["DBInstanceAutomatedBackup"]
        arn = started["DBInstanceAutomatedBackupsArn"]
        self.assertRegex(arn, r"^arn:aws:rds:us-west-2:123456789012:auto-backup:ab-[a-z0-9]{26}$")
        self.assertEqual(started["Status"], "pending")
        self.assertEqual(
            {k: started[k] for k in ("DBInstanceArn", "DbiResourceId", "Region", "DBInstanceIdentifier",
                                     "Engine", "EngineVersion", "AllocatedStorage", "Encrypted",
                                     "KmsKeyId", "BackupRetentionPeriod")},
            {"DBInstanceArn": source["DBInstanceArn"], "DbiResourceId": source["DbiResourceId"],
             "Region": SOURCE_REGION, "DBInstanceIdentifier": "writer", "Engine": "postgres",
             "EngineVersion": "16.3", "AllocatedStorage": 20, "Encrypted": True, "KmsKeyId": self.key,
             "BackupRetentionPeriod": 14})

        # The destination region lists it (by ARN, resource id, identifier, filters) as replicating.
        [got] = self.by_arn(arn)
        self.assertEqual((got["Status"], got["KmsKeyId"], got["Encrypted"], got["DBInstanceArn"]),
                         ("replicating", self.key, True, source["DBInstanceArn"]))
        self.assertLessEqual(got["RestoreWindow"]["EarliestTime"], got["RestoreWindow"]["LatestTime"])
        for kwargs in ({"DbiResourceId": source["DbiResourceId"]}, {"DBInstanceIdentifier": "writer"},
                       {"Filters": [{"Name": "dbi-resource-id", "Values": [source["DbiResourceId"]]},
                                    {"Name": "status", "Values": ["replicating"]}]}):
            found = self.dst.describe_db_instance_automated_backups(**kwargs)["DBInstanceAutomatedBackups"]
            self.assertEqual([b["DBInstanceAutomatedBackupsArn"] for b in found], [arn], kwargs)
        self.assertEqual(self.dst.describe_db_instance_automated_backups(
            Filters=[{"Name": "status", "Values": ["retained"]},
                     {"Name": "db-instance-id", "Values": [source["DBInstanceArn"]]}])[
                         "DBInstanceAutomatedBackups"], [])
        # ... and the source lists the replication (also on its own automated backup).
        self.assertEqual(self.replications("writer"), [arn])
        [own] = self.src.describe_db_instance_automated_backups(
            DBInstanceIdentifier="writer")["DBInstanceAutomatedBackups"]
        self.assertEqual((own["Status"], own["DbiResourceId"], own["DBInstanceAutomatedBackupsReplications"]),
                         ("active", source["DbiResourceId"], [{"DBInstanceAutomatedBackupsArn": arn}]))

        # Already replicating here.
        self.assertError("InvalidDBInstanceAutomatedBackupState",
                         self.dst.start_db_instance_automated_backups_replication, status=400,
                         SourceDBInstanceArn=source["DBInstanceArn"], KmsKeyId=self.key)

        stopped = self.dst.stop_db_instance_automated_backups_replication(
            SourceDBInstanceArn=source["DBInstanceArn"])["DBInstanceAutomatedBackup"]
        self.assertEqual((stopped["DBInstanceAutomatedBackupsArn"], stopped["Status"]), (arn, "replicating"))
        self.assertError("DBInstanceAutomatedBackupNotFound", self.by_arn, status=404, arn=arn)
        self.assertEqual(self.replications("writer"), [])
        # Stopping again: the error terraform's provider treats as "already gone".
        self.assertError("InvalidDBInstanceState", self.dst.stop_db_instance_automated_backups_replication,
                         status=400, message="not replicating to the current region",
                         SourceDBInstanceArn=source["DBInstanceArn"])

        # Replication can be started again; defaults: 7 days, unencrypted source without key.
        again = self.dst.start_db_instance_automated_backups_replication(
            SourceDBInstanceArn=source["DBInstanceArn"])["DBInstanceAutomatedBackup"]
        self.assertNotEqual(again["DBInstanceAutomatedBackupsArn"], arn)
        self.assertEqual((again["BackupRetentionPeriod"], again["Encrypted"]), (7, False))
        self.assertNotIn("KmsKeyId", again)
        self.dst.stop_db_instance_automated_backups_replication(SourceDBInstanceArn=source["DBInstanceArn"])

    def test_unknown_source(self):
        arn = f"arn:aws:rds:{SOURCE_REGION}:123456789012:db:no-such-db"
        self.assertError("DBInstanceNotFound", self.dst.start_db_instance_automated_backups_replication,
                         status=404, SourceDBInstanceArn=arn, KmsKeyId=self.key)
        self.assertError("DBInstanceNotFound", self.dst.stop_db_instance_automated_backups_replication,
                         status=404, SourceDBInstanceArn=arn)
        self.assertError("InvalidParameterValue", self.dst.start_db_instance_automated_backups_replication,
                         SourceDBInstanceArn="not-an-arn")

    def test_invalid_requests(self):
        source = self.instance("nobackups", retention=0)
        self.assertError("InvalidDBInstanceState", self.dst.start_db_instance_automated_backups_replication,
                         status=400, SourceDBInstanceArn=source["DBInstanceArn"])
        writer = self.instance("checked")
        east_key = client("kms", SOURCE_REGION).create_key()["KeyMetadata"]["Arn"]
        self.assertError("KMSKeyNotAccessibleFault", self.dst.start_db_instance_automated_backups_replication,
                         SourceDBInstanceArn=writer["DBInstanceArn"], KmsKeyId=east_key)
        self.assertError("InvalidParameterValue", self.src.start_db_instance_automated_backups_replication,
                         SourceDBInstanceArn=writer["DBInstanceArn"])  # same region
        self.assertError("InvalidParameterValue", self.dst.start_db_instance_automated_backups_replication,
                         SourceDBInstanceArn=writer["DBInstanceArn"], BackupRetentionPeriod=0)
        self.assertEqual(self.replications("checked"), [])

    def test_deleted_source_leaves_retained_backup(self):
        source = self.instance("short-lived")
        arn = self.dst.start_db_instance_automated_backups_replication(
            SourceDBInstanceArn=source["DBInstanceArn"], KmsKeyId=self.key)["DBInstanceAutomatedBackup"][
                "DBInstanceAutomatedBackupsArn"]
        self.src.delete_db_instance(DBInstanceIdentifier="short-lived", SkipFinalSnapshot=True)
        [got] = self.by_arn(arn)
        self.assertEqual(got["Status"], "retained")
        self.assertError("DBInstanceNotFound", self.dst.stop_db_instance_automated_backups_replication,
                         SourceDBInstanceArn=source["DBInstanceArn"])


if __name__ == "__main__":
    unittest.main()
