"""Shows the CloudWatch Network Monitor of networkmonitor.py (monitors,
probes, tags) through the AWS API.

    python3 scripts/emulator/test_networkmonitor.py

Starts its own emulator (launch.py, so with the patches) on a free loopback
port, runs the checks with boto3 and stops it; every test starts from
/moto-api/reset. Takes a few seconds plus the emulator start."""
import ipaddress
import os
import re
import sys
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import emulatortest  # noqa: E402

EMULATOR = emulatortest.Emulator("test_networkmonitor")
URL = EMULATOR.url
ACCOUNT = "123456789012"
REGION = "eu-west-1"
PROBE_ID = re.compile(r"^probe-[a-z0-9]{26}$")


def setUpModule():
    EMULATOR.start()


def tearDownModule():
    EMULATOR.stop()


def client(service="networkmonitor", region=REGION, **credentials):
    """A boto3 client; for networkmonitor without botocore's own parameter
    checks, so that the emulator's validation is what answers."""
    credentials = credentials or {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    config = Config(parameter_validation=False) if service == "networkmonitor" else None
    return boto3.client(service, region_name=region, endpoint_url=URL, config=config, **credentials)


def vpc(region=REGION, cidr="10.0.0.0/16", ipv6=False):
    ec2 = client("ec2", region)
    return ec2.create_vpc(CidrBlock=cidr, AmazonProvidedIpv6CidrBlock=ipv6)["Vpc"]


def subnet(vpc, cidr, region=REGION):
    """A new subnet of vpc (with an IPv6 /64 when the VPC has IPv6); returns
    its ARN."""
    kwargs = {}
    if vpc.get("Ipv6CidrBlockAssociationSet"):
        block = ipaddress.ip_network(vpc["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])
        kwargs["Ipv6CidrBlock"] = str(list(block.subnets(new_prefix=64))[int(cidr.split(".")[2])])
    sub = client("ec2", region).create_subnet(VpcId=vpc["VpcId"], CidrBlock=cidr, **kwargs)["Subnet"]
    return f"arn:aws:ec2:{region}:{ACCOUNT}:subnet/{sub['SubnetId']}"


class Base(unittest.TestCase):
    """Monitors resets the emulator before each test; Probes (whose EC2
    network makes a reset slow) resets it once and gives each test its own
    monitor; Tags uses monitors of its own names."""

    def setUp(self):
        self.nm = client()

    def assertError(self, code, status, fn, *args, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(*args, **kwargs)
        err = ctx.exception.response
        self.assertEqual(err["Error"]["Code"], code, err)
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], status, err)
        self.assertEqual(err["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"], code)
        return err["Error"]["Message"]


class Monitors(Base):
    def setUp(self):
        EMULATOR.reset()
        super().setUp()

    def test_create_get_list_update_delete(self):
        out = self.nm.create_monitor(monitorName="app_mon-1", tags={"env": "test"})
        arn = f"arn:aws:networkmonitor:{REGION}:{ACCOUNT}:monitor/app_mon-1"
        self.assertEqual(out["monitorArn"], arn)
        self.assertEqual(out["state"], "PENDING")  # the create's own answer
        self.assertEqual(out["aggregationPeriod"], 60)  # the documented default
        self.assertEqual(out["tags"], {"env": "test"})
        got = self.nm.get_monitor(monitorName="app_mon-1")
        self.assertEqual(got["state"], "ACTIVE")  # settled at the first read
        self.assertEqual(got["probes"], [])
        self.assertEqual(got["aggregationPeriod"], 60)
        self.assertLessEqual(got["createdAt"], got["modifiedAt"])
        listed = self.nm.list_monitors()["monitors"]
        self.assertEqual(listed, [{"monitorArn": arn, "monitorName": "app_mon-1", "state": "ACTIVE",
                                   "aggregationPeriod": 60, "tags": {"env": "test"}}])
        up = self.nm.update_monitor(monitorName="app_mon-1", aggregationPeriod=30)
        self.assertEqual((up["state"], up["aggregationPeriod"]), ("PENDING", 30))
        got = self.nm.get_monitor(monitorName="app_mon-1")
        self.assertEqual((got["state"], got["aggregationPeriod"]), ("ACTIVE", 30))
        self.nm.delete_monitor(monitorName="app_mon-1")
        self.assertError("ResourceNotFoundException", 404, self.nm.get_monitor, monitorName="app_mon-1")
        self.assertEqual(self.nm.list_monitors()["monitors"], [])

    def test_validation(self):
        for period in (0, 45, 120):
            self.assertError("ValidationException", 400, self.nm.create_monitor, monitorName="m",
                             aggregationPeriod=period)
        for name in ("has space", "dot.name", "x" * 201, "slash/name"):
            self.assertError("ValidationException", 400, self.nm.create_monitor, monitorName=name)
        self.nm.create_monitor(monitorName="x" * 200)
        self.nm.create_monitor(monitorName="m", aggregationPeriod=30)
        self.assertError("ValidationException", 400, self.nm.update_monitor, monitorName="m",
                         aggregationPeriod=90)
        self.assertError("ValidationException", 400, self.nm.create_monitor, monitorName="t",
                         tags={"aws:reserved": "x"})
        self.assertError("ValidationException", 400, self.nm.get_monitor, monitorName="bad name")

    def test_conflict_and_idempotency(self):
        first = self.nm.create_monitor(monitorName="m", clientToken="tok-1")
        again = self.nm.create_monitor(monitorName="m", clientToken="tok-1")
        first.pop("ResponseMetadata")
        again.pop("ResponseMetadata")
        self.assertEqual(first, again)
        self.assertError("ConflictException", 409, self.nm.create_monitor, monitorName="m")
        self.assertError("ConflictException", 409, self.nm.create_monitor, monitorName="other",
                         clientToken="tok-1")
        self.assertEqual(len(self.nm.list_monitors()["monitors"]), 1)

    def test_not_found(self):
        self.assertError("ResourceNotFoundException", 404, self.nm.get_monitor, monitorName="none")
        self.assertError("ResourceNotFoundException", 404, self.nm.update_monitor, monitorName="none",
                         aggregationPeriod=30)
        self.assertError("ResourceNotFoundException", 404, self.nm.delete_monitor, monitorName="none")

    def test_list_pagination_and_filter(self):
        for i in range(5):
            self.nm.create_monitor(monitorName=f"m{i}")
        page = self.nm.list_monitors(maxResults=2)
        self.assertEqual([m["monitorName"] for m in page["monitors"]], ["m0", "m1"])
        rest = self.nm.get_paginator("list_monitors").paginate(PaginationConfig={"PageSize": 2})
        self.assertEqual([m["monitorName"] for p in rest for m in p["monitors"]], [f"m{i}" for i in range(5)])
        self.assertEqual(len(self.nm.list_monitors(state="ACTIVE")["monitors"]), 5)
        self.assertEqual(self.nm.list_monitors(state="INACTIVE")["monitors"], [])
        self.assertError("ValidationException", 400, self.nm.list_monitors, maxResults=26)
        self.assertError("ValidationException", 400, self.nm.list_monitors, nextToken="garbage")

    def test_monitor_quota(self):
        for i in range(100):
            self.nm.create_monitor(monitorName=f"m{i}")
        self.assertError("ServiceQuotaExceededException", 402, self.nm.create_monitor, monitorName="one-more")
        client(region="us-east-1").create_monitor(monitorName="one-more")  # the quota is per Region

    def test_region_isolation(self):
        self.nm.create_monitor(monitorName="m")
        self.assertEqual(client(region="us-east-1").list_monitors()["monitors"], [])
        self.assertError("ResourceNotFoundException", 404, client(region="us-east-1").get_monitor,
                         monitorName="m")
        client(region="us-east-1").create_monitor(monitorName="m")  # the same name in another Region

    def test_reset(self):
        self.nm.create_monitor(monitorName="m", tags={"a": "1"})
        client(region="us-east-1").create_monitor(monitorName="m")
        EMULATOR.reset()
        self.assertEqual(self.nm.list_monitors()["monitors"], [])
        self.assertEqual(client(region="us-east-1").list_monitors()["monitors"], [])
        self.assertError("ResourceNotFoundException", 404, self.nm.get_monitor, monitorName="m")
        self.nm.create_monitor(monitorName="m")  # the name is free again


class Probes(Base):
    @classmethod
    def setUpClass(cls):
        EMULATOR.reset()
        main = vpc()
        cls.vpc = main["VpcId"]
        cls.subnets = [subnet(main, f"10.0.{i}.0/24") for i in range(1, 9)]
        cls.source = cls.subnets[0]
        cls.ipv6_source = subnet(vpc(cidr="10.9.0.0/16", ipv6=True), "10.9.1.0/24")

    def setUp(self):
        super().setUp()
        self.m = self._testMethodName  # each test's own monitor
        self.nm.create_monitor(monitorName=self.m)

    def probe(self, **kwargs):
        spec = {"sourceArn": self.source, "destination": "10.0.0.1", "protocol": "ICMP"}
        spec.update(kwargs)
        return spec

    def test_create_monitor_with_probes(self):
        out = self.nm.create_monitor(monitorName="with-probes", aggregationPeriod=30, probes=[
            {"sourceArn": self.source, "destination": "10.0.0.1", "protocol": "ICMP", "probeTags": {"a": "1"}},
            {"sourceArn": self.source, "destination": "10.0.0.2", "protocol": "TCP", "destinationPort": 443,
             "packetSize": 1500}])
        self.assertNotIn("probes", out)
        probes = self.nm.get_monitor(monitorName="with-probes")["probes"]
        self.assertEqual(len(probes), 2)
        icmp, tcp = probes
        for p in probes:
            self.assertRegex(p["probeId"], PROBE_ID)
            self.assertEqual(p["probeArn"], f"arn:aws:networkmonitor:{REGION}:{ACCOUNT}:probe/{p['probeId']}")
            self.assertEqual((p["sourceArn"], p["vpcId"], p["addressFamily"], p["state"]),
                             (self.source, self.vpc, "IPV4", "ACTIVE"))
        self.assertEqual((icmp["protocol"], icmp["packetSize"], icmp["tags"]), ("ICMP", 56, {"a": "1"}))
        self.assertNotIn("destinationPort", icmp)
        self.assertEqual((tcp["protocol"], tcp["destinationPort"], tcp["packetSize"]), ("TCP", 443, 1500))
        # A monitor whose probes are invalid is not created at all.
        self.assertError("ValidationException", 400, self.nm.create_monitor, monitorName="bad", probes=[
            self.probe(), self.probe(protocol="TCP")])
        self.assertError("ResourceNotFoundException", 404, self.nm.get_monitor, monitorName="bad")

    def test_probe_lifecycle(self):
        out = self.nm.create_probe(monitorName=self.m, probe=self.probe(protocol="TCP", destinationPort=443,
                                                                     tags={"a": "1"}),
                                   tags={"b": "2"})
        pid = out["probeId"]
        self.assertRegex(pid, PROBE_ID)
        self.assertEqual(out["state"], "PENDING")
        self.assertEqual(out["tags"], {"a": "1", "b": "2"})
        got = self.nm.get_probe(monitorName=self.m, probeId=pid)
        self.assertEqual((got["state"], got["destinationPort"], got["packetSize"], got["vpcId"]),
                         ("ACTIVE", 443, 56, self.vpc))
        up = self.nm.update_probe(monitorName=self.m, probeId=pid, destination="192.168.1.1",
                                  destinationPort=8443, packetSize=100)
        self.assertEqual(up["state"], "PENDING")
        got = self.nm.get_probe(monitorName=self.m, probeId=pid)
        self.assertEqual((got["state"], got["destination"], got["destinationPort"], got["packetSize"]),
                         ("ACTIVE", "192.168.1.1", 8443, 100))
        # TCP -> ICMP drops the port; ICMP -> TCP needs one.
        self.nm.update_probe(monitorName=self.m, probeId=pid, protocol="ICMP")
        got = self.nm.get_probe(monitorName=self.m, probeId=pid)
        self.assertEqual(got["protocol"], "ICMP")
        self.assertNotIn("destinationPort", got)
        self.assertError("ValidationException", 400, self.nm.update_probe, monitorName=self.m, probeId=pid,
                         protocol="TCP")
        self.nm.update_probe(monitorName=self.m, probeId=pid, protocol="TCP", destinationPort=22)
        self.assertEqual(self.nm.get_probe(monitorName=self.m, probeId=pid)["destinationPort"], 22)
        # Deactivate and reactivate.
        self.nm.update_probe(monitorName=self.m, probeId=pid, state="INACTIVE")
        self.assertEqual(self.nm.get_probe(monitorName=self.m, probeId=pid)["state"], "INACTIVE")
        self.assertEqual(self.nm.get_monitor(monitorName=self.m)["probes"][0]["state"], "INACTIVE")
        self.nm.update_probe(monitorName=self.m, probeId=pid, state="ACTIVE")
        self.assertEqual(self.nm.get_probe(monitorName=self.m, probeId=pid)["state"], "ACTIVE")
        for state in ("PENDING", "DELETED", "ERROR", "BOGUS"):
            self.assertError("ValidationException", 400, self.nm.update_probe, monitorName=self.m, probeId=pid,
                             state=state)
        self.nm.delete_probe(monitorName=self.m, probeId=pid)
        self.assertError("ResourceNotFoundException", 404, self.nm.get_probe, monitorName=self.m, probeId=pid)
        self.assertEqual(self.nm.get_monitor(monitorName=self.m)["probes"], [])

    def test_probe_validation(self):
        bad = [
            self.probe(protocol="UDP"),
            self.probe(protocol="TCP"),  # no port
            self.probe(destinationPort=80),  # ICMP with a port
            self.probe(protocol="TCP", destinationPort=0),
            self.probe(protocol="TCP", destinationPort=65536),
            self.probe(packetSize=55),
            self.probe(packetSize=8501),
            self.probe(destination="example.com"),
            self.probe(destination="10.0.0.300"),
            self.probe(destination="2001:db8::1"),  # the subnet has no IPv6 CIDR
            self.probe(sourceArn=self.source.replace(":subnet/", ":vpc/").replace("subnet-", "vpc-")),
            self.probe(sourceArn=f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/subnet-0123456789abcdef0"),
            self.probe(sourceArn=self.source.replace(REGION, "us-east-1")),
            self.probe(sourceArn="not-an-arn-at-all-xxxxxxxx"),
        ]
        for spec in bad:
            with self.subTest(spec=spec):
                self.assertError("ValidationException", 400, self.nm.create_probe, monitorName=self.m, probe=spec)
        self.assertEqual(self.nm.get_monitor(monitorName=self.m)["probes"], [])
        for size in (56, 8500):
            self.nm.create_probe(monitorName=self.m, probe=self.probe(packetSize=size))
        pid = self.nm.create_probe(monitorName=self.m, probe=self.probe(protocol="TCP", destinationPort=443))["probeId"]
        for change in ({"packetSize": 9000}, {"destination": "nope"}, {"destination": "2001:db8::5"},
                       {"destinationPort": 0},
                       {"protocol": "ICMP", "destinationPort": 80}, {"protocol": "UDP"}):
            with self.subTest(change=change):
                self.assertError("ValidationException", 400, self.nm.update_probe, monitorName=self.m, probeId=pid,
                                 **change)
        got = self.nm.get_probe(monitorName=self.m, probeId=pid)
        self.assertEqual((got["protocol"], got["destinationPort"], got["packetSize"]), ("TCP", 443, 56))

    def test_ipv6_destination(self):
        out = self.nm.create_probe(monitorName=self.m, probe=self.probe(sourceArn=self.ipv6_source,
                                                                        destination="2001:db8::1"))
        self.assertEqual(out["addressFamily"], "IPV6")
        pid = out["probeId"]
        self.nm.update_probe(monitorName=self.m, probeId=pid, destination="10.1.1.1")
        self.assertEqual(self.nm.get_probe(monitorName=self.m, probeId=pid)["addressFamily"], "IPV4")

    def test_not_found(self):
        pid = "probe-" + "a" * 26
        self.assertError("ResourceNotFoundException", 404, self.nm.create_probe, monitorName="none",
                         probe=self.probe())
        for fn in (self.nm.get_probe, self.nm.delete_probe):
            self.assertError("ResourceNotFoundException", 404, fn, monitorName=self.m, probeId=pid)
            self.assertError("ResourceNotFoundException", 404, fn, monitorName="none", probeId=pid)
            self.assertError("ValidationException", 400, fn, monitorName=self.m, probeId="probe-short")
        self.assertError("ResourceNotFoundException", 404, self.nm.update_probe, monitorName=self.m, probeId=pid,
                         packetSize=100)

    def test_delete_monitor_needs_inactive_probes(self):
        a = self.nm.create_probe(monitorName=self.m, probe=self.probe())["probeId"]
        b = self.nm.create_probe(monitorName=self.m, probe=self.probe(destination="10.0.0.2"))["probeId"]
        self.assertError("ValidationException", 400, self.nm.delete_monitor, monitorName=self.m)
        self.nm.delete_probe(monitorName=self.m, probeId=a)
        self.assertError("ValidationException", 400, self.nm.delete_monitor, monitorName=self.m)
        self.nm.update_probe(monitorName=self.m, probeId=b, state="INACTIVE")
        self.nm.delete_monitor(monitorName=self.m)
        self.assertError("ResourceNotFoundException", 404, self.nm.get_probe, monitorName=self.m, probeId=b)

    def test_probe_quotas(self):
        # At most 4 probes per subnet in a monitor.
        for i in range(4):
            self.nm.create_probe(monitorName=self.m, probe=self.probe(destination=f"10.0.0.{i + 1}"))
        self.assertError("ServiceQuotaExceededException", 402, self.nm.create_probe, monitorName=self.m,
                         probe=self.probe(destination="10.0.0.9"))
        self.assertError("ServiceQuotaExceededException", 402, self.nm.create_monitor, monitorName="quota-five",
                         probes=[self.probe(destination=f"10.0.0.{i + 1}") for i in range(5)])
        self.nm.create_probe(monitorName=self.m, probe=self.probe(sourceArn=self.subnets[1]))
        # At most 24 probes per monitor.
        probes = [self.probe(sourceArn=s, destination=f"10.0.1.{j + 1}") for s in self.subnets[1:] for j in range(4)]
        self.assertError("ServiceQuotaExceededException", 402, self.nm.create_monitor, monitorName="quota-big",
                         probes=probes[:25])
        self.nm.create_monitor(monitorName="quota-big", probes=probes[:24])
        self.assertError("ServiceQuotaExceededException", 402, self.nm.create_probe, monitorName="quota-big",
                         probe=probes[24])

    def test_account_isolation(self):
        creds = client("sts").assume_role(RoleArn="arn:aws:iam::111111111111:role/x",
                                          RoleSessionName="nm-test")["Credentials"]
        other = client(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                       aws_session_token=creds["SessionToken"])
        self.assertEqual(other.list_monitors()["monitors"], [])
        self.assertError("ResourceNotFoundException", 404, other.get_monitor, monitorName=self.m)
        out = other.create_monitor(monitorName=self.m)
        self.assertEqual(out["monitorArn"], f"arn:aws:networkmonitor:{REGION}:111111111111:monitor/{self.m}")
        # Network Monitor does not support cross-account resources.
        self.assertError("ValidationException", 400, other.create_probe, monitorName=self.m, probe=self.probe())

    def test_idempotent_create_probe(self):
        first = self.nm.create_probe(monitorName=self.m, probe=self.probe(), clientToken="t")
        again = self.nm.create_probe(monitorName=self.m, probe=self.probe(), clientToken="t")
        self.assertEqual(first["probeId"], again["probeId"])
        self.assertEqual(len(self.nm.get_monitor(monitorName=self.m)["probes"]), 1)
        self.assertError("ValidationException", 400, self.nm.create_probe, monitorName=self.m,
                         probe=self.probe(destination="10.0.0.2"), clientToken="t")


class Tags(Base):
    def test_monitor_and_probe_tags(self):
        source = subnet(vpc(cidr="10.50.0.0/16"), "10.50.1.0/24")
        marn = self.nm.create_monitor(monitorName="tags", tags={"a": "1"})["monitorArn"]
        probe = self.nm.create_probe(monitorName="tags", probe={"sourceArn": source, "destination": "10.0.0.1",
                                                             "protocol": "ICMP"})
        parn = probe["probeArn"]
        self.assertEqual(self.nm.list_tags_for_resource(resourceArn=marn)["tags"], {"a": "1"})
        self.assertEqual(self.nm.list_tags_for_resource(resourceArn=parn)["tags"], {})
        self.nm.tag_resource(resourceArn=marn, tags={"b": "2", "a": "9"})
        self.nm.tag_resource(resourceArn=parn, tags={"p": "x"})
        self.assertEqual(self.nm.list_tags_for_resource(resourceArn=marn)["tags"], {"a": "9", "b": "2"})
        self.assertEqual(self.nm.get_monitor(monitorName="tags")["tags"], {"a": "9", "b": "2"})
        self.assertEqual(self.nm.get_probe(monitorName="tags", probeId=probe["probeId"])["tags"], {"p": "x"})
        self.nm.untag_resource(resourceArn=marn, tagKeys=["a", "missing"])
        self.nm.untag_resource(resourceArn=parn, tagKeys=["p"])
        self.assertEqual(self.nm.list_tags_for_resource(resourceArn=marn)["tags"], {"b": "2"})
        self.assertEqual(self.nm.list_tags_for_resource(resourceArn=parn)["tags"], {})

    def test_tag_errors(self):
        marn = self.nm.create_monitor(monitorName="tag-errors")["monitorArn"]
        missing = marn.replace("monitor/tag-errors", "monitor/none")
        for fn, kwargs in ((self.nm.list_tags_for_resource, {}), (self.nm.tag_resource, {"tags": {"a": "1"}}),
                           (self.nm.untag_resource, {"tagKeys": ["a"]})):
            self.assertError("ResourceNotFoundException", 404, fn, resourceArn=missing, **kwargs)
            self.assertError("ResourceNotFoundException", 404, fn,
                             resourceArn=f"arn:aws:networkmonitor:{REGION}:{ACCOUNT}:probe/probe-{'b' * 26}",
                             **kwargs)
            # The same monitor seen from another Region does not exist there.
            self.assertError("ResourceNotFoundException", 404, getattr(client(region="us-east-1"), fn.__name__),
                             resourceArn=marn, **kwargs)
        self.assertError("ValidationException", 400, self.nm.tag_resource, resourceArn=marn,
                         tags={"aws:x": "1"})
        self.assertError("ValidationException", 400, self.nm.tag_resource, resourceArn=marn,
                         tags={"k" * 129: "1"})
        self.assertError("ValidationException", 400, self.nm.tag_resource, resourceArn=marn,
                         tags={"k": "v" * 257})
        self.assertError("ValidationException", 400, self.nm.tag_resource, resourceArn=marn,
                         tags={f"k{i}": "v" for i in range(201)})
        self.nm.tag_resource(resourceArn=marn, tags={f"k{i}": "v" for i in range(200)})
        self.assertError("ValidationException", 400, self.nm.tag_resource, resourceArn=marn, tags={"one": "more"})


if __name__ == "__main__":
    unittest.main()
