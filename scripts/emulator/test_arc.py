"""Shows the Route 53 Application Recovery Controller of arc.py (routing
control: configuration API, cluster data plane, RECOVERY_CONTROL health
checks) through the AWS API.

    python3 scripts/emulator/test_arc.py

Starts its own emulator (launch.py, so with the patches) on a free loopback
port, runs the checks with boto3 and stops it; every test starts from
/moto-api/reset. Takes a few seconds plus the emulator start."""
import os
import re
import socket
import sys
import threading
import unittest

import boto3
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import emulatortest  # noqa: E402
import arc  # noqa: E402  (in-process checks of its evaluation and state functions)

EMULATOR = emulatortest.Emulator("test_arc")
URL = EMULATOR.url
PORT = EMULATOR.port
ACCOUNT = "123456789012"
PREFIX = re.escape(f"arn:aws:route53-recovery-control::{ACCOUNT}:")
CLUSTER_ARN = re.compile(PREFIX + r"cluster/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PANEL_ARN = re.compile(PREFIX + r"controlpanel/[0-9a-f]{32}$")
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2"]


def setUpModule():
    EMULATOR.start()


def tearDownModule():
    EMULATOR.stop()


def reset():
    EMULATOR.reset()


def client(service, region="us-west-2", endpoint=None):
    return boto3.client(service, region_name=region, endpoint_url=endpoint or URL,
                        aws_access_key_id="test", aws_secret_access_key="test")


class Forwarder:
    """A TCP proxy on its own loopback port in front of the emulator (as the
    test harness's fault-injecting proxy is)."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self):
        self.sock.close()


class Base(unittest.TestCase):
    def setUp(self):
        reset()
        self.cc = client("route53-recovery-control-config")

    def assertError(self, code, status, call, *args, **kwargs):
        with self.assertRaises(ClientError) as err:
            call(*args, **kwargs)
        self.assertEqual(err.exception.response["Error"]["Code"], code, err.exception.response)
        self.assertEqual(err.exception.response["ResponseMetadata"]["HTTPStatusCode"], status)
        return err.exception.response

    def cluster(self, name="app", **kwargs):
        cluster = self.cc.create_cluster(ClusterName=name, **kwargs)["Cluster"]
        self.cc.describe_cluster(ClusterArn=cluster["ClusterArn"])  # deployed from the first poll
        return cluster

    def panel(self, cluster_arn, name="panel", **kwargs):
        arn = self.cc.create_control_panel(ClusterArn=cluster_arn, ControlPanelName=name,
                                           **kwargs)["ControlPanel"]["ControlPanelArn"]
        self.cc.describe_control_panel(ControlPanelArn=arn)
        return arn

    def control(self, cluster_arn, panel_arn, name):
        arn = self.cc.create_routing_control(ClusterArn=cluster_arn, ControlPanelArn=panel_arn,
                                             RoutingControlName=name)["RoutingControl"]["RoutingControlArn"]
        self.cc.describe_routing_control(RoutingControlArn=arn)
        return arn

    def assertion_rule(self, panel_arn, controls, name="at-least-one-on", kind="ATLEAST", threshold=1,
                       inverted=False):
        rule = self.cc.create_safety_rule(AssertionRule={
            "AssertedControls": controls, "ControlPanelArn": panel_arn, "Name": name, "WaitPeriodMs": 5000,
            "RuleConfig": {"Inverted": inverted, "Threshold": threshold, "Type": kind}})["AssertionRule"]
        return rule["SafetyRuleArn"]


class Clusters(Base):
    def test_cluster_lifecycle_and_default_control_panel(self):
        cc = self.cc
        created = cc.create_cluster(ClusterName="app", ClientToken="token-1")["Cluster"]
        arn = created["ClusterArn"]
        self.assertRegex(arn, CLUSTER_ARN)
        self.assertEqual((created["Name"], created["Status"], created["Owner"], created["NetworkType"]),
                         ("app", "PENDING", ACCOUNT, "IPV4"))
        self.assertEqual([e["Region"] for e in created["ClusterEndpoints"]], REGIONS)
        self.assertEqual({e["Endpoint"] for e in created["ClusterEndpoints"]}, {URL + "/v1"})
        # The same client token is the same cluster.
        self.assertEqual(cc.create_cluster(ClusterName="app", ClientToken="token-1")["Cluster"]["ClusterArn"], arn)

        got = cc.describe_cluster(ClusterArn=arn)["Cluster"]
        self.assertEqual(got["Status"], "DEPLOYED")
        self.assertEqual(got["ClusterEndpoints"], created["ClusterEndpoints"])
        self.assertEqual([c["ClusterArn"] for c in cc.list_clusters()["Clusters"]], [arn])

        (default,) = cc.list_control_panels(ClusterArn=arn)["ControlPanels"]
        self.assertRegex(default["ControlPanelArn"], PANEL_ARN)
        self.assertEqual((default["Name"], default["DefaultControlPanel"], default["RoutingControlCount"],
                          default["Status"], default["ClusterArn"]),
                         ("DefaultControlPanel", True, 0, "DEPLOYED", arn))
        # A routing control without a control panel goes to the default one.
        control = cc.create_routing_control(ClusterArn=arn, RoutingControlName="rc")["RoutingControl"]
        self.assertEqual(control["ControlPanelArn"], default["ControlPanelArn"])
        self.assertError("ValidationException", 400, cc.delete_control_panel,
                         ControlPanelArn=default["ControlPanelArn"])
        self.assertError("ConflictException", 409, cc.delete_cluster, ClusterArn=arn)
        cc.delete_routing_control(RoutingControlArn=control["RoutingControlArn"])

        updated = cc.update_cluster(ClusterArn=arn, NetworkType="DUALSTACK")["Cluster"]
        self.assertEqual(updated["NetworkType"], "DUALSTACK")

        cc.delete_cluster(ClusterArn=arn)
        for call in (cc.describe_cluster, cc.delete_cluster):
            self.assertError("ResourceNotFoundException", 404, call, ClusterArn=arn)
        self.assertError("ResourceNotFoundException", 404, cc.describe_control_panel,
                         ControlPanelArn=default["ControlPanelArn"])  # deleted with its cluster
        self.assertEqual(cc.list_clusters()["Clusters"], [])

    def test_cluster_quota_and_paging(self):
        first = self.cluster("one")["ClusterArn"]
        second = self.cluster("two")["ClusterArn"]
        self.assertError("ServiceQuotaExceededException", 402, self.cc.create_cluster, ClusterName="three")
        page = self.cc.list_clusters(MaxResults=1)
        self.assertEqual([c["ClusterArn"] for c in page["Clusters"]], [first])
        page = self.cc.list_clusters(MaxResults=1, NextToken=page["NextToken"])
        self.assertEqual([c["ClusterArn"] for c in page["Clusters"]], [second])
        self.assertNotIn("NextToken", page)
        self.assertError("ValidationException", 400, self.cc.list_clusters, NextToken="nope")

    def test_endpoints_point_at_the_host_that_served_the_call(self):
        proxy = Forwarder(PORT)
        try:
            via = f"http://127.0.0.1:{proxy.port}"
            through_proxy = client("route53-recovery-control-config", endpoint=via)
            cluster = through_proxy.create_cluster(ClusterName="proxied")["Cluster"]
            self.assertEqual({e["Endpoint"] for e in cluster["ClusterEndpoints"]}, {via + "/v1"})
            # Read back directly, the endpoints still name the proxy.
            got = self.cc.describe_cluster(ClusterArn=cluster["ClusterArn"])["Cluster"]
            self.assertEqual({e["Endpoint"] for e in got["ClusterEndpoints"]}, {via + "/v1"})
            # The data plane answers there, whatever region the endpoint is for.
            control = self.cc.create_routing_control(ClusterArn=cluster["ClusterArn"],
                                                     RoutingControlName="rc")["RoutingControl"]
            self.cc.describe_routing_control(RoutingControlArn=control["RoutingControlArn"])
            for endpoint in got["ClusterEndpoints"]:
                dp = client("route53-recovery-cluster", endpoint["Region"], endpoint["Endpoint"])
                self.assertEqual(dp.get_routing_control_state(
                    RoutingControlArn=control["RoutingControlArn"])["RoutingControlState"], "Off")
        finally:
            proxy.close()
        other = client("route53-recovery-control-config", endpoint=f"http://localhost:{PORT}")
        cluster = other.create_cluster(ClusterName="by-name")["Cluster"]
        self.assertEqual({e["Endpoint"] for e in cluster["ClusterEndpoints"]}, {f"http://localhost:{PORT}/v1"})

    def test_errors(self):
        cc = self.cc
        missing = f"arn:aws:route53-recovery-control::{ACCOUNT}:cluster/00000000-0000-0000-0000-000000000000"
        self.assertError("ResourceNotFoundException", 404, cc.describe_cluster, ClusterArn=missing)
        self.assertError("ValidationException", 400, cc.describe_cluster, ClusterArn="not-an-arn")
        self.assertError("ValidationException", 400, cc.create_cluster, ClusterName="has space")
        self.assertError("ValidationException", 400, cc.create_cluster, ClusterName="x", NetworkType="IPV6")
        self.assertError("ResourceNotFoundException", 404, cc.create_control_panel, ClusterArn=missing,
                         ControlPanelName="p")
        self.assertError("ResourceNotFoundException", 404, cc.create_routing_control, ClusterArn=missing,
                         RoutingControlName="rc")
        self.assertError("ResourceNotFoundException", 404, cc.list_control_panels, ClusterArn=missing)
        panel = f"arn:aws:route53-recovery-control::{ACCOUNT}:controlpanel/{'0' * 32}"
        for call in (cc.describe_control_panel, cc.delete_control_panel, cc.list_routing_controls,
                     cc.list_safety_rules):
            self.assertError("ResourceNotFoundException", 404, call, ControlPanelArn=panel)
        control = f"{panel}/routingcontrol/{'0' * 16}"
        for call in (cc.describe_routing_control, cc.delete_routing_control,
                     cc.list_associated_route53_health_checks):
            self.assertError("ResourceNotFoundException", 404, call, RoutingControlArn=control)
        rule = f"{panel}/safetyrule/{'0' * 16}"
        for call in (cc.describe_safety_rule, cc.delete_safety_rule):
            self.assertError("ResourceNotFoundException", 404, call, SafetyRuleArn=rule)
        self.assertError("UnknownOperationException", 404, cc.get_resource_policy, ResourceArn=missing)


class ControlPanelsAndRoutingControls(Base):
    def test_lifecycle_and_conflicts(self):
        cc = self.cc
        cluster = self.cluster()["ClusterArn"]
        created = cc.create_control_panel(ClusterArn=cluster, ControlPanelName="panel")["ControlPanel"]
        panel = created["ControlPanelArn"]
        self.assertRegex(panel, PANEL_ARN)
        self.assertEqual((created["Status"], created["DefaultControlPanel"], created["RoutingControlCount"]),
                         ("PENDING", False, 0))
        self.assertEqual(cc.describe_control_panel(ControlPanelArn=panel)["ControlPanel"]["Status"], "DEPLOYED")
        self.assertError("ConflictException", 409, cc.create_control_panel, ClusterArn=cluster,
                         ControlPanelName="panel")
        cc.update_control_panel(ControlPanelArn=panel, ControlPanelName="renamed")
        self.assertEqual(cc.describe_control_panel(ControlPanelArn=panel)["ControlPanel"]["Name"], "renamed")
        self.assertEqual(sorted(p["Name"] for p in cc.list_control_panels()["ControlPanels"]),
                         ["DefaultControlPanel", "renamed"])

        created = cc.create_routing_control(ClusterArn=cluster, ControlPanelArn=panel,
                                            RoutingControlName="east")["RoutingControl"]
        east = created["RoutingControlArn"]
        self.assertRegex(east, re.escape(panel) + r"/routingcontrol/[0-9a-f]{16}$")
        self.assertEqual((created["Status"], created["Name"], created["Owner"]), ("PENDING", "east", ACCOUNT))
        got = cc.describe_routing_control(RoutingControlArn=east)["RoutingControl"]
        self.assertEqual((got["Status"], got["ControlPanelArn"]), ("DEPLOYED", panel))
        west = self.control(cluster, panel, "west")
        self.assertError("ConflictException", 409, cc.create_routing_control, ClusterArn=cluster,
                         ControlPanelArn=panel, RoutingControlName="east")
        self.assertError("ConflictException", 409, cc.update_routing_control, RoutingControlArn=west,
                         RoutingControlName="east")
        cc.update_routing_control(RoutingControlArn=west, RoutingControlName="west-2")
        self.assertEqual(cc.describe_routing_control(RoutingControlArn=west)["RoutingControl"]["Name"], "west-2")
        self.assertEqual([c["Name"] for c in cc.list_routing_controls(ControlPanelArn=panel)["RoutingControls"]],
                         ["east", "west-2"])
        self.assertEqual(cc.describe_control_panel(ControlPanelArn=panel)["ControlPanel"]["RoutingControlCount"], 2)

        # A control panel on another cluster is refused.
        other = self.cluster("other")["ClusterArn"]
        self.assertError("ValidationException", 400, cc.create_routing_control, ClusterArn=other,
                         ControlPanelArn=panel, RoutingControlName="x")

        # Children first: a cluster with a panel, a panel with controls.
        self.assertError("ConflictException", 409, cc.delete_cluster, ClusterArn=cluster)
        self.assertError("ConflictException", 409, cc.delete_control_panel, ControlPanelArn=panel)
        for arn in (east, west):
            cc.delete_routing_control(RoutingControlArn=arn)
            self.assertError("ResourceNotFoundException", 404, cc.describe_routing_control, RoutingControlArn=arn)
        cc.delete_control_panel(ControlPanelArn=panel)
        self.assertError("ResourceNotFoundException", 404, cc.describe_control_panel, ControlPanelArn=panel)
        cc.delete_cluster(ClusterArn=cluster)


class SafetyRules(Base):
    def test_assertion_and_gating_rules(self):
        cc = self.cc
        cluster = self.cluster()["ClusterArn"]
        panel = self.panel(cluster)
        a, b, gate = (self.control(cluster, panel, n) for n in ("a", "b", "gate"))
        created = cc.create_safety_rule(AssertionRule={
            "AssertedControls": [a, b], "ControlPanelArn": panel, "Name": "at-least-one-on",
            "RuleConfig": {"Inverted": False, "Threshold": 1, "Type": "ATLEAST"}, "WaitPeriodMs": 5000},
            Tags={"team": "net"})
        self.assertNotIn("GatingRule", created)
        assertion = created["AssertionRule"]
        arn = assertion["SafetyRuleArn"]
        self.assertRegex(arn, re.escape(panel) + r"/safetyrule/[0-9a-f]{16}$")
        self.assertEqual((assertion["Status"], assertion["AssertedControls"], assertion["WaitPeriodMs"],
                          assertion["RuleConfig"], assertion["Owner"]),
                         ("PENDING", [a, b], 5000, {"Inverted": False, "Threshold": 1, "Type": "ATLEAST"}, ACCOUNT))
        got = cc.describe_safety_rule(SafetyRuleArn=arn)
        self.assertEqual(got["AssertionRule"]["Status"], "DEPLOYED")
        cc.update_safety_rule(AssertionRuleUpdate={"SafetyRuleArn": arn, "Name": "renamed", "WaitPeriodMs": 1000})
        got = cc.describe_safety_rule(SafetyRuleArn=arn)["AssertionRule"]
        self.assertEqual((got["Name"], got["WaitPeriodMs"]), ("renamed", 1000))
        self.assertError("ValidationException", 400, cc.update_safety_rule,
                         GatingRuleUpdate={"SafetyRuleArn": arn, "Name": "x", "WaitPeriodMs": 1})

        gating = cc.create_safety_rule(GatingRule={
            "GatingControls": [gate], "TargetControls": [a, b], "ControlPanelArn": panel, "Name": "gate",
            "RuleConfig": {"Inverted": False, "Threshold": 1, "Type": "OR"}, "WaitPeriodMs": 5000})["GatingRule"]
        self.assertEqual((gating["GatingControls"], gating["TargetControls"]), ([gate], [a, b]))
        rules = cc.list_safety_rules(ControlPanelArn=panel)["SafetyRules"]
        self.assertEqual([list(r) for r in rules], [["ASSERTION"], ["GATING"]])
        self.assertEqual(rules[1]["GATING"]["SafetyRuleArn"], gating["SafetyRuleArn"])

        rule = {"ControlPanelArn": panel, "Name": "bad", "WaitPeriodMs": 5000, "AssertedControls": [a, b],
                "RuleConfig": {"Inverted": False, "Threshold": 1, "Type": "ATLEAST"}}
        gating_spec = {k: v for k, v in rule.items() if k != "AssertedControls"}
        gating_spec.update(GatingControls=[a], TargetControls=[b])
        invalid = (
            dict(AssertionRule=rule, GatingRule=gating_spec),  # both
            dict(),  # neither
            dict(AssertionRule=dict(rule, RuleConfig={"Inverted": False, "Threshold": 3, "Type": "ATLEAST"})),
            dict(AssertionRule=dict(rule, Name="renamed")),  # duplicate name
            dict(AssertionRule=dict(rule, AssertedControls=[a, a])),
        )
        for kwargs in invalid:
            self.assertError("ValidationException", 400, cc.create_safety_rule, **kwargs)
        other_panel = self.panel(cluster, "other")
        foreign = self.control(cluster, other_panel, "foreign")
        self.assertError("ValidationException", 400, cc.create_safety_rule,
                         AssertionRule=dict(rule, AssertedControls=[a, foreign]))

        # A control that a rule names cannot go; a panel with rules neither.
        self.assertError("ConflictException", 409, cc.delete_routing_control, RoutingControlArn=gate)
        cc.delete_safety_rule(SafetyRuleArn=gating["SafetyRuleArn"])
        cc.delete_routing_control(RoutingControlArn=gate)
        for control in (a, b):
            self.assertError("ConflictException", 409, cc.delete_routing_control, RoutingControlArn=control)
        cc.delete_safety_rule(SafetyRuleArn=arn)
        self.assertError("ResourceNotFoundException", 404, cc.describe_safety_rule, SafetyRuleArn=arn)
        self.assertEqual(cc.list_safety_rules(ControlPanelArn=panel)["SafetyRules"], [])
        cc.delete_routing_control(RoutingControlArn=a)

    def test_rule_evaluation(self):
        def holds(kind, threshold, inverted, states):
            return arc._holds({"Type": kind, "Threshold": threshold, "Inverted": inverted}, states)

        self.assertTrue(holds("ATLEAST", 1, False, ["On", "Off"]))
        self.assertFalse(holds("ATLEAST", 2, False, ["On", "Off"]))
        self.assertTrue(holds("AND", 1, False, ["On", "On"]))
        self.assertFalse(holds("AND", 1, False, ["On", "Off"]))
        self.assertTrue(holds("OR", 1, False, ["Off", "On"]))
        self.assertFalse(holds("OR", 1, False, ["Off", "Off"]))
        self.assertTrue(holds("OR", 1, True, ["Off", "Off"]))
        self.assertFalse(holds("ATLEAST", 1, True, ["On", "Off"]))


class Tags(Base):
    def test_tags(self):
        cc = self.cc
        cluster = cc.create_cluster(ClusterName="tagged", Tags={"env": "test"})["Cluster"]["ClusterArn"]
        self.assertEqual(cc.list_tags_for_resource(ResourceArn=cluster)["Tags"], {"env": "test"})
        cc.tag_resource(ResourceArn=cluster, Tags={"team": "net", "env": "prod"})
        cc.untag_resource(ResourceArn=cluster, TagKeys=["team"])
        self.assertEqual(cc.list_tags_for_resource(ResourceArn=cluster)["Tags"], {"env": "prod"})
        panel = self.panel(cluster, Tags={"p": "1"})
        self.assertEqual(cc.list_tags_for_resource(ResourceArn=panel)["Tags"], {"p": "1"})
        control = self.control(cluster, panel, "rc")
        rule = cc.create_safety_rule(AssertionRule={
            "AssertedControls": [control], "ControlPanelArn": panel, "Name": "r", "WaitPeriodMs": 0,
            "RuleConfig": {"Inverted": False, "Threshold": 1, "Type": "ATLEAST"}},
            Tags={"r": "2"})["AssertionRule"]["SafetyRuleArn"]
        self.assertEqual(cc.list_tags_for_resource(ResourceArn=rule)["Tags"], {"r": "2"})
        self.assertError("ValidationException", 400, cc.tag_resource, ResourceArn=control, Tags={"a": "b"})
        self.assertError("ValidationException", 400, cc.tag_resource, ResourceArn=cluster, Tags={"aws:x": "y"})
        cc.delete_safety_rule(SafetyRuleArn=rule)
        self.assertError("ResourceNotFoundException", 404, cc.list_tags_for_resource, ResourceArn=rule)


class DataPlane(Base):
    """Routing control states through a cluster endpoint (a control panel
    with two controls and an ATLEAST-1 assertion rule over both)."""

    def setUp(self):
        super().setUp()
        cluster = self.cluster()
        self.cluster_arn = cluster["ClusterArn"]
        self.panel_arn = self.panel(self.cluster_arn)
        self.east = self.control(self.cluster_arn, self.panel_arn, "east")
        self.west = self.control(self.cluster_arn, self.panel_arn, "west")
        self.rule = self.assertion_rule(self.panel_arn, [self.east, self.west])
        endpoint = cluster["ClusterEndpoints"][0]
        self.dp = client("route53-recovery-cluster", endpoint["Region"], endpoint["Endpoint"])

    def states(self):
        return {rc["RoutingControlArn"]: rc["RoutingControlState"]
                for rc in self.dp.list_routing_controls(ControlPanelArn=self.panel_arn)["RoutingControls"]}

    def set(self, **kwargs):
        entries = [{"RoutingControlArn": getattr(self, name), "RoutingControlState": state}
                   for name, state in kwargs.items() if name in ("east", "west")]
        extra = {"SafetyRulesToOverride": kwargs["override"]} if "override" in kwargs else {}
        return self.dp.update_routing_control_states(UpdateRoutingControlStateEntries=entries, **extra)

    def test_controls_start_off(self):
        got = self.dp.get_routing_control_state(RoutingControlArn=self.east)
        self.assertEqual((got["RoutingControlArn"], got["RoutingControlState"], got["RoutingControlName"]),
                         (self.east, "Off", "east"))
        (listed,) = [rc for rc in self.dp.list_routing_controls()["RoutingControls"]
                     if rc["RoutingControlArn"] == self.west]
        self.assertEqual((listed["RoutingControlState"], listed["ControlPanelArn"], listed["ControlPanelName"],
                          listed["RoutingControlName"], listed["Owner"]),
                         ("Off", self.panel_arn, "panel", "west", ACCOUNT))

    def test_on_on_then_both_off_is_refused_unless_overridden(self):
        self.set(east="On", west="On")
        self.assertEqual(self.states(), {self.east: "On", self.west: "On"})
        response = self.assertError("ConflictException", 400, self.set, east="Off", west="Off")
        self.assertIn(self.rule, response["Error"]["Message"])
        self.assertEqual((response["resourceId"], response["resourceType"]), (self.rule, "SafetyRule"))
        self.assertEqual(self.states(), {self.east: "On", self.west: "On"})  # all or nothing
        # One at a time: the first is fine, the last one on is not.
        self.dp.update_routing_control_state(RoutingControlArn=self.east, RoutingControlState="Off")
        self.assertError("ConflictException", 400, self.dp.update_routing_control_state,
                         RoutingControlArn=self.west, RoutingControlState="Off")
        # Fail over in one transaction.
        self.set(east="On", west="Off")
        self.assertEqual(self.states(), {self.east: "On", self.west: "Off"})
        # Break glass.
        self.dp.update_routing_control_state(RoutingControlArn=self.east, RoutingControlState="Off",
                                             SafetyRulesToOverride=[self.rule])
        self.assertEqual(self.states(), {self.east: "Off", self.west: "Off"})
        self.set(east="On", west="On", override=[self.rule])
        self.assertEqual(self.states(), {self.east: "On", self.west: "On"})

    def test_gating_rule(self):
        gate = self.control(self.cluster_arn, self.panel_arn, "gate")
        self.cc.create_safety_rule(GatingRule={
            "GatingControls": [gate], "TargetControls": [self.east], "ControlPanelArn": self.panel_arn,
            "Name": "gate", "RuleConfig": {"Inverted": False, "Threshold": 1, "Type": "OR"}, "WaitPeriodMs": 0})
        self.assertError("ConflictException", 400, self.set, east="On")  # gate off
        self.set(west="On")  # not a target
        self.dp.update_routing_control_state(RoutingControlArn=gate, RoutingControlState="On")
        self.set(east="On")
        self.assertEqual(self.dp.get_routing_control_state(RoutingControlArn=self.east)["RoutingControlState"],
                         "On")

    def test_not_deployed_is_refused(self):
        fresh = self.cc.create_routing_control(ClusterArn=self.cluster_arn, ControlPanelArn=self.panel_arn,
                                               RoutingControlName="fresh")["RoutingControl"]["RoutingControlArn"]
        response = self.assertError("ConflictException", 400, self.dp.update_routing_control_state,
                                    RoutingControlArn=fresh, RoutingControlState="On")
        self.assertEqual((response["resourceId"], response["resourceType"]), (fresh, "RoutingControl"))
        self.assertEqual(self.cc.describe_routing_control(RoutingControlArn=fresh)["RoutingControl"]["Status"],
                         "DEPLOYED")
        self.dp.update_routing_control_state(RoutingControlArn=fresh, RoutingControlState="On")
        other = self.cc.create_cluster(ClusterName="pending")["Cluster"]["ClusterArn"]
        control = self.cc.create_routing_control(ClusterArn=other, RoutingControlName="rc")["RoutingControl"]
        self.cc.describe_routing_control(RoutingControlArn=control["RoutingControlArn"])
        response = self.assertError("ConflictException", 400, self.dp.update_routing_control_state,
                                    RoutingControlArn=control["RoutingControlArn"], RoutingControlState="On")
        self.assertEqual(response["resourceType"], "Cluster")

    def test_errors(self):
        missing = self.east[:-16] + "0" * 16
        response = self.assertError("ResourceNotFoundException", 400, self.dp.get_routing_control_state,
                                    RoutingControlArn=missing)
        self.assertEqual((response["resourceId"], response["resourceType"]), (missing, "RoutingControl"))
        self.assertError("ResourceNotFoundException", 400, self.dp.update_routing_control_state,
                         RoutingControlArn=missing, RoutingControlState="On")
        self.assertError("ResourceNotFoundException", 400, self.dp.list_routing_controls,
                         ControlPanelArn=self.panel_arn[:-32] + "0" * 32)
        self.assertError("ValidationException", 400, self.dp.update_routing_control_state,
                         RoutingControlArn=self.east, RoutingControlState="ON")
        self.assertError("ValidationException", 400, self.dp.update_routing_control_states,
                         UpdateRoutingControlStateEntries=[
                             {"RoutingControlArn": self.east, "RoutingControlState": "On"},
                             {"RoutingControlArn": self.east, "RoutingControlState": "Off"}])
        self.assertError("ServiceLimitExceededException", 400, self.dp.update_routing_control_states,
                         UpdateRoutingControlStateEntries=[
                             {"RoutingControlArn": self.east, "RoutingControlState": "On"}] * 11)
        page = self.dp.list_routing_controls(MaxResults=1)
        self.assertEqual(len(page["RoutingControls"]), 1)
        rest = self.dp.list_routing_controls(MaxResults=1, NextToken=page["NextToken"])
        self.assertEqual(len(rest["RoutingControls"]), 1)
        self.assertNotIn("NextToken", rest)

    def test_reset_clears_everything(self):
        self.set(east="On")
        reset()
        self.assertEqual(self.cc.list_clusters()["Clusters"], [])
        self.assertError("ResourceNotFoundException", 404, self.cc.describe_cluster, ClusterArn=self.cluster_arn)
        self.assertError("ResourceNotFoundException", 400, self.dp.get_routing_control_state,
                         RoutingControlArn=self.east)


class HealthChecks(Base):
    def test_recovery_control_health_checks(self):
        cluster = self.cluster()["ClusterArn"]
        panel = self.panel(cluster)
        control = self.control(cluster, panel, "east")
        r53 = client("route53", "us-east-1")
        created = r53.create_health_check(CallerReference="east", HealthCheckConfig={
            "Type": "RECOVERY_CONTROL", "RoutingControlArn": control})["HealthCheck"]
        expected = {"Type": "RECOVERY_CONTROL", "RoutingControlArn": control, "Inverted": False, "Disabled": False}
        self.assertEqual(created["HealthCheckConfig"], expected)
        got = r53.get_health_check(HealthCheckId=created["Id"])["HealthCheck"]
        self.assertEqual((got["HealthCheckConfig"], got["CallerReference"], got["HealthCheckVersion"]),
                         (expected, "east", 1))
        tcp = r53.create_health_check(CallerReference="tcp", HealthCheckConfig={
            "Type": "TCP", "IPAddress": "192.0.2.1", "Port": 443})["HealthCheck"]
        listed = {h["Id"]: h["HealthCheckConfig"] for h in r53.list_health_checks()["HealthChecks"]}
        self.assertEqual(listed[created["Id"]], expected)
        self.assertEqual((listed[tcp["Id"]]["Type"], listed[tcp["Id"]]["Port"]), ("TCP", 443))
        self.assertEqual(self.cc.list_associated_route53_health_checks(RoutingControlArn=control)["HealthCheckIds"],
                         [created["Id"]])
        for config in ({"Type": "RECOVERY_CONTROL"},
                       {"Type": "RECOVERY_CONTROL", "RoutingControlArn": "arn:aws:s3:::bucket"},
                       {"Type": "TCP", "IPAddress": "192.0.2.1", "Port": 1, "RoutingControlArn": control}):
            self.assertError("InvalidInput", 400, r53.create_health_check, CallerReference="bad",
                             HealthCheckConfig=config)
        r53.delete_health_check(HealthCheckId=created["Id"])
        self.assertEqual(self.cc.list_associated_route53_health_checks(RoutingControlArn=control)["HealthCheckIds"],
                         [])


class RoutingControlState(unittest.TestCase):
    """routing_control_state(), which other emulator modules call in-process."""

    def tearDown(self):
        arc.reset()

    def test_state_of_a_routing_control(self):
        acct = arc._account("210987654321")
        req = {"scheme": "http", "host": "h", "path": {}, "query": {}}
        cluster = arc.create_cluster(acct, {"ClusterName": "c"}, req)["Cluster"]["ClusterArn"]
        control = arc.create_routing_control(acct, {"ClusterArn": cluster, "RoutingControlName": "rc"},
                                             req)["RoutingControl"]["RoutingControlArn"]
        self.assertEqual(arc.routing_control_state(control), "Off")
        for obj in (acct.clusters[cluster], acct.controls[control],
                    acct.panels[acct.controls[control]["ControlPanelArn"]]):
            arc._seen(obj)
        arc.update_routing_control_state(acct, {"RoutingControlArn": control, "RoutingControlState": "On"})
        self.assertEqual(arc.routing_control_state(control), "On")
        self.assertIsNone(arc.routing_control_state(control[:-16] + "0" * 16))
        arc.reset()
        self.assertIsNone(arc.routing_control_state(control))


if __name__ == "__main__":
    unittest.main()
