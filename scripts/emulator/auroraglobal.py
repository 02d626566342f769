"""Aurora Global Database for the emulator (moto 5.2.1), applied in-process
like patches.py. Test tooling only.

Gaps (see each function's docstring for the AWS behaviour reproduced):
  * SwitchoverGlobalCluster and FailoverGlobalCluster are not implemented.
  * A secondary cluster reports no MasterUsername / DatabaseName and no
    ReplicationSourceIdentifier, and its instances are cluster writers;
    nothing follows a change of writer. CreateDBCluster ignores an unknown
    GlobalClusterIdentifier and makes a headless primary.
  * A provisioned cluster returns an empty ScalingConfigurationInfo, which
    terraform reads as a scaling_configuration block (drift on every plan).
  * DeleteDBCluster deletes the writer of a global database that still has
    secondaries, and a cluster deleted in another region than the global
    cluster's stays listed as a member.
  * CreateGlobalCluster drops its Tags, and the tagging calls refuse a
    global cluster's ARN (it has no region): drift on every plan with the
    provider's default tags.
  * RemoveFromGlobalCluster looks the global cluster up in the request's
    region only (a secondary in us-west-2 is never removed), swallows every
    error and leaves the cluster pointing at the global cluster;
    DescribeGlobalClusters ignores GlobalClusterIdentifier; an unknown
    identifier is a KeyError (HTTP 500) in DeleteGlobalCluster.

The emulator is one server, so a switchover or failover completes at once:
the response shows the operation as AWS returns it when it starts (the
global cluster switching-over / failing-over, FailoverState pending, the old
roles), and every later describe shows the new roles with no FailoverState.
A failover (AllowDataLoss) never contacts the old primary's region.

Call patch() once before the server handles requests (it is idempotent).
"""
import threading

_APPLIED = False
_LOCK = threading.Lock()


def _error(code, message):
    from moto.rds.exceptions import RDSClientError
    return RDSClientError(code, message)


def _backends(account):
    """The account's RDS backends that exist (without creating the others)."""
    from moto.rds.models import rds_backends
    return list(dict.values(rds_backends[account]))


def global_of(cluster):
    """The global cluster cluster is a member of, or None."""
    for backend in _backends(cluster.account_id):
        for global_cluster in list(backend.global_clusters.values()):
            if any(m is cluster for m in global_cluster.members):
                return global_cluster
    return None


def writer_of(global_cluster):
    return next((m for m in global_cluster.members if m.is_writer), None)


def _find_global(backend, identifier):
    global_cluster = backend.global_clusters.get(identifier or "")
    if global_cluster is None:
        raise _error("GlobalClusterNotFoundFault", f"Global cluster {identifier} not found.")
    return global_cluster


def _find_cluster(response, identifier):
    """A DB cluster named by ARN (in the ARN's region) or by identifier (in
    the request's region)."""
    from moto.rds.models import rds_backends
    identifier = identifier or ""
    backend = response.backend
    name = identifier
    if identifier.startswith("arn:"):
        parts = identifier.split(":", 6)
        if len(parts) != 7 or parts[2] != "rds" or parts[5] != "cluster":
            raise _error("InvalidParameterValue", f"Invalid DB cluster identifier: {identifier}")
        if parts[4] != response.current_account:
            raise _error("DBClusterNotFoundFault", f"DBCluster {identifier} not found.")
        backend = rds_backends[parts[4]][parts[3]]
        name = parts[6]
    cluster = backend.clusters.get(name)
    if cluster is None:
        raise _error("DBClusterNotFoundFault", f"DBCluster {identifier} not found.")
    return cluster


def _member_shape(global_cluster, member):
    shape = {"DBClusterArn": member.db_cluster_arn, "Readers": [], "IsWriter": bool(member.is_writer)}
    if member.is_writer:
        shape["Readers"] = [m.db_cluster_arn for m in global_cluster.members if not m.is_writer]
    else:
        requested = getattr(member, "_global_write_forwarding_requested", None)
        shape["GlobalWriteForwardingStatus"] = "enabled" if requested else "disabled"
    return shape


def _global_shape(global_cluster, status=None, failover_state=None):
    """The GlobalCluster structure as it is now (a snapshot: the model object
    is serialised only after the handler returns)."""
    shape = {
        "GlobalClusterIdentifier": global_cluster.global_cluster_identifier,
        "GlobalClusterResourceId": global_cluster.global_cluster_resource_id,
        "GlobalClusterArn": global_cluster.global_cluster_arn,
        "Status": status or global_cluster.status,
        "Engine": global_cluster.engine,
        "EngineVersion": global_cluster.engine_version,
        "StorageEncrypted": bool(global_cluster.storage_encrypted),
        "DeletionProtection": bool(global_cluster.deletion_protection),
        "GlobalClusterMembers": [_member_shape(global_cluster, m) for m in global_cluster.members],
        "Endpoint": global_cluster.endpoint,
        "TagList": list(getattr(global_cluster, "tags", None) or []),
    }
    if failover_state:
        shape["FailoverState"] = failover_state
    return shape


def patch() -> None:
    global _APPLIED
    with _LOCK:
        if _APPLIED:
            return
        _APPLIED = True
    _members_follow_the_writer()
    _switchover_and_failover()
    _secondary_takes_primary_credentials()
    _secondary_reports_its_source()
    _secondary_instances_are_readers()
    _scaling_configuration_only_for_serverless()
    _delete_cluster_of_global_database()
    _remove_from_global_cluster()
    _describe_and_delete_global_cluster()
    _create_global_cluster_keeps_tags()


def _members_follow_the_writer():
    """GlobalClusterMembers as AWS lists them: the writer with Readers (the
    other members' ARNs), each secondary with GlobalWriteForwardingStatus
    (enabled when the cluster asked for write forwarding, else disabled).
    moto's own list adds DBClusterParameterGroupStatus / PromotionTier, not
    in the GlobalClusterMember shape, and always says disabled."""
    from moto.rds.models import GlobalCluster

    def global_cluster_members(self):
        return [_member_shape(self, m) for m in self.members]

    GlobalCluster.global_cluster_members = property(global_cluster_members)


def _switchover_and_failover():
    """Gap: SwitchoverGlobalCluster and FailoverGlobalCluster are missing.
    AWS (botocore model and API reference): both take GlobalClusterIdentifier
    and TargetDbClusterIdentifier (the ARN of a secondary member, so that
    Aurora finds it in its region); FailoverGlobalCluster also AllowDataLoss
    and Switchover ("can't be specified together"; with neither, or with
    Switchover, it switches over; with AllowDataLoss it fails over and may
    lose data, without needing the old primary). The target becomes the
    writer (IsWriter, Readers = the other members) and the old primary a
    read-only secondary; every secondary then replicates from the new
    writer. The response is the GlobalCluster as the operation starts:
    Status switching-over / failing-over and FailoverState {Status pending,
    FromDbClusterArn, ToDbClusterArn, IsDataLossAllowed}; FailoverState is
    absent when nothing is in progress. Errors (the documented list):
    GlobalClusterNotFoundFault (404) for an unknown global cluster,
    DBClusterNotFoundFault (404) for an unknown target,
    InvalidDBClusterStateFault when the target is not a member of this global
    cluster, is already its writer, or is not available,
    InvalidGlobalClusterStateFault when the global cluster is not available
    or has no writer; InvalidParameterCombination for AllowDataLoss together
    with Switchover."""
    from moto.core.responses import ActionResult
    from moto.rds.responses import RDSResponse

    def change_writer(self, allow_data_loss):
        global_cluster = _find_global(self.global_backend, self.params.get("GlobalClusterIdentifier"))
        target = _find_cluster(self, self.params.get("TargetDbClusterIdentifier"))
        with _LOCK:
            if global_cluster.status != "available":
                raise _error("InvalidGlobalClusterStateFault",
                             f"Global cluster {global_cluster.global_cluster_identifier} is in "
                             f"{global_cluster.status} state.")
            if not any(m is target for m in global_cluster.members):
                raise _error("InvalidDBClusterStateFault",
                             f"The cluster {target.db_cluster_arn} is not a member of global cluster "
                             f"{global_cluster.global_cluster_identifier}.")
            writer = writer_of(global_cluster)
            if writer is None:
                raise _error("InvalidGlobalClusterStateFault",
                             f"Global cluster {global_cluster.global_cluster_identifier} has no primary cluster.")
            if writer is target:
                raise _error("InvalidDBClusterStateFault",
                             f"The cluster {target.db_cluster_arn} is already the primary cluster of "
                             f"global cluster {global_cluster.global_cluster_identifier}.")
            if target._status not in ("available", "creating"):
                raise _error("InvalidDBClusterStateFault",
                             f"DbCluster {target.db_cluster_identifier} is in {target._status} state "
                             "but expected it to be one of available.")
            result = _global_shape(
                global_cluster,
                status="failing-over" if allow_data_loss else "switching-over",
                failover_state={"Status": "pending", "FromDbClusterArn": writer.db_cluster_arn,
                                "ToDbClusterArn": target.db_cluster_arn,
                                "IsDataLossAllowed": bool(allow_data_loss)})
            # Completes at once: the roles swap, every member keeps its data.
            writer.is_writer = False
            target.is_writer = True
        return ActionResult({"GlobalCluster": result})

    def switchover_global_cluster(self):
        return change_writer(self, allow_data_loss=False)

    def failover_global_cluster(self):
        allow_data_loss = bool(self.params.get("AllowDataLoss"))
        if allow_data_loss and self.params.get("Switchover"):
            raise _error("InvalidParameterCombination",
                         "AllowDataLoss and Switchover can't be specified together.")
        return change_writer(self, allow_data_loss=allow_data_loss)

    RDSResponse.switchover_global_cluster = switchover_global_cluster
    RDSResponse.failover_global_cluster = failover_global_cluster


def _secondary_takes_primary_credentials():
    """Gap: a cluster created into a global database without MasterUsername
    (a secondary) reports no MasterUsername and no DatabaseName, and moto
    also accepts a first (primary) cluster without one. AWS: a secondary
    holds the primary's data, so it reports the primary's MasterUsername and
    DatabaseName (and keeps them when promoted); the cluster that becomes the
    primary of an empty global database needs MasterUsername ("The parameter
    MasterUsername must be provided and must not be blank.", as for any
    cluster). An unknown GlobalClusterIdentifier, which moto ignores (the
    cluster is created standalone), is GlobalClusterNotFoundFault (404), one
    of CreateDBCluster's documented errors. Patch: refuse those two, copy the
    writer's MasterUsername and DatabaseName when a secondary joins."""
    from moto.rds.models import RDSBackend

    def make(orig):
        def create_db_cluster(self, kwargs):
            global_id = kwargs.get("global_cluster_identifier")
            global_cluster = None
            if global_id:
                for backend in _backends(self.account_id):
                    global_cluster = backend.global_clusters.get(global_id) or global_cluster
                if global_cluster is None:
                    raise _error("GlobalClusterNotFoundFault", f"Global cluster {global_id} not found.")
                if not global_cluster.members and not kwargs.get("master_username"):
                    raise _error("InvalidParameterValue",
                                 "The parameter MasterUsername must be provided and must not be blank.")
            cluster = orig(self, kwargs)
            if global_cluster is not None and not cluster.is_writer:
                writer = writer_of(global_cluster)
                if writer is not None:
                    if not cluster.master_username:
                        cluster.master_username = writer.master_username
                    if not cluster.database_name:
                        cluster.database_name = writer.database_name
            return cluster
        return create_db_cluster

    RDSBackend.create_db_cluster = make(RDSBackend.create_db_cluster)


def _secondary_reports_its_source():
    """Gap: a secondary cluster has no ReplicationSourceIdentifier. AWS: a
    secondary of a global database reports the ARN of the global database's
    current primary cluster as ReplicationSourceIdentifier (which is why the
    provider's docs tell to ignore_changes it), so after a switchover or
    failover the old primary reports the new one and the new primary none.
    Patch: ReplicationSourceIdentifier of a global member is derived from the
    global database's writer; other clusters keep their own value."""
    from moto.rds.models import DBCluster

    def get(self):
        global_cluster = global_of(self)
        if global_cluster is not None:
            writer = writer_of(global_cluster)
            if self.is_writer or writer is None:
                return None
            return writer.db_cluster_arn
        return self.__dict__.get("_replication_source_identifier")

    def set_(self, value):
        self.__dict__["_replication_source_identifier"] = value

    DBCluster.replication_source_identifier = property(get, set_)


def _secondary_instances_are_readers():
    """Gap: each cluster's first instance is reported as its writer
    (DBClusterMembers IsClusterWriter true) even in a secondary cluster.
    AWS: a secondary cluster is read-only, all its instances are readers;
    after a switchover the new primary's instance is the writer and the old
    primary's a reader. Patch: IsClusterWriter is false in a secondary."""
    from moto.rds.models import DBCluster

    original = DBCluster.db_cluster_members.fget

    def db_cluster_members(self):
        members = original(self)
        if not self.is_writer and global_of(self) is not None:
            for member in members:
                member["IsClusterWriter"] = False
        return members

    DBCluster.db_cluster_members = property(db_cluster_members)


def _scaling_configuration_only_for_serverless():
    """Gap: every cluster returns a ScalingConfigurationInfo (all fields
    empty); provider 5.x reads it into a scaling_configuration block that the
    configuration does not have, so each plan updates the cluster. AWS:
    ScalingConfigurationInfo only for Aurora Serverless v1 (EngineMode
    serverless). Patch: none for other clusters."""
    from moto.rds.models import DBCluster

    original = DBCluster.scaling_configuration_info.fget

    def scaling_configuration_info(self):
        if self.engine_mode != "serverless" and not self.scaling_configuration:
            return None
        return original(self)

    DBCluster.scaling_configuration_info = property(scaling_configuration_info)


def _delete_cluster_of_global_database():
    """Gap: DeleteDBCluster deletes the primary of a global database that
    still has secondaries, and a deleted member outside the global cluster's
    region stays listed in GlobalClusterMembers. AWS: InvalidGlobalClusterStateFault
    "Unable to delete cluster that is a primary member of global cluster
    while there are other global cluster members"; a deleted cluster is no
    longer a member. Patch: refuse the first, drop the member after a
    delete."""
    from moto.rds.models import RDSBackend

    def make(orig):
        def delete_db_cluster(self, cluster_identifier, snapshot_name=None):
            cluster = self.clusters.get(cluster_identifier)
            global_cluster = global_of(cluster) if cluster is not None else None
            if global_cluster is not None and cluster.is_writer and len(global_cluster.members) > 1:
                raise _error("InvalidGlobalClusterStateFault",
                             "Unable to delete cluster that is a primary member of global cluster "
                             "while there are other global cluster members")
            deleted = orig(self, cluster_identifier, snapshot_name)
            if global_cluster is not None:
                global_cluster.members[:] = [m for m in global_cluster.members if m is not cluster]
            return deleted
        return delete_db_cluster

    RDSBackend.delete_db_cluster = make(RDSBackend.delete_db_cluster)


def _remove_from_global_cluster():
    """Gap: RemoveFromGlobalCluster looks the global cluster up in the
    request's region only (a secondary in another region than the global
    cluster's is never detached, and GlobalCluster comes back empty),
    swallows every error, and the detached cluster keeps its
    GlobalClusterIdentifier. AWS: called in the member's region with its ARN;
    the cluster becomes standalone (read-write). Errors:
    GlobalClusterNotFoundFault (404), DBClusterNotFoundFault (404),
    InvalidParameterValue "... is not found in global cluster ..." for a
    cluster that is not a member (the message the provider matches to treat
    the cluster as already detached), InvalidGlobalClusterStateFault for the
    primary while secondaries remain ("After you remove or delete all
    secondary clusters, then you can remove the primary", Aurora User Guide).
    The response shows the global cluster as the request starts (the cluster
    still listed, as in AWS's own example)."""
    from moto.core.responses import ActionResult
    from moto.rds.responses import RDSResponse

    def remove_from_global_cluster(self):
        global_cluster = _find_global(self.global_backend, self.params.get("GlobalClusterIdentifier"))
        cluster = _find_cluster(self, self.params.get("DbClusterIdentifier"))
        with _LOCK:
            if not any(m is cluster for m in global_cluster.members):
                raise _error("InvalidParameterValue",
                             f"The cluster {cluster.db_cluster_arn} is not found in global cluster "
                             f"{global_cluster.global_cluster_identifier}.")
            if cluster.is_writer and len(global_cluster.members) > 1:
                raise _error("InvalidGlobalClusterStateFault",
                             f"The primary cluster {cluster.db_cluster_arn} can't be removed from global "
                             f"cluster {global_cluster.global_cluster_identifier} while it has secondary "
                             "clusters.")
            result = _global_shape(global_cluster)
            global_cluster.members[:] = [m for m in global_cluster.members if m is not cluster]
            cluster.global_cluster_identifier = None
            cluster.is_writer = False
        return ActionResult({"GlobalCluster": result})

    RDSResponse.remove_from_global_cluster = remove_from_global_cluster


def _describe_and_delete_global_cluster():
    """Gap: DescribeGlobalClusters ignores GlobalClusterIdentifier (every
    global cluster is returned) and DeleteGlobalCluster of an unknown one is
    a KeyError (HTTP 500). AWS: the identifier (case-insensitive) selects
    one; an unknown one is GlobalClusterNotFoundFault (404) for both."""
    from moto.core.responses import ActionResult
    from moto.rds.responses import RDSResponse

    original_describe = RDSResponse.describe_global_clusters
    original_delete = RDSResponse.delete_global_cluster

    def describe_global_clusters(self):
        identifier = self.params.get("GlobalClusterIdentifier")
        if identifier:
            return ActionResult({"GlobalClusters": [_find_global(self.global_backend, identifier)]})
        return original_describe(self)

    def delete_global_cluster(self):
        _find_global(self.global_backend, self.params.get("GlobalClusterIdentifier"))
        return original_delete(self)

    RDSResponse.describe_global_clusters = describe_global_clusters
    RDSResponse.delete_global_cluster = delete_global_cluster


def _create_global_cluster_keeps_tags():
    """Gap: CreateGlobalCluster ignores its Tags parameter. AWS (botocore
    model: CreateGlobalClusterMessage.Tags, TagList) tags the global cluster
    at creation; ListTagsForResource of its ARN and DescribeGlobalClusters'
    TagList return them."""
    from moto.rds.responses import RDSResponse

    def make(orig):
        def create_global_cluster(self):
            result = orig(self)
            tags = self.params.get("Tags") or []
            if tags:
                global_cluster = self.global_backend.global_clusters[self.params["GlobalClusterIdentifier"]]
                global_cluster.add_tags([{"Key": t["Key"], "Value": t.get("Value", "")} for t in tags])
            return result
        return create_global_cluster

    RDSResponse.create_global_cluster = make(RDSResponse.create_global_cluster)

    # A global cluster's ARN has no region (arn:aws:rds::<account>:
    # global-cluster:<id>), which moto's tagging lookup refuses as an
    # invalid resource name; AWS tags it like any other resource.
    import re
    from moto.rds.models import RDSBackend
    global_arn = re.compile(r"^arn:aws[a-z-]*:rds::[0-9]{12}:global-cluster:(.+)$")

    def make_lookup(orig):
        def _get_resource_for_tagging(self, arn):
            m = global_arn.match(arn)
            if m:
                for backend in _backends(self.account_id):
                    if m.group(1) in backend.global_clusters:
                        return backend.global_clusters[m.group(1)]
                raise _error("GlobalClusterNotFoundFault", f"Global cluster {m.group(1)} not found.")
            return orig(self, arn)
        return _get_resource_for_tagging

    RDSBackend._get_resource_for_tagging = make_lookup(RDSBackend._get_resource_for_tagging)
