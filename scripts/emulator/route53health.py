"""Route 53 health checks that can fail, and TestDNSAnswer, for the emulator.

moto 5.2.1 reports every health check healthy (GetHealthCheckStatus always
answers Success) and has no TestDNSAnswer, so no test could show a failover
record switching. This module adds:

- A fault control for the test harness (not an AWS API):
  POST /_multiregion/unreachable with {"regions": ["us-east-1"]} replaces the
  set of regions Route 53's health checkers cannot reach ([] clears it; the
  answer echoes the set); GET returns it; /moto-api/reset clears it. The e2e
  outage proxy (internal/e2e/outage.go) sets it with every outage.
- Health-check status: a TCP/HTTP(S) check whose target (an ELBv2 load
  balancer's DNS name, or an address: an Elastic IP or an NLB's) is in an
  unreachable region fails; a CALCULATED check is healthy while at least
  HealthThreshold children are; a RECOVERY_CONTROL check is healthy while its
  routing control is On (arc.py); Disabled counts as healthy and Inverted
  flips the result, as AWS documents. A load balancer's region is its
  backend's, else the one its DNS name carries. GetHealthCheckStatus reports
  it from several of Route 53's checker regions and addresses (and refuses a
  CALCULATED check, as AWS does).
- TestDNSAnswer (GET /2013-04-01/testdnsanswer): the zone's records for the
  name and type, with failover records chosen as Route 53 does: the PRIMARY
  while healthy, else a healthy SECONDARY; when every record is unhealthy
  Route 53 treats them all as healthy and answers the PRIMARY. A record is
  unhealthy when its health check is, or when it is an alias with
  EvaluateTargetHealth whose target (a load balancer) is unreachable. An alias
  to an ELBv2 load balancer answers with the load balancer's addresses (its
  subnet mappings' Elastic IPs, which patches.elbv2_subnet_mapping_addresses
  keeps). Unknown zone: NoSuchHostedZone (404); no record of that name:
  NXDOMAIN; a name with records of other types only: NOERROR and no data.
"""
import json
import re
import threading
import urllib.parse
from xml.sax.saxutils import escape

CONTROL_PATH = "/_multiregion/unreachable"
DNS_PATH = "/2013-04-01/testdnsanswer"
# Route 53's health checkers report from these regions (a subset of AWS's),
# each from an address in its ROUTE53_HEALTHCHECKS range of AWS's ip-ranges.
CHECKERS = {"us-east-1": "54.243.31.193", "us-west-1": "54.183.255.129", "us-west-2": "54.244.52.193",
            "eu-west-1": "54.228.16.1", "ap-southeast-1": "54.251.31.129", "sa-east-1": "54.232.40.65"}
CHECKER_REGIONS = list(CHECKERS)
# ELBv2 DNS names: moto's "<name>-1.<region>.elb.amazonaws.com" and AWS's
# NLB form "<name>-<id>.elb.<region>.amazonaws.com".
_ELB_NAME = re.compile(r"\.(?:([a-z]{2}(?:-[a-z]+)+-\d)\.elb|elb\.([a-z]{2}(?:-[a-z]+)+-\d))\.amazonaws\.com$")
XMLNS = "https://route53.amazonaws.com/doc/2013-04-01/"

_LOCK = threading.Lock()
_UNREACHABLE = set()


def reset():
    with _LOCK:
        _UNREACHABLE.clear()


def unreachable():
    with _LOCK:
        return set(_UNREACHABLE)


def is_request(environ):
    path = environ.get("PATH_INFO", "")
    return path == CONTROL_PATH or path.rstrip("/") == DNS_PATH


def handle(environ, start_response):
    if environ.get("PATH_INFO") == CONTROL_PATH:
        return _control(environ, start_response)
    return _test_dns_answer(environ, start_response)


# ----------------------------------------------------------- fault control

def _control(environ, start_response):
    method = environ.get("REQUEST_METHOD")
    if method == "POST":
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
            regions = body["regions"]
            if not isinstance(regions, list) or not all(isinstance(r, str) and r for r in regions):
                raise ValueError("regions must be a list of region names")
        except (ValueError, KeyError, TypeError) as err:
            return _respond(start_response, "400 Bad Request", "application/json",
                            json.dumps({"message": f"want {{\"regions\": [...]}}: {err}"}))
        with _LOCK:
            _UNREACHABLE.clear()
            _UNREACHABLE.update(regions)
    elif method != "GET":
        return _respond(start_response, "405 Method Not Allowed", "application/json", json.dumps({"message": "GET or POST"}))
    return _respond(start_response, "200 OK", "application/json", json.dumps({"regions": sorted(unreachable())}))


def _respond(start_response, status, content_type, body):
    data = body.encode()
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]


# ------------------------------------------------------ what is reachable

def _elbv2_backends():
    from moto.elbv2.models import elbv2_backends
    for account in list(elbv2_backends.keys()):
        for region in list(elbv2_backends[account].keys()):
            yield region, elbv2_backends[account][region]


def _load_balancer_named(dns_name):
    """(region, load balancer) whose DNS name is dns_name, or (None, None)."""
    name = dns_name.rstrip(".").lower()
    if name.startswith("dualstack."):
        name = name[len("dualstack."):]
    for region, backend in _elbv2_backends():
        for lb in list(backend.load_balancers.values()):
            if lb.dns_name.lower() == name:
                return region, lb
    return None, None


def _load_balancer_addresses(lb):
    """The public addresses of a load balancer: its subnet mappings' Elastic IPs."""
    mappings = lb.__dict__.get("_subnet_mappings", {})
    ids = [m["AllocationId"] for m in mappings.values() if m.get("AllocationId")]
    if not ids:
        return []
    return sorted(eip.public_ip for eip in lb._ec2_backend.address_by_allocation(ids))


def _address_region(ip):
    from moto.ec2.models import ec2_backends
    for account in list(ec2_backends.keys()):
        for region in list(ec2_backends[account].keys()):
            for eip in list(ec2_backends[account][region].addresses):
                if eip.public_ip == ip:
                    return region
    return None


def _region_of_name(dns_name):
    """The region of an ELBv2 DNS name: its load balancer's, else the one
    the name's format carries (a deleted load balancer's), else None."""
    region, _ = _load_balancer_named(dns_name)
    if region is None:
        m = _ELB_NAME.search(dns_name.rstrip(".").lower())
        region = m and (m.group(1) or m.group(2))
    return region


def _target_region(hc):
    if hc.fqdn:
        return _region_of_name(hc.fqdn)
    if hc.ip_address:
        return _address_region(hc.ip_address)
    return None


def _route53_backend_with(health_check_id):
    from moto.route53.models import route53_backends
    for account in list(route53_backends.keys()):
        for partition in list(route53_backends[account].keys()):
            backend = route53_backends[account][partition]
            if health_check_id in backend.health_checks:
                return backend
    return None


def healthy(hc, backend=None, seen=()):
    """Whether Route 53 considers health check hc healthy now."""
    kind = (hc.type_ or "").upper()
    if hc.disabled:
        ok = True  # AWS: considered healthy; Inverted still applies
    elif kind == "CALCULATED":
        backend = backend or _route53_backend_with(hc.id)
        children = [backend.health_checks.get(c) for c in (hc.children or []) if c not in seen]
        up = sum(1 for c in children if c is not None and healthy(c, backend, seen + (hc.id,)))
        ok = up >= int(hc.health_threshold or 0)
    elif kind == "RECOVERY_CONTROL":
        ok = _routing_control_on(getattr(hc, "routing_control_arn", None))
    elif kind == "CLOUDWATCH_METRIC":
        ok = True
    else:
        ok = _target_region(hc) not in unreachable()
    return ok != bool(hc.inverted)


def _routing_control_on(arn):
    try:
        import arc
    except ImportError:
        return False
    return arc.routing_control_state(arn) == "On"


def observations(hc):
    """GetHealthCheckStatus's observations of hc, one per checker region."""
    from moto.core.utils import utcnow
    ok = healthy(hc)
    ip = hc.ip_address
    if not ip and hc.fqdn:
        _, lb = _load_balancer_named(hc.fqdn)
        ip = next(iter(_load_balancer_addresses(lb) if lb is not None else []), None)
    ip = ip or "192.0.2.1"
    if ok:
        status = f"Success: HTTP Status Code: 200. Resolved IP: {ip}. OK"
    elif (hc.type_ or "").upper() in ("TCP", "HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH"):
        status = f"Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall. Resolved IP: {ip}"
    else:
        status = "Failure: The health check is unhealthy."
    return [{"Region": r, "IPAddress": checker, "StatusReport": {"Status": status, "CheckedTime": utcnow()}}
            for r, checker in CHECKERS.items()]


# --------------------------------------------------------- TestDNSAnswer

def _test_dns_answer(environ, start_response):
    from moto.route53.models import route53_backends
    from moto.route53.exceptions import NoSuchHostedZone
    q = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    zone_id = (q.get("hostedzoneid") or [""])[0]
    name = (q.get("recordname") or [""])[0]
    rtype = (q.get("recordtype") or [""])[0].upper()
    if not zone_id or not name or not rtype:
        return _error(start_response, 400, "InvalidInput", "hostedzoneid, recordname and recordtype are required")
    zone = backend = None
    for account in list(route53_backends.keys()):
        for partition in list(route53_backends[account].keys()):
            b = route53_backends[account][partition]
            try:
                zone, backend = b.get_hosted_zone(zone_id), b
                break
            except NoSuchHostedZone:
                continue
        if zone:
            break
    if zone is None:
        return _error(start_response, 404, "NoSuchHostedZone", f"No hosted zone found with ID: {zone_id.replace('/hostedzone/', '')}")
    fqdn = name.rstrip(".").lower() + "."
    named = [r for r in zone.rrsets if r.name.rstrip(".").lower() + "." == fqdn]
    records = [r for r in named if (r.type or "").upper() == rtype]
    code = "NXDOMAIN" if not named else "NOERROR"
    data = _answer(records, backend)
    servers = getattr(zone.delegation_set, "name_servers", None) or ["ns-0.awsdns-00.com"]
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<TestDNSAnswerResponse xmlns="{XMLNS}">'
            f"<Nameserver>{escape(servers[0].rstrip('.'))}</Nameserver><RecordName>{escape(fqdn)}</RecordName>"
            f"<RecordType>{escape(rtype)}</RecordType><RecordData>"
            + "".join(f"<RecordDataEntry>{escape(d)}</RecordDataEntry>" for d in data)
            + f"</RecordData><ResponseCode>{code}</ResponseCode><Protocol>UDP</Protocol></TestDNSAnswerResponse>")
    return _respond(start_response, "200 OK", "text/xml", body)


def _answer(records, backend):
    """The values Route 53 answers for these records of one name and type."""
    failover = [r for r in records if r.failover]
    if failover:
        by_role = {(r.failover or "").upper(): r for r in failover}
        primary, secondary = by_role.get("PRIMARY"), by_role.get("SECONDARY")
        chosen = None
        if primary is not None and _record_healthy(primary, backend):
            chosen = primary
        elif secondary is not None and _record_healthy(secondary, backend):
            chosen = secondary
        else:
            chosen = primary or secondary  # all unhealthy: all are treated as healthy
        return _values(chosen)
    out = []
    for r in records:
        out.extend(_values(r))
    return out


def _record_healthy(record, backend):
    if record.health_check_id:
        hc = backend.health_checks.get(record.health_check_id)
        if hc is not None and not healthy(hc, backend):
            return False
    alias = record.alias_target or {}
    if alias and str(alias.get("EvaluateTargetHealth", "false")).lower() == "true":
        if _region_of_name(alias.get("DNSName", "")) in unreachable():
            return False
    return True


def _values(record):
    alias = record.alias_target or {}
    if alias:
        _, lb = _load_balancer_named(alias.get("DNSName", ""))
        return _load_balancer_addresses(lb) if lb is not None else []
    values = []
    for rr in record.records or []:
        values.append(rr["Value"] if isinstance(rr, dict) else str(rr))
    return values


def _error(start_response, status, code, message):
    body = (f'<?xml version="1.0"?>\n<ErrorResponse xmlns="{XMLNS}"><Error><Type>Sender</Type>'
            f"<Code>{code}</Code><Message>{escape(message)}</Message></Error><RequestId>0</RequestId></ErrorResponse>")
    reason = {400: "Bad Request", 404: "Not Found"}[status]
    return _respond(start_response, f"{status} {reason}", "text/xml", body)


def patch_status():
    """Makes GetHealthCheckStatus report what healthy() decides."""
    from moto.route53.responses import Route53
    from moto.core.responses import ActionResult
    from moto.route53.exceptions import InvalidInput

    def get_health_check_status(self):
        health_check_id = self._get_param("HealthCheckId")
        hc = self.backend.get_health_check(health_check_id)
        if (hc.type_ or "").upper() == "CALCULATED":
            # AWS: "You can't use GetHealthCheckStatus to get the status of a
            # calculated health check."
            raise InvalidInput("You can't use GetHealthCheckStatus to get the status of a calculated health check.")
        return ActionResult({"HealthCheckObservations": observations(hc)})

    Route53.get_health_check_status = get_health_check_status
