"""In-process patches for moto 5.2.1 gaps that would otherwise make a correct
Terraform configuration drift or fail on the emulator. Each patch names the
gap (see BRIEF.md) and changes only the emulator's behaviour to match AWS:
none of them makes the emulator accept anything AWS would reject.

Each patch wraps a moto method or adds a missing one; none copies a large
block of moto code. They are applied once by launch.py before the server
starts. test_patches.py shows each patched behaviour through the AWS API.

Global Accelerator, which moto lacks entirely (every call returned 500), is
added as a small separate service in globalaccelerator.py, routed in by
globalaccelerator_api() below.

Route 53 Application Recovery Controller (routing control), which moto also
lacks (its configuration API and its cluster data plane), is added the same
way in arc.py, routed in by route53_recovery_control_api() below; arc.py also
makes Route 53 accept and return RECOVERY_CONTROL health checks.

CloudWatch Network Monitor (monitors and probes), which moto also lacks, is
added the same way in networkmonitor.py, routed in by networkmonitor_api()
below.

Route 53 health checks that fail with a region the tests mark unreachable,
and TestDNSAnswer (moto has neither), are in route53health.py, routed in by
route53_health_and_dns_answers() below.

Cross-Region replication of RDS automated backups is in rdsbackups.py
(test_rdsbackups.py), applied by apply() below.

Aurora Global Database (SwitchoverGlobalCluster and FailoverGlobalCluster,
which moto lacks; the secondary's MasterUsername, DatabaseName and
ReplicationSourceIdentifier following the writer; reader-only secondary
clusters; no ScalingConfigurationInfo on provisioned clusters; DeleteDBCluster
refusing a primary with secondaries; RemoveFromGlobalCluster across regions
with AWS's errors; DescribeGlobalClusters by identifier) is in
auroraglobal.py, applied by apply() below; test_auroraglobal.py shows it
through the API and test_auroraglobal_terraform.sh with Terraform (global
cluster tags too).

VPN connections' two tunnels (per-tunnel TunnelOptions, VgwTelemetry, the
customer gateway configuration's two distinct <ipsec_tunnel> elements,
CreateVpnConnection's Options.TunnelOptions and ModifyVpnTunnelOptions) are
in vpntunnels.py, applied by apply() below; test_vpntunnels.py shows it
through the API and test_vpn_terraform.sh with Terraform.

Known gaps deliberately NOT patched:
  * VPN connections: ModifyVpnConnectionOptions is not implemented (changing
    a VPN's network CIDRs in place fails).
"""
import string
import time
import uuid

PATCHES = []


def patch(fn):
    PATCHES.append(fn)
    return fn


def apply() -> None:
    for fn in PATCHES:
        fn()
    import rdsbackups  # cross-region automated backups replication (RDS)
    rdsbackups.patch()
    import auroraglobal  # Aurora Global Database switchover/failover and members
    auroraglobal.patch()
    import vpntunnels  # a VPN connection's two tunnels and their options
    vpntunnels.patch()


def _wrap(cls, name, make):
    """Replace cls.name by make(original)."""
    setattr(cls, name, make(getattr(cls, name)))


def _route_service(module):
    """Routes the requests module.is_request(environ) claims to
    module.handle(environ, start_response), before moto's own dispatcher,
    and clears the module's state (module.reset()) with /moto-api/reset:
    how the services moto lacks are added."""
    from moto.moto_api._internal.models import MotoAPIBackend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    def make_call(orig):
        def __call__(self, environ, start_response):
            if module.is_request(environ):
                return module.handle(environ, start_response)
            return orig(self, environ, start_response)
        return __call__

    def make_reset(orig):
        def reset(self):
            module.reset()
            return orig(self)
        return reset

    _wrap(DomainDispatcherApplication, "__call__", make_call)
    _wrap(MotoAPIBackend, "reset", make_reset)


# --------------------------------------------------------------------- RDS


@patch
def rds_unique_dbi_resource_id():
    """Gap: every DB instance gets DbiResourceId "db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U";
    provider 5.x uses that id as the resource ID, so two instances in one
    region read each other. AWS: a unique "db-" + 26 upper-case alphanumerics
    per instance (replicas included). Patch: draw a fresh one per instance."""
    from moto.moto_api._internal import mock_random as random
    from moto.rds.models import DBInstance

    def new_id():
        alphabet = string.ascii_uppercase + string.digits
        return "db-" + "".join(random.choice(alphabet) for _ in range(26))

    def make(orig):
        def __init__(self, *args, **kwargs):
            orig(self, *args, **kwargs)
            self.dbi_resource_id = new_id()
        return __init__

    _wrap(DBInstance, "__init__", make)
    DBInstance._new_dbi_resource_id = staticmethod(new_id)


_PI_MONITORING_DEFAULTS = {
    "performance_insights_enabled": False,
    "performance_insights_kms_key_id": None,
    "performance_insights_retention_period": None,
    "monitoring_interval": 0,
    "monitoring_role_arn": None,
}


def _apply_pi_monitoring(db, kwargs):
    """Copy Performance Insights / enhanced monitoring request fields onto db."""
    if kwargs.get("enable_performance_insights") is not None:
        db.performance_insights_enabled = bool(kwargs["enable_performance_insights"])
    for key in list(_PI_MONITORING_DEFAULTS)[1:]:
        if kwargs.get(key) is not None:
            setattr(db, key, kwargs[key])
    if db.performance_insights_enabled:
        # AWS defaults: 7 days retention, the account's aws/rds key.
        if not db.performance_insights_retention_period:
            db.performance_insights_retention_period = 7
        if not db.performance_insights_kms_key_id:
            db.performance_insights_kms_key_id = (
                f"arn:aws:kms:{db.region}:{db.account_id}:alias/aws/rds")


@patch
def rds_performance_insights_and_monitoring():
    """Gap: CreateDBInstance / CreateDBInstanceReadReplica / ModifyDBInstance
    drop EnablePerformanceInsights, PerformanceInsightsKMSKeyId,
    PerformanceInsightsRetentionPeriod, MonitoringInterval and
    MonitoringRoleArn, so DescribeDBInstances never returns them (perpetual
    drift). AWS stores and returns them (PerformanceInsightsEnabled=false and
    MonitoringInterval=0 when off; with monitoring on, an
    EnhancedMonitoringResourceArn naming the RDSOSMetrics log stream).
    Patch: defaults on the class, request values applied on create and on
    every update() (which modify, replica creation and promotion call)."""
    from moto.rds.models import DBInstance

    for key, value in _PI_MONITORING_DEFAULTS.items():
        setattr(DBInstance, key, value)

    def enhanced_monitoring_resource_arn(self):
        if not self.monitoring_interval:
            return None
        return (f"arn:aws:logs:{self.region}:{self.account_id}:log-group:"
                f"RDSOSMetrics:log-stream:{self.dbi_resource_id}")

    DBInstance.enhanced_monitoring_resource_arn = property(enhanced_monitoring_resource_arn)

    def make_init(orig):
        def __init__(self, *args, **kwargs):
            orig(self, *args, **kwargs)
            _apply_pi_monitoring(self, kwargs)
        return __init__

    def make_update(orig):
        def update(self, *args, **kwargs):
            orig(self, *args, **kwargs)
            _apply_pi_monitoring(self, kwargs)
        return update

    _wrap(DBInstance, "__init__", make_init)
    _wrap(DBInstance, "update", make_update)


@patch
def rds_read_replica_in_own_region():
    """Gap: CreateDBInstanceReadReplica copies the source instance and applies
    the request on the copy before switching it to the replica's region, so
    DBSubnetGroupName is looked up in the source's region (cross-region
    replicas fail or get the wrong group); the copy also keeps the source's
    DbiResourceId and shares its lists, and inherits its Performance
    Insights / monitoring settings. AWS: the replica lives in the region it
    was created in, with its own resource id and only the settings given.
    Patch: set the replica region first, then give the replica its own id,
    lists and defaults for monitoring settings not in the request."""
    import copy
    from moto.rds.models import DBInstance, RDSBackend

    def make(orig):
        def create_db_instance_read_replica(self, db_kwargs):
            # The region (backend) must be set before DBSubnetGroupName.
            kwargs = {"backend": self}
            kwargs.update(db_kwargs)
            primary = self.find_db_from_id(kwargs["source_db_instance_identifier"])
            replica = orig(self, kwargs)
            for key, value in vars(replica).items():
                if isinstance(value, (list, dict)) and value is vars(primary).get(key):
                    setattr(replica, key, copy.copy(value))
            replica.dbi_resource_id = DBInstance._new_dbi_resource_id()
            for key, value in _PI_MONITORING_DEFAULTS.items():
                if key not in kwargs and key in vars(replica):
                    setattr(replica, key, value)
            _apply_pi_monitoring(replica, kwargs)
            return replica
        return create_db_instance_read_replica

    _wrap(RDSBackend, "create_db_instance_read_replica", make)

    def make_remove(orig):
        def remove_replica(self, replica):
            # Cross-region replicas are listed by ARN, same-region ones by id.
            for ref in (replica.db_instance_identifier, replica.db_instance_arn):
                if ref in self.replicas:
                    self.replicas.remove(ref)
        return remove_replica

    _wrap(DBInstance, "remove_replica", make_remove)


@patch
def rds_promote_read_replica_clears_source():
    """Gap: PromoteReadReplica only flips an internal flag: the promoted
    instance still reports ReadReplicaSourceDBInstanceIdentifier and the
    source still lists it in ReadReplicaDBInstanceIdentifiers, so terraform
    sees `replicate_source_db` drift after promotion. AWS: the promoted
    instance is standalone and the source no longer lists it (in whichever
    region the source lives). Patch: after promoting, detach both sides."""
    from moto.rds.exceptions import DBInstanceNotFoundError
    from moto.rds.models import RDSBackend

    def make(orig):
        def promote_read_replica(self, db_kwargs):
            database = self.describe_db_instances(db_kwargs["db_instance_identifier"])[0]
            was_replica = database.is_replica
            source_id = database.source_db_instance_identifier
            database = orig(self, db_kwargs)
            if was_replica and source_id:
                try:
                    self.find_db_from_id(source_id).remove_replica(database)
                except DBInstanceNotFoundError:
                    pass  # the source is gone: nothing to detach from
                database.source_db_instance_identifier = None
            return database
        return promote_read_replica

    _wrap(RDSBackend, "promote_read_replica", make)


# ------------------------------------------------------ EC2 Transit Gateway


@patch
def tgw_disassociate_implicit_default_association():
    """Gap: an attachment associated implicitly with the TGW's default route
    table (DefaultRouteTableAssociation=enable) has no entry in moto's
    association registry, so DisassociateTransitGatewayRouteTable raises a
    KeyError (HTTP 500); the attachment also keeps reporting the default
    table as its Association after any (dis)association. AWS: the implicit
    association is an ordinary one, it can be disassociated (the attachment
    then has no Association) and a new table associated. A pair that is not
    associated is rejected. Peering attachments are never associated
    implicitly. Patch: register the implicit association on demand, keep the
    attachment's Association in step, and reject unknown pairs."""
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
    from moto.ec2.models.transit_gateway_route_tables import (
        TransitGatewayRelations, TransitGatewayRouteTableBackend)

    def make_disassociate(orig):
        def disassociate_transit_gateway_route_table(self, tgw_attach_id, tgw_rt_id):
            table = self.transit_gateways_route_tables.get(tgw_rt_id)
            if table is None:
                raise EC2ClientError("InvalidRouteTableID.NotFound",
                                     f"Transit Gateway Route Table {tgw_rt_id} was deleted or does not exist.")
            if tgw_attach_id not in table.route_table_associations:
                raise EC2ClientError("InvalidAssociation.NotFound",
                                     f"Association {tgw_attach_id} to {tgw_rt_id} does not exist.")
            if tgw_attach_id not in self.transit_gateway_associations:
                self.transit_gateway_associations[tgw_attach_id] = TransitGatewayRelations(
                    self, tgw_attach_id, tgw_rt_id, state="associated")
            relation = orig(self, tgw_attach_id, tgw_rt_id)
            self.transit_gateway_attachments[tgw_attach_id].transit_gateway_route_table = None
            return relation
        return disassociate_transit_gateway_route_table

    def make_associate(orig):
        def associate_transit_gateway_route_table(
                self, transit_gateway_attachment_id, transit_gateway_route_table_id):
            relation = orig(self, transit_gateway_attachment_id, transit_gateway_route_table_id)
            self.transit_gateway_attachments[transit_gateway_attachment_id].transit_gateway_route_table = (
                self.transit_gateways_route_tables[transit_gateway_route_table_id])
            return relation
        return associate_transit_gateway_route_table

    def make_peering(orig):
        def create_transit_gateway_peering_attachment(self, *args, **kwargs):
            attachment = orig(self, *args, **kwargs)
            attachment.transit_gateway_route_table = None
            return attachment
        return create_transit_gateway_peering_attachment

    _wrap(TransitGatewayRouteTableBackend, "disassociate_transit_gateway_route_table", make_disassociate)
    _wrap(TransitGatewayRouteTableBackend, "associate_transit_gateway_route_table", make_associate)
    _wrap(TransitGatewayAttachmentBackend, "create_transit_gateway_peering_attachment", make_peering)


@patch
def tgw_route_returns_its_attachment():
    """Gap: a static TGW route stores its target as a single dict, which the
    serializer renders as an empty TransitGatewayAttachments list; terraform
    then reads every route (notably to a peering attachment) as a blackhole
    and replaces it on each plan. AWS: TransitGatewayAttachments is a list
    holding the target (id, resource id, resource type) and State is active.
    Patch: store the target as a one-element list."""
    from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRouteTableBackend

    def make(orig):
        def create_transit_gateway_route(self, *args, **kwargs):
            route = orig(self, *args, **kwargs)
            target = route.get("transitGatewayAttachments")
            if isinstance(target, dict):
                route["transitGatewayAttachments"] = [target]
            return route
        return create_transit_gateway_route

    _wrap(TransitGatewayRouteTableBackend, "create_transit_gateway_route", make)


@patch
def tgw_deleted_vpc_attachment_stays_visible():
    """Gap: DeleteTransitGatewayVpcAttachment removes the attachment at once,
    so describing it by id returns nothing; the provider waits for state
    `deleted` (~150 s) and then fails the destroy. The implicit route-table
    association and propagation also linger. AWS: a deleted attachment keeps
    being returned (state `deleted`, no Association) for a while, and its
    associations and propagations are gone. Patch: remember deleted VPC
    attachments and return them when asked for by id; drop their
    associations. (Peering and VPN attachments already stay, as `deleted`.)"""
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
    from moto.utilities.utils import filter_resources

    def make_delete(orig):
        def delete_transit_gateway_vpc_attachment(self, transit_gateway_attachment_id):
            attachment = orig(self, transit_gateway_attachment_id)
            self.__dict__.setdefault("_deleted_tgw_attachments", {})[attachment.id] = attachment
            for table in self.transit_gateways_route_tables.values():
                table.route_table_associations.pop(attachment.id, None)
                table.route_table_propagation = [
                    p for p in table.route_table_propagation
                    if p.transitGatewayAttachmentId != attachment.id]
            self.transit_gateway_associations.pop(attachment.id, None)
            self.transit_gateway_propagations.pop(attachment.id, None)
            attachment._association_data = {}
            attachment.propagation = {}
            attachment.transit_gateway_route_table = None
            return attachment
        return delete_transit_gateway_vpc_attachment

    def make_describe(orig, attr_pairs):
        def describe(self, transit_gateways_attachment_ids=None, filters=None):
            result = orig(self, transit_gateways_attachment_ids, filters)
            deleted = self.__dict__.get("_deleted_tgw_attachments", {})
            extra = [a for i, a in deleted.items() if i in (transit_gateways_attachment_ids or [])]
            if extra and filters:
                extra = filter_resources(extra, filters, attr_pairs)
            return result + extra
        return describe

    _wrap(TransitGatewayAttachmentBackend, "delete_transit_gateway_vpc_attachment", make_delete)
    _wrap(TransitGatewayAttachmentBackend, "describe_transit_gateway_vpc_attachments",
          lambda orig: make_describe(orig, (("state", "state"), ("transit-gateway-id", "transit_gateway_id"),
                                            ("vpc-id", "resource_id"))))
    _wrap(TransitGatewayAttachmentBackend, "describe_transit_gateway_attachments",
          lambda orig: make_describe(orig, (("state", "state"), ("resource-id", "resource_id"),
                                            ("resource-type", "resource_type"),
                                            ("transit-gateway-id", "transit_gateway_id"))))


@patch
def tgw_vpc_attachment_tags():
    """Gap: CreateTransitGatewayVpcAttachment reads its TagSpecifications
    under the resource type "transit-gateway-route-table", so the tags of a
    "transit-gateway-attachment" specification are dropped: the attachment
    reads untagged (terraform: tags drift on every plan). AWS: the tags are
    stored and returned by Create, DescribeTransitGatewayVpcAttachments and
    DescribeTransitGatewayAttachments. Patch: add them after creation."""
    from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment

    def make(orig):
        def create_transit_gateway_vpc_attachment(self):
            result = orig(self)
            tags = self._parse_tag_specification().get("transit-gateway-attachment", {})
            result.result["TransitGatewayVpcAttachment"].add_tags(tags)
            return result
        return create_transit_gateway_vpc_attachment

    _wrap(TransitGatewayAttachment, "create_transit_gateway_vpc_attachment", make)


class _PeeringAttachmentSide:
    """The accepter side's view of a peering attachment: state, status and
    the rest are shared with the requester's object; tags (read from this
    side's backend) and the route-table association are this side's own."""
    _OWN = ("ec2_backend", "transit_gateway_route_table")

    def __init__(self, attachment, backend):
        object.__setattr__(self, "_attachment", attachment)
        object.__setattr__(self, "ec2_backend", backend)
        object.__setattr__(self, "transit_gateway_route_table", None)

    def __getattr__(self, name):
        return getattr(self._attachment, name)

    def __setattr__(self, name, value):
        if name in self._OWN:
            object.__setattr__(self, name, value)
        else:
            setattr(self._attachment, name, value)


@patch
def tgw_peering_attachment_tags_per_side():
    """Gap: a cross-region peering attachment is one object shared by the
    requester's and the accepter's region, and its tags are always read from
    the requester's region: the accepter reads the requester's tags, and
    tags it sets with CreateTags (terraform's ..._peering_attachment_accepter
    `tags`) are never returned, so the accepter drifts on every plan. Its
    route-table association is shared the same way. AWS: each side has its
    own tags (the accepter's start empty) and its own association. Patch:
    give the accepter's region a view of the attachment whose tags and
    association are its own (everything else stays shared)."""
    from moto.ec2.models.core import TaggedEC2Resource
    from moto.ec2.models.transit_gateway_attachments import (
        TransitGatewayAttachmentBackend, TransitGatewayPeeringAttachment)

    side = type("TransitGatewayPeeringAttachment", (_PeeringAttachmentSide, TaggedEC2Resource), {})
    # Properties computed from this side's own fields.
    side.association = TransitGatewayPeeringAttachment.association

    def make(orig):
        def create_transit_gateway_peering_attachment(self, *args, **kwargs):
            attachment = orig(self, *args, **kwargs)
            for backend in self._get_peering_attachment_backend_refs():
                if backend is not self and backend.transit_gateway_attachments.get(attachment.id) is attachment:
                    backend.transit_gateway_attachments[attachment.id] = side(attachment, backend)
            return attachment
        return create_transit_gateway_peering_attachment

    _wrap(TransitGatewayAttachmentBackend, "create_transit_gateway_peering_attachment", make)


@patch
def tgw_peering_refuses_routes_until_available():
    """Gap: moto routes through, and associates a route table with, a
    peering attachment in any state, so nothing can show a deploy that
    routes before the peering is accepted. AWS: CreateTransitGatewayRoute
    and AssociateTransitGatewayRouteTable on a peering attachment that is
    not `available` (pendingAcceptance, initiatingRequest, ...) fail with
    IncorrectState "tgw-attach-... is in invalid state" (as AWS words it,
    terraform-provider-aws#26754). Patch: refuse both, on either side of
    the peering (the state is shared by both sides' views). VPC and VPN
    attachments and blackhole routes are unaffected. ReplaceTransitGatewayRoute
    is not implemented by moto 5.2.1, so there is nothing to refuse."""
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRouteTableBackend

    def check(backend, attachment_id):
        attachment = backend.transit_gateway_attachments.get(attachment_id)
        if attachment is not None and attachment.resource_type == "peering" and attachment.state != "available":
            raise EC2ClientError("IncorrectState", f"{attachment_id} is in invalid state")

    def make_route(orig):
        def create_transit_gateway_route(self, transit_gateway_route_table_id, destination_cidr_block,
                                         transit_gateway_attachment_id=None, blackhole=False):
            if transit_gateway_attachment_id and not blackhole:
                check(self, transit_gateway_attachment_id)
            return orig(self, transit_gateway_route_table_id, destination_cidr_block, transit_gateway_attachment_id, blackhole)
        return create_transit_gateway_route

    def make_associate(orig):
        def associate_transit_gateway_route_table(self, transit_gateway_attachment_id, transit_gateway_route_table_id):
            check(self, transit_gateway_attachment_id)
            return orig(self, transit_gateway_attachment_id, transit_gateway_route_table_id)
        return associate_transit_gateway_route_table

    _wrap(TransitGatewayRouteTableBackend, "create_transit_gateway_route", make_route)
    _wrap(TransitGatewayRouteTableBackend, "associate_transit_gateway_route_table", make_associate)


@patch
def tgw_describe_peering_attachments_lists_peerings():
    """Gap: DescribeTransitGatewayPeeringAttachments returns every attachment
    of the region, VPC and VPN ones included (without requester or accepter
    info). AWS: peering attachments only. Patch: keep resource type peering."""
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend

    def make(orig):
        def describe_transit_gateway_peering_attachments(self, *args, **kwargs):
            return [a for a in orig(self, *args, **kwargs) if a.resource_type == "peering"]
        return describe_transit_gateway_peering_attachments

    _wrap(TransitGatewayAttachmentBackend, "describe_transit_gateway_peering_attachments", make)


# -------------------------------------------------------------- EC2 VPN


_VPN_OPTION_FLAGS = ("EnableAcceleration", "StaticRoutesOnly")
_VPN_OPTION_VALUES = ("LocalIpv4NetworkCidr", "RemoteIpv4NetworkCidr", "LocalIpv6NetworkCidr",
                      "RemoteIpv6NetworkCidr", "OutsideIpAddressType",
                      "TransportTransitGatewayAttachmentId", "TunnelInsideIpVersion")


@patch
def vpn_connection_options():
    """Gap: CreateVpnConnection ignores Options, so DescribeVpnConnections
    returns none: terraform reads `static_routes_only = true` back as false
    and replaces the connection on every plan (the CIDR and IP-version
    options drift the same way). AWS: Options holds EnableAcceleration,
    StaticRoutesOnly (both false by default), TunnelInsideIpVersion (ipv4),
    OutsideIpAddressType (PublicIpv4), the local/remote network CIDRs of the
    tunnel IP version (0.0.0.0/0 or ::/0 by default) and any transport
    attachment. Patch: store the request's scalar options with those
    defaults (per-tunnel TunnelOptions: vpntunnels.py)."""
    from moto.ec2.responses.vpn_connections import VPNConnections

    def options(request):
        request = request or {}
        version = request.get("TunnelInsideIpVersion") or "ipv4"
        cidr = "0.0.0.0/0" if version == "ipv4" else "::/0"
        suffix = "Ipv4NetworkCidr" if version == "ipv4" else "Ipv6NetworkCidr"
        result = {"EnableAcceleration": False, "StaticRoutesOnly": False,
                  "TunnelInsideIpVersion": version, "OutsideIpAddressType": "PublicIpv4",
                  "Local" + suffix: cidr, "Remote" + suffix: cidr}
        for key in _VPN_OPTION_FLAGS:
            if request.get(key) is not None:
                result[key] = str(request[key]).lower() == "true"
        for key in _VPN_OPTION_VALUES:
            if request.get(key):
                result[key] = request[key]
        return result

    def make(orig):
        def create_vpn_connection(self):
            result = orig(self)
            result.result["VpnConnection"].options = options(self._get_param("Options"))
            return result
        return create_vpn_connection

    _wrap(VPNConnections, "create_vpn_connection", make)


# ------------------------------------------------------------------ ELBv2


@patch
def elbv2_subnet_mapping_addresses():
    """Gap: CreateLoadBalancer / SetSubnets accept SubnetMappings but forget
    their AllocationId / PrivateIPv4Address / IPv6Address, so
    DescribeLoadBalancers returns no LoadBalancerAddresses and terraform sees
    `subnet_mapping.allocation_id` drift, then fails the update. AWS: each
    AvailabilityZone lists its LoadBalancerAddresses (the Elastic IP's
    IpAddress and AllocationId, the private address if one was given).
    Patch: remember the mappings per load balancer and return them."""
    from moto.elbv2.models import AvailabilityZone, ELBv2Backend, FakeLoadBalancer

    def addresses(lb, subnet_id):
        mapping = lb.__dict__.get("_subnet_mappings", {}).get(subnet_id) or {}
        address = {}
        if mapping.get("AllocationId"):
            address["AllocationId"] = mapping["AllocationId"]
            eips = lb._ec2_backend.address_by_allocation([mapping["AllocationId"]])
            address["IpAddress"] = eips[0].public_ip
        for key in ("PrivateIPv4Address", "IPv6Address"):
            if mapping.get(key):
                address[key] = mapping[key]
        return [address] if address else []

    def availability_zones(self):
        zones = []
        for subnet in self.subnets:
            zone = AvailabilityZone(subnet)
            zone.load_balancer_addresses = addresses(self, subnet.id)
            zones.append(zone)
        return zones

    FakeLoadBalancer.availability_zones = property(availability_zones)

    def remember(backend, lb, subnet_mappings):
        lb._ec2_backend = backend.ec2_backend
        lb._subnet_mappings = {m["SubnetId"]: dict(m) for m in subnet_mappings or []}

    def make_create(orig):
        def create_load_balancer(self, *args, **kwargs):
            lb = orig(self, *args, **kwargs)
            remember(self, lb, kwargs.get("subnet_mappings"))
            return lb
        return create_load_balancer

    def make_set_subnets(orig):
        def set_subnets(self, arn, subnets, subnet_mappings):
            orig(self, arn, subnets, subnet_mappings)
            lb = self.load_balancers[arn]
            remember(self, lb, subnet_mappings)
            return lb.availability_zones
        return set_subnets

    _wrap(ELBv2Backend, "create_load_balancer", make_create)
    _wrap(ELBv2Backend, "set_subnets", make_set_subnets)


# -------------------------------------------------------- CloudWatch Logs


@patch
def logs_query_definitions():
    """Gap: PutQueryDefinition, DescribeQueryDefinitions and
    DeleteQueryDefinition are not implemented, so a saved Logs Insights query
    (aws_cloudwatch_query_definition) never finishes creating. AWS: Put
    creates (or, given queryDefinitionId, replaces) a definition and returns
    its queryDefinitionId; Describe lists definitions (name prefix filter)
    with name, queryString, logGroupNames, lastModified; Delete returns
    success; an unknown id is ResourceNotFoundException.
    Patch: a minimal per-account/region in-memory implementation."""
    import json
    from moto.logs.exceptions import ResourceNotFoundException
    from moto.logs.responses import LogsResponse

    def store(response):
        return response.logs_backend.__dict__.setdefault("_query_definitions", {})

    def put_query_definition(self):
        definitions = store(self)
        query_id = self._get_param("queryDefinitionId")
        if query_id and query_id not in definitions:
            raise ResourceNotFoundException("The specified query definition does not exist.")
        query_id = query_id or str(uuid.uuid4())
        definitions[query_id] = {
            "queryDefinitionId": query_id,
            "name": self._get_param("name"),
            "queryString": self._get_param("queryString"),
            "logGroupNames": self._get_param("logGroupNames") or [],
            "queryLanguage": self._get_param("queryLanguage") or "CWLI",
            "lastModified": int(time.time() * 1000),
        }
        return json.dumps({"queryDefinitionId": query_id})

    def describe_query_definitions(self):
        prefix = self._get_param("queryDefinitionNamePrefix") or ""
        found = [d for d in store(self).values() if d["name"].startswith(prefix)]
        found.sort(key=lambda d: d["name"])
        start = int(self._get_param("nextToken") or 0)
        size = int(self._get_param("maxResults") or 1000)
        result = {"queryDefinitions": found[start:start + size]}
        if start + size < len(found):
            result["nextToken"] = str(start + size)
        return json.dumps(result)

    def delete_query_definition(self):
        query_id = self._get_param("queryDefinitionId")
        if store(self).pop(query_id, None) is None:
            raise ResourceNotFoundException("The specified query definition does not exist.")
        return json.dumps({"success": True})

    LogsResponse.put_query_definition = put_query_definition
    LogsResponse.describe_query_definitions = describe_query_definitions
    LogsResponse.delete_query_definition = delete_query_definition


@patch
def tgw_propagation_per_route_table():
    """Gap: moto keeps one propagation per attachment, so an attachment that
    propagates to two route tables (a VPN client into the VPC and peering
    tables) cannot be disabled twice: the second
    DisableTransitGatewayRouteTablePropagation raises KeyError (HTTP 500) and
    `terraform destroy` retries it forever. AWS: propagations are per
    (attachment, route table). Patch: disabling reports the pair it was
    asked for, and only drops the attachment-level record when it names that
    route table."""
    from moto.ec2.models.transit_gateway_route_tables import (
        TransitGatewayRelations,
        TransitGatewayRouteTableBackend,
    )

    def disable(self, transit_gateway_attachment_id, transit_gateway_route_table_id):
        self.disable_route_table_propagation(
            transit_gateway_attachment_id=transit_gateway_attachment_id,
            transit_gateway_route_table_id=transit_gateway_route_table_id,
        )
        current = self.transit_gateway_propagations.get(transit_gateway_attachment_id)
        if current is not None and current.transit_gateway_route_table_id == transit_gateway_route_table_id:
            self.transit_gateway_propagations.pop(transit_gateway_attachment_id)
            self.disable_attachment_propagation(transit_gateway_attachment_id=transit_gateway_attachment_id)
        result = TransitGatewayRelations(
            self, transit_gateway_attachment_id, transit_gateway_route_table_id, state="disabled"
        )
        return result

    TransitGatewayRouteTableBackend.disable_transit_gateway_route_table_propagation = disable


@patch
def elbv2_default_scheme():
    """Gap: CreateLoadBalancer without a Scheme (terraform sends none for
    `internal = false`) stores no scheme, so DescribeLoadBalancers returns
    an empty Scheme. AWS: the default is internet-facing. Patch: apply it."""
    from moto.elbv2.models import ELBv2Backend

    original = ELBv2Backend.create_load_balancer

    def create(self, *args, **kwargs):
        if kwargs.get("scheme") is None:
            kwargs["scheme"] = "internet-facing"
        return original(self, *args, **kwargs)

    ELBv2Backend.create_load_balancer = create


@patch
def rds_describe_db_parameters_source():
    """Gap: DescribeDBParameters ignores Source, so every parameter a user set
    is also returned as a "system" parameter. The AWS provider reads user
    parameters and then system ones named in the config, gets
    `rds.force_ssl` twice; and the parameters carry no Source field, while
    the provider keeps only those whose Source is "user". Either way every
    plan updates the parameter group. AWS: Source filters (user = modified
    by the user; system/engine-default = defaults) and each parameter says
    its Source. Patch: moto stores only user-set parameters and has no
    defaults, so "user" returns them marked Source=user and any other Source
    returns none."""
    from moto.rds.responses import RDSResponse

    original = RDSResponse.describe_db_parameters

    def describe(self):
        source = self._get_param("Source")
        # Resolve the group (and its not-found error) exactly as moto does.
        result = original(self)
        if source in (None, "user"):
            # AWS marks each user-set parameter with Source=user; the
            # provider keeps only those.
            result.result["Parameters"] = [dict(p, Source="user") for p in result.result["Parameters"]]
        else:
            result.result["Parameters"] = []
        return result

    RDSResponse.describe_db_parameters = describe


# ------------------------------------------------------ Global Accelerator


@patch
def globalaccelerator_api():
    """Gap: moto has no Global Accelerator API; every call returns 500 and
    `terraform apply` of an aws_globalaccelerator_accelerator hangs. AWS: a
    JSON 1.1 API (X-Amz-Target GlobalAccelerator_V20180706.<Operation>,
    served from us-west-2). Patch: moto_server's dispatcher hands requests
    with that target to globalaccelerator.handle (a minimal in-memory service
    following botocore's model, see that module); /moto-api/reset clears it
    with the rest of the emulator."""
    import globalaccelerator
    _route_service(globalaccelerator)


# ------------------------------------------- Route 53 Application Recovery Controller


@patch
def route53_recovery_control_api():
    """Gap: moto has no Route 53 ARC routing control: neither the recovery
    control configuration API (clusters, control panels, routing controls,
    safety rules) nor the cluster data plane that reads and sets routing
    control states, so `terraform apply` of aws_route53recoverycontrolconfig_*
    fails; Route 53 also drops a health check's Type RECOVERY_CONTROL
    RoutingControlArn and returns a port and interval for it (drift). AWS: the
    configuration API is REST-JSON (SigV4 scope service
    route53-recovery-control-config, served from us-west-2), the data plane
    JSON 1.0 (X-Amz-Target ToggleCustomerAPI.<Operation>) on the cluster's
    endpoints. Patch: moto_server's dispatcher hands requests of either to
    arc.handle (a minimal in-memory service following botocore's models, see
    that module); arc.patch() fixes the health checks; /moto-api/reset clears
    the ARC state with the rest of the emulator."""
    import arc
    _route_service(arc)
    arc.patch()


# ------------------------------------------------- CloudWatch Network Monitor


@patch
def networkmonitor_api():
    """Gap: moto has no CloudWatch Network Monitor API; every call returns 500
    and `terraform apply` of aws_networkmonitor_monitor / _probe hangs about
    15 minutes. AWS: a REST-JSON API (SigV4 scope service networkmonitor;
    /monitors/{monitorName}, .../probes/{probeId}, /tags/{resourceArn}).
    Patch: moto_server's dispatcher hands requests signed for that service to
    networkmonitor.handle (a minimal in-memory service following botocore's
    model, see that module); /moto-api/reset clears it with the rest of the
    emulator."""
    import networkmonitor
    _route_service(networkmonitor)


# ------------------------------------------- Route 53 health and DNS answers


@patch
def route53_health_and_dns_answers():
    """Gap: moto's GetHealthCheckStatus always answers Success and it has no
    TestDNSAnswer, so a failover record can never be seen switching. AWS: a
    check fails when its checkers cannot reach the endpoint; Route 53 answers
    a failover name with the PRIMARY while it is healthy. Patch
    (route53health.py): the test harness marks regions unreachable
    (POST /_multiregion/unreachable); checks of endpoints there fail,
    CALCULATED and RECOVERY_CONTROL checks follow their children and routing
    controls, and TestDNSAnswer evaluates the records with them."""
    import route53health
    _route_service(route53health)
    route53health.patch_status()
