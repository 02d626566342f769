"""Shows the VPN tunnels of vpntunnels.py through the AWS API.

    python3 scripts/emulator/test_vpntunnels.py

Starts its own emulator (test_patches.setUpModule: launch.py on a free
loopback port), runs the checks with boto3 and stops it. Takes a few seconds
plus the emulator start."""
import ipaddress
import os
import sys
import unittest
import xml.etree.ElementTree as ET

from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The same emulator as the other patch tests (launch.py, patches.apply()
# calling vpntunnels.patch()).
from test_patches import client, setUpModule, tearDownModule  # noqa: E402,F401

REGION = "eu-central-1"
LOG_GROUP = f"arn:aws:logs:{REGION}:123456789012:log-group:/aws/vpn/test"


def log_options(enabled=True, arn=LOG_GROUP, fmt="json"):
    cw = {"LogEnabled": enabled}
    if arn is not None:
        cw["LogGroupArn"] = arn
    if fmt is not None:
        cw["LogOutputFormat"] = fmt
    return {"CloudWatchLogOptions": cw}


class VpnTunnels(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ec2 = client("ec2", REGION)
        cls.tgw = cls.ec2.create_transit_gateway(Options={"AmazonSideAsn": 64600})["TransitGateway"]["TransitGatewayId"]
        cls.cgw = cls.ec2.create_customer_gateway(
            Type="ipsec.1", PublicIp="198.51.100.20", BgpAsn=65010)["CustomerGateway"]["CustomerGatewayId"]

    def create(self, **options):
        return self.ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=self.cgw, TransitGatewayId=self.tgw,
                                              Options=options)["VpnConnection"]

    def describe(self, vid):
        return self.ec2.describe_vpn_connections(VpnConnectionIds=[vid])["VpnConnections"][0]

    def assertError(self, code, fn, message=None, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(**kwargs)
        self.assertEqual(ctx.exception.response["Error"]["Code"], code, ctx.exception.response)
        if message is not None:
            self.assertIn(message, ctx.exception.response["Error"]["Message"])

    def test_two_tunnels_consistent_everywhere(self):
        vpn = self.describe(self.create(StaticRoutesOnly=True)["VpnConnectionId"])
        tunnels = vpn["Options"]["TunnelOptions"]
        self.assertEqual(len(tunnels), 2)
        ips = [t["OutsideIpAddress"] for t in tunnels]
        self.assertEqual(len(set(ips)), 2)
        self.assertEqual(ips, sorted(ips), "tunnel 1's address sorts first (the provider sorts the XML's tunnels)")
        self.assertEqual([t["OutsideIpAddress"] for t in vpn["VgwTelemetry"]], ips)
        self.assertEqual({t["Status"] for t in vpn["VgwTelemetry"]}, {"DOWN"})
        for t in tunnels:
            self.assertEqual(t["LogOptions"], {"CloudWatchLogOptions": {"LogEnabled": False}})
            self.assertFalse(t["EnableTunnelLifecycleControl"])
            net = ipaddress.ip_network(t["TunnelInsideCidr"])
            self.assertEqual(net.prefixlen, 30)
            self.assertTrue(net.subnet_of(ipaddress.ip_network("169.254.0.0/16")))
            self.assertRegex(t["PreSharedKey"], r"^[A-Za-z][A-Za-z0-9._]{7,63}$")
        self.assertNotEqual(tunnels[0]["TunnelInsideCidr"], tunnels[1]["TunnelInsideCidr"])
        self.assertNotEqual(tunnels[0]["PreSharedKey"], tunnels[1]["PreSharedKey"])
        # Options the request did not set are not returned (as AWS does).
        self.assertNotIn("IkeVersions", tunnels[0])
        xml = ET.fromstring(vpn["CustomerGatewayConfiguration"])
        got = [(x.findtext("vpn_gateway/tunnel_outside_address/ip_address"),
                x.findtext("vpn_gateway/tunnel_inside_address/ip_address"),
                x.findtext("customer_gateway/tunnel_inside_address/ip_address"),
                x.findtext("ike/pre_shared_key"),
                x.findtext("customer_gateway/tunnel_outside_address/ip_address"),
                x.findtext("customer_gateway/bgp/asn"),
                x.findtext("vpn_gateway/bgp/asn")) for x in xml.findall("ipsec_tunnel")]
        want = []
        for t in tunnels:
            net = ipaddress.ip_network(t["TunnelInsideCidr"])
            want.append((t["OutsideIpAddress"], str(net[1]), str(net[2]), t["PreSharedKey"],
                         "198.51.100.20", "65010", "64600"))
        self.assertEqual(got, want)
        self.assertEqual(xml.get("id"), vpn["VpnConnectionId"])

    def test_create_with_tunnel_options(self):
        vpn = self.create(TunnelOptions=[
            {"LogOptions": log_options(), "TunnelInsideCidr": "169.254.10.0/30", "PreSharedKey": "tunnel_one.key",
             "IKEVersions": [{"Value": "ikev2"}], "DPDTimeoutSeconds": 45, "StartupAction": "start"},
            {"LogOptions": log_options(fmt=None)},
        ])
        t1, t2 = self.describe(vpn["VpnConnectionId"])["Options"]["TunnelOptions"]
        self.assertEqual(t1["LogOptions"], log_options())
        self.assertEqual(t2["LogOptions"], log_options(), "json is the default output format")
        self.assertEqual((t1["TunnelInsideCidr"], t1["PreSharedKey"]), ("169.254.10.0/30", "tunnel_one.key"))
        self.assertEqual((t1["IkeVersions"], t1["DpdTimeoutSeconds"], t1["StartupAction"]),
                         ([{"Value": "ikev2"}], 45, "start"))
        self.assertNotIn("IkeVersions", t2)
        self.assertIn("<pre_shared_key>tunnel_one.key</pre_shared_key>", vpn["CustomerGatewayConfiguration"])
        # Logging off keeps no ARN or format.
        off = self.create(TunnelOptions=[{"LogOptions": log_options(enabled=False)}])
        self.assertEqual(off["Options"]["TunnelOptions"][0]["LogOptions"],
                         {"CloudWatchLogOptions": {"LogEnabled": False}})

    def test_create_refuses_what_aws_refuses(self):
        before = len(self.ec2.describe_vpn_connections()["VpnConnections"])
        bad = [
            ([{"LogOptions": log_options(fmt="xml")}], "LogOutputFormat"),
            ([{"LogOptions": log_options(arn=None)}], "LogGroupArn is required"),
            ([{"LogOptions": log_options(arn="arn:aws:s3:::bucket")}], "log group ARN"),
            ([{"TunnelInsideCidr": "169.254.1.0/30"}], "reserved"),
            ([{"TunnelInsideCidr": "10.0.0.0/30"}], "169.254.0.0/16"),
            ([{"TunnelInsideCidr": "169.254.10.0/29"}], "/30"),
            ([{"TunnelInsideCidr": "169.254.20.0/30"}, {"TunnelInsideCidr": "169.254.20.0/30"}], "same inside CIDR"),
            ([{"TunnelInsideIpv6Cidr": "2001:db8::/126"}], "fd00::/8"),
            ([{"PreSharedKey": "0starts_with_zero"}], "pre-shared key"),
            ([{"PreSharedKey": "short"}], "pre-shared key"),
            ([{"DPDTimeoutSeconds": 10}], "DPDTimeoutSeconds"),
            ([{"Phase2LifetimeSeconds": 5000}], "Phase2LifetimeSeconds"),
            ([{"IKEVersions": [{"Value": "ikev3"}]}], "IKEVersions"),
            ([{"Phase1DHGroupNumbers": [{"Value": 5}]}], "Phase1DHGroupNumbers"),
            ([{"StartupAction": "wait"}], "StartupAction"),
            ([{"DPDTimeoutSeconds": 30}] * 3, "at most 2"),
        ]
        for tunnels, message in bad:
            with self.subTest(tunnels=tunnels):
                self.assertError("InvalidParameterValue", self.ec2.create_vpn_connection, message,
                                 Type="ipsec.1", CustomerGatewayId=self.cgw, TransitGatewayId=self.tgw,
                                 Options={"TunnelOptions": tunnels})
        self.assertEqual(len(self.ec2.describe_vpn_connections()["VpnConnections"]), before,
                         "a refused request creates nothing")

    def test_inside_cidr_unique_per_virtual_private_gateway(self):
        vgw = self.ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
        kwargs = dict(Type="ipsec.1", CustomerGatewayId=self.cgw, VpnGatewayId=vgw,
                      Options={"TunnelOptions": [{"TunnelInsideCidr": "169.254.30.0/30"}]})
        self.ec2.create_vpn_connection(**kwargs)
        self.assertError("InvalidParameterValue", self.ec2.create_vpn_connection, "already in use", **kwargs)

    def test_modify_tunnel_options(self):
        vpn = self.create(TunnelOptions=[{"LogOptions": log_options()}, {"LogOptions": log_options()}])
        vid = vpn["VpnConnectionId"]
        t1, t2 = vpn["Options"]["TunnelOptions"]
        got = self.ec2.modify_vpn_tunnel_options(
            VpnConnectionId=vid, VpnTunnelOutsideIpAddress=t2["OutsideIpAddress"],
            TunnelOptions={"LogOptions": log_options(fmt="text"), "PreSharedKey": "new.key_2"})["VpnConnection"]
        self.assertEqual(got["VpnConnectionId"], vid)
        n1, n2 = self.describe(vid)["Options"]["TunnelOptions"]
        self.assertEqual(n1, t1, "only the named tunnel changes")
        self.assertEqual(n2["LogOptions"], log_options(fmt="text"))
        self.assertEqual((n2["OutsideIpAddress"], n2["PreSharedKey"]), (t2["OutsideIpAddress"], "new.key_2"))
        self.assertIn("<pre_shared_key>new.key_2</pre_shared_key>", self.describe(vid)["CustomerGatewayConfiguration"])
        # Turning logging off.
        self.ec2.modify_vpn_tunnel_options(VpnConnectionId=vid, VpnTunnelOutsideIpAddress=t1["OutsideIpAddress"],
                                           TunnelOptions={"LogOptions": log_options(enabled=False, arn=None, fmt=None)})
        self.assertEqual(self.describe(vid)["Options"]["TunnelOptions"][0]["LogOptions"],
                         {"CloudWatchLogOptions": {"LogEnabled": False}})

    def test_modify_refuses_what_aws_refuses(self):
        vpn = self.create()
        vid, ip = vpn["VpnConnectionId"], vpn["Options"]["TunnelOptions"][0]["OutsideIpAddress"]
        other = vpn["Options"]["TunnelOptions"][1]["TunnelInsideCidr"]
        self.assertError("InvalidVpnConnectionID.NotFound", self.ec2.modify_vpn_tunnel_options,
                         VpnConnectionId="vpn-0123456789abcdef0", VpnTunnelOutsideIpAddress=ip,
                         TunnelOptions={"LogOptions": log_options()})
        self.assertError("InvalidParameterValue", self.ec2.modify_vpn_tunnel_options, "203.0.113.250",
                         VpnConnectionId=vid, VpnTunnelOutsideIpAddress="203.0.113.250",
                         TunnelOptions={"LogOptions": log_options()})
        for spec, message in [({"LogOptions": log_options(fmt="yaml")}, "LogOutputFormat"),
                              ({"LogOptions": log_options(arn=None)}, "LogGroupArn is required"),
                              ({"TunnelInsideCidr": other}, "same inside CIDR"),
                              ({"ReplayWindowSize": 10}, "ReplayWindowSize")]:
            with self.subTest(spec=spec):
                self.assertError("InvalidParameterValue", self.ec2.modify_vpn_tunnel_options, message,
                                 VpnConnectionId=vid, VpnTunnelOutsideIpAddress=ip, TunnelOptions=spec)
        self.assertEqual(self.describe(vid)["Options"]["TunnelOptions"], vpn["Options"]["TunnelOptions"],
                         "a refused modify changes nothing")
        self.ec2.delete_vpn_connection(VpnConnectionId=vid)
        self.assertError("IncorrectState", self.ec2.modify_vpn_tunnel_options,
                         VpnConnectionId=vid, VpnTunnelOutsideIpAddress=ip, TunnelOptions={"LogOptions": log_options()})


if __name__ == "__main__":
    unittest.main()
