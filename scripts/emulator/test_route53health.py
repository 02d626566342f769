"""Shows route53health.py through the AWS API: health checks that fail with a
region marked unreachable, and TestDNSAnswer choosing the failover record.

    python3 scripts/emulator/test_route53health.py

Starts its own emulator (emulatortest.py) and stops it."""
import json
import os
import sys
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import emulatortest  # noqa: E402

EMULATOR = emulatortest.Emulator("test_route53health")
URL = EMULATOR.url


def setUpModule():
    EMULATOR.start()


def tearDownModule():
    EMULATOR.stop()


def client(service, region="us-east-1"):
    return boto3.client(service, region_name=region, endpoint_url=URL,
                        aws_access_key_id="test", aws_secret_access_key="test")


def set_unreachable(regions):
    req = urllib.request.Request(URL + "/_multiregion/unreachable", method="POST",
                                 data=json.dumps({"regions": regions}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def nlb(region, name, cidr):
    """An internet-facing NLB with one Elastic IP per subnet; (dns name, sorted IPs)."""
    ec2 = client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    base = cidr.rsplit(".", 2)[0]
    mappings, ips = [], []
    for i, az in ((1, "a"), (2, "b")):
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base}.{i}.0/24", AvailabilityZone=f"{region}{az}")["Subnet"]["SubnetId"]
        eip = ec2.allocate_address(Domain="vpc")
        mappings.append({"SubnetId": subnet, "AllocationId": eip["AllocationId"]})
        ips.append(eip["PublicIp"])
    lb = client("elbv2", region).create_load_balancer(Name=name, Type="network", Scheme="internet-facing",
                                                       SubnetMappings=mappings)["LoadBalancers"][0]
    return lb["DNSName"], lb["CanonicalHostedZoneId"], sorted(ips)


class Route53HealthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        EMULATOR.reset()
        cls.r53 = client("route53")
        cls.east = nlb("us-east-1", "shop-use1", "10.10.0.0/16")
        cls.west = nlb("us-west-2", "shop-usw2", "10.20.0.0/16")
        cls.zone = cls.r53.create_hosted_zone(Name="shop.example.internal", CallerReference="z")["HostedZone"]["Id"]
        cls.checks = {}
        for region, (dns, _, _) in (("us-east-1", cls.east), ("us-west-2", cls.west)):
            cls.checks[region] = cls.r53.create_health_check(CallerReference=region, HealthCheckConfig={
                "Type": "TCP", "FullyQualifiedDomainName": dns, "Port": 443, "RequestInterval": 10, "FailureThreshold": 3,
            })["HealthCheck"]["Id"]
        changes = []
        for role, region, (dns, zone_id, _) in (("PRIMARY", "us-east-1", cls.east), ("SECONDARY", "us-west-2", cls.west)):
            changes.append({"Action": "CREATE", "ResourceRecordSet": {
                "Name": "api.shop.example.internal", "Type": "A", "SetIdentifier": role.lower(), "Failover": role,
                "HealthCheckId": cls.checks[region],
                "AliasTarget": {"HostedZoneId": zone_id, "DNSName": dns, "EvaluateTargetHealth": True}}})
        changes.append({"Action": "CREATE", "ResourceRecordSet": {
            "Name": "www.shop.example.internal", "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.7"}]}})
        cls.r53.change_resource_record_sets(HostedZoneId=cls.zone, ChangeBatch={"Changes": changes})

    def tearDown(self):
        set_unreachable([])

    def answer(self, name="api.shop.example.internal", rtype="A"):
        out = self.r53.test_dns_answer(HostedZoneId=self.zone, RecordName=name, RecordType=rtype)
        return out["ResponseCode"], sorted(out["RecordData"])

    def statuses(self, region):
        obs = self.r53.get_health_check_status(HealthCheckId=self.checks[region])["HealthCheckObservations"]
        self.assertGreater(len(obs), 1, "several checker regions report")
        return {o["StatusReport"]["Status"].split(":")[0] for o in obs}

    def test_healthy_primary_answers(self):
        self.assertEqual(self.answer(), ("NOERROR", self.east[2]))
        self.assertEqual(self.statuses("us-east-1"), {"Success"})

    def test_unreachable_primary_fails_over(self):
        self.assertEqual(set_unreachable(["us-east-1"]), {"regions": ["us-east-1"]})
        self.assertEqual(self.statuses("us-east-1"), {"Failure"})
        self.assertEqual(self.statuses("us-west-2"), {"Success"})
        self.assertEqual(self.answer(), ("NOERROR", self.west[2]))
        set_unreachable([])
        self.assertEqual(self.answer(), ("NOERROR", self.east[2]))

    def test_unreachable_secondary_changes_nothing(self):
        set_unreachable(["us-west-2"])
        self.assertEqual(self.statuses("us-west-2"), {"Failure"})
        self.assertEqual(self.answer(), ("NOERROR", self.east[2]))

    def test_all_unhealthy_answers_the_primary(self):
        set_unreachable(["us-east-1", "us-west-2"])
        self.assertEqual(self.answer(), ("NOERROR", self.east[2]))

    def test_simple_record_and_missing_names(self):
        self.assertEqual(self.answer("www.shop.example.internal."), ("NOERROR", ["192.0.2.7"]))
        self.assertEqual(self.answer("www.shop.example.internal", "AAAA"), ("NOERROR", []))
        self.assertEqual(self.answer("nope.shop.example.internal"), ("NXDOMAIN", []))

    def test_calculated_follows_children(self):
        calc = self.r53.create_health_check(CallerReference="calc", HealthCheckConfig={
            "Type": "CALCULATED", "ChildHealthChecks": list(self.checks.values()), "HealthThreshold": 2,
        })["HealthCheck"]["Id"]
        # AWS: GetHealthCheckStatus cannot read a calculated check.
        with self.assertRaises(ClientError) as err:
            self.r53.get_health_check_status(HealthCheckId=calc)
        self.assertEqual(err.exception.response["Error"]["Code"], "InvalidInput")
        # A record that follows it shows its state.
        self.r53.change_resource_record_sets(HostedZoneId=self.zone, ChangeBatch={"Changes": [
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "calc.shop.example.internal", "Type": "A", "TTL": 60,
             "SetIdentifier": "primary", "Failover": "PRIMARY", "HealthCheckId": calc, "ResourceRecords": [{"Value": "192.0.2.1"}]}},
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "calc.shop.example.internal", "Type": "A", "TTL": 60,
             "SetIdentifier": "secondary", "Failover": "SECONDARY", "ResourceRecords": [{"Value": "192.0.2.2"}]}},
        ]})
        self.assertEqual(self.answer("calc.shop.example.internal"), ("NOERROR", ["192.0.2.1"]))
        set_unreachable(["us-west-2"])  # one child down: below the threshold of 2
        self.assertEqual(self.answer("calc.shop.example.internal"), ("NOERROR", ["192.0.2.2"]))

    def test_checkers_and_name_server(self):
        obs = self.r53.get_health_check_status(HealthCheckId=self.checks["us-east-1"])["HealthCheckObservations"]
        self.assertEqual(len({o["Region"] for o in obs}), len(obs))
        self.assertEqual(len({o["IPAddress"] for o in obs}), len(obs), "each checker has its own address")
        self.assertIn(f"Resolved IP: {self.east[2][0]}", obs[0]["StatusReport"]["Status"])
        servers = self.r53.get_hosted_zone(Id=self.zone)["DelegationSet"]["NameServers"]
        out = self.r53.test_dns_answer(HostedZoneId=self.zone, RecordName="api.shop.example.internal", RecordType="A")
        self.assertIn(out["Nameserver"], [n.rstrip(".") for n in servers])
        self.assertEqual((out["RecordType"], out["Protocol"]), ("A", "UDP"))

    def test_disabled_inverted_and_name_only_targets(self):
        def check(**config):
            hc = {"Type": "TCP", "Port": 443, "RequestInterval": 30, "FailureThreshold": 3, **config}
            return self.r53.create_health_check(CallerReference=str(sorted(config.items())), HealthCheckConfig=hc)["HealthCheck"]["Id"]

        def status(hc):
            obs = self.r53.get_health_check_status(HealthCheckId=hc)["HealthCheckObservations"]
            return {o["StatusReport"]["Status"].split(":")[0] for o in obs}
        dns = self.east[0]
        disabled = check(FullyQualifiedDomainName=dns, Disabled=True)
        disabled_inverted = check(FullyQualifiedDomainName=dns, Disabled=True, Inverted=True)
        inverted = check(FullyQualifiedDomainName=dns, Inverted=True)
        # No such load balancer: the region comes from the name (AWS's NLB form).
        gone = check(FullyQualifiedDomainName="gone-0123456789abcdef.elb.us-east-1.amazonaws.com")
        by_ip = check(IPAddress=self.east[2][0])
        set_unreachable(["us-east-1"])
        self.assertEqual(status(disabled), {"Success"})
        self.assertEqual(status(disabled_inverted), {"Failure"})
        self.assertEqual(status(inverted), {"Success"})
        self.assertEqual(status(gone), {"Failure"})
        self.assertEqual(status(by_ip), {"Failure"})
        set_unreachable(["us-west-2"])
        self.assertEqual(status(inverted), {"Failure"})
        self.assertEqual(status(gone), {"Success"})
        self.assertEqual(status(by_ip), {"Success"})

    def test_errors(self):
        with self.assertRaises(ClientError) as err:
            self.r53.test_dns_answer(HostedZoneId="ZNOSUCHZONE", RecordName="api.example.com", RecordType="A")
        self.assertEqual(err.exception.response["Error"]["Code"], "NoSuchHostedZone")
        with self.assertRaises(ClientError) as err:
            self.r53.get_health_check_status(HealthCheckId="00000000-0000-0000-0000-000000000000")
        self.assertEqual(err.exception.response["Error"]["Code"], "NoSuchHealthCheck")
        bad = urllib.request.Request(URL + "/_multiregion/unreachable", method="POST", data=b'{"regions": "us-east-1"}')
        with self.assertRaises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(bad, timeout=10)
        self.assertEqual(err.exception.code, 400)

    def test_reset_clears_the_fault(self):
        set_unreachable(["us-east-1"])
        with urllib.request.urlopen(URL + "/_multiregion/unreachable", timeout=10) as resp:
            self.assertEqual(json.load(resp), {"regions": ["us-east-1"]})
        import route53health
        self.assertTrue(route53health.is_request({"PATH_INFO": "/_multiregion/unreachable"}))
        urllib.request.urlopen(urllib.request.Request(URL + "/moto-api/reset", method="POST"), timeout=30)
        with urllib.request.urlopen(URL + "/_multiregion/unreachable", timeout=10) as resp:
            self.assertEqual(json.load(resp), {"regions": []})
        type(self).setUpClass()  # the reset cleared the fixtures too


if __name__ == "__main__":
    unittest.main()
