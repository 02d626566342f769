"""Cross-Region replication of RDS automated backups for the emulator
(moto 5.2.1), applied in-process like patches.py. Test tooling only.

Gap: moto has no StartDBInstanceAutomatedBackupsReplication /
StopDBInstanceAutomatedBackupsReplication (the query-protocol dispatcher
finds no handler), and its DescribeDBInstanceAutomatedBackups knows only the
backups of instances in its own region, ignores DBInstanceAutomatedBackupsArn,
DbiResourceId and Filters, and returns nothing but DBInstanceIdentifier and
Status. Terraform's aws_db_instance_automated_backups_replication (provider
5.x) therefore cannot be created. What the provider does, and so what this
module serves:
  create  StartDBInstanceAutomatedBackupsReplication in the destination
          region (SourceDBInstanceArn, BackupRetentionPeriod, KmsKeyId,
          PreSignedUrl); the resource id is the returned
          DBInstanceAutomatedBackupsArn; then it polls
          DescribeDBInstanceAutomatedBackups(DBInstanceAutomatedBackupsArn)
          until Status is "replicating" ("pending" keeps it waiting).
  read    the same describe; exactly one result is expected; "retained" or
          DBInstanceAutomatedBackupNotFound means gone; it reads KmsKeyId,
          BackupRetentionPeriod and DBInstanceArn.
  delete  StopDBInstanceAutomatedBackupsReplication in the destination region
          (DBInstanceNotFound, or InvalidDBInstanceState whose message says
          "not replicating to the current region", count as done), then polls
          DescribeDBInstances in the source region until the source's
          DBInstanceAutomatedBackupsReplications no longer lists the ARN.

The replicated backup lives in the destination region's RDS backend (so
/moto-api/reset clears it with everything else); the source instance is found
in the backend of the region named in its ARN.

Call patch() once before the server handles requests (it is idempotent).
"""
import string
import threading

_APPLIED = False
_LOCK = threading.Lock()
_STORE = "_replicated_automated_backups"
# "You can replicate up to 20 backups to each destination AWS Region for each
# AWS account" (RDS User Guide, Enabling cross-Region automated backups).
_QUOTA_PER_REGION = 20
_DEFAULT_RETENTION = 7


def _store(backend):
    return backend.__dict__.setdefault(_STORE, {})


def _error(code, message):
    from moto.rds.exceptions import RDSClientError
    return RDSClientError(code, message)


def _parse_instance_arn(arn):
    """(partition, region, account, identifier) of a DB instance ARN."""
    parts = (arn or "").split(":", 6)
    if (len(parts) != 7 or parts[0] != "arn" or parts[2] != "rds" or not parts[3]
            or parts[5] != "db" or not parts[6]):
        raise _error("InvalidParameterValue", f"Invalid source DB instance ARN: {arn}")
    return parts[1], parts[3], parts[4], parts[6]


def _find_source(backend, arn):
    """The DB instance named by arn, looked up in its own region's backend."""
    from moto.rds.models import rds_backends
    _, region, account, identifier = _parse_instance_arn(arn)
    if account != backend.account_id:
        raise _error("DBInstanceNotFound", f"DBInstance {arn} not found.")
    try:
        source_backend = rds_backends[account][region]
    except KeyError:
        raise _error("DBInstanceNotFound", f"DBInstance {arn} not found.") from None
    database = source_backend.databases.get(identifier.lower())
    if database is None:
        raise _error("DBInstanceNotFound", f"DBInstance {arn} not found.")
    return database


class ReplicatedBackup:
    """A DBInstanceAutomatedBackup replicated into another region."""

    def __init__(self, backend, source, retention, kms_key_id, tags):
        from moto.core.utils import utcnow
        from moto.moto_api._internal import mock_random as random
        alphabet = string.ascii_lowercase + string.digits
        self.arn = (f"arn:{backend.partition}:rds:{backend.region_name}:{backend.account_id}:"
                    "auto-backup:ab-" + "".join(random.choice(alphabet) for _ in range(26)))
        self.created = utcnow()
        self.source_arn = source.db_instance_arn
        self.source_region = source.region
        self.source_account = source.account_id
        self.dbi_resource_id = source.dbi_resource_id
        self.db_instance_identifier = source.db_instance_identifier
        self.retention = retention
        self.kms_key_id = kms_key_id
        self.encrypted = bool(kms_key_id) or bool(source.storage_encrypted)
        self.tags = tags
        # What the backup keeps of the instance (AWS copies these properties).
        self.properties = {
            "AllocatedStorage": source.allocated_storage,
            "Port": source.port,
            "InstanceCreateTime": source.instance_create_time,
            "MasterUsername": source.master_username,
            "Engine": source.engine,
            "EngineVersion": source.engine_version,
            "LicenseModel": source.license_model,
            "Iops": source.iops,
            "StorageThroughput": getattr(source, "storage_throughput", None),
            "OptionGroupName": source.option_group_name,
            "StorageType": source.storage_type,
            "IAMDatabaseAuthenticationEnabled": bool(
                getattr(source, "enable_iam_database_authentication", False)),
        }

    def source_exists(self):
        from moto.rds.models import rds_backends
        try:
            backend = rds_backends[self.source_account][self.source_region]
        except KeyError:
            return False
        database = backend.databases.get(self.db_instance_identifier)
        return database is not None and database.dbi_resource_id == self.dbi_resource_id

    @property
    def status(self):
        # AWS: replication stops when the source instance is deleted; the
        # replicated backup is then "retained".
        return "replicating" if self.source_exists() else "retained"

    def shape(self, status=None, restore_window=True):
        """The DBInstanceAutomatedBackup structure (query-protocol serialised
        by moto's serializer from the botocore model)."""
        from moto.core.utils import utcnow
        result = {
            "DBInstanceArn": self.source_arn,
            "DbiResourceId": self.dbi_resource_id,
            "Region": self.source_region,
            "DBInstanceIdentifier": self.db_instance_identifier,
            "RestoreWindow": ({"EarliestTime": self.created, "LatestTime": utcnow()}
                              if restore_window else {}),
            "Status": status or self.status,
            "Encrypted": self.encrypted,
            "BackupRetentionPeriod": self.retention,
            "DBInstanceAutomatedBackupsArn": self.arn,
        }
        result.update({k: v for k, v in self.properties.items() if v is not None})
        if self.kms_key_id:
            result["KmsKeyId"] = self.kms_key_id
        if self.tags:
            result["TagList"] = self.tags
        return result

    def matches(self, database):
        return (self.source_arn == database.db_instance_arn
                and self.dbi_resource_id == database.dbi_resource_id)


def _replications_of(database):
    """Every replicated backup of database, in any region of its account."""
    from moto.rds.models import rds_backends
    found = []
    for backend in list(dict.values(rds_backends[database.account_id])):
        records = backend.__dict__.get(_STORE) or {}
        for record in list(records.values()):
            if record.matches(database):
                found.append(record)
    return sorted(found, key=lambda r: r.created)


def _validate_kms_key(backend, kms_key_id):
    """The key's ARN, if it is an enabled key of the destination region."""
    from moto.rds.exceptions import KMSKeyNotAccessibleFault
    arn = backend._validate_kms_key(kms_key_id)  # raises KMSKeyNotAccessibleFault
    try:
        key = backend.kms.describe_key(arn)
    except KeyError:
        raise KMSKeyNotAccessibleFault(kms_key_id) from None
    if getattr(key, "key_state", "Enabled") != "Enabled":
        raise KMSKeyNotAccessibleFault(kms_key_id)
    return arn


def _matches_filters(item, filters):
    """Filters of DescribeDBInstanceAutomatedBackups: status, db-instance-id
    (identifiers or ARNs), dbi-resource-id."""
    for f in filters or []:
        name, values = f["Name"], list(f.get("Values") or [])
        if name == "status":
            got = [item["Status"] if isinstance(item, dict) else item.status]
        elif name == "db-instance-id":
            if isinstance(item, dict):
                got = [item["DBInstanceIdentifier"], item["DBInstanceArn"]]
            else:
                got = [item.db_instance_identifier, item.db_instance_arn]
            got = [g.lower() for g in got if g]
            values = [v.lower() for v in values]
        elif name == "dbi-resource-id":
            got = [item["DbiResourceId"] if isinstance(item, dict) else item.dbi_resource_id]
        else:
            raise _error("InvalidParameterValue", f"Unrecognized filter name: {name}")
        if not set(got) & set(values):
            return False
    return True


def patch() -> None:
    """Install the operations and the describe / DescribeDBInstances changes."""
    global _APPLIED
    with _LOCK:
        if _APPLIED:
            return
        _APPLIED = True
    _start_replication()
    _stop_replication()
    _describe_automated_backups()
    _source_lists_replications()


def _start_replication():
    """Gap: StartDBInstanceAutomatedBackupsReplication is not implemented.
    AWS: called in the destination region with the SourceDBInstanceArn of an
    instance in another region; creates there a DBInstanceAutomatedBackup
    (DBInstanceArn, DbiResourceId, Region and DBInstanceIdentifier of the
    source, its engine/storage properties, BackupRetentionPeriod (default 7),
    KmsKeyId, Encrypted, DBInstanceAutomatedBackupsArn
    arn:aws:rds:<destination>:<account>:auto-backup:ab-...) and returns it
    with Status "pending" and an empty RestoreWindow; it then replicates
    ("replicating"). Errors: DBInstanceNotFound (404) for an unknown source;
    InvalidDBInstanceState when the source has no automated backups
    (BackupRetentionPeriod 0) or is not available; KMSKeyNotAccessibleFault
    for a key that is not an enabled key of the destination region;
    InvalidDBInstanceAutomatedBackupState when the source's backups are
    already replicating to this region (the backup record exists and is in
    use: the documented meaning of that fault, which botocore lists for this
    operation); DBInstanceAutomatedBackupQuotaExceeded beyond 20 replicated
    backups per destination region. An encrypted source needs KmsKeyId
    ("Encrypted instances require a valid KMS key ID", the message the
    CloudFormation RDS handler matches; the error code, here
    InvalidParameterCombination, is not documented). A source in the same
    region is rejected with InvalidParameterValue. PreSignedUrl is only used
    in GovCloud and is ignored, as AWS does elsewhere."""
    from moto.core.responses import ActionResult
    from moto.rds.responses import RDSResponse

    def start_db_instance_automated_backups_replication(self):
        backend = self.backend
        source_arn = self.params.get("SourceDBInstanceArn")
        retention = self.params.get("BackupRetentionPeriod")
        retention = _DEFAULT_RETENTION if retention is None else int(retention)
        kms_key_id = self.params.get("KmsKeyId")
        tags = [{"Key": t["Key"], "Value": t.get("Value")} for t in self.params.get("Tags") or []]

        _, source_region, _, _ = _parse_instance_arn(source_arn)
        if source_region == backend.region_name:
            raise _error("InvalidParameterValue",
                         "The source DB instance must be in a different AWS Region "
                         f"than the destination Region {backend.region_name}.")
        source = _find_source(backend, source_arn)
        if not source.backup_retention_period:
            raise _error("InvalidDBInstanceState",
                         f"Automated backups are not enabled for DB instance {source_arn}.")
        if source.status != "available":
            raise _error("InvalidDBInstanceState",
                         f"DB instance {source_arn} is not in available state.")
        if not 1 <= retention <= 35:
            raise _error("InvalidParameterValue",
                         "The backup retention period must be between 1 and 35 days.")
        if kms_key_id:
            kms_key_id = _validate_kms_key(backend, kms_key_id)
        elif source.storage_encrypted:
            raise _error("InvalidParameterCombination",
                         "Encrypted instances require a valid KMS key ID in the destination Region.")

        with _LOCK:
            records = _store(backend)
            for record in records.values():
                if record.matches(source) and record.status == "replicating":
                    raise _error("InvalidDBInstanceAutomatedBackupState",
                                 f"Automated backups of DB instance {source_arn} are already "
                                 "replicating to the current region.")
            if sum(r.status == "replicating" for r in records.values()) >= _QUOTA_PER_REGION:
                raise _error("DBInstanceAutomatedBackupQuotaExceeded",
                             f"Cannot replicate more than {_QUOTA_PER_REGION} automated backups "
                             f"to region {backend.region_name}.")
            record = ReplicatedBackup(backend, source, retention, kms_key_id, tags)
            records[record.arn] = record
        return ActionResult({"DBInstanceAutomatedBackup":
                             record.shape(status="pending", restore_window=False)})

    RDSResponse.start_db_instance_automated_backups_replication = (
        start_db_instance_automated_backups_replication)


def _stop_replication():
    """Gap: StopDBInstanceAutomatedBackupsReplication is not implemented.
    AWS: called in the destination region with SourceDBInstanceArn; stops the
    replication and returns the DBInstanceAutomatedBackup (as it was, Status
    "replicating"); the source no longer lists it in
    DBInstanceAutomatedBackupsReplications. Errors (the two botocore lists):
    DBInstanceNotFound (404) for an unknown source, InvalidDBInstanceState
    "... not replicating to the current region" when the source does not
    replicate here (the message terraform's provider matches to treat the
    replication as already gone). AWS then keeps the copied backups as a
    "retained" automated backup until its retention period ends; the
    emulator drops the record at once (moto has no
    DeleteDBInstanceAutomatedBackup to remove a retained one, and the
    provider treats "retained" and absent alike)."""
    from moto.core.responses import ActionResult
    from moto.rds.responses import RDSResponse

    def stop_db_instance_automated_backups_replication(self):
        backend = self.backend
        source_arn = self.params.get("SourceDBInstanceArn")
        source = _find_source(backend, source_arn)
        with _LOCK:
            records = _store(backend)
            for arn, record in list(records.items()):
                if record.matches(source) and record.status == "replicating":
                    shape = record.shape()
                    del records[arn]
                    return ActionResult({"DBInstanceAutomatedBackup": shape})
        raise _error("InvalidDBInstanceState",
                     f"Automated backups of DB instance {source_arn} are not replicating "
                     "to the current region.")

    RDSResponse.stop_db_instance_automated_backups_replication = (
        stop_db_instance_automated_backups_replication)


def _describe_automated_backups():
    """Gap: DescribeDBInstanceAutomatedBackups ignores
    DBInstanceAutomatedBackupsArn, DbiResourceId and Filters, knows no
    replicated backups, and returns only DBInstanceIdentifier and Status.
    AWS: in the destination region it also returns the replicated backups
    (full DBInstanceAutomatedBackup, Status "replicating", or "retained" once
    the source is deleted); DBInstanceAutomatedBackupsArn, DbiResourceId,
    DBInstanceIdentifier and the status / db-instance-id / dbi-resource-id
    filters select; an ARN or resource id that matches nothing is
    DBInstanceAutomatedBackupNotFound (404). Patch: moto's own results (now
    also with DBInstanceArn, DbiResourceId, Region and the instance's
    DBInstanceAutomatedBackupsReplications while it exists) plus this
    region's replicated backups, all filtered as above. (An unknown
    DBInstanceIdentifier still returns an empty list, as moto did.)"""
    from moto.core.responses import ActionResult
    from moto.rds.models import DBInstanceAutomatedBackup
    from moto.rds.responses import RDSResponse

    def instance(self):
        return self.backend.databases.get(self.db_instance_identifier)

    def db_instance_arn(self):
        database = instance(self)
        if database is not None:
            return database.db_instance_arn
        backend = self.backend
        return (f"arn:{backend.partition}:rds:{backend.region_name}:{backend.account_id}:"
                f"db:{self.db_instance_identifier}")

    def dbi_resource_id(self):
        database = instance(self)
        return database.dbi_resource_id if database is not None else None

    def replications(self):
        database = instance(self)
        return database.db_instance_automated_backups_replications if database is not None else None

    DBInstanceAutomatedBackup.db_instance_arn = property(db_instance_arn)
    DBInstanceAutomatedBackup.dbi_resource_id = property(dbi_resource_id)
    DBInstanceAutomatedBackup.region = property(lambda self: self.backend.region_name)
    DBInstanceAutomatedBackup.db_instance_automated_backups_replications = property(replications)

    original = RDSResponse.describe_db_instance_automated_backups

    def describe_db_instance_automated_backups(self):
        arn = self.params.get("DBInstanceAutomatedBackupsArn")
        dbi = self.params.get("DbiResourceId")
        identifier = self.params.get("DBInstanceIdentifier")
        filters = self.params.get("Filters") or []

        found = [] if arn else list(original(self).result["DBInstanceAutomatedBackups"])
        if dbi:
            found = [b for b in found if (b.dbi_resource_id or "").lower() == dbi.lower()]
        records = sorted(_store(self.backend).values(), key=lambda r: r.created)
        for record in records:
            if arn and record.arn != arn:
                continue
            if dbi and record.dbi_resource_id.lower() != dbi.lower():
                continue
            if identifier and record.db_instance_identifier != identifier.lower():
                continue
            found.append(record.shape())
        found = [b for b in found if _matches_filters(b, filters)]
        if not found and (arn or dbi):
            raise _error("DBInstanceAutomatedBackupNotFound",
                         f"Automated backup {arn or dbi} not found.")
        return ActionResult({"DBInstanceAutomatedBackups": found})

    RDSResponse.describe_db_instance_automated_backups = describe_db_instance_automated_backups


def _source_lists_replications():
    """Gap: DescribeDBInstances never returns
    DBInstanceAutomatedBackupsReplications, so nothing tells the source side
    where its backups are replicated (terraform waits on this list, in the
    source region, for the ARN to disappear after a stop). AWS: the source
    instance lists {DBInstanceAutomatedBackupsArn} of each replication.
    Patch: a computed property on moto's DBInstance, looked up in every
    region of the account (absent when there is none, as before)."""
    from moto.rds.models import DBInstance

    def replications(self):
        found = _replications_of(self)
        if not found:
            return None
        return [{"DBInstanceAutomatedBackupsArn": r.arn} for r in found]

    DBInstance.db_instance_automated_backups_replications = property(replications)
