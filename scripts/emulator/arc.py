"""A minimal Route 53 Application Recovery Controller (routing control) for the
emulator: moto 5.2.1 has neither its configuration API nor its cluster data
plane.

Served in-process by moto_server: patches.route53_recovery_control_api() hands
every request that is_request() recognises to handle(environ), before moto's
own dispatcher sees it:
  * the recovery control configuration API (REST-JSON, SigV4 scope service
    "route53-recovery-control-config", which AWS serves from us-west-2):
    clusters, control panels, routing controls, safety rules (assertion and
    gating rules), ListAssociatedRoute53HealthChecks and tags;
  * the cluster data plane (JSON 1.0, X-Amz-Target "ToggleCustomerAPI.<op>",
    scope service "route53-recovery-cluster"): GetRoutingControlState,
    UpdateRoutingControlState(s) and ListRoutingControls.
State is in memory, per account (the signing access key's, as moto decides
it); reset() (called by /moto-api/reset) clears it. Shapes follow botocore's
models (route53-recovery-control-config 2020-11-02, route53-recovery-cluster
2019-12-02); errors are the documented ones, with the model's HTTP codes for
the configuration API (ValidationException 400, ServiceQuotaExceededException
402, ResourceNotFoundException 404, ConflictException 409) and 400 for the
data plane's (as its API reference gives them).

Behaviour, as AWS documents it:
  * CreateCluster also creates the cluster's default control panel
    ("DefaultControlPanel", DefaultControlPanel true), which is deleted with
    the cluster and cannot be deleted on its own. ClusterEndpoints lists five
    regional endpoints (us-east-1, us-west-2, eu-west-1, ap-northeast-1,
    ap-southeast-2); AWS's look like
    https://<8 hex>.route53-recovery-cluster.<region>.amazonaws.com/v1, here
    each is <scheme>://<Host header of the CreateCluster call>/v1, so they
    point back at whatever served the call (a proxy in front of the emulator
    included); botocore appends the operation's "/" to that path.
  * ARNs: cluster arn:aws:route53-recovery-control::<account>:cluster/<uuid>,
    control panel ...:controlpanel/<32 hex>, routing control
    ...:controlpanel/<panel id>/routingcontrol/<16 hex>, safety rule
    ...:controlpanel/<panel id>/safetyrule/<16 hex>.
  * Status: a create answers PENDING; the resource is DEPLOYED from the first
    Describe or List that returns it (the Terraform provider's first poll) or
    SETTLE_SECONDS after it was created. Deletes take effect at once (the
    next Describe is ResourceNotFoundException, which ends the provider's
    wait). Deleting a cluster that still has control panels (other than the
    default one) or routing controls, a control panel that still has routing
    controls or safety rules, or a routing control that a safety rule names,
    is a ConflictException.
  * Quotas (ServiceQuotaExceededException, or ValidationException where the
    operation documents no quota error): 2 clusters per account, 50 control
    panels per cluster, 100 routing controls per control panel, 300 per
    cluster, 20 safety rules per control panel, 10 entries per
    UpdateRoutingControlStates.
  * Routing controls are created Off. A state change whose routing control,
    control panel or cluster is not DEPLOYED is refused (ConflictException,
    "try again"). Every change is checked against the safety rules of the
    control panels it touches, unless SafetyRulesToOverride names the rule:
    an assertion rule that asserts a changed control must hold for the states
    the transaction leaves (ATLEAST: at least Threshold controls On; AND: all
    On; OR: at least one On; Inverted negates); a gating rule whose target
    controls include a changed one must hold for the gating controls' current
    states. A refusal is a ConflictException naming the rule's ARN (message,
    resourceId; resourceType "SafetyRule"): ConflictException is the error the
    model adds for the two update operations only ("There was a conflict with
    this request"), its resourceId/resourceType carry the rule, and AWS's
    developer guide says the error of a blocked update includes the ARN of
    the rule that blocked it. WaitPeriodMs is stored, not enforced.
  * routing_control_state(arn) gives a routing control's state to other
    emulator modules (Route 53 RECOVERY_CONTROL health checks).
  * Route 53: patch() makes CreateHealthCheck accept Type RECOVERY_CONTROL
    with a RoutingControlArn (required, InvalidInput otherwise; stored on
    moto's HealthCheck as `routing_control_arn`), and CreateHealthCheck,
    GetHealthCheck and ListHealthChecks return such a check as AWS does:
    Type, Inverted, Disabled and RoutingControlArn only (no port, interval or
    threshold, which Terraform would read as drift).
Not covered: resource policies (GetResourcePolicy) and cross-account sharing
(UnknownOperationException); API rate limits.
"""
import json
import re
import secrets
import threading
import time
import traceback
import uuid
from urllib.parse import parse_qs

CONTROL_SERVICE = "route53-recovery-control-config"
DATA_SERVICE = "route53-recovery-cluster"
DATA_TARGET_PREFIX = "ToggleCustomerAPI."
ENDPOINT_REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2")
DEFAULT_PANEL_NAME = "DefaultControlPanel"
SETTLE_SECONDS = 5

MAX_CLUSTERS = 2
MAX_PANELS_PER_CLUSTER = 50
MAX_CONTROLS_PER_PANEL = 100
MAX_CONTROLS_PER_CLUSTER = 300
MAX_RULES_PER_PANEL = 20
MAX_STATE_ENTRIES = 10
MAX_TAGS = 50

_LOCK = threading.RLock()
_STATE = {}  # account id -> _Account

_STATUS_LINES = {200: "200 OK", 400: "400 Bad Request", 402: "402 Payment Required", 403: "403 Forbidden",
                 404: "404 Not Found", 409: "409 Conflict", 429: "429 Too Many Requests",
                 500: "500 Internal Server Error"}
# The configuration API's codes, from the model (the data plane's are all 400).
_CONTROL_HTTP = {"ValidationException": 400, "ServiceQuotaExceededException": 402,
                 "AccessDeniedException": 403, "ResourceNotFoundException": 404,
                 "UnknownOperationException": 404, "ConflictException": 409,
                 "ThrottlingException": 429, "InternalServerException": 500}


class ARCError(Exception):
    def __init__(self, code, message, **fields):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields  # extra members of the data plane's error shapes


def _invalid(message):
    return ARCError("ValidationException", message)


def _not_found(message, resource_id=None, resource_type=None):
    return ARCError("ResourceNotFoundException", message, resourceId=resource_id, resourceType=resource_type)


def _conflict(message, resource_id=None, resource_type=None):
    return ARCError("ConflictException", message, resourceId=resource_id, resourceType=resource_type)


class _Account:
    def __init__(self, account_id):
        self.account_id = account_id
        self.clusters = {}  # arn -> dict
        self.panels = {}
        self.controls = {}
        self.rules = {}
        self.tokens = {}  # (operation, client token) -> arn


def reset():
    with _LOCK:
        _STATE.clear()


def _account(account_id):
    return _STATE.setdefault(account_id, _Account(account_id))


# ---------------------------------------------------------- shared helpers


_NAME = re.compile(r"^\S{1,64}$")
_ARN_CHARS = re.compile(r"^[A-Za-z0-9:/_-]{1,256}$")
_ARN_PREFIX = "arn:aws:route53-recovery-control::"
_ARN_ACCOUNT = r"^arn:aws:route53-recovery-control::\d{12}:"
_CLUSTER_ARN = re.compile(_ARN_ACCOUNT + r"cluster/[0-9a-f-]{36}$")
_PANEL_ARN = re.compile(_ARN_ACCOUNT + r"controlpanel/[0-9a-f]{32}$")
_CONTROL_ARN = re.compile(_ARN_ACCOUNT + r"controlpanel/[0-9a-f]{32}/routingcontrol/[0-9a-f]{16}$")
_RULE_ARN = re.compile(_ARN_ACCOUNT + r"controlpanel/[0-9a-f]{32}/safetyrule/[0-9a-f]{16}$")


def _check_name(name, what):
    if not isinstance(name, str) or not _NAME.match(name):
        raise _invalid(f"{what} must be 1 to 64 characters without white space.")


def _check_arn(arn, pattern, what):
    if not isinstance(arn, str) or not _ARN_CHARS.match(arn) or not pattern.match(arn):
        raise _invalid(f"{arn!r} is not a valid {what} ARN.")


def _settled(obj):
    """The resource's status: PENDING until it has been read back once or
    SETTLE_SECONDS have passed, DEPLOYED after."""
    if obj["Status"] == "PENDING" and (obj["_seen"] or time.time() - obj["_created"] >= SETTLE_SECONDS):
        obj["Status"] = "DEPLOYED"
    return obj["Status"]


def _seen(obj):
    obj["_seen"] = True
    return _settled(obj)


def _new(fields):
    fields.update(Status="PENDING", _created=time.time(), _seen=False)
    return fields


def _tags_in(tags):
    if tags is None:
        return {}
    if not isinstance(tags, dict):
        raise _invalid("Tags must be a map of keys to values.")
    for key, value in tags.items():
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or key.lower().startswith("aws:"):
            raise _invalid("Tag keys must be 1 to 128 characters and must not start with aws:.")
        if not isinstance(value, str) or len(value) > 256:
            raise _invalid("Tag values must be at most 256 characters.")
    if len(tags) > MAX_TAGS:
        raise _invalid(f"A resource can have at most {MAX_TAGS} tags.")
    return dict(tags)


def _page(items, query, key):
    token = (query.get("NextToken") or [None])[0]
    size = (query.get("MaxResults") or [None])[0]
    try:
        start = int(token) if token else 0
        if not 0 <= start <= len(items):
            raise ValueError
    except ValueError:
        raise _invalid("The NextToken is not valid.")
    try:
        size = int(size) if size else 50
    except ValueError:
        raise _invalid("MaxResults must be an integer.")
    if not 1 <= size <= 1000:
        raise _invalid("MaxResults must be between 1 and 1000.")
    out = {key: items[start:start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def _idempotent(acct, op, body, store):
    token = body.get("ClientToken")
    if token is not None and (not isinstance(token, str) or not _NAME.match(token)):
        raise _invalid("ClientToken must be 1 to 64 characters without white space.")
    key = (op, token) if token else None
    known = acct.tokens.get(key) if key else None
    return key, store.get(known) if known else None


# ------------------------------------------------------------------- lookups


def _lookup(table, arn, pattern, kind):
    """The object of kind at arn in table, after checking the ARN's form."""
    _check_arn(arn, pattern, kind)
    found = table.get(arn)
    if found is None:
        raise _not_found(f"{kind[0].upper()}{kind[1:]} {arn} was not found.")
    return found


def _cluster(acct, arn):
    return _lookup(acct.clusters, arn, _CLUSTER_ARN, "cluster")


def _panel(acct, arn):
    return _lookup(acct.panels, arn, _PANEL_ARN, "control panel")


def _control(acct, arn):
    return _lookup(acct.controls, arn, _CONTROL_ARN, "routing control")


def _rule(acct, arn):
    return _lookup(acct.rules, arn, _RULE_ARN, "safety rule")


# --------------------------------------------------------------------- views


def _cluster_view(c, settle=True):
    status = _seen(c) if settle else c["Status"]
    if settle:
        default = c.get("_default_panel")
        # The default control panel is deployed with its cluster.
        if default in c["_acct"].panels and status == "DEPLOYED":
            _seen(c["_acct"].panels[default])
    return {"ClusterArn": c["ClusterArn"], "ClusterEndpoints": [dict(e) for e in c["ClusterEndpoints"]],
            "Name": c["Name"], "Status": status, "Owner": c["Owner"], "NetworkType": c["NetworkType"]}


def _panel_view(acct, p, settle=True):
    count = sum(1 for rc in acct.controls.values() if rc["ControlPanelArn"] == p["ControlPanelArn"])
    return {"ClusterArn": p["ClusterArn"], "ControlPanelArn": p["ControlPanelArn"],
            "DefaultControlPanel": p["DefaultControlPanel"], "Name": p["Name"],
            "RoutingControlCount": count, "Status": _seen(p) if settle else p["Status"], "Owner": p["Owner"]}


def _control_view(rc, settle=True):
    return {"ControlPanelArn": rc["ControlPanelArn"], "Name": rc["Name"],
            "RoutingControlArn": rc["RoutingControlArn"], "Status": _seen(rc) if settle else rc["Status"],
            "Owner": rc["Owner"]}


_ASSERTION_KEYS = ("AssertedControls", "ControlPanelArn", "Name", "RuleConfig", "SafetyRuleArn", "WaitPeriodMs",
                   "Owner")
_GATING_KEYS = ("ControlPanelArn", "GatingControls", "Name", "RuleConfig", "SafetyRuleArn", "TargetControls",
                "WaitPeriodMs", "Owner")


def _rule_view(r, settle=True):
    keys = _ASSERTION_KEYS if r["Kind"] == "ASSERTION" else _GATING_KEYS
    view = {k: (list(r[k]) if isinstance(r[k], list) else dict(r[k]) if isinstance(r[k], dict) else r[k])
            for k in keys}
    view["Status"] = _seen(r) if settle else r["Status"]
    return {("AssertionRule" if r["Kind"] == "ASSERTION" else "GatingRule"): view}


# ------------------------------------------------------------------ clusters


def create_cluster(acct, body, req):
    key, known = _idempotent(acct, "CreateCluster", body, acct.clusters)
    if known:
        return {"Cluster": _cluster_view(known, settle=False)}
    _check_name(body.get("ClusterName"), "ClusterName")
    network = body.get("NetworkType", "IPV4")
    if network not in ("IPV4", "DUALSTACK"):
        raise _invalid("NetworkType must be IPV4 or DUALSTACK.")
    tags = _tags_in(body.get("Tags"))
    if len(acct.clusters) >= MAX_CLUSTERS:
        raise ARCError("ServiceQuotaExceededException",
                       f"The account already has {MAX_CLUSTERS} clusters, the quota per account.")
    arn = f"{_ARN_PREFIX}{acct.account_id}:cluster/{uuid.uuid4()}"
    endpoint = f"{req['scheme']}://{req['host']}/v1"
    cluster = _new({"ClusterArn": arn, "Name": body["ClusterName"], "Owner": acct.account_id,
                    "NetworkType": network, "Tags": tags, "_acct": acct,
                    "ClusterEndpoints": [{"Endpoint": endpoint, "Region": r} for r in ENDPOINT_REGIONS]})
    acct.clusters[arn] = cluster
    panel = _add_panel(acct, arn, DEFAULT_PANEL_NAME, default=True, tags={})
    cluster["_default_panel"] = panel["ControlPanelArn"]
    if key:
        acct.tokens[key] = arn
    return {"Cluster": _cluster_view(cluster, settle=False)}


def describe_cluster(acct, body, req):
    return {"Cluster": _cluster_view(_cluster(acct, req["path"]["ClusterArn"]))}


def list_clusters(acct, body, req):
    items = [_cluster_view(c) for c in acct.clusters.values()]
    return _page(items, req["query"], "Clusters")


def update_cluster(acct, body, req):
    cluster = _cluster(acct, body.get("ClusterArn"))
    if body.get("NetworkType") not in ("IPV4", "DUALSTACK"):
        raise _invalid("NetworkType must be IPV4 or DUALSTACK.")
    cluster["NetworkType"] = body["NetworkType"]
    return {"Cluster": _cluster_view(cluster)}


def delete_cluster(acct, body, req):
    cluster = _cluster(acct, req["path"]["ClusterArn"])
    arn = cluster["ClusterArn"]
    panels = [p for p in acct.panels.values() if p["ClusterArn"] == arn]
    if any(not p["DefaultControlPanel"] for p in panels) or any(
            rc["ClusterArn"] == arn for rc in acct.controls.values()) or any(
            r["ControlPanelArn"] in {p["ControlPanelArn"] for p in panels} for r in acct.rules.values()):
        raise _conflict(f"Cluster {arn} still has control panels or routing controls: delete them first.")
    for p in panels:
        del acct.panels[p["ControlPanelArn"]]
    del acct.clusters[arn]
    return {}


# ------------------------------------------------------------ control panels


def _add_panel(acct, cluster_arn, name, default, tags):
    arn = f"{_ARN_PREFIX}{acct.account_id}:controlpanel/{secrets.token_hex(16)}"
    panel = _new({"ControlPanelArn": arn, "ClusterArn": cluster_arn, "Name": name,
                  "DefaultControlPanel": default, "Owner": acct.account_id, "Tags": tags})
    acct.panels[arn] = panel
    return panel


def create_control_panel(acct, body, req):
    key, known = _idempotent(acct, "CreateControlPanel", body, acct.panels)
    if known:
        return {"ControlPanel": _panel_view(acct, known, settle=False)}
    _check_name(body.get("ControlPanelName"), "ControlPanelName")
    tags = _tags_in(body.get("Tags"))
    cluster = _cluster(acct, body.get("ClusterArn"))
    siblings = [p for p in acct.panels.values() if p["ClusterArn"] == cluster["ClusterArn"]]
    if any(p["Name"] == body["ControlPanelName"] for p in siblings):
        raise _conflict(f"The cluster already has a control panel named {body['ControlPanelName']}.")
    if len(siblings) >= MAX_PANELS_PER_CLUSTER:
        raise ARCError("ServiceQuotaExceededException",
                       f"The cluster already has {MAX_PANELS_PER_CLUSTER} control panels, the quota per cluster.")
    panel = _add_panel(acct, cluster["ClusterArn"], body["ControlPanelName"], default=False, tags=tags)
    if key:
        acct.tokens[key] = panel["ControlPanelArn"]
    return {"ControlPanel": _panel_view(acct, panel, settle=False)}


def describe_control_panel(acct, body, req):
    return {"ControlPanel": _panel_view(acct, _panel(acct, req["path"]["ControlPanelArn"]))}


def list_control_panels(acct, body, req):
    cluster_arn = (req["query"].get("ClusterArn") or [None])[0]
    if cluster_arn:
        _cluster(acct, cluster_arn)
    items = [_panel_view(acct, p) for p in acct.panels.values()
             if not cluster_arn or p["ClusterArn"] == cluster_arn]
    return _page(items, req["query"], "ControlPanels")


def update_control_panel(acct, body, req):
    panel = _panel(acct, body.get("ControlPanelArn"))
    _check_name(body.get("ControlPanelName"), "ControlPanelName")
    if any(p is not panel and p["ClusterArn"] == panel["ClusterArn"] and p["Name"] == body["ControlPanelName"]
           for p in acct.panels.values()):
        raise _conflict(f"The cluster already has a control panel named {body['ControlPanelName']}.")
    panel["Name"] = body["ControlPanelName"]
    return {"ControlPanel": _panel_view(acct, panel)}


def delete_control_panel(acct, body, req):
    panel = _panel(acct, req["path"]["ControlPanelArn"])
    arn = panel["ControlPanelArn"]
    if panel["DefaultControlPanel"]:
        raise _invalid(f"{arn} is its cluster's default control panel, which is deleted with the cluster.")
    if any(rc["ControlPanelArn"] == arn for rc in acct.controls.values()) or any(
            r["ControlPanelArn"] == arn for r in acct.rules.values()):
        raise _conflict(f"Control panel {arn} still has routing controls or safety rules: delete them first.")
    del acct.panels[arn]
    return {}


# ---------------------------------------------------------- routing controls


def create_routing_control(acct, body, req):
    key, known = _idempotent(acct, "CreateRoutingControl", body, acct.controls)
    if known:
        return {"RoutingControl": _control_view(known, settle=False)}
    _check_name(body.get("RoutingControlName"), "RoutingControlName")
    cluster = _cluster(acct, body.get("ClusterArn"))
    if body.get("ControlPanelArn") is not None:
        panel = _panel(acct, body["ControlPanelArn"])
        if panel["ClusterArn"] != cluster["ClusterArn"]:
            raise _invalid(f"Control panel {panel['ControlPanelArn']} is not on cluster {cluster['ClusterArn']}.")
    else:
        panel = acct.panels[cluster["_default_panel"]]
    in_panel = [rc for rc in acct.controls.values() if rc["ControlPanelArn"] == panel["ControlPanelArn"]]
    if any(rc["Name"] == body["RoutingControlName"] for rc in in_panel):
        raise _conflict(f"The control panel already has a routing control named {body['RoutingControlName']}.")
    if len(in_panel) >= MAX_CONTROLS_PER_PANEL or sum(
            rc["ClusterArn"] == cluster["ClusterArn"] for rc in acct.controls.values()) >= MAX_CONTROLS_PER_CLUSTER:
        raise ARCError("ServiceQuotaExceededException",
                       f"At most {MAX_CONTROLS_PER_PANEL} routing controls per control panel and "
                       f"{MAX_CONTROLS_PER_CLUSTER} per cluster.")
    arn = f"{panel['ControlPanelArn']}/routingcontrol/{secrets.token_hex(8)}"
    control = _new({"RoutingControlArn": arn, "ControlPanelArn": panel["ControlPanelArn"],
                    "ClusterArn": cluster["ClusterArn"], "Name": body["RoutingControlName"],
                    "Owner": acct.account_id, "State": "Off"})
    acct.controls[arn] = control
    if key:
        acct.tokens[key] = arn
    return {"RoutingControl": _control_view(control, settle=False)}


def describe_routing_control(acct, body, req):
    return {"RoutingControl": _control_view(_control(acct, req["path"]["RoutingControlArn"]))}


def list_routing_controls(acct, body, req):
    panel = _panel(acct, req["path"]["ControlPanelArn"])
    items = [_control_view(rc) for rc in acct.controls.values() if rc["ControlPanelArn"] == panel["ControlPanelArn"]]
    return _page(items, req["query"], "RoutingControls")


def update_routing_control(acct, body, req):
    control = _control(acct, body.get("RoutingControlArn"))
    _check_name(body.get("RoutingControlName"), "RoutingControlName")
    if any(rc is not control and rc["ControlPanelArn"] == control["ControlPanelArn"]
           and rc["Name"] == body["RoutingControlName"] for rc in acct.controls.values()):
        raise _conflict(f"The control panel already has a routing control named {body['RoutingControlName']}.")
    control["Name"] = body["RoutingControlName"]
    return {"RoutingControl": _control_view(control)}


def delete_routing_control(acct, body, req):
    control = _control(acct, req["path"]["RoutingControlArn"])
    arn = control["RoutingControlArn"]
    for rule in acct.rules.values():
        if arn in rule.get("AssertedControls", []) + rule.get("GatingControls", []) + rule.get("TargetControls", []):
            raise _conflict(f"Routing control {arn} is used by safety rule {rule['SafetyRuleArn']}: delete it first.")
    del acct.controls[arn]
    return {}


def list_associated_route53_health_checks(acct, body, req):
    control = _control(acct, req["path"]["RoutingControlArn"])
    ids = sorted(hc.id for hc in _route53_health_checks(acct.account_id)
                 if getattr(hc, "routing_control_arn", None) == control["RoutingControlArn"])
    return _page(ids, req["query"], "HealthCheckIds")


def _route53_health_checks(account_id):
    from moto.route53.models import route53_backends

    return list(route53_backends[account_id]["aws"].health_checks.values())


# -------------------------------------------------------------- safety rules


_RULE_TYPES = ("ATLEAST", "AND", "OR")


def _rule_config(config, controls):
    if not isinstance(config, dict):
        raise _invalid("RuleConfig is required.")
    kind, inverted, threshold = config.get("Type"), config.get("Inverted"), config.get("Threshold")
    if kind not in _RULE_TYPES:
        raise _invalid("RuleConfig Type must be ATLEAST, AND or OR.")
    if not isinstance(inverted, bool):
        raise _invalid("RuleConfig Inverted is required.")
    if not isinstance(threshold, int) or isinstance(threshold, bool):
        raise _invalid("RuleConfig Threshold is required.")
    if kind == "ATLEAST" and not 1 <= threshold <= len(controls):
        raise _invalid(f"An ATLEAST rule's Threshold must be between 1 and the number of its controls "
                       f"({len(controls)}).")
    return {"Inverted": inverted, "Threshold": threshold, "Type": kind}


def _rule_controls(acct, panel, arns, what):
    if not isinstance(arns, list) or not arns:
        raise _invalid(f"{what} must list at least one routing control.")
    if len(set(arns)) != len(arns):
        raise _invalid(f"{what} lists a routing control more than once.")
    for arn in arns:
        control = _control(acct, arn)
        if control["ControlPanelArn"] != panel["ControlPanelArn"]:
            raise _invalid(f"Routing control {arn} is not in control panel {panel['ControlPanelArn']}.")
    return list(arns)


def _wait_period(value):
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _invalid("WaitPeriodMs must be a non-negative number of milliseconds.")
    return value


def create_safety_rule(acct, body, req):
    key, known = _idempotent(acct, "CreateSafetyRule", body, acct.rules)
    if known:
        return _rule_view(known, settle=False)
    assertion, gating = body.get("AssertionRule"), body.get("GatingRule")
    if (assertion is None) == (gating is None):
        raise _invalid("Specify exactly one of AssertionRule and GatingRule.")
    spec = assertion if assertion is not None else gating
    if not isinstance(spec, dict):
        raise _invalid("The safety rule must be an object.")
    tags = _tags_in(body.get("Tags"))
    _check_name(spec.get("Name"), "Name")
    try:
        panel = _panel(acct, spec.get("ControlPanelArn"))
    except ARCError as err:  # CreateSafetyRule documents only ValidationException
        raise _invalid(err.message)
    if any(r["ControlPanelArn"] == panel["ControlPanelArn"] and r["Name"] == spec["Name"]
           for r in acct.rules.values()):
        raise _invalid(f"The control panel already has a safety rule named {spec['Name']}.")
    if sum(r["ControlPanelArn"] == panel["ControlPanelArn"] for r in acct.rules.values()) >= MAX_RULES_PER_PANEL:
        raise _invalid(f"A control panel can have at most {MAX_RULES_PER_PANEL} safety rules.")
    rule = {"ControlPanelArn": panel["ControlPanelArn"], "Name": spec["Name"], "Owner": acct.account_id,
            "WaitPeriodMs": _wait_period(spec.get("WaitPeriodMs")), "Tags": tags}
    try:
        if assertion is not None:
            rule["Kind"] = "ASSERTION"
            rule["AssertedControls"] = _rule_controls(acct, panel, spec.get("AssertedControls"), "AssertedControls")
            rule["RuleConfig"] = _rule_config(spec.get("RuleConfig"), rule["AssertedControls"])
        else:
            rule["Kind"] = "GATING"
            rule["GatingControls"] = _rule_controls(acct, panel, spec.get("GatingControls"), "GatingControls")
            rule["TargetControls"] = _rule_controls(acct, panel, spec.get("TargetControls"), "TargetControls")
            rule["RuleConfig"] = _rule_config(spec.get("RuleConfig"), rule["GatingControls"])
    except ARCError as err:
        raise _invalid(err.message)
    arn = f"{panel['ControlPanelArn']}/safetyrule/{secrets.token_hex(8)}"
    rule["SafetyRuleArn"] = arn
    acct.rules[arn] = _new(rule)
    if key:
        acct.tokens[key] = arn
    return _rule_view(rule, settle=False)


def describe_safety_rule(acct, body, req):
    return _rule_view(_rule(acct, req["path"]["SafetyRuleArn"]))


def list_safety_rules(acct, body, req):
    panel = _panel(acct, req["path"]["ControlPanelArn"])
    items = []
    for r in acct.rules.values():
        if r["ControlPanelArn"] == panel["ControlPanelArn"]:
            view = _rule_view(r)
            items.append({"ASSERTION" if "AssertionRule" in view else "GATING": next(iter(view.values()))})
    return _page(items, req["query"], "SafetyRules")


def update_safety_rule(acct, body, req):
    assertion, gating = body.get("AssertionRuleUpdate"), body.get("GatingRuleUpdate")
    if (assertion is None) == (gating is None):
        raise _invalid("Specify exactly one of AssertionRuleUpdate and GatingRuleUpdate.")
    update = assertion if assertion is not None else gating
    if not isinstance(update, dict):
        raise _invalid("The update must be an object.")
    rule = _rule(acct, update.get("SafetyRuleArn"))
    if rule["Kind"] != ("ASSERTION" if assertion is not None else "GATING"):
        raise _invalid(f"Safety rule {rule['SafetyRuleArn']} is not "
                       f"{'an assertion' if assertion is not None else 'a gating'} rule.")
    # The documentation: an item left out of the update is unchanged.
    if "Name" in update:
        _check_name(update["Name"], "Name")
        if any(r is not rule and r["ControlPanelArn"] == rule["ControlPanelArn"] and r["Name"] == update["Name"]
               for r in acct.rules.values()):
            raise _invalid(f"The control panel already has a safety rule named {update['Name']}.")
    wait = _wait_period(update["WaitPeriodMs"]) if "WaitPeriodMs" in update else rule["WaitPeriodMs"]
    if "Name" in update:
        rule["Name"] = update["Name"]
    rule["WaitPeriodMs"] = wait
    return _rule_view(rule)


def delete_safety_rule(acct, body, req):
    rule = _rule(acct, req["path"]["SafetyRuleArn"])
    del acct.rules[rule["SafetyRuleArn"]]
    return {}


# ---------------------------------------------------------------------- tags


def _tagged(acct, arn):
    if not isinstance(arn, str) or not arn.startswith(_ARN_PREFIX):
        raise _invalid(f"{arn!r} is not a Route 53 ARC resource ARN.")
    for store in (acct.clusters, acct.panels, acct.rules):
        if arn in store:
            return store[arn]
    if _CONTROL_ARN.match(arn):
        if arn in acct.controls:
            raise _invalid("Routing controls cannot be tagged: tag clusters, control panels and safety rules.")
    raise _not_found(f"Resource {arn} was not found.")


def list_tags_for_resource(acct, body, req):
    return {"Tags": dict(_tagged(acct, req["path"]["ResourceArn"])["Tags"])}


def tag_resource(acct, body, req):
    resource = _tagged(acct, req["path"]["ResourceArn"])
    if not isinstance(body.get("Tags"), dict):
        raise _invalid("Tags is required.")
    tags = dict(resource["Tags"])
    tags.update(_tags_in(body["Tags"]))
    _tags_in(tags)
    resource["Tags"] = tags
    return {}


def untag_resource(acct, body, req):
    resource = _tagged(acct, req["path"]["ResourceArn"])
    keys = req["query"].get("TagKeys")
    if not keys:
        raise _invalid("TagKeys is required.")
    for key in keys:
        resource["Tags"].pop(key, None)
    return {}


CONTROL_ROUTES = [(method, re.compile(pattern), fn) for method, pattern, fn in (
    ("POST", r"/cluster", create_cluster),
    ("GET", r"/cluster", list_clusters),
    ("PUT", r"/cluster", update_cluster),
    ("GET", r"/cluster/(?P<ClusterArn>.+)", describe_cluster),
    ("DELETE", r"/cluster/(?P<ClusterArn>.+)", delete_cluster),
    ("POST", r"/controlpanel", create_control_panel),
    ("PUT", r"/controlpanel", update_control_panel),
    ("GET", r"/controlpanels", list_control_panels),
    ("GET", r"/controlpanel/(?P<ControlPanelArn>.+)/routingcontrols", list_routing_controls),
    ("GET", r"/controlpanel/(?P<ControlPanelArn>.+)/safetyrules", list_safety_rules),
    ("GET", r"/controlpanel/(?P<ControlPanelArn>.+)", describe_control_panel),
    ("DELETE", r"/controlpanel/(?P<ControlPanelArn>.+)", delete_control_panel),
    ("POST", r"/routingcontrol", create_routing_control),
    ("PUT", r"/routingcontrol", update_routing_control),
    ("GET", r"/routingcontrol/(?P<RoutingControlArn>.+)/associatedRoute53HealthChecks",
     list_associated_route53_health_checks),
    ("GET", r"/routingcontrol/(?P<RoutingControlArn>.+)", describe_routing_control),
    ("DELETE", r"/routingcontrol/(?P<RoutingControlArn>.+)", delete_routing_control),
    ("POST", r"/safetyrule", create_safety_rule),
    ("PUT", r"/safetyrule", update_safety_rule),
    ("GET", r"/safetyrule/(?P<SafetyRuleArn>.+)", describe_safety_rule),
    ("DELETE", r"/safetyrule/(?P<SafetyRuleArn>.+)", delete_safety_rule),
    ("GET", r"/tags/(?P<ResourceArn>.+)", list_tags_for_resource),
    ("POST", r"/tags/(?P<ResourceArn>.+)", tag_resource),
    ("DELETE", r"/tags/(?P<ResourceArn>.+)", untag_resource),
)]


# ---------------------------------------------------------------- data plane


_DATA_ARN = re.compile(r"^[A-Za-z0-9:./_-]{1,255}$")


def _data_arn(value, field):
    if not isinstance(value, str) or not _DATA_ARN.match(value):
        raise ARCError("ValidationException", f"{field} must be an ARN of 1 to 255 characters.",
                       reason="fieldValidationFailed",
                       fields=[{"name": field, "message": "Invalid ARN."}])
    return value


def _data_control(acct, arn, field="RoutingControlArn"):
    _data_arn(arn, field)
    found = acct.controls.get(arn)
    if found is None:
        raise _not_found(f"Routing control {arn} was not found.", arn, "RoutingControl")
    return found


def _data_state(value):
    if value not in ("On", "Off"):
        raise ARCError("ValidationException", "RoutingControlState must be On or Off.",
                       reason="fieldValidationFailed",
                       fields=[{"name": "RoutingControlState", "message": "Must be On or Off."}])
    return value


def _holds(config, states):
    on = sum(1 for s in states if s == "On")
    if config["Type"] == "ATLEAST":
        ok = on >= config["Threshold"]
    elif config["Type"] == "AND":
        ok = on == len(states)
    else:
        ok = on >= 1
    return not ok if config["Inverted"] else ok


def _apply(acct, changes, overrides):
    """Apply {routing control arn: state} as one transaction, or refuse it."""
    overrides = [_data_arn(o, "SafetyRulesToOverride") for o in overrides or []]
    controls = {arn: _data_control(acct, arn) for arn in changes}
    for control in controls.values():
        panel = acct.panels[control["ControlPanelArn"]]
        cluster = acct.clusters[control["ClusterArn"]]
        for what, obj, arn_key, kind in (("cluster", cluster, "ClusterArn", "Cluster"),
                                         ("control panel", panel, "ControlPanelArn", "ControlPanel"),
                                         ("routing control", control, "RoutingControlArn", "RoutingControl")):
            if _settled(obj) != "DEPLOYED":
                raise _conflict(f"The {what} {obj[arn_key]} is {obj['Status']}, not DEPLOYED yet: try again.",
                                obj[arn_key], kind)
    after = {arn: rc["State"] for arn, rc in acct.controls.items()}
    after.update(changes)
    panels = {rc["ControlPanelArn"] for rc in controls.values()}
    for rule in acct.rules.values():
        if rule["ControlPanelArn"] not in panels or rule["SafetyRuleArn"] in overrides:
            continue
        if rule["Kind"] == "ASSERTION":
            if not set(rule["AssertedControls"]) & set(changes):
                continue
            ok = _holds(rule["RuleConfig"], [after[a] for a in rule["AssertedControls"]])
        else:
            if not set(rule["TargetControls"]) & set(changes):
                continue
            ok = _holds(rule["RuleConfig"], [acct.controls[a]["State"] for a in rule["GatingControls"]])
        if not ok:
            raise _conflict(f"The routing control state change was blocked by safety rule {rule['SafetyRuleArn']} "
                            f"({rule['Name']}). Override it with SafetyRulesToOverride to make the change anyway.",
                            rule["SafetyRuleArn"], "SafetyRule")
    for arn, state in changes.items():
        acct.controls[arn]["State"] = state


def get_routing_control_state(acct, body):
    control = _data_control(acct, body.get("RoutingControlArn"))
    return {"RoutingControlArn": control["RoutingControlArn"], "RoutingControlState": control["State"],
            "RoutingControlName": control["Name"]}


def update_routing_control_state(acct, body):
    arn = _data_arn(body.get("RoutingControlArn"), "RoutingControlArn")
    _apply(acct, {arn: _data_state(body.get("RoutingControlState"))}, body.get("SafetyRulesToOverride"))
    return {}


def update_routing_control_states(acct, body):
    entries = body.get("UpdateRoutingControlStateEntries")
    if not isinstance(entries, list) or not entries:
        raise ARCError("ValidationException", "UpdateRoutingControlStateEntries is required.",
                       reason="fieldValidationFailed",
                       fields=[{"name": "UpdateRoutingControlStateEntries", "message": "Required."}])
    if len(entries) > MAX_STATE_ENTRIES:
        raise ARCError("ServiceLimitExceededException",
                       f"At most {MAX_STATE_ENTRIES} routing control states can be updated in one request.",
                       limitCode="RoutingControlStateUpdates", serviceCode="route53-recovery-cluster")
    changes = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise ARCError("ValidationException", "Each entry must be an object.", reason="cannotParse")
        arn = _data_arn(entry.get("RoutingControlArn"), "RoutingControlArn")
        if arn in changes:
            raise ARCError("ValidationException", f"Routing control {arn} is listed more than once.",
                           reason="fieldValidationFailed",
                           fields=[{"name": "UpdateRoutingControlStateEntries", "message": "Duplicate ARN."}])
        changes[arn] = _data_state(entry.get("RoutingControlState"))
    _apply(acct, changes, body.get("SafetyRulesToOverride"))
    return {}


def data_list_routing_controls(acct, body):
    panel_arn = body.get("ControlPanelArn")
    if panel_arn is not None:
        _data_arn(panel_arn, "ControlPanelArn")
        if panel_arn not in acct.panels:
            raise _not_found(f"Control panel {panel_arn} was not found.", panel_arn, "ControlPanel")
    items = [{"ControlPanelArn": rc["ControlPanelArn"], "ControlPanelName": acct.panels[rc["ControlPanelArn"]]["Name"],
              "RoutingControlArn": rc["RoutingControlArn"], "RoutingControlName": rc["Name"],
              "RoutingControlState": rc["State"], "Owner": rc["Owner"]}
             for rc in acct.controls.values() if panel_arn is None or rc["ControlPanelArn"] == panel_arn]
    size = body.get("MaxResults", 500)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ARCError("ValidationException", "MaxResults must be at least 1.", reason="fieldValidationFailed",
                       fields=[{"name": "MaxResults", "message": "Must be at least 1."}])
    token = body.get("NextToken")
    try:
        start = int(token) if token else 0
        if not 0 <= start <= len(items):
            raise ValueError
    except (TypeError, ValueError):
        raise ARCError("ValidationException", "The NextToken is not valid.", reason="fieldValidationFailed",
                       fields=[{"name": "NextToken", "message": "Invalid token."}])
    out = {"RoutingControls": items[start:start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


DATA_OPERATIONS = {
    "GetRoutingControlState": get_routing_control_state,
    "UpdateRoutingControlState": update_routing_control_state,
    "UpdateRoutingControlStates": update_routing_control_states,
    "ListRoutingControls": data_list_routing_controls,
}


# ------------------------------------------------- for other emulator modules


def routing_control_state(arn):
    """The state of routing control `arn` ("On" or "Off"), or None when no
    account has a routing control with that ARN."""
    with _LOCK:
        for acct in _STATE.values():
            control = acct.controls.get(arn)
            if control is not None:
                return control["State"]
    return None


# --------------------------------------------------------------------- WSGI


_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/[^/,\s]+/[^/,\s]+/([^/,\s]+)/aws4_request")


def _credential(environ):
    """(access key id, SigV4 scope service) of the request, or (None, None)."""
    match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
    if match:
        return match.group(1), match.group(2)
    credential = (parse_qs(environ.get("QUERY_STRING", "")).get("X-Amz-Credential") or [""])[0]
    parts = credential.split("/")
    if len(parts) == 5:
        return parts[0], parts[3]
    return None, None


def _plane(environ):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith(DATA_TARGET_PREFIX):
        return "data"
    service = _credential(environ)[1]
    if service == CONTROL_SERVICE:
        return "control"
    if service == DATA_SERVICE:
        return "data"
    return None


def is_request(environ):
    return _plane(environ) is not None


def _account_id(environ):
    """The account of the signing access key, as moto decides it."""
    from moto.iam.models import get_account_id_from

    return get_account_id_from(_credential(environ)[0] or "")


def _read_json(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    try:
        body = json.loads(raw or b"{}")
        if not isinstance(body, dict):
            raise ValueError
    except ValueError:
        raise ARCError("ValidationException", "The request body is not a JSON object.", reason="cannotParse")
    return body


def _control_call(environ):
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/").rstrip("/") or "/"
    for route_method, pattern, fn in CONTROL_ROUTES:
        match = pattern.fullmatch(path)
        if match and route_method == method:
            req = {"path": match.groupdict(), "query": parse_qs(environ.get("QUERY_STRING", "")),
                   "scheme": environ.get("wsgi.url_scheme", "http"),
                   "host": environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"}
            body = _read_json(environ) if method in ("POST", "PUT") else {}
            with _LOCK:
                return fn(_account(_account_id(environ)), body, req)
    raise ARCError("UnknownOperationException",
                   f"{method} {path} is not an operation of the emulator's Route 53 ARC configuration API.")


def _data_call(environ):
    operation = environ.get("HTTP_X_AMZ_TARGET", "")[len(DATA_TARGET_PREFIX):]
    fn = DATA_OPERATIONS.get(operation) if environ.get("HTTP_X_AMZ_TARGET", "").startswith(DATA_TARGET_PREFIX) \
        else None
    if fn is None:
        raise ARCError("ValidationException", f"{operation or 'The request'} is not a routing control operation.",
                       reason="unknownOperation")
    body = _read_json(environ)
    with _LOCK:
        return fn(_account(_account_id(environ)), body)


def handle(environ, start_response):
    plane = _plane(environ)
    try:
        body = _control_call(environ) if plane == "control" else _data_call(environ)
        code = 200
    except ARCError as err:
        if plane == "control":
            code = _CONTROL_HTTP.get(err.code, 400)
            body = {"message": err.message}
        else:
            code = 500 if err.code == "InternalServerException" else 400
            body = {"message": err.message}
            body.update({k: v for k, v in err.fields.items() if v is not None})
        error_type = err.code
    except Exception as err:  # an emulator bug: answer as AWS would, and show it in the log
        traceback.print_exc()
        code, error_type = 500, "InternalServerException"
        body = {"message": f"{type(err).__name__}: {err}"}
    if code != 200 and plane == "data":
        body["__type"] = error_type
    data = json.dumps(body).encode()
    content_type = "application/json" if plane == "control" else "application/x-amz-json-1.0"
    headers = [("Content-Type", content_type), ("Content-Length", str(len(data))),
               ("x-amzn-RequestId", str(uuid.uuid4()))]
    if code != 200:
        headers.append(("x-amzn-ErrorType", error_type))
    start_response(_STATUS_LINES.get(code, f"{code} Error"), headers)
    return [data]


# ---------------------------------------------------- Route 53 health checks


def _recovery_control_view(hc):
    """A RECOVERY_CONTROL health check as AWS returns it."""
    config = {"Type": "RECOVERY_CONTROL", "Inverted": bool(hc.inverted), "Disabled": bool(hc.disabled),
              "RoutingControlArn": hc.routing_control_arn}
    return {"Id": hc.id, "CallerReference": hc.caller_reference, "HealthCheckConfig": config,
            "HealthCheckVersion": hc.health_check_version}


def _view_if_recovery_control(hc):
    if getattr(hc, "type_", None) == "RECOVERY_CONTROL" and getattr(hc, "routing_control_arn", None):
        return _recovery_control_view(hc)
    return hc


def patch():
    """Route 53: CreateHealthCheck accepts Type RECOVERY_CONTROL with its
    RoutingControlArn, and Create/Get/ListHealthChecks return such checks as
    AWS does (wraps only those three responses)."""
    from moto.route53.exceptions import InvalidInput
    from moto.route53.responses import Route53

    def make_create(orig):
        def create_health_check(self):
            config = self._get_param("HealthCheckConfig") or {}
            arn = config.get("RoutingControlArn")
            if config.get("Type") == "RECOVERY_CONTROL":
                if not arn:
                    raise InvalidInput("A RECOVERY_CONTROL health check requires RoutingControlArn.")
                if not _CONTROL_ARN.match(arn):
                    raise InvalidInput(f"{arn} is not a routing control ARN.")
            elif arn:
                raise InvalidInput("RoutingControlArn is only valid for a RECOVERY_CONTROL health check.")
            result = orig(self)
            if config.get("Type") == "RECOVERY_CONTROL":
                health_check = result.result["HealthCheck"]
                health_check.routing_control_arn = arn
                result.result["HealthCheck"] = _recovery_control_view(health_check)
            return result
        return create_health_check

    def make_get(orig):
        def get_health_check(self):
            result = orig(self)
            result.result["HealthCheck"] = _view_if_recovery_control(result.result["HealthCheck"])
            return result
        return get_health_check

    def make_list(orig):
        def list_health_checks(self):
            result = orig(self)
            result.result["HealthChecks"] = [_view_if_recovery_control(hc) for hc in result.result["HealthChecks"]]
            return result
        return list_health_checks

    for name, make in (("create_health_check", make_create), ("get_health_check", make_get),
                       ("list_health_checks", make_list)):
        setattr(Route53, name, make(getattr(Route53, name)))
