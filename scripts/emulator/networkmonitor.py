"""A minimal Amazon CloudWatch Network Monitor (Network Synthetic Monitor) API
for the emulator: moto 5.2.1 has none (every call returned 500 and `terraform
apply` of aws_networkmonitor_monitor / aws_networkmonitor_probe hung).

Served in-process by moto_server: patches.networkmonitor_api() hands every
request that is_request() recognises (SigV4 credential scope service
"networkmonitor", the model's signingName) to handle(environ), before moto's
own dispatcher sees it. The API is REST-JSON (botocore model networkmonitor
2023-08-01): /monitors, /monitors/{monitorName},
/monitors/{monitorName}/probes[/{probeId}] and /tags/{resourceArn}.

State is in memory, per account (the signing access key's, as moto decides it)
and region (the credential scope's); reset() (called by /moto-api/reset)
clears it. Shapes follow the model; errors are the documented ones with the
model's HTTP codes (ValidationException 400, ServiceQuotaExceededException 402,
ResourceNotFoundException 404, ConflictException 409), named by the
x-amzn-ErrorType header, body {"message": ...}.

Behaviour, as AWS documents it:
  * ARNs: monitor arn:aws:networkmonitor:<region>:<account>:monitor/<name>,
    probe ...:probe/<probeId>; probe ids are "probe-" + 26 lower-case
    alphanumerics (the model's pattern is probe-[a-z0-9A-Z-]{21,64}).
  * Monitor names: 1-200 of [a-zA-Z0-9_-]; a second monitor with the same name
    in the region is a ConflictException. aggregationPeriod is 30 or 60
    (default 60).
  * Probes: protocol TCP or ICMP; destinationPort (1-65535) required for TCP
    and refused for ICMP (switching a probe to ICMP drops its port);
    packetSize 56-8500 (default 56); destination an IPv4 or IPv6 address
    (addressFamily IPV4/IPV6); sourceArn the ARN of a subnet of this account
    that exists in the emulator's EC2 in the request's region (vpcId is its
    VPC); an IPv6 destination needs a subnet with an IPv6 CIDR block.
    UpdateProbe may set state ACTIVE or INACTIVE only.
  * clientToken makes CreateMonitor / CreateProbe idempotent: the same token
    with the same request returns the first answer; with a different request
    it is refused (ConflictException for CreateMonitor, ValidationException
    for CreateProbe, which documents no conflict).
  * Status: a create or update answers PENDING; reads (GetMonitor,
    ListMonitors, GetProbe) show the settled state from then on (a monitor
    ACTIVE; a probe ACTIVE, or INACTIVE once deactivated), so callers that
    wait for ACTIVE, as the Terraform provider does, return at their first
    poll. Deletes take effect at once (the next read is
    ResourceNotFoundException, which ends the provider's wait).
  * DeleteMonitor is refused (ValidationException; the operation documents no
    conflict error) while the monitor has a probe that is not INACTIVE: AWS
    requires its probes to be deactivated or deleted first. Its inactive
    probes go with it.
  * Quotas (ServiceQuotaExceededException): 100 monitors per account and
    region, 24 probes per monitor, 4 probes per subnet in a monitor; 200 tags
    per resource (ValidationException).
Not covered: ERROR states (nothing probes anything), metrics, throttling.
"""
import ipaddress
import json
import re
import secrets
import string
import threading
import time
import traceback
import uuid
from urllib.parse import parse_qs, quote, unquote

SERVICE = "networkmonitor"
MAX_MONITORS = 100
MAX_PROBES_PER_MONITOR = 24
MAX_PROBES_PER_SUBNET = 4
MAX_TAGS = 200
DEFAULT_AGGREGATION_PERIOD = 60
DEFAULT_PACKET_SIZE = 56
DEFAULT_PAGE = 25

_LOCK = threading.RLock()
_STATE = {}  # (account id, region) -> _Region

_STATUS_LINES = {200: "200 OK", 400: "400 Bad Request", 402: "402 Payment Required", 403: "403 Forbidden",
                 404: "404 Not Found", 409: "409 Conflict", 429: "429 Too Many Requests",
                 500: "500 Internal Server Error"}
_HTTP = {"ValidationException": 400, "ServiceQuotaExceededException": 402, "AccessDeniedException": 403,
         "ResourceNotFoundException": 404, "UnknownOperationException": 404, "ConflictException": 409,
         "ThrottlingException": 429, "InternalServerException": 500}


class NMError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _invalid(message):
    return NMError("ValidationException", message)


def _not_found(message):
    return NMError("ResourceNotFoundException", message)


class _Region:
    def __init__(self, account_id, region):
        self.account_id = account_id
        self.region = region
        self.monitors = {}  # name -> dict (insertion ordered)
        self.tokens = {}  # (operation, client token) -> (request fingerprint, answer, resource key)


def reset():
    with _LOCK:
        _STATE.clear()


def _store(account_id, region):
    return _STATE.setdefault((account_id, region), _Region(account_id, region))


# ---------------------------------------------------------- validation


_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,200}$")
_PROBE_ID = re.compile(r"^probe-[a-z0-9A-Z-]{21,64}$")
_SUBNET_ARN = re.compile(r"^arn:(aws[a-z-]*):ec2:([a-z0-9-]+):(\d{12}):subnet/(subnet-[0-9a-f]+)$")
_MONITOR_STATES = ("PENDING", "ACTIVE", "INACTIVE", "ERROR", "DELETING")


def _now():
    return round(time.time(), 3)


def _partition(region):
    from moto.utilities.utils import get_partition

    return get_partition(region)


def _check_name(name, field="monitorName"):
    if not isinstance(name, str) or not _NAME.match(name):
        raise _invalid(f"{field} must be 1 to 200 characters of letters, digits, underscores (_) "
                       "and dashes (-).")
    return name


def _check_probe_id(probe_id):
    if not isinstance(probe_id, str) or not _PROBE_ID.match(probe_id):
        raise _invalid(f"{probe_id!r} is not a valid probeId (probe-[a-z0-9A-Z-]{{21,64}}).")
    return probe_id


def _int(value, field, low, high, message=None):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _invalid(message or f"{field} must be an integer between {low} and {high}.")
    return value


def _aggregation_period(value):
    if isinstance(value, bool) or value not in (30, 60):
        raise _invalid("aggregationPeriod must be either 30 or 60 seconds.")
    return value


def _tags_in(tags, field="tags"):
    if tags is None:
        return {}
    if not isinstance(tags, dict):
        raise _invalid(f"{field} must be a map of tag keys to values.")
    for key, value in tags.items():
        if not isinstance(key, str) or not 1 <= len(key) <= 128:
            raise _invalid("Tag keys must be 1 to 128 characters.")
        if key.lower().startswith("aws:"):
            raise _invalid("Tag keys must not start with aws: (reserved for AWS).")
        if not isinstance(value, str) or len(value) > 256:
            raise _invalid("Tag values must be strings of at most 256 characters.")
    if len(tags) > MAX_TAGS:
        raise _invalid(f"A resource can have at most {MAX_TAGS} tags.")
    return dict(tags)


def _subnet(store, source_arn):
    """The subnet named by source_arn, which must exist in this account and
    region of the emulator's EC2."""
    from moto.ec2.models import ec2_backends

    if not isinstance(source_arn, str) or not 20 <= len(source_arn) <= 2048:
        raise _invalid("sourceArn must be the ARN of a subnet (20 to 2048 characters).")
    match = _SUBNET_ARN.match(source_arn)
    if not match:
        raise _invalid(f"sourceArn {source_arn} is not a subnet ARN "
                       "(arn:aws:ec2:<region>:<account>:subnet/subnet-...).")
    partition, region, account, subnet_id = match.groups()
    if region != store.region:
        raise _invalid(f"The subnet {subnet_id} must be in the monitor's Region ({store.region}), "
                       f"not {region}.")
    if account != store.account_id:
        raise _invalid(f"The subnet {subnet_id} must belong to this account: Network Monitor "
                       "does not support cross-account resources.")
    if partition != _partition(region):
        raise _invalid(f"sourceArn {source_arn} names the wrong partition.")
    try:
        return ec2_backends[account][region].get_subnet(subnet_id)
    except Exception:
        raise _invalid(f"The subnet {subnet_id} does not exist.")


def _address_family(destination):
    if not isinstance(destination, str) or not 1 <= len(destination) <= 255:
        raise _invalid("destination must be an IPv4 or IPv6 address.")
    try:
        address = ipaddress.ip_address(destination)
    except ValueError:
        raise _invalid(f"destination {destination} is not an IPv4 or IPv6 address.")
    return "IPV4" if address.version == 4 else "IPV6"


def _has_ipv6(subnet):
    return any(a.get("ipv6CidrBlockState", {}).get("State") == "associated"
               for a in getattr(subnet, "ipv6_cidr_block_associations", {}).values())


def _probe_settings(store, spec, current=None):
    """Validated probe fields from a ProbeInput / CreateMonitorProbeInput (or,
    with current, the merge of an UpdateProbe request onto a probe)."""
    current = current or {}
    if not current:
        if spec.get("sourceArn") is None:
            raise _invalid("sourceArn is required.")
        subnet = _subnet(store, spec["sourceArn"])
        source_arn, vpc_id, subnet_id = spec["sourceArn"], subnet.vpc_id, subnet.id
        if spec.get("destination") is None:
            raise _invalid("destination is required.")
    else:  # UpdateProbe: the source cannot change
        subnet = None
        source_arn, vpc_id, subnet_id = current["sourceArn"], current["vpcId"], current["_subnet"]
    destination = spec["destination"] if spec.get("destination") is not None else current["destination"]
    family = _address_family(destination)
    if family == "IPV6" and destination != current.get("destination"):
        subnet = subnet or _subnet(store, source_arn)
        if not _has_ipv6(subnet):
            raise _invalid(f"The subnet {subnet.id} has no IPv6 CIDR block: an IPv6 destination needs one.")
    protocol = spec.get("protocol") if spec.get("protocol") is not None else current.get("protocol")
    if protocol not in ("TCP", "ICMP"):
        raise _invalid("protocol must be either TCP or ICMP.")
    port = spec.get("destinationPort")
    if protocol == "ICMP":
        if port is not None:
            raise _invalid("destinationPort is not allowed when the protocol is ICMP.")
    else:
        if port is None:
            port = current.get("destinationPort")
        if port is None:
            raise _invalid("destinationPort is required when the protocol is TCP.")
        _int(port, "destinationPort", 1, 65535)
    size = spec.get("packetSize")
    if size is None:
        size = current.get("packetSize", DEFAULT_PACKET_SIZE)
    _int(size, "packetSize", 56, 8500, "packetSize must be a number between 56 and 8500.")
    return {"sourceArn": source_arn, "vpcId": vpc_id, "destination": destination, "addressFamily": family,
            "protocol": protocol, "destinationPort": port, "packetSize": size, "_subnet": subnet_id}


def _check_probe_quotas(monitor, settings):
    probes = list(monitor["probes"].values()) + settings
    if len(probes) > MAX_PROBES_PER_MONITOR:
        raise NMError("ServiceQuotaExceededException",
                      f"A monitor can have at most {MAX_PROBES_PER_MONITOR} probes.")
    per_subnet = {}
    for p in probes:
        per_subnet[p["_subnet"]] = per_subnet.get(p["_subnet"], 0) + 1
        if per_subnet[p["_subnet"]] > MAX_PROBES_PER_SUBNET:
            raise NMError("ServiceQuotaExceededException",
                          f"A monitor can have at most {MAX_PROBES_PER_SUBNET} probes per subnet "
                          f"({p['_subnet']}).")


def _new_probe(store, settings, tags):
    alphabet = string.ascii_lowercase + string.digits
    probe_id = "probe-" + "".join(secrets.choice(alphabet) for _ in range(26))
    now = _now()
    probe = dict(settings, probeId=probe_id,
                 probeArn=f"arn:{_partition(store.region)}:networkmonitor:{store.region}:{store.account_id}:"
                          f"probe/{probe_id}",
                 state="ACTIVE", createdAt=now, modifiedAt=now, tags=tags)
    return probe


# ---------------------------------------------------------------- views

_PROBE_KEYS = ("probeId", "probeArn", "sourceArn", "destination", "destinationPort", "protocol", "packetSize",
               "addressFamily", "vpcId", "state", "createdAt", "modifiedAt", "tags")


def _probe_view(probe, pending=False):
    view = {k: probe[k] for k in _PROBE_KEYS if probe.get(k) is not None}
    view["tags"] = dict(probe["tags"])
    if pending:
        view["state"] = "PENDING"
    return view


def _monitor_summary(monitor, pending=False):
    return {"monitorArn": monitor["monitorArn"], "monitorName": monitor["monitorName"],
            "state": "PENDING" if pending else "ACTIVE", "aggregationPeriod": monitor["aggregationPeriod"],
            "tags": dict(monitor["tags"])}


def _monitor_view(monitor):
    view = _monitor_summary(monitor)
    view["probes"] = [_probe_view(p) for p in monitor["probes"].values()]
    view["createdAt"] = monitor["createdAt"]
    view["modifiedAt"] = monitor["modifiedAt"]
    return view


# ----------------------------------------------------------- lookups


def _monitor(store, name):
    _check_name(name)
    found = store.monitors.get(name)
    if found is None:
        raise _not_found(f"Monitor {name} not found.")
    return found


def _probe(store, name, probe_id):
    _check_name(name)
    _check_probe_id(probe_id)
    monitor = _monitor(store, name)
    found = monitor["probes"].get(probe_id)
    if found is None:
        raise _not_found(f"Probe {probe_id} not found in monitor {name}.")
    return monitor, found


def _idempotent(store, op, body, fingerprint):
    token = body.get("clientToken")
    if token is None:
        return None, None
    if not isinstance(token, str) or not token:
        raise _invalid("clientToken must be a non-empty string.")
    key = (op, token)
    known = store.tokens.get(key)
    if known is None:
        return key, None
    if known[0] != fingerprint:
        return key, False
    return key, known


# ------------------------------------------------------------ operations


def create_monitor(store, body, req):
    name = _check_name(body.get("monitorName"))
    period = body.get("aggregationPeriod")
    period = DEFAULT_AGGREGATION_PERIOD if period is None else _aggregation_period(period)
    tags = _tags_in(body.get("tags"))
    specs = body.get("probes")
    if specs is not None and not isinstance(specs, list):
        raise _invalid("probes must be a list.")
    settings = []
    for spec in specs or []:
        if not isinstance(spec, dict):
            raise _invalid("Each probe must be an object.")
        s = _probe_settings(store, spec)
        s["_tags"] = _tags_in(spec.get("probeTags"), "probeTags")
        settings.append(s)
    fingerprint = json.dumps({k: v for k, v in body.items() if k != "clientToken"}, sort_keys=True)
    key, known = _idempotent(store, "CreateMonitor", body, fingerprint)
    if known is False:
        raise NMError("ConflictException", "The clientToken was already used for a different CreateMonitor request.")
    if known and known[2] in store.monitors:
        return known[1]
    if name in store.monitors:
        raise NMError("ConflictException", f"A monitor named {name} already exists.")
    if len(store.monitors) >= MAX_MONITORS:
        raise NMError("ServiceQuotaExceededException",
                      f"An account can have at most {MAX_MONITORS} monitors per Region.")
    now = _now()
    monitor = {"monitorArn": f"arn:{_partition(store.region)}:networkmonitor:{store.region}:{store.account_id}:"
                             f"monitor/{name}",
               "monitorName": name, "aggregationPeriod": period, "tags": tags, "createdAt": now,
               "modifiedAt": now, "probes": {}}
    _check_probe_quotas(monitor, settings)
    for s in settings:
        probe_tags = s.pop("_tags")
        probe = _new_probe(store, s, probe_tags)
        monitor["probes"][probe["probeId"]] = probe
    store.monitors[name] = monitor
    answer = _monitor_summary(monitor, pending=True)
    if key:
        store.tokens[key] = (fingerprint, answer, name)
    return answer


def get_monitor(store, body, req):
    return _monitor_view(_monitor(store, req["path"]["monitorName"]))


def list_monitors(store, body, req):
    query = req["query"]
    state = (query.get("state") or [None])[0]
    if state is not None and state not in _MONITOR_STATES:
        raise _invalid(f"state must be one of {', '.join(_MONITOR_STATES)}.")
    size = (query.get("maxResults") or [None])[0]
    try:
        size = int(size) if size is not None else DEFAULT_PAGE
    except ValueError:
        raise _invalid("maxResults must be an integer.")
    if not 1 <= size <= 25:
        raise _invalid("maxResults must be between 1 and 25.")
    token = (query.get("nextToken") or [None])[0]
    items = [_monitor_summary(m) for m in store.monitors.values()]
    if state is not None:
        items = [m for m in items if m["state"] == state]
    try:
        start = int(token) if token else 0
        if not 0 <= start <= len(items):
            raise ValueError
    except ValueError:
        raise _invalid("The nextToken is not valid.")
    out = {"monitors": items[start:start + size]}
    if start + size < len(items):
        out["nextToken"] = str(start + size)
    return out


def update_monitor(store, body, req):
    name = _check_name(req["path"]["monitorName"])
    if body.get("aggregationPeriod") is None:
        raise _invalid("aggregationPeriod is required.")
    period = _aggregation_period(body["aggregationPeriod"])
    monitor = _monitor(store, name)
    monitor["aggregationPeriod"] = period
    monitor["modifiedAt"] = _now()
    return _monitor_summary(monitor, pending=True)


def delete_monitor(store, body, req):
    monitor = _monitor(store, req["path"]["monitorName"])
    busy = [p["probeId"] for p in monitor["probes"].values() if p["state"] != "INACTIVE"]
    if busy:
        raise _invalid(f"Monitor {monitor['monitorName']} has active probes ({', '.join(busy)}): "
                       "deactivate or delete all its probes before deleting it.")
    del store.monitors[monitor["monitorName"]]
    return {}


def create_probe(store, body, req):
    name = _check_name(req["path"]["monitorName"])
    spec = body.get("probe")
    if not isinstance(spec, dict):
        raise _invalid("probe is required.")
    tags = _tags_in(spec.get("tags"), "probe.tags")
    tags.update(_tags_in(body.get("tags")))
    _tags_in(tags)
    settings = _probe_settings(store, spec)
    monitor = _monitor(store, name)
    fingerprint = json.dumps({"monitor": name, **{k: v for k, v in body.items() if k != "clientToken"}},
                             sort_keys=True)
    key, known = _idempotent(store, "CreateProbe", body, fingerprint)
    if known is False:
        raise _invalid("The clientToken was already used for a different CreateProbe request.")
    if known and known[2] in monitor["probes"]:
        return known[1]
    _check_probe_quotas(monitor, [settings])
    probe = _new_probe(store, settings, tags)
    monitor["probes"][probe["probeId"]] = probe
    answer = _probe_view(probe, pending=True)
    if key:
        store.tokens[key] = (fingerprint, answer, probe["probeId"])
    return answer


def get_probe(store, body, req):
    return _probe_view(_probe(store, req["path"]["monitorName"], req["path"]["probeId"])[1])


def update_probe(store, body, req):
    _check_name(req["path"]["monitorName"])
    _check_probe_id(req["path"]["probeId"])
    state = body.get("state")
    if state is not None and state not in ("ACTIVE", "INACTIVE"):
        raise _invalid("state can only be set to ACTIVE or INACTIVE.")
    monitor, probe = _probe(store, req["path"]["monitorName"], req["path"]["probeId"])
    spec = {k: body[k] for k in ("destination", "destinationPort", "protocol", "packetSize") if body.get(k) is not None}
    settings = _probe_settings(store, spec, current=probe)
    others = [p for p in monitor["probes"].values() if p is not probe]
    _check_probe_quotas({"probes": {p["probeId"]: p for p in others}}, [settings])
    probe.update(settings)
    if state is not None:
        probe["state"] = state
    probe["modifiedAt"] = _now()
    return _probe_view(probe, pending=True)


def delete_probe(store, body, req):
    monitor, probe = _probe(store, req["path"]["monitorName"], req["path"]["probeId"])
    del monitor["probes"][probe["probeId"]]
    return {}


def _tagged(store, arn):
    if not isinstance(arn, str) or not 20 <= len(arn) <= 2048 or not arn.startswith("arn:"):
        raise _invalid(f"{arn!r} is not a valid ARN.")
    prefix = f"arn:{_partition(store.region)}:networkmonitor:{store.region}:{store.account_id}:"
    if arn.startswith(prefix + "monitor/"):
        found = store.monitors.get(arn[len(prefix + "monitor/"):])
        if found is not None:
            return found
    elif arn.startswith(prefix + "probe/"):
        probe_id = arn[len(prefix + "probe/"):]
        for monitor in store.monitors.values():
            if probe_id in monitor["probes"]:
                return monitor["probes"][probe_id]
    raise _not_found(f"Resource {arn} not found.")


def list_tags_for_resource(store, body, req):
    return {"tags": dict(_tagged(store, req["path"]["resourceArn"])["tags"])}


def tag_resource(store, body, req):
    if body.get("tags") is None:
        raise _invalid("tags is required.")
    new = _tags_in(body["tags"])
    resource = _tagged(store, req["path"]["resourceArn"])
    merged = dict(resource["tags"])
    merged.update(new)
    resource["tags"] = _tags_in(merged)
    return {}


def untag_resource(store, body, req):
    keys = req["query"].get("tagKeys")
    if keys is None:
        raise _invalid("tagKeys is required.")
    if len(keys) > MAX_TAGS or any(not 1 <= len(k) <= 128 for k in keys):
        raise _invalid("tagKeys must list at most 200 keys of 1 to 128 characters.")
    resource = _tagged(store, req["path"]["resourceArn"])
    for key in keys:
        resource["tags"].pop(key, None)
    return {}


ROUTES = [(method, re.compile(pattern), fn) for method, pattern, fn in (
    ("POST", r"/monitors", create_monitor),
    ("GET", r"/monitors", list_monitors),
    ("GET", r"/monitors/(?P<monitorName>[^/]+)", get_monitor),
    ("PATCH", r"/monitors/(?P<monitorName>[^/]+)", update_monitor),
    ("DELETE", r"/monitors/(?P<monitorName>[^/]+)", delete_monitor),
    ("POST", r"/monitors/(?P<monitorName>[^/]+)/probes", create_probe),
    ("GET", r"/monitors/(?P<monitorName>[^/]+)/probes/(?P<probeId>[^/]+)", get_probe),
    ("PATCH", r"/monitors/(?P<monitorName>[^/]+)/probes/(?P<probeId>[^/]+)", update_probe),
    ("DELETE", r"/monitors/(?P<monitorName>[^/]+)/probes/(?P<probeId>[^/]+)", delete_probe),
    ("GET", r"/tags/(?P<resourceArn>[^/]+)", list_tags_for_resource),
    ("POST", r"/tags/(?P<resourceArn>[^/]+)", tag_resource),
    ("DELETE", r"/tags/(?P<resourceArn>[^/]+)", untag_resource),
)]


# --------------------------------------------------------------------- WSGI


_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/[^/,\s]+/([^/,\s]+)/([^/,\s]+)/aws4_request")


def _credential(environ):
    """(access key id, region, service) of the request's SigV4 credential
    scope, or (None, None, None)."""
    match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
    if match:
        return match.groups()
    credential = (parse_qs(environ.get("QUERY_STRING", "")).get("X-Amz-Credential") or [""])[0]
    parts = credential.split("/")
    if len(parts) == 5:
        return parts[0], parts[2], parts[3]
    return None, None, None


def is_request(environ):
    return _credential(environ)[2] == SERVICE


def _raw_path(environ):
    """The request path still percent-encoded, so that an encoded "/" inside
    a label (an ARN in /tags/{resourceArn}) stays inside it."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        raw = raw.split("?", 1)[0]
        if "://" in raw:  # absolute-form request target
            raw = "/" + raw.split("://", 1)[1].partition("/")[2]
        return raw
    return quote(environ.get("PATH_INFO", "/"), safe="/:")


def _read_json(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    try:
        body = json.loads(raw or b"{}")
        if not isinstance(body, dict):
            raise ValueError
    except ValueError:
        raise _invalid("The request body is not a JSON object.")
    return body


def _call(environ):
    from moto.iam.models import get_account_id_from

    method = environ.get("REQUEST_METHOD", "GET")
    path = _raw_path(environ).rstrip("/") or "/"
    for route_method, pattern, fn in ROUTES:
        match = pattern.fullmatch(path)
        if match and route_method == method:
            req = {"path": {k: unquote(v) for k, v in match.groupdict().items()},
                   "query": parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)}
            body = _read_json(environ) if method in ("POST", "PATCH", "PUT") else {}
            access_key, region, _ = _credential(environ)
            with _LOCK:
                return fn(_store(get_account_id_from(access_key or ""), region), body, req)
    raise NMError("UnknownOperationException",
                  f"{method} {path} is not an operation of the emulator's Network Monitor API.")


def handle(environ, start_response):
    try:
        body, code, error_type = _call(environ), 200, None
    except NMError as err:
        code, error_type = _HTTP.get(err.code, 400), err.code
        body = {"message": err.message}
    except Exception as err:  # an emulator bug: answer as AWS would, and show it in the log
        traceback.print_exc()
        code, error_type = 500, "InternalServerException"
        body = {"message": f"{type(err).__name__}: {err}"}
    data = json.dumps(body).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
               ("x-amzn-RequestId", str(uuid.uuid4()))]
    if error_type:
        headers.append(("x-amzn-ErrorType", error_type))
    start_response(_STATUS_LINES.get(code, f"{code} Error"), headers)
    return [data]
