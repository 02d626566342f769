"""Shows each emulator patch in patches.py through the AWS API.

    python3 scripts/emulator/test_patches.py

Starts its own emulator (launch.py, so with the patches) on a free loopback
port, runs the checks with boto3 and stops it. Takes a few seconds plus the emulator start (longer on a busy host)."""
import json
import os
import re
import sys
import unittest

import boto3
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import emulatortest  # noqa: E402
EMULATOR = None
URL = None
ACCOUNT = "123456789012"


def setUpModule():
    global EMULATOR, URL
    EMULATOR = emulatortest.Emulator("test_patches")
    URL = EMULATOR.start()


def tearDownModule():
    EMULATOR.stop()


def client(service, region="us-east-1"):
    return boto3.client(service, region_name=region, endpoint_url=URL,
                        aws_access_key_id="test", aws_secret_access_key="test")


def network(region, cidr):
    """A VPC with two subnets in two AZs; returns (vpc_id, [subnet ids])."""
    ec2 = client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    base = cidr.rsplit(".", 2)[0]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base}.{i}.0/24",
                                 AvailabilityZone=f"{region}{az}")["Subnet"]["SubnetId"]
               for i, az in ((1, "a"), (2, "b"))]
    return vpc, subnets


def subnet_group(region, name, cidr):
    vpc, subnets = network(region, cidr)
    client("rds", region).create_db_subnet_group(
        DBSubnetGroupName=name, DBSubnetGroupDescription=name, SubnetIds=subnets)
    return vpc


def db(region, ident):
    return client("rds", region).describe_db_instances(DBInstanceIdentifier=ident)["DBInstances"][0]


class RDS(unittest.TestCase):
    KMS = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    ROLE = "arn:aws:iam::123456789012:role/rds-monitoring"

    @classmethod
    def setUpClass(cls):
        cls.east_vpc = subnet_group("us-east-1", "app-east", "10.10.0.0/16")
        cls.west_vpc = subnet_group("us-west-2", "app-west", "10.20.0.0/16")
        cls.rds = client("rds")
        cls.primary = cls.rds.create_db_instance(
            DBInstanceIdentifier="primary", DBInstanceClass="db.t3.micro", Engine="postgres",
            EngineVersion="16.3", AllocatedStorage=20, MasterUsername="app",
            MasterUserPassword="a-long-password", DBSubnetGroupName="app-east",
            EnablePerformanceInsights=True, PerformanceInsightsKMSKeyId=cls.KMS,
            PerformanceInsightsRetentionPeriod=7, MonitoringInterval=60,
            MonitoringRoleArn=cls.ROLE, BackupRetentionPeriod=7)["DBInstance"]

    def test_dbi_resource_id_is_unique(self):
        other = self.rds.create_db_instance(
            DBInstanceIdentifier="other", DBInstanceClass="db.t3.micro", Engine="postgres",
            MasterUsername="app", MasterUserPassword="a-long-password")["DBInstance"]
        ids = {self.primary["DbiResourceId"], other["DbiResourceId"]}
        self.assertEqual(len(ids), 2)
        for i in ids:
            self.assertRegex(i, r"^db-[A-Z0-9]{26}$")
        found = self.rds.describe_db_instances(
            Filters=[{"Name": "dbi-resource-id", "Values": [other["DbiResourceId"]]}])["DBInstances"]
        self.assertEqual([d["DBInstanceIdentifier"] for d in found], ["other"])
        self.assertFalse(other["PerformanceInsightsEnabled"])
        self.assertEqual(other["MonitoringInterval"], 0)

    def test_performance_insights_and_monitoring(self):
        got = db("us-east-1", "primary")
        self.assertTrue(got["PerformanceInsightsEnabled"])
        self.assertEqual(got["PerformanceInsightsKMSKeyId"], self.KMS)
        self.assertEqual(got["PerformanceInsightsRetentionPeriod"], 7)
        self.assertEqual(got["MonitoringInterval"], 60)
        self.assertEqual(got["MonitoringRoleArn"], self.ROLE)
        self.assertTrue(got["EnhancedMonitoringResourceArn"].endswith(got["DbiResourceId"]))
        self.rds.create_db_instance(
            DBInstanceIdentifier="modified", DBInstanceClass="db.t3.micro", Engine="postgres",
            MasterUsername="app", MasterUserPassword="a-long-password")
        self.rds.modify_db_instance(
            DBInstanceIdentifier="modified", ApplyImmediately=True, EnablePerformanceInsights=True,
            PerformanceInsightsRetentionPeriod=731, MonitoringInterval=30, MonitoringRoleArn=self.ROLE)
        got = db("us-east-1", "modified")
        self.assertEqual((got["PerformanceInsightsEnabled"], got["PerformanceInsightsRetentionPeriod"],
                          got["MonitoringInterval"]), (True, 731, 30))
        self.rds.modify_db_instance(DBInstanceIdentifier="modified", ApplyImmediately=True,
                                    EnablePerformanceInsights=False, MonitoringInterval=0)
        got = db("us-east-1", "modified")
        self.assertEqual((got["PerformanceInsightsEnabled"], got["MonitoringInterval"]), (False, 0))
        self.assertNotIn("EnhancedMonitoringResourceArn", got)

    def test_cross_region_replica_then_promote(self):
        west = client("rds", "us-west-2")
        replica = west.create_db_instance_read_replica(
            DBInstanceIdentifier="replica", SourceDBInstanceIdentifier=self.primary["DBInstanceArn"],
            DBInstanceClass="db.t3.micro", DBSubnetGroupName="app-west",
            EnablePerformanceInsights=True, MonitoringInterval=0)["DBInstance"]
        self.assertEqual(replica["DBSubnetGroup"]["DBSubnetGroupName"], "app-west")
        self.assertEqual(replica["DBSubnetGroup"]["VpcId"], self.west_vpc)
        self.assertIn(":us-west-2:", replica["DBInstanceArn"])
        self.assertNotEqual(replica["DbiResourceId"], self.primary["DbiResourceId"])
        self.assertEqual(replica["MonitoringInterval"], 0)
        self.assertNotIn("MonitoringRoleArn", replica)
        self.assertTrue(replica["PerformanceInsightsEnabled"])
        self.assertIn(":us-west-2:", replica["PerformanceInsightsKMSKeyId"])
        got = db("us-west-2", "replica")
        self.assertEqual(got["ReadReplicaSourceDBInstanceIdentifier"], self.primary["DBInstanceArn"])
        self.assertEqual(db("us-east-1", "primary")["ReadReplicaDBInstanceIdentifiers"],
                         [replica["DBInstanceArn"]])
        self.assertEqual(db("us-east-1", "primary")["DBSubnetGroup"]["VpcId"], self.east_vpc)

        # terraform's promotion: PromoteReadReplica, wait available, then modify.
        west.promote_read_replica(DBInstanceIdentifier="replica", BackupRetentionPeriod=7)
        got = db("us-west-2", "replica")
        self.assertEqual(got["DBInstanceStatus"], "available")
        self.assertNotIn("ReadReplicaSourceDBInstanceIdentifier", got)
        self.assertEqual(got["BackupRetentionPeriod"], 7)
        self.assertEqual(db("us-east-1", "primary")["ReadReplicaDBInstanceIdentifiers"], [])
        west.modify_db_instance(DBInstanceIdentifier="replica", BackupRetentionPeriod=3,
                                ApplyImmediately=True)
        west.delete_db_instance(DBInstanceIdentifier="replica", SkipFinalSnapshot=True)

    def test_delete_cross_region_replica(self):
        west = client("rds", "us-west-2")
        replica = west.create_db_instance_read_replica(
            DBInstanceIdentifier="replica2", SourceDBInstanceIdentifier=self.primary["DBInstanceArn"],
            DBInstanceClass="db.t3.micro", DBSubnetGroupName="app-west")["DBInstance"]
        self.assertFalse(replica["PerformanceInsightsEnabled"])
        west.delete_db_instance(DBInstanceIdentifier="replica2", SkipFinalSnapshot=True)
        self.assertNotIn(replica["DBInstanceArn"],
                         db("us-east-1", "primary")["ReadReplicaDBInstanceIdentifiers"])


class TransitGateway(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ec2 = client("ec2", "eu-west-1")
        cls.peer = client("ec2", "eu-central-1")
        cls.tgw = cls.ec2.create_transit_gateway()["TransitGateway"]
        cls.default_rt = cls.tgw["Options"]["AssociationDefaultRouteTableId"]
        cls.peer_tgw = cls.peer.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]

    def attach(self, cidr):
        vpc, subnets = network("eu-west-1", cidr)
        return vpc, self.ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=self.tgw["TransitGatewayId"], VpcId=vpc,
            SubnetIds=subnets)["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]

    def associations(self, rt):
        return self.ec2.get_transit_gateway_route_table_associations(
            TransitGatewayRouteTableId=rt)["Associations"]

    def association_of(self, attachment):
        return self.ec2.describe_transit_gateway_attachments(
            TransitGatewayAttachmentIds=[attachment])["TransitGatewayAttachments"][0].get("Association")

    def test_db_parameters_filtered_by_source(self):
        rds = client("rds", "us-east-2")
        rds.create_db_parameter_group(DBParameterGroupName="tls-only", DBParameterGroupFamily="postgres16", Description="t")
        rds.modify_db_parameter_group(DBParameterGroupName="tls-only", Parameters=[
            {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
        user = rds.describe_db_parameters(DBParameterGroupName="tls-only", Source="user")["Parameters"]
        self.assertEqual([(p["ParameterName"], p["Source"]) for p in user], [("rds.force_ssl", "user")])
        self.assertEqual(rds.describe_db_parameters(DBParameterGroupName="tls-only", Source="system")["Parameters"], [])

    def test_load_balancer_scheme_defaults_to_internet_facing(self):
        ec2 = client("ec2", "us-east-2")
        vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.8.{i}.0/24", AvailabilityZone=f"us-east-2{z}")["Subnet"]["SubnetId"]
                   for i, z in enumerate("ab")]
        elb = client("elbv2", "us-east-2")
        lb = elb.create_load_balancer(Name="scheme-default", Type="network", Subnets=subnets)["LoadBalancers"][0]
        got = elb.describe_load_balancers(LoadBalancerArns=[lb["LoadBalancerArn"]])["LoadBalancers"][0]
        self.assertEqual(got["Scheme"], "internet-facing")

    def test_propagation_to_two_route_tables_disables_twice(self):
        ec2 = client("ec2", "us-west-2")
        tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
        vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.0.0/24")["Subnet"]["SubnetId"]
        att = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[subnet])[
            "TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
        tables = [ec2.create_transit_gateway_route_table(TransitGatewayId=tgw)["TransitGatewayRouteTable"][
            "TransitGatewayRouteTableId"] for _ in range(2)]
        for rt in tables:
            ec2.enable_transit_gateway_route_table_propagation(TransitGatewayRouteTableId=rt, TransitGatewayAttachmentId=att)
        for rt in tables:
            out = ec2.disable_transit_gateway_route_table_propagation(TransitGatewayRouteTableId=rt, TransitGatewayAttachmentId=att)
            self.assertEqual(out["Propagation"]["TransitGatewayRouteTableId"], rt)
            self.assertEqual(out["Propagation"]["State"], "disabled")
            props = ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=rt)
            self.assertEqual(props["TransitGatewayRouteTablePropagations"], [])

    def test_disassociate_default_association(self):
        _, att = self.attach("10.30.0.0/16")
        self.assertIn(att, [a["TransitGatewayAttachmentId"] for a in self.associations(self.default_rt)])
        out = self.ec2.disassociate_transit_gateway_route_table(
            TransitGatewayRouteTableId=self.default_rt, TransitGatewayAttachmentId=att)
        self.assertEqual(out["Association"]["TransitGatewayAttachmentId"], att)
        self.assertNotIn(att, [a["TransitGatewayAttachmentId"] for a in self.associations(self.default_rt)])
        self.assertIsNone(self.association_of(att))
        with self.assertRaises(ClientError) as err:
            self.ec2.disassociate_transit_gateway_route_table(
                TransitGatewayRouteTableId=self.default_rt, TransitGatewayAttachmentId=att)
        self.assertEqual(err.exception.response["Error"]["Code"], "InvalidAssociation.NotFound")
        rt = self.ec2.create_transit_gateway_route_table(
            TransitGatewayId=self.tgw["TransitGatewayId"])["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
        self.ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=rt, TransitGatewayAttachmentId=att)
        self.assertEqual(self.association_of(att)["TransitGatewayRouteTableId"], rt)

    def test_route_to_peering_attachment_is_active(self):
        peering = self.ec2.create_transit_gateway_peering_attachment(
            TransitGatewayId=self.tgw["TransitGatewayId"], PeerTransitGatewayId=self.peer_tgw,
            PeerAccountId=ACCOUNT, PeerRegion="eu-central-1")["TransitGatewayPeeringAttachment"]
        pid = peering["TransitGatewayAttachmentId"]
        self.peer.accept_transit_gateway_peering_attachment(TransitGatewayAttachmentId=pid)
        self.assertIsNone(self.association_of(pid))  # never associated implicitly
        self.ec2.create_transit_gateway_route(
            DestinationCidrBlock="10.99.0.0/16", TransitGatewayRouteTableId=self.default_rt,
            TransitGatewayAttachmentId=pid)
        routes = self.ec2.search_transit_gateway_routes(
            TransitGatewayRouteTableId=self.default_rt,
            Filters=[{"Name": "type", "Values": ["static"]},
                     {"Name": "route-search.exact-match", "Values": ["10.99.0.0/16"]}])["Routes"]
        self.assertEqual(len(routes), 1)
        self.assertEqual(routes[0]["State"], "active")
        self.assertEqual(routes[0]["TransitGatewayAttachments"],
                         [{"ResourceId": self.peer_tgw, "TransitGatewayAttachmentId": pid,
                           "ResourceType": "peering"}])

    def test_peering_refuses_routes_until_available(self):
        """No route or association on a peering before it is accepted, on
        either side; both work once it is available."""
        pid = self.ec2.create_transit_gateway_peering_attachment(
            TransitGatewayId=self.tgw["TransitGatewayId"], PeerTransitGatewayId=self.peer_tgw,
            PeerAccountId=ACCOUNT, PeerRegion="eu-central-1")["TransitGatewayPeeringAttachment"]["TransitGatewayAttachmentId"]
        peer_rt = self.peer.create_transit_gateway_route_table(
            TransitGatewayId=self.peer_tgw)["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
        own_rt = self.ec2.create_transit_gateway_route_table(
            TransitGatewayId=self.tgw["TransitGatewayId"])["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
        for ec2, rt in ((self.ec2, own_rt), (self.peer, peer_rt)):
            for call in (lambda: ec2.create_transit_gateway_route(DestinationCidrBlock="10.98.0.0/16",
                                                                  TransitGatewayRouteTableId=rt, TransitGatewayAttachmentId=pid),
                         lambda: ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=rt, TransitGatewayAttachmentId=pid)):
                with self.assertRaises(ClientError) as err:
                    call()
                self.assertEqual(err.exception.response["Error"]["Code"], "IncorrectState")
                self.assertEqual(err.exception.response["Error"]["Message"], f"{pid} is in invalid state")
        self.peer.accept_transit_gateway_peering_attachment(TransitGatewayAttachmentId=pid)
        for ec2, rt in ((self.ec2, own_rt), (self.peer, peer_rt)):
            got = ec2.describe_transit_gateway_attachments(TransitGatewayAttachmentIds=[pid])["TransitGatewayAttachments"]
            self.assertEqual([a["State"] for a in got], ["available"])  # on both sides
            ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=rt, TransitGatewayAttachmentId=pid)
            ec2.create_transit_gateway_route(DestinationCidrBlock="10.98.0.0/16", TransitGatewayRouteTableId=rt,
                                             TransitGatewayAttachmentId=pid)
        # A VPC attachment is not held back (it is available at once), nor a blackhole.
        _, vpc_att = self.attach("10.97.0.0/16")
        self.ec2.create_transit_gateway_route(DestinationCidrBlock="10.97.0.0/16", TransitGatewayRouteTableId=own_rt,
                                              TransitGatewayAttachmentId=vpc_att)
        self.ec2.create_transit_gateway_route(DestinationCidrBlock="10.96.0.0/16", TransitGatewayRouteTableId=own_rt, Blackhole=True)

    def test_describe_peering_attachments_lists_peerings_only(self):
        _, vpc_att = self.attach("10.95.0.0/16")
        cgw = self.ec2.create_customer_gateway(
            Type="ipsec.1", PublicIp="198.51.100.9", BgpAsn=65000)["CustomerGateway"]["CustomerGatewayId"]
        vpn = self.ec2.create_vpn_connection(
            Type="ipsec.1", CustomerGatewayId=cgw, TransitGatewayId=self.tgw["TransitGatewayId"])["VpnConnection"]["VpnConnectionId"]
        vpn_att = self.ec2.describe_transit_gateway_attachments(Filters=[{"Name": "resource-id", "Values": [vpn]}])[
            "TransitGatewayAttachments"][0]["TransitGatewayAttachmentId"]
        pid = self.ec2.create_transit_gateway_peering_attachment(
            TransitGatewayId=self.tgw["TransitGatewayId"], PeerTransitGatewayId=self.peer_tgw,
            PeerAccountId=ACCOUNT, PeerRegion="eu-central-1")["TransitGatewayPeeringAttachment"]["TransitGatewayAttachmentId"]
        for ec2 in (self.ec2, self.peer):
            every = ec2.describe_transit_gateway_attachments()["TransitGatewayAttachments"]
            peerings = {a["TransitGatewayAttachmentId"] for a in every if a["ResourceType"] == "peering"}
            got = ec2.describe_transit_gateway_peering_attachments()["TransitGatewayPeeringAttachments"]
            ids = [a["TransitGatewayAttachmentId"] for a in got]
            self.assertIn(pid, ids)
            self.assertEqual(sorted(ids), sorted(peerings))  # the region's peerings, nothing else
            for a in got:
                self.assertIn("RequesterTgwInfo", a)
                self.assertIn("AccepterTgwInfo", a)
        # The requester's region does hold a VPC and a VPN attachment (left out above).
        types = {a["TransitGatewayAttachmentId"]: a["ResourceType"]
                 for a in self.ec2.describe_transit_gateway_attachments()["TransitGatewayAttachments"]}
        self.assertEqual((types[vpc_att], types[vpn_att]), ("vpc", "vpn"))
        # Ids and filters still apply: a VPN or VPC attachment asked for by id is not a peering.
        by_id = self.ec2.describe_transit_gateway_peering_attachments
        self.assertEqual(by_id(TransitGatewayAttachmentIds=[vpc_att, vpn_att])["TransitGatewayPeeringAttachments"], [])
        got = by_id(TransitGatewayAttachmentIds=[pid, vpc_att], Filters=[
            {"Name": "state", "Values": ["pendingAcceptance"]}])["TransitGatewayPeeringAttachments"]
        self.assertEqual([a["TransitGatewayAttachmentId"] for a in got], [pid])

    def test_deleted_vpc_attachment_reads_deleted(self):
        vpc, att = self.attach("10.40.0.0/16")
        self.ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=att)
        got = self.ec2.describe_transit_gateway_vpc_attachments(
            TransitGatewayAttachmentIds=[att])["TransitGatewayVpcAttachments"]
        self.assertEqual([(a["TransitGatewayAttachmentId"], a["State"]) for a in got], [(att, "deleted")])
        self.assertIsNone(self.association_of(att))
        self.assertNotIn(att, [a["TransitGatewayAttachmentId"] for a in self.associations(self.default_rt)])
        # The VPC can be attached again (the deleted attachment is no duplicate).
        subnets = [s["SubnetId"] for s in self.ec2.describe_subnets(
            Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
        again = self.ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=self.tgw["TransitGatewayId"], VpcId=vpc, SubnetIds=subnets)
        self.assertNotEqual(again["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"], att)

    def test_vpc_attachment_keeps_tags(self):
        vpc, subnets = network("eu-west-1", "10.50.0.0/16")
        att = self.ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=self.tgw["TransitGatewayId"], VpcId=vpc, SubnetIds=subnets,
            TagSpecifications=[{"ResourceType": "transit-gateway-attachment",
                                "Tags": [{"Key": "Name", "Value": "spoke"}]}])["TransitGatewayVpcAttachment"]
        aid = att["TransitGatewayAttachmentId"]
        self.assertEqual(att["Tags"], [{"Key": "Name", "Value": "spoke"}])

        def tags():
            vpc_att = self.ec2.describe_transit_gateway_vpc_attachments(
                TransitGatewayAttachmentIds=[aid])["TransitGatewayVpcAttachments"][0]
            any_att = self.ec2.describe_transit_gateway_attachments(
                TransitGatewayAttachmentIds=[aid])["TransitGatewayAttachments"][0]
            self.assertEqual(vpc_att.get("Tags"), any_att.get("Tags"))
            return sorted((t["Key"], t["Value"]) for t in vpc_att.get("Tags", []))

        self.assertEqual(tags(), [("Name", "spoke")])
        self.ec2.create_tags(Resources=[aid], Tags=[{"Key": "env", "Value": "test"}])
        self.assertEqual(tags(), [("Name", "spoke"), ("env", "test")])
        self.ec2.delete_tags(Resources=[aid], Tags=[{"Key": "Name"}])
        self.assertEqual(tags(), [("env", "test")])

    def test_peering_attachment_tags_per_side(self):
        pid = self.ec2.create_transit_gateway_peering_attachment(
            TransitGatewayId=self.tgw["TransitGatewayId"], PeerTransitGatewayId=self.peer_tgw,
            PeerAccountId=ACCOUNT, PeerRegion="eu-central-1",
            TagSpecifications=[{"ResourceType": "transit-gateway-attachment",
                                "Tags": [{"Key": "Name", "Value": "to-peer"}]}],
        )["TransitGatewayPeeringAttachment"]["TransitGatewayAttachmentId"]
        accepted = self.peer.accept_transit_gateway_peering_attachment(
            TransitGatewayAttachmentId=pid)["TransitGatewayPeeringAttachment"]
        self.assertEqual(accepted.get("Tags", []), [])  # the accepter's side starts untagged
        self.peer.create_tags(Resources=[pid], Tags=[{"Key": "Name", "Value": "from-req"}])

        def name(ec2):
            got = ec2.describe_transit_gateway_peering_attachments(
                TransitGatewayAttachmentIds=[pid])["TransitGatewayPeeringAttachments"][0]
            self.assertEqual(got["State"], "available")
            return {t["Key"]: t["Value"] for t in got.get("Tags", [])}.get("Name")

        self.assertEqual((name(self.ec2), name(self.peer)), ("to-peer", "from-req"))
        # Each side associates the attachment with its own route table.
        rt = self.peer.create_transit_gateway_route_table(
            TransitGatewayId=self.peer_tgw)["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
        self.peer.associate_transit_gateway_route_table(TransitGatewayRouteTableId=rt, TransitGatewayAttachmentId=pid)
        self.assertEqual(self.peer.describe_transit_gateway_attachments(
            TransitGatewayAttachmentIds=[pid])["TransitGatewayAttachments"][0]["Association"]["TransitGatewayRouteTableId"], rt)
        self.assertIsNone(self.association_of(pid))
        self.peer.delete_transit_gateway_peering_attachment(TransitGatewayAttachmentId=pid)
        self.assertEqual(self.ec2.describe_transit_gateway_peering_attachments(
            TransitGatewayAttachmentIds=[pid])["TransitGatewayPeeringAttachments"][0]["State"], "deleted")

    def test_route_table_keeps_tags(self):
        rt = self.ec2.create_transit_gateway_route_table(
            TransitGatewayId=self.tgw["TransitGatewayId"],
            TagSpecifications=[{"ResourceType": "transit-gateway-route-table",
                                "Tags": [{"Key": "Name", "Value": "rt"}]}])["TransitGatewayRouteTable"]
        rid = rt["TransitGatewayRouteTableId"]
        self.ec2.create_tags(Resources=[rid], Tags=[{"Key": "env", "Value": "test"}])
        got = self.ec2.describe_transit_gateway_route_tables(
            TransitGatewayRouteTableIds=[rid])["TransitGatewayRouteTables"][0]["Tags"]
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in got), [("Name", "rt"), ("env", "test")])

    def test_vpn_connection_options_and_attachment(self):
        cgw = self.ec2.create_customer_gateway(
            Type="ipsec.1", PublicIp="198.51.100.7", BgpAsn=65000)["CustomerGateway"]["CustomerGatewayId"]
        tgw = self.tgw["TransitGatewayId"]
        vpn = self.ec2.create_vpn_connection(
            Type="ipsec.1", CustomerGatewayId=cgw, TransitGatewayId=tgw,
            Options={"StaticRoutesOnly": True, "LocalIpv4NetworkCidr": "10.0.0.0/8"})["VpnConnection"]
        vid = vpn["VpnConnectionId"]
        got = self.ec2.describe_vpn_connections(VpnConnectionIds=[vid])["VpnConnections"][0]
        self.assertEqual(got["TransitGatewayId"], tgw)
        self.assertEqual(got["Options"], vpn["Options"])
        # (Options.TunnelOptions: test_vpntunnels.py.)
        self.assertEqual({k: v for k, v in got["Options"].items() if k != "TunnelOptions"}, {
            "EnableAcceleration": False, "StaticRoutesOnly": True, "TunnelInsideIpVersion": "ipv4",
            "OutsideIpAddressType": "PublicIpv4", "LocalIpv4NetworkCidr": "10.0.0.0/8",
            "RemoteIpv4NetworkCidr": "0.0.0.0/0"})
        # Defaults when no Options are given.
        plain = self.ec2.create_vpn_connection(
            Type="ipsec.1", CustomerGatewayId=cgw, TransitGatewayId=tgw)["VpnConnection"]["VpnConnectionId"]
        options = self.ec2.describe_vpn_connections(VpnConnectionIds=[plain])["VpnConnections"][0]["Options"]
        self.assertEqual((options["StaticRoutesOnly"], options["LocalIpv4NetworkCidr"]), (False, "0.0.0.0/0"))
        # terraform finds transit_gateway_attachment_id by these filters (already in moto).
        found = self.ec2.describe_transit_gateway_attachments(Filters=[
            {"Name": "resource-id", "Values": [vid]}, {"Name": "resource-type", "Values": ["vpn"]},
            {"Name": "transit-gateway-id", "Values": [tgw]}])["TransitGatewayAttachments"]
        self.assertEqual([(a["ResourceId"], a["ResourceType"], a["State"]) for a in found], [(vid, "vpn", "available")])


class NLB(unittest.TestCase):
    def test_subnet_mapping_allocation_id_is_returned(self):
        ec2, elb = client("ec2", "us-east-2"), client("elbv2", "us-east-2")
        _, subnets = network("us-east-2", "10.50.0.0/16")
        eips = [ec2.allocate_address(Domain="vpc") for _ in subnets]
        lb = elb.create_load_balancer(
            Name="nlb", Type="network", Scheme="internet-facing",
            SubnetMappings=[{"SubnetId": s, "AllocationId": e["AllocationId"]}
                            for s, e in zip(subnets, eips)])["LoadBalancers"][0]
        got = elb.describe_load_balancers(LoadBalancerArns=[lb["LoadBalancerArn"]])["LoadBalancers"][0]
        addresses = {z["SubnetId"]: z["LoadBalancerAddresses"] for z in got["AvailabilityZones"]}
        for subnet, eip in zip(subnets, eips):
            self.assertEqual(addresses[subnet], [{"IpAddress": eip["PublicIp"],
                                                  "AllocationId": eip["AllocationId"]}])


class LogsQueryDefinitions(unittest.TestCase):
    def test_put_describe_delete(self):
        logs = client("logs", "us-west-1")
        qid = logs.put_query_definition(name="app/errors", queryString="fields @message",
                                        logGroupNames=["/app"])["queryDefinitionId"]
        logs.put_query_definition(name="other", queryString="fields @timestamp")
        self.assertEqual(logs.put_query_definition(
            queryDefinitionId=qid, name="app/errors", queryString="fields @message | limit 5",
            logGroupNames=["/app"])["queryDefinitionId"], qid)
        found = logs.describe_query_definitions(queryDefinitionNamePrefix="app/")["queryDefinitions"]
        self.assertEqual(len(found), 1)
        self.assertEqual((found[0]["queryDefinitionId"], found[0]["name"], found[0]["queryString"],
                          found[0]["logGroupNames"]),
                         (qid, "app/errors", "fields @message | limit 5", ["/app"]))
        self.assertTrue(logs.delete_query_definition(queryDefinitionId=qid)["success"])
        self.assertEqual(logs.describe_query_definitions(queryDefinitionNamePrefix="app/")["queryDefinitions"], [])
        for call in (lambda: logs.delete_query_definition(queryDefinitionId=qid),
                     lambda: logs.put_query_definition(queryDefinitionId="nope", name="x", queryString="y")):
            with self.assertRaises(ClientError) as err:
                call()
            self.assertEqual(err.exception.response["Error"]["Code"], "ResourceNotFoundException")


class GlobalAccelerator(unittest.TestCase):
    """The Global Accelerator API added by globalaccelerator.py (signed for
    us-west-2, as AWS serves it)."""

    @classmethod
    def setUpClass(cls):
        cls.ga = client("globalaccelerator", "us-west-2")
        _, subnets = network("eu-west-1", "10.60.0.0/16")
        cls.nlb = client("elbv2", "eu-west-1").create_load_balancer(
            Name="ga-nlb", Type="network", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]

    def assertError(self, code, call, *args, **kwargs):
        with self.assertRaises(ClientError) as err:
            call(*args, **kwargs)
        self.assertEqual(err.exception.response["Error"]["Code"], code)
        self.assertEqual(err.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def accelerator(self, name, **kwargs):
        return self.ga.create_accelerator(Name=name, **kwargs)["Accelerator"]

    def test_accelerator_lifecycle(self):
        ga = self.ga
        acc = self.accelerator("app", IpAddressType="IPV4", Enabled=True,
                               Tags=[{"Key": "team", "Value": "net"}])
        arn = acc["AcceleratorArn"]
        self.assertRegex(arn, r"^arn:aws:globalaccelerator::%s:accelerator/[0-9a-f-]{36}$" % ACCOUNT)
        self.assertRegex(acc["DnsName"], r"^a[0-9a-f]{16}\.awsglobalaccelerator\.com$")
        self.assertEqual(acc["Status"], "IN_PROGRESS")
        self.assertNotIn("DualStackDnsName", acc)
        got = ga.describe_accelerator(AcceleratorArn=arn)["Accelerator"]
        self.assertEqual((got["Status"], got["Enabled"], got["Name"], got["IpAddressType"]),
                         ("DEPLOYED", True, "app", "IPV4"))
        (ipset,) = got["IpSets"]
        self.assertEqual((ipset["IpFamily"], ipset["IpAddressFamily"], len(ipset["IpAddresses"])),
                         ("IPv4", "IPv4", 2))
        self.assertIn(arn, [a["AcceleratorArn"] for a in ga.list_accelerators()["Accelerators"]])

        self.assertEqual(ga.describe_accelerator_attributes(AcceleratorArn=arn)["AcceleratorAttributes"],
                         {"FlowLogsEnabled": False})
        self.assertError("InvalidArgumentException", ga.update_accelerator_attributes,
                         AcceleratorArn=arn, FlowLogsEnabled=True)
        logs = dict(AcceleratorArn=arn, FlowLogsEnabled=True, FlowLogsS3Bucket="logs", FlowLogsS3Prefix="ga/")
        self.assertError("InvalidArgumentException", ga.update_accelerator_attributes, **logs)  # no bucket
        s3 = client("s3")
        s3.create_bucket(Bucket="logs")
        self.assertError("AccessDeniedException", ga.update_accelerator_attributes, **logs)  # no policy
        s3.put_bucket_policy(Bucket="logs", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"},
            "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/ga/*"}]}))
        ga.update_accelerator_attributes(AcceleratorArn=arn, FlowLogsEnabled=True,
                                         FlowLogsS3Bucket="logs", FlowLogsS3Prefix="ga/")
        self.assertEqual(ga.describe_accelerator_attributes(AcceleratorArn=arn)["AcceleratorAttributes"],
                         {"FlowLogsEnabled": True, "FlowLogsS3Bucket": "logs", "FlowLogsS3Prefix": "ga/"})

        ga.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
        ga.untag_resource(ResourceArn=arn, TagKeys=["team"])
        self.assertEqual(ga.list_tags_for_resource(ResourceArn=arn)["Tags"],
                         [{"Key": "env", "Value": "test"}])

        updated = ga.update_accelerator(AcceleratorArn=arn, Name="app2",
                                        IpAddressType="DUAL_STACK")["Accelerator"]
        self.assertEqual(updated["Status"], "IN_PROGRESS")
        got = ga.describe_accelerator(AcceleratorArn=arn)["Accelerator"]
        self.assertEqual(got["Name"], "app2")
        self.assertEqual(got["IpSets"][0], ipset)  # static IPv4 addresses stay
        self.assertEqual(got["IpSets"][1]["IpAddressFamily"], "IPv6")
        self.assertRegex(got["DualStackDnsName"], r"\.dualstack\.awsglobalaccelerator\.com$")

        self.assertError("AcceleratorNotDisabledException", ga.delete_accelerator, AcceleratorArn=arn)
        ga.update_accelerator(AcceleratorArn=arn, Enabled=False)
        ga.delete_accelerator(AcceleratorArn=arn)
        for call in (ga.describe_accelerator, ga.describe_accelerator_attributes,
                     ga.update_accelerator, ga.delete_accelerator):
            self.assertError("AcceleratorNotFoundException", call, AcceleratorArn=arn)
        self.assertError("AcceleratorNotFoundException", ga.list_tags_for_resource, ResourceArn=arn)

    def test_invalid_arguments(self):
        self.assertError("InvalidArgumentException", self.accelerator, "-bad")
        self.assertError("InvalidArgumentException", self.accelerator, "byoip", IpAddresses=["1.2.3.4"])

    def test_listener_and_endpoint_group_lifecycle(self):
        ga = self.ga
        acc = self.accelerator("edge")["AcceleratorArn"]
        lst = ga.create_listener(AcceleratorArn=acc, Protocol="TCP",
                                 PortRanges=[{"FromPort": 443, "ToPort": 443}])["Listener"]
        larn = lst["ListenerArn"]
        self.assertRegex(larn, r"^%s/listener/[0-9a-f]{8}$" % re.escape(acc))
        self.assertEqual(lst["ClientAffinity"], "NONE")
        self.assertError("InvalidPortRangeException", ga.create_listener, AcceleratorArn=acc,
                         Protocol="UDP", PortRanges=[{"FromPort": 400, "ToPort": 500}])
        self.assertError("InvalidPortRangeException", ga.create_listener, AcceleratorArn=acc,
                         Protocol="UDP", PortRanges=[{"FromPort": 90, "ToPort": 80}])
        ga.update_listener(ListenerArn=larn, ClientAffinity="SOURCE_IP",
                           PortRanges=[{"FromPort": 80, "ToPort": 81}])
        got = ga.describe_listener(ListenerArn=larn)["Listener"]
        self.assertEqual((got["ClientAffinity"], got["PortRanges"], got["Protocol"]),
                         ("SOURCE_IP", [{"FromPort": 80, "ToPort": 81}], "TCP"))
        self.assertEqual([x["ListenerArn"] for x in ga.list_listeners(AcceleratorArn=acc)["Listeners"]],
                         [larn])

        eg = ga.create_endpoint_group(
            ListenerArn=larn, EndpointGroupRegion="eu-west-1", TrafficDialPercentage=100,
            EndpointConfigurations=[{"EndpointId": self.nlb, "Weight": 100}])["EndpointGroup"]
        earn = eg["EndpointGroupArn"]
        self.assertRegex(earn, r"^%s/endpoint-group/[0-9a-f]{12}$" % re.escape(larn))
        self.assertEqual((eg["HealthCheckPort"], eg["HealthCheckProtocol"], eg["HealthCheckIntervalSeconds"],
                          eg["ThresholdCount"], eg["TrafficDialPercentage"]), (80, "TCP", 30, 3, 100.0))
        self.assertNotIn("HealthCheckPath", eg)
        self.assertEqual(eg["EndpointDescriptions"],
                         [{"EndpointId": self.nlb, "Weight": 100, "HealthState": "HEALTHY",
                           "ClientIPPreservationEnabled": False}])
        self.assertError("InvalidArgumentException", ga.update_endpoint_group, EndpointGroupArn=earn,
                         EndpointConfigurations=[{"EndpointId": self.nlb,
                                                  "ClientIPPreservationEnabled": True}])  # NLB without SG
        self.assertError("EndpointGroupAlreadyExistsException", ga.create_endpoint_group,
                         ListenerArn=larn, EndpointGroupRegion="eu-west-1")
        self.assertError("InvalidArgumentException", ga.create_endpoint_group, ListenerArn=larn,
                         EndpointGroupRegion="eu-west-2",
                         EndpointConfigurations=[{"EndpointId": self.nlb.replace("eu-west-1", "eu-west-2")}])

        ga.update_endpoint_group(EndpointGroupArn=earn, TrafficDialPercentage=0,
                                 HealthCheckProtocol="HTTP", HealthCheckIntervalSeconds=10)
        got = ga.describe_endpoint_group(EndpointGroupArn=earn)["EndpointGroup"]
        self.assertEqual((got["TrafficDialPercentage"], got["HealthCheckProtocol"], got["HealthCheckPath"],
                          got["HealthCheckIntervalSeconds"], got["EndpointDescriptions"][0]["Weight"]),
                         (0.0, "HTTP", "/", 10, 100))
        self.assertError("InvalidArgumentException", ga.update_endpoint_group,
                         EndpointGroupArn=earn, HealthCheckIntervalSeconds=20)
        self.assertEqual([x["EndpointGroupArn"] for x in
                          ga.list_endpoint_groups(ListenerArn=larn)["EndpointGroups"]], [earn])

        ga.update_accelerator(AcceleratorArn=acc, Enabled=False)
        self.assertError("AssociatedListenerFoundException", ga.delete_accelerator, AcceleratorArn=acc)
        self.assertError("AssociatedEndpointGroupFoundException", ga.delete_listener, ListenerArn=larn)
        ga.delete_endpoint_group(EndpointGroupArn=earn)
        self.assertError("EndpointGroupNotFoundException", ga.describe_endpoint_group, EndpointGroupArn=earn)
        self.assertError("EndpointGroupNotFoundException", ga.delete_endpoint_group, EndpointGroupArn=earn)
        ga.delete_listener(ListenerArn=larn)
        self.assertError("ListenerNotFoundException", ga.describe_listener, ListenerArn=larn)
        self.assertError("ListenerNotFoundException", ga.list_endpoint_groups, ListenerArn=larn)
        self.assertError("ListenerNotFoundException", ga.create_endpoint_group, ListenerArn=larn,
                         EndpointGroupRegion="eu-west-1")
        ga.delete_accelerator(AcceleratorArn=acc)
        self.assertError("AcceleratorNotFoundException", ga.create_listener, AcceleratorArn=acc,
                         Protocol="TCP", PortRanges=[{"FromPort": 1, "ToPort": 2}])
        self.assertError("AcceleratorNotFoundException", ga.list_listeners, AcceleratorArn=acc)

    def test_unknown_operation_is_a_client_error(self):
        self.assertError("UnknownOperationException", self.ga.list_custom_routing_accelerators)


if __name__ == "__main__":
    unittest.main()
