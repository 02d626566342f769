"""A minimal AWS Global Accelerator API for the emulator (moto 5.2.1 has none).

Served in-process by moto_server: patches.globalaccelerator_api() routes every
request whose X-Amz-Target starts with "GlobalAccelerator_V20180706." (the
service's JSON 1.1 target prefix; AWS serves it from us-west-2 only) to
handle(environ), before moto's own dispatcher sees it.

Shapes follow botocore's service model (globalaccelerator 2018-08-08); errors
are the documented ones for each operation, as JSON 1.1 errors
({"__type": ..., "Message": ...}, HTTP 400). Covered: standard accelerators,
their attributes and tags, listeners and endpoint groups (see OPERATIONS).
Not covered (UnknownOperationException): custom routing accelerators, BYOIP
(CreateAccelerator with IpAddresses is refused as for an account without
BYOIP ranges), cross-account attachments (ListCrossAccountResources answers an empty list,
as AWS does for an account without attachments).

Status: a change puts the accelerator IN_PROGRESS in the change's own response
and it reads DEPLOYED afterwards (AWS takes minutes; callers that wait for
DEPLOYED, as the Terraform provider does, return at their first poll).
A flow-log bucket must exist in the emulator's S3 with a policy letting
delivery.logs.amazonaws.com s3:PutObject (the policy's resource and conditions
are not evaluated). Endpoints must exist in the emulator (an ELBv2 load balancer ARN, an EC2
instance id or an Elastic IP allocation id in the endpoint group's region);
their HealthState is HEALTHY once the group exists, since nothing probes them.
"""
import json
import re
import secrets
import threading
import time
import traceback
import uuid

TARGET_PREFIX = "GlobalAccelerator_V20180706."
HOSTED_ZONE_ID = "Z2BJ6XQ5FK7U4H"  # AWS's fixed zone for every accelerator's DNS name

_LOCK = threading.RLock()
_STATE = {}  # account id -> _Account


class GAError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _invalid(message):
    return GAError("InvalidArgumentException", message)


class _Account:
    def __init__(self, account_id):
        self.account_id = account_id
        self.accelerators = {}  # arn -> dict
        self.listeners = {}  # arn -> dict
        self.endpoint_groups = {}  # arn -> dict
        self.tokens = {}  # (operation, idempotency token) -> arn
        self.next_ip = 0


def reset():
    with _LOCK:
        _STATE.clear()


# ------------------------------------------------------------------ helpers


def _now():
    return round(time.time(), 3)


def _account(account_id):
    return _STATE.setdefault(account_id, _Account(account_id))


def _accelerator(acct, arn):
    found = acct.accelerators.get(arn or "")
    if found is None:
        raise GAError("AcceleratorNotFoundException", f"Accelerator {arn} not found.")
    return found


def _listener(acct, arn):
    found = acct.listeners.get(arn or "")
    if found is None:
        raise GAError("ListenerNotFoundException", f"Listener {arn} not found.")
    return found


def _endpoint_group(acct, arn):
    found = acct.endpoint_groups.get(arn or "")
    if found is None:
        raise GAError("EndpointGroupNotFoundException", f"Endpoint group {arn} not found.")
    return found


def _changed(acc):
    """A configuration change: the change's response shows IN_PROGRESS."""
    acc["LastModifiedTime"] = _now()
    return dict(_accelerator_view(acc), Status="IN_PROGRESS")


def _accelerator_view(acc):
    view = {k: acc[k] for k in ("AcceleratorArn", "Name", "IpAddressType", "Enabled", "IpSets",
                                "DnsName", "CreatedTime", "LastModifiedTime")}
    view["Status"] = "DEPLOYED"
    if acc["IpAddressType"] == "DUAL_STACK":
        view["DualStackDnsName"] = acc["DualStackDnsName"]
    view["Events"] = []
    return view


def _page(items, params):
    token = params.get("NextToken")
    try:
        start = int(token) if token else 0
        if start < 0 or start > len(items):
            raise ValueError
    except ValueError:
        raise GAError("InvalidNextTokenException", "The NextToken is not valid.")
    size = params.get("MaxResults") or 10
    if not 1 <= size <= 100:
        raise _invalid("MaxResults must be between 1 and 100.")
    page = items[start:start + size]
    token = str(start + size) if start + size < len(items) else None
    return page, token


_NAME = re.compile(r"^[0-9A-Za-z]([0-9A-Za-z-]{0,62}[0-9A-Za-z])?$")


def _check_name(name):
    if not isinstance(name, str) or not _NAME.match(name):
        raise _invalid("Name must be 1-64 characters, only alphanumeric characters and hyphens, "
                       "and must not begin or end with a hyphen.")


def _ip_sets(acct, ip_type, v4=None):
    """Two static IPv4 addresses (from AWS's anycast pools 75.2.0.0/16 and
    99.83.0.0/16), plus two IPv6 addresses for DUAL_STACK."""
    n = acct.next_ip
    acct.next_ip += 1
    hi, lo = divmod(n % 65000 + 1, 256)
    v4 = v4 or [f"75.2.{hi}.{lo}", f"99.83.{hi}.{lo}"]
    sets = [{"IpFamily": "IPv4", "IpAddresses": v4, "IpAddressFamily": "IPv4"}]
    if ip_type == "DUAL_STACK":
        v6 = [f"2600:9000:a400:{n % 65536:x}::1", f"2600:9000:a500:{n % 65536:x}::1"]
        sets.append({"IpFamily": "IPv6", "IpAddresses": v6, "IpAddressFamily": "IPv6"})
    return sets


def _tags_in(tags):
    out = {}
    for tag in tags or []:
        key, value = tag.get("Key"), tag.get("Value")
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or not isinstance(value, str) \
                or len(value) > 256:
            raise _invalid("Tag keys must be 1-128 characters and values 0-256 characters.")
        if key.lower().startswith("aws:"):
            raise _invalid("Tag keys cannot start with aws:.")
        out[key] = value
    if len(out) > 200:
        raise _invalid("An accelerator can have at most 200 tags.")
    return out


def _port_ranges(ranges):
    if not ranges or len(ranges) > 10:
        raise GAError("InvalidPortRangeException", "A listener needs 1 to 10 port ranges.")
    out = []
    for r in ranges:
        lo, hi = r.get("FromPort"), r.get("ToPort")
        if not isinstance(lo, int) or not isinstance(hi, int) or not 1 <= lo <= hi <= 65535:
            raise GAError("InvalidPortRangeException",
                          f"Invalid port range {lo}-{hi}: ports are 1-65535 and FromPort <= ToPort.")
        out.append({"FromPort": lo, "ToPort": hi})
    return out


def _check_overlap(acct, accelerator_arn, ranges, skip=None):
    taken = list(ranges)
    for lst in acct.listeners.values():
        if lst["AcceleratorArn"] == accelerator_arn and lst["ListenerArn"] != skip:
            taken += lst["PortRanges"]
    taken.sort(key=lambda r: r["FromPort"])
    for a, b in zip(taken, taken[1:]):
        if b["FromPort"] <= a["ToPort"]:
            raise GAError("InvalidPortRangeException",
                          "Port ranges of the listeners on an accelerator cannot overlap.")


def _listener_view(lst):
    return {k: lst[k] for k in ("ListenerArn", "PortRanges", "Protocol", "ClientAffinity")}


_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")


def _endpoint_exists(account_id, region, endpoint_id):
    """Whether the endpoint exists in the emulator, and its kind."""
    from moto.ec2.models import ec2_backends
    from moto.elbv2.models import elbv2_backends

    if endpoint_id.startswith("arn:"):
        parts = endpoint_id.split(":", 5)
        if len(parts) < 6 or parts[2] != "elasticloadbalancing" or parts[3] != region \
                or parts[4] != account_id:
            return None
        found = elbv2_backends[account_id][region].load_balancers.get(endpoint_id)
        if found is None:
            return None
        if found.type == "application":
            return "alb"
        return "nlb-sg" if found.security_groups else "nlb"
    ec2 = ec2_backends[account_id][region]
    if endpoint_id.startswith("i-"):
        try:
            ec2.get_instance(endpoint_id)
        except Exception:
            return None
        return "instance"
    if endpoint_id.startswith("eipalloc-"):
        try:
            ec2.describe_addresses(allocation_ids=[endpoint_id])
        except Exception:
            return None
        return "eip"
    return None


def _endpoints(acct, region, configs):
    if configs is None:
        return None
    if len(configs) > 10:
        raise GAError("LimitExceededException", "An endpoint group can have at most 10 endpoints.")
    out, seen = [], set()
    for c in configs:
        endpoint_id = c.get("EndpointId")
        if not endpoint_id:
            raise _invalid("EndpointId is required.")
        if endpoint_id in seen:
            raise _invalid(f"Endpoint {endpoint_id} is listed more than once.")
        seen.add(endpoint_id)
        kind = _endpoint_exists(acct.account_id, region, endpoint_id)
        if kind is None:
            raise _invalid(f"The endpoint {endpoint_id} does not exist in {region}.")
        weight = c.get("Weight", 128)
        if not isinstance(weight, int) or not 0 <= weight <= 255:
            raise _invalid("Weight must be between 0 and 255.")
        # AWS: on by default for ALB and EC2 instance endpoints; not supported
        # for Elastic IPs and for NLBs without security groups.
        preserve = c.get("ClientIPPreservationEnabled")
        if preserve is None:
            preserve = kind in ("alb", "instance")
        elif preserve and kind in ("eip", "nlb"):
            raise _invalid(f"Client IP address preservation is not supported for {endpoint_id}: "
                           "only ALBs, EC2 instances and NLBs with security groups support it.")
        out.append({"EndpointId": endpoint_id, "Weight": weight, "HealthState": "HEALTHY",
                    "ClientIPPreservationEnabled": bool(preserve)})
    return out


def _health_check(eg, params):
    if "HealthCheckProtocol" in params:
        if params["HealthCheckProtocol"] not in ("TCP", "HTTP", "HTTPS"):
            raise _invalid("HealthCheckProtocol must be TCP, HTTP or HTTPS.")
        eg["HealthCheckProtocol"] = params["HealthCheckProtocol"]
    if "HealthCheckPort" in params:
        if not isinstance(params["HealthCheckPort"], int) or not 1 <= params["HealthCheckPort"] <= 65535:
            raise _invalid("HealthCheckPort must be between 1 and 65535.")
        eg["HealthCheckPort"] = params["HealthCheckPort"]
    if "HealthCheckIntervalSeconds" in params:
        if params["HealthCheckIntervalSeconds"] not in (10, 30):
            raise _invalid("HealthCheckIntervalSeconds must be 10 or 30.")
        eg["HealthCheckIntervalSeconds"] = params["HealthCheckIntervalSeconds"]
    if "ThresholdCount" in params:
        if not isinstance(params["ThresholdCount"], int) or not 1 <= params["ThresholdCount"] <= 10:
            raise _invalid("ThresholdCount must be between 1 and 10.")
        eg["ThresholdCount"] = params["ThresholdCount"]
    if "TrafficDialPercentage" in params:
        dial = params["TrafficDialPercentage"]
        if not isinstance(dial, (int, float)) or not 0 <= dial <= 100:
            raise _invalid("TrafficDialPercentage must be between 0 and 100.")
        eg["TrafficDialPercentage"] = float(dial)
    if "HealthCheckPath" in params:
        path = params["HealthCheckPath"]
        if not isinstance(path, str) or not re.match(r"^/[-a-zA-Z0-9@:%_\\+.~#?&/=]*$", path) \
                or len(path) > 255:
            raise _invalid("HealthCheckPath must start with / and be at most 255 characters.")
        eg["HealthCheckPath"] = path
    if eg["HealthCheckProtocol"] in ("HTTP", "HTTPS"):
        eg.setdefault("HealthCheckPath", "/")
    if "PortOverrides" in params:
        overrides = []
        for o in params["PortOverrides"] or []:
            lp, ep = o.get("ListenerPort"), o.get("EndpointPort")
            if not isinstance(lp, int) or not isinstance(ep, int) or not 1 <= lp <= 65535 \
                    or not 1 <= ep <= 65535:
                raise _invalid("PortOverrides need a ListenerPort and an EndpointPort in 1-65535.")
            overrides.append({"ListenerPort": lp, "EndpointPort": ep})
        if len(overrides) > 10:
            raise GAError("LimitExceededException", "An endpoint group can have at most 10 port overrides.")
        eg["PortOverrides"] = overrides


def _endpoint_group_view(eg):
    keys = ("EndpointGroupArn", "EndpointGroupRegion", "EndpointDescriptions", "TrafficDialPercentage",
            "HealthCheckPort", "HealthCheckProtocol", "HealthCheckPath", "HealthCheckIntervalSeconds",
            "ThresholdCount", "PortOverrides")
    return {k: eg[k] for k in keys if k in eg}


def _idempotent(acct, op, params):
    token = params.get("IdempotencyToken")
    if not token:
        raise _invalid("IdempotencyToken is required.")
    return (op, token), acct.tokens.get((op, token))


# --------------------------------------------------------------- operations


def create_accelerator(acct, p):
    key, known = _idempotent(acct, "CreateAccelerator", p)
    if known in acct.accelerators:
        return {"Accelerator": _accelerator_view(acct.accelerators[known])}
    _check_name(p.get("Name"))
    ip_type = p.get("IpAddressType", "IPV4")
    if ip_type not in ("IPV4", "DUAL_STACK"):
        raise _invalid("IpAddressType must be IPV4 or DUAL_STACK.")
    if p.get("IpAddresses"):
        # AWS accepts only addresses from the account's BYOIP ranges; none can
        # be provisioned here.
        raise _invalid("The IP addresses are not from an address range provisioned "
                       "(BYOIP) in this account.")
    tags = _tags_in(p.get("Tags"))
    if len(acct.accelerators) >= 20:
        raise GAError("LimitExceededException", "The limit of 20 accelerators per account is reached.")
    arn = f"arn:aws:globalaccelerator::{acct.account_id}:accelerator/{uuid.uuid4()}"
    label = "a" + secrets.token_hex(8)
    now = _now()
    acc = {
        "AcceleratorArn": arn, "Name": p["Name"], "IpAddressType": ip_type,
        "Enabled": p.get("Enabled", True), "IpSets": _ip_sets(acct, ip_type),
        "DnsName": f"{label}.awsglobalaccelerator.com",
        "DualStackDnsName": f"{label}.dualstack.awsglobalaccelerator.com",
        "CreatedTime": now, "LastModifiedTime": now, "Tags": tags,
        "Attributes": {"FlowLogsEnabled": False},
    }
    acct.accelerators[arn] = acc
    acct.tokens[key] = arn
    return {"Accelerator": _changed(acc)}


def describe_accelerator(acct, p):
    return {"Accelerator": _accelerator_view(_accelerator(acct, p.get("AcceleratorArn")))}


def list_accelerators(acct, p):
    items = sorted(acct.accelerators.values(), key=lambda a: a["CreatedTime"])
    page, token = _page([_accelerator_view(a) for a in items], p)
    out = {"Accelerators": page}
    if token:
        out["NextToken"] = token
    return out


def update_accelerator(acct, p):
    acc = _accelerator(acct, p.get("AcceleratorArn"))
    if "Name" in p:
        _check_name(p["Name"])
    ip_type = p.get("IpAddressType", acc["IpAddressType"])
    if ip_type not in ("IPV4", "DUAL_STACK"):
        raise _invalid("IpAddressType must be IPV4 or DUAL_STACK.")
    if "Name" in p:
        acc["Name"] = p["Name"]
    if "Enabled" in p:
        acc["Enabled"] = bool(p["Enabled"])
    if ip_type != acc["IpAddressType"]:
        acc["IpAddressType"] = ip_type
        v4 = acc["IpSets"][0]
        acc["IpSets"] = [v4] + _ip_sets(acct, ip_type, v4["IpAddresses"])[1:]
    return {"Accelerator": _changed(acc)}


def delete_accelerator(acct, p):
    acc = _accelerator(acct, p.get("AcceleratorArn"))
    if acc["Enabled"]:
        raise GAError("AcceleratorNotDisabledException",
                      "The accelerator must be disabled before it can be deleted.")
    if any(lst["AcceleratorArn"] == acc["AcceleratorArn"] for lst in acct.listeners.values()):
        raise GAError("AssociatedListenerFoundException",
                      "The accelerator has listeners: delete them before the accelerator.")
    del acct.accelerators[acc["AcceleratorArn"]]
    return {}


def describe_accelerator_attributes(acct, p):
    return {"AcceleratorAttributes": dict(_accelerator(acct, p.get("AcceleratorArn"))["Attributes"])}


def update_accelerator_attributes(acct, p):
    acc = _accelerator(acct, p.get("AcceleratorArn"))
    attrs = dict(acc["Attributes"])
    for key in ("FlowLogsEnabled", "FlowLogsS3Bucket", "FlowLogsS3Prefix"):
        if key in p:
            attrs[key] = p[key]
    if attrs.get("FlowLogsEnabled"):
        if not attrs.get("FlowLogsS3Bucket") or not attrs.get("FlowLogsS3Prefix"):
            raise _invalid("FlowLogsS3Bucket and FlowLogsS3Prefix are required when FlowLogsEnabled is true.")
        _check_flow_log_bucket(acct.account_id, attrs["FlowLogsS3Bucket"])
    acc["Attributes"] = attrs
    _changed(acc)
    return {"AcceleratorAttributes": dict(attrs)}


def _check_flow_log_bucket(account_id, name):
    """AWS: the bucket must exist and have a bucket policy that lets Global
    Accelerator's log delivery (delivery.logs.amazonaws.com) write to it."""
    from moto.s3.models import s3_backends

    bucket = s3_backends[account_id]["aws"].buckets.get(name)
    if bucket is None:
        raise _invalid(f"The S3 bucket {name} for flow logs does not exist.")
    try:
        statements = json.loads(bucket.policy or b"{}").get("Statement", [])
    except ValueError:
        statements = []
    if isinstance(statements, dict):
        statements = [statements]
    for st in statements:
        services = (st.get("Principal") or {}).get("Service", []) if isinstance(st.get("Principal"), dict) else []
        actions = st.get("Action", [])
        services = [services] if isinstance(services, str) else services
        actions = [actions] if isinstance(actions, str) else actions
        if st.get("Effect") == "Allow" and "delivery.logs.amazonaws.com" in services \
                and ({"s3:PutObject", "s3:*", "*"} & set(actions)):
            return
    raise GAError("AccessDeniedException",
                  f"The policy of S3 bucket {name} does not let delivery.logs.amazonaws.com "
                  "write flow logs (s3:PutObject).")


def _tagged(acct, arn):
    if not isinstance(arn, str) or not arn.startswith("arn:aws:globalaccelerator::"):
        raise _invalid(f"{arn} is not a Global Accelerator resource ARN.")
    if "/listener/" in arn:
        raise _invalid("Only accelerators and cross-account attachments can be tagged.")
    return _accelerator(acct, arn)


def tag_resource(acct, p):
    acc = _tagged(acct, p.get("ResourceArn"))
    tags = dict(acc["Tags"])
    tags.update(_tags_in(p.get("Tags")))
    if len(tags) > 200:
        raise _invalid("An accelerator can have at most 200 tags.")
    acc["Tags"] = tags
    return {}


def untag_resource(acct, p):
    acc = _tagged(acct, p.get("ResourceArn"))
    for key in p.get("TagKeys") or []:
        acc["Tags"].pop(key, None)
    return {}


def list_tags_for_resource(acct, p):
    acc = _tagged(acct, p.get("ResourceArn"))
    return {"Tags": [{"Key": k, "Value": v} for k, v in acc["Tags"].items()]}


def create_listener(acct, p):
    key, known = _idempotent(acct, "CreateListener", p)
    if known in acct.listeners:
        return {"Listener": _listener_view(acct.listeners[known])}
    acc = _accelerator(acct, p.get("AcceleratorArn"))
    if p.get("Protocol") not in ("TCP", "UDP"):
        raise _invalid("Protocol must be TCP or UDP.")
    affinity = p.get("ClientAffinity", "NONE")
    if affinity not in ("NONE", "SOURCE_IP"):
        raise _invalid("ClientAffinity must be NONE or SOURCE_IP.")
    ranges = _port_ranges(p.get("PortRanges"))
    _check_overlap(acct, acc["AcceleratorArn"], ranges)
    if sum(lst["AcceleratorArn"] == acc["AcceleratorArn"] for lst in acct.listeners.values()) >= 10:
        raise GAError("LimitExceededException", "An accelerator can have at most 10 listeners.")
    arn = f"{acc['AcceleratorArn']}/listener/{secrets.token_hex(4)}"
    acct.listeners[arn] = {"ListenerArn": arn, "AcceleratorArn": acc["AcceleratorArn"],
                           "PortRanges": ranges, "Protocol": p["Protocol"], "ClientAffinity": affinity}
    acct.tokens[key] = arn
    _changed(acc)
    return {"Listener": _listener_view(acct.listeners[arn])}


def describe_listener(acct, p):
    return {"Listener": _listener_view(_listener(acct, p.get("ListenerArn")))}


def list_listeners(acct, p):
    acc = _accelerator(acct, p.get("AcceleratorArn"))
    items = [_listener_view(lst) for lst in acct.listeners.values()
             if lst["AcceleratorArn"] == acc["AcceleratorArn"]]
    page, token = _page(items, p)
    out = {"Listeners": page}
    if token:
        out["NextToken"] = token
    return out


def update_listener(acct, p):
    lst = _listener(acct, p.get("ListenerArn"))
    protocol = p.get("Protocol", lst["Protocol"])
    if protocol not in ("TCP", "UDP"):
        raise _invalid("Protocol must be TCP or UDP.")
    affinity = p.get("ClientAffinity", lst["ClientAffinity"])
    if affinity not in ("NONE", "SOURCE_IP"):
        raise _invalid("ClientAffinity must be NONE or SOURCE_IP.")
    ranges = lst["PortRanges"]
    if "PortRanges" in p:
        ranges = _port_ranges(p["PortRanges"])
        _check_overlap(acct, lst["AcceleratorArn"], ranges, skip=lst["ListenerArn"])
    lst.update(Protocol=protocol, ClientAffinity=affinity, PortRanges=ranges)
    _changed(acct.accelerators[lst["AcceleratorArn"]])
    return {"Listener": _listener_view(lst)}


def delete_listener(acct, p):
    lst = _listener(acct, p.get("ListenerArn"))
    if any(eg["ListenerArn"] == lst["ListenerArn"] for eg in acct.endpoint_groups.values()):
        raise GAError("AssociatedEndpointGroupFoundException",
                      "The listener has endpoint groups: delete them before the listener.")
    del acct.listeners[lst["ListenerArn"]]
    _changed(acct.accelerators[lst["AcceleratorArn"]])
    return {}


def create_endpoint_group(acct, p):
    key, known = _idempotent(acct, "CreateEndpointGroup", p)
    if known in acct.endpoint_groups:
        return {"EndpointGroup": _endpoint_group_view(acct.endpoint_groups[known])}
    listener_arn = p.get("ListenerArn") or ""
    accelerator_arn = listener_arn.split("/listener/")[0]
    if accelerator_arn not in acct.accelerators:
        raise GAError("AcceleratorNotFoundException", f"Accelerator {accelerator_arn} not found.")
    lst = _listener(acct, listener_arn)
    region = p.get("EndpointGroupRegion")
    if not isinstance(region, str) or not _REGION.match(region):
        raise _invalid(f"{region} is not a valid AWS Region.")
    if any(eg["ListenerArn"] == lst["ListenerArn"] and eg["EndpointGroupRegion"] == region
           for eg in acct.endpoint_groups.values()):
        raise GAError("EndpointGroupAlreadyExistsException",
                      f"The listener already has an endpoint group in {region}.")
    arn = f"{lst['ListenerArn']}/endpoint-group/{secrets.token_hex(6)}"
    eg = {"EndpointGroupArn": arn, "ListenerArn": lst["ListenerArn"], "EndpointGroupRegion": region,
          "TrafficDialPercentage": 100.0, "HealthCheckPort": lst["PortRanges"][0]["FromPort"],
          "HealthCheckProtocol": "TCP", "HealthCheckIntervalSeconds": 30, "ThresholdCount": 3,
          "PortOverrides": []}
    _health_check(eg, p)
    eg["EndpointDescriptions"] = _endpoints(acct, region, p.get("EndpointConfigurations")) or []
    acct.endpoint_groups[arn] = eg
    acct.tokens[key] = arn
    _changed(acct.accelerators[lst["AcceleratorArn"]])
    return {"EndpointGroup": _endpoint_group_view(eg)}


def describe_endpoint_group(acct, p):
    return {"EndpointGroup": _endpoint_group_view(_endpoint_group(acct, p.get("EndpointGroupArn")))}


def list_endpoint_groups(acct, p):
    lst = _listener(acct, p.get("ListenerArn"))
    items = [_endpoint_group_view(eg) for eg in acct.endpoint_groups.values()
             if eg["ListenerArn"] == lst["ListenerArn"]]
    page, token = _page(items, p)
    out = {"EndpointGroups": page}
    if token:
        out["NextToken"] = token
    return out


def update_endpoint_group(acct, p):
    eg = _endpoint_group(acct, p.get("EndpointGroupArn"))
    updated = dict(eg)
    _health_check(updated, p)
    if updated["HealthCheckProtocol"] == "TCP" and "HealthCheckPath" not in p:
        updated.pop("HealthCheckPath", None)
    endpoints = _endpoints(acct, eg["EndpointGroupRegion"], p.get("EndpointConfigurations"))
    if endpoints is not None:
        updated["EndpointDescriptions"] = endpoints
    eg.clear()
    eg.update(updated)
    lst = acct.listeners[eg["ListenerArn"]]
    _changed(acct.accelerators[lst["AcceleratorArn"]])
    return {"EndpointGroup": _endpoint_group_view(eg)}


def delete_endpoint_group(acct, p):
    eg = _endpoint_group(acct, p.get("EndpointGroupArn"))
    del acct.endpoint_groups[eg["EndpointGroupArn"]]
    lst = acct.listeners[eg["ListenerArn"]]
    _changed(acct.accelerators[lst["AcceleratorArn"]])
    return {}


def list_cross_account_resources(acct, p):
    if not p.get("ResourceOwnerAwsAccountId"):
        raise _invalid("ResourceOwnerAwsAccountId is required.")
    if p.get("AcceleratorArn"):
        _accelerator(acct, p["AcceleratorArn"])
    return {"CrossAccountResources": []}


OPERATIONS = {
    "CreateAccelerator": create_accelerator,
    "DescribeAccelerator": describe_accelerator,
    "ListAccelerators": list_accelerators,
    "UpdateAccelerator": update_accelerator,
    "DeleteAccelerator": delete_accelerator,
    "DescribeAcceleratorAttributes": describe_accelerator_attributes,
    "UpdateAcceleratorAttributes": update_accelerator_attributes,
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
    "CreateListener": create_listener,
    "DescribeListener": describe_listener,
    "ListListeners": list_listeners,
    "UpdateListener": update_listener,
    "DeleteListener": delete_listener,
    "CreateEndpointGroup": create_endpoint_group,
    "DescribeEndpointGroup": describe_endpoint_group,
    "ListEndpointGroups": list_endpoint_groups,
    "UpdateEndpointGroup": update_endpoint_group,
    "DeleteEndpointGroup": delete_endpoint_group,
    "ListCrossAccountResources": list_cross_account_resources,
}


# --------------------------------------------------------------------- WSGI


def is_request(environ):
    return environ.get("HTTP_X_AMZ_TARGET", "").startswith(TARGET_PREFIX)


def _account_id(environ):
    """The account of the signing access key, as moto decides it."""
    from moto.iam.models import get_account_id_from

    match = re.search(r"Credential=([^/,\s]+)/", environ.get("HTTP_AUTHORIZATION", ""))
    return get_account_id_from(match.group(1) if match else "")


def handle(environ, start_response):
    operation = environ["HTTP_X_AMZ_TARGET"][len(TARGET_PREFIX):]
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else environ["wsgi.input"].read()
        try:
            params = json.loads(raw or b"{}")
            if not isinstance(params, dict):
                raise ValueError
        except ValueError:
            raise GAError("SerializationException", "The request body is not a JSON object.")
        fn = OPERATIONS.get(operation)
        if fn is None:
            raise GAError("UnknownOperationException",
                          f"{operation} is not implemented by the emulator's Global Accelerator.")
        with _LOCK:
            body, status = fn(_account(_account_id(environ)), params), "200 OK"
    except GAError as err:
        body, status = {"__type": err.code, "Message": err.message}, "400 Bad Request"
    except Exception as err:  # an emulator bug: answer as AWS would, and show it in the log
        traceback.print_exc()
        body = {"__type": "InternalServiceErrorException", "Message": f"{type(err).__name__}: {err}"}
        status = "500 Internal Server Error"
    data = json.dumps(body).encode()
    headers = [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(data))),
               ("x-amzn-RequestId", str(uuid.uuid4()))]
    if status != "200 OK":
        headers.append(("x-amzn-ErrorType", body["__type"]))
    start_response(status, headers)
    return [data]
