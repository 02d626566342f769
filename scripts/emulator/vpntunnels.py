"""Per-tunnel options of Site-to-Site VPN connections for the emulator
(moto 5.2.1), applied in-process like patches.py. Test tooling only.

Gap: moto's VPN connection has no tunnels of its own. DescribeVpnConnections
returns no Options.TunnelOptions and no VgwTelemetry; its
CustomerGatewayConfiguration XML holds two identical <ipsec_tunnel> elements
(same outside address 52.2.144.13, same inside addresses, same pre-shared
key, customer gateway 12.1.2.3, ASN 7224); CreateVpnConnection ignores
Options.TunnelOptions; ModifyVpnTunnelOptions does not exist (the
query-protocol dispatcher finds no handler). Terraform's aws_vpn_connection
(provider 5.x) sends Options.TunnelOptions (two VpnTunnelOptionsSpecification,
tunnel1_* then tunnel2_*), reads tunnel1_*/tunnel2_* back from
Options.TunnelOptions by position and tunnel1_address/tunnel2_address, the
pre-shared keys and inside addresses from the XML (sorted by outside address
when no tunnel1 key or CIDR is configured), and changes a tunnel with
ModifyVpnTunnelOptions(VpnConnectionId, VpnTunnelOutsideIpAddress,
TunnelOptions). So tunnel1_log_options/tunnel2_log_options drift and cannot
be changed.

What AWS does, and so this module (botocore ec2 2016-11-15 model: TunnelOption,
VpnTunnelOptionsSpecification, ModifyVpnTunnelOptionsSpecification,
CloudWatchLogOptions; Site-to-Site VPN User Guide, "Tunnel options" and
"Site-to-Site VPN logs"):
  * every VPN has two tunnels, each with its own outside IP address (listed
    in TunnelOptions and VgwTelemetry and in the XML, tunnel 1 first and, as
    AWS's addresses usually do, sorting first), its own inside /30 in
    169.254.0.0/16 and its own pre-shared key (the XML carries both, with the
    customer gateway's address and ASN and the gateway's Amazon-side ASN);
  * each TunnelOption returns OutsideIpAddress, TunnelInsideCidr,
    PreSharedKey, LogOptions.CloudWatchLogOptions (LogEnabled false unless
    asked; LogGroupArn and LogOutputFormat, json by default, when enabled),
    EnableTunnelLifecycleControl, and any other option the request set;
  * CreateVpnConnection takes at most two TunnelOptions; the documented
    constraints are refused with InvalidParameterValue: an inside CIDR not a
    /30 of 169.254.0.0/16 or one of the reserved /30s (or the same for both
    tunnels, or one already used on the same virtual private gateway), an
    inside IPv6 CIDR not a /126 of fd00::/8, a
    pre-shared key not 8-64 of [A-Za-z0-9._] or starting with 0, a log
    output format other than json/text, logging enabled without a log
    group ARN, a malformed log group ARN, and out-of-range lifetimes, DPD,
    rekey, replay-window, startup-action, algorithm, DH-group and IKE values;
  * ModifyVpnTunnelOptions changes the named tunnel's options and returns the
    connection: an unknown connection is InvalidVpnConnectionID.NotFound, a
    deleted one IncorrectState, an address that is none of its tunnels'
    InvalidParameterValue, no TunnelOptions MissingParameter.
Not modelled: the tunnel replacement and the "modifying" state AWS goes
through (the connection stays available), whether the log group exists
(AWS's own check of it is not documented), BGP logs, IPv6 inside CIDRs'
generation (a requested one is kept).

Call patch() once before the server handles requests (it is idempotent).
"""
import datetime
import ipaddress
import re
import string
import threading

_APPLIED = False
_LOCK = threading.Lock()

_RESERVED_INSIDE = {"169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30",
                    "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30"}
_PSK = re.compile(r"^[A-Za-z0-9._]{8,64}$")
_LOG_GROUP_ARN = re.compile(r"^arn:aws[a-z-]*:logs:[a-z0-9-]+:[0-9]{12}:log-group:[A-Za-z0-9._/#-]{1,512}(:\*)?$")
_LOG_FORMATS = ("json", "text")

# Allowed values of the list options (VpnTunnelOptionsSpecification docs).
_LISTS = {
    "Phase1EncryptionAlgorithms": ("AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"),
    "Phase2EncryptionAlgorithms": ("AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"),
    "Phase1IntegrityAlgorithms": ("SHA1", "SHA2-256", "SHA2-384", "SHA2-512"),
    "Phase2IntegrityAlgorithms": ("SHA1", "SHA2-256", "SHA2-384", "SHA2-512"),
    "Phase1DHGroupNumbers": (2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24),
    "Phase2DHGroupNumbers": (2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24),
    "IKEVersions": ("ikev1", "ikev2"),
}
# Request name -> response name where they differ (the model spells them
# differently in TunnelOption).
_RESPONSE_NAME = {"IKEVersions": "IkeVersions", "DPDTimeoutSeconds": "DpdTimeoutSeconds",
                  "DPDTimeoutAction": "DpdTimeoutAction"}
_RANGES = {
    "Phase1LifetimeSeconds": (900, 28800),
    "Phase2LifetimeSeconds": (900, 3600),
    "RekeyMarginTimeSeconds": (60, 1800),
    "RekeyFuzzPercentage": (0, 100),
    "ReplayWindowSize": (64, 2048),
    "DPDTimeoutSeconds": (30, None),
}
_CHOICES = {"DPDTimeoutAction": ("clear", "none", "restart"), "StartupAction": ("add", "start")}


def _invalid(message):
    from moto.ec2.exceptions import InvalidParameterValue
    return InvalidParameterValue(message)


def _error(code, message):
    from moto.ec2.exceptions import EC2ClientError
    return EC2ClientError(code, message)


def _bool(value):
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _check_inside_cidr(cidr):
    try:
        net = ipaddress.ip_network(cidr)
    except ValueError:
        raise _invalid(f"The tunnel inside CIDR {cidr} is not a valid CIDR block.")
    if (net.version != 4 or net.prefixlen != 30 or str(net) != cidr
            or not net.subnet_of(ipaddress.ip_network("169.254.0.0/16"))):
        raise _invalid(f"The tunnel inside CIDR {cidr} must be a /30 CIDR block from the 169.254.0.0/16 range.")
    if cidr in _RESERVED_INSIDE:
        raise _invalid(f"The tunnel inside CIDR {cidr} is reserved and cannot be used.")


def _check_inside_ipv6_cidr(cidr):
    try:
        net = ipaddress.ip_network(cidr)
    except ValueError:
        raise _invalid(f"The tunnel inside IPv6 CIDR {cidr} is not a valid CIDR block.")
    if net.version != 6 or net.prefixlen != 126 or not net.subnet_of(ipaddress.ip_network("fd00::/8")):
        raise _invalid(f"The tunnel inside IPv6 CIDR {cidr} must be a /126 CIDR block from the fd00::/8 range.")


def _check_log_options(spec):
    cw = (spec or {}).get("CloudWatchLogOptions") or {}
    fmt = cw.get("LogOutputFormat")
    if fmt is not None and fmt not in _LOG_FORMATS:
        raise _invalid(f"Invalid LogOutputFormat {fmt}: valid values are json, text.")
    arn = cw.get("LogGroupArn")
    if arn is not None and not _LOG_GROUP_ARN.match(arn):
        raise _invalid(f"Invalid CloudWatch log group ARN: {arn}")


def _check_spec(spec):
    """Refuses what AWS documents as invalid in one tunnel's options."""
    if spec.get("TunnelInsideCidr") is not None:
        _check_inside_cidr(spec["TunnelInsideCidr"])
    if spec.get("TunnelInsideIpv6Cidr") is not None:
        _check_inside_ipv6_cidr(spec["TunnelInsideIpv6Cidr"])
    psk = spec.get("PreSharedKey")
    if psk is not None and (not _PSK.match(psk) or psk.startswith("0")):
        raise _invalid("The pre-shared key must be 8-64 characters of letters, digits, periods and "
                       "underscores, and cannot start with zero (0).")
    for key, (low, high) in _RANGES.items():
        if spec.get(key) is not None:
            value = int(spec[key])
            if value < low or (high is not None and value > high):
                bound = f"between {low} and {high}" if high is not None else f"at least {low}"
                raise _invalid(f"{key} must be {bound}, got {value}.")
    p1, p2 = spec.get("Phase1LifetimeSeconds"), spec.get("Phase2LifetimeSeconds")
    if p1 is not None and p2 is not None and int(p2) >= int(p1):
        raise _invalid("Phase2LifetimeSeconds must be less than Phase1LifetimeSeconds.")
    margin = spec.get("RekeyMarginTimeSeconds")
    if margin is not None and int(margin) > int(p2 if p2 is not None else 3600) // 2:
        raise _invalid("RekeyMarginTimeSeconds must be at most half of Phase2LifetimeSeconds.")
    for key, allowed in _CHOICES.items():
        if spec.get(key) is not None and spec[key] not in allowed:
            raise _invalid(f"Invalid {key} {spec[key]}: valid values are {', '.join(allowed)}.")
    for key, allowed in _LISTS.items():
        for item in spec.get(key) or []:
            value = item.get("Value") if isinstance(item, dict) else item
            if isinstance(allowed[0], int):
                value = int(value)
            if value not in allowed:
                raise _invalid(f"Invalid {key} value {value}.")
    if "LogOptions" in spec:
        _check_log_options(spec["LogOptions"])


def _log_options(spec, current=None):
    """The CloudWatchLogOptions AWS stores for a request (current: the
    tunnel's, for a modify): the ARN and format only while enabled."""
    cw = dict(((current or {}).get("CloudWatchLogOptions") or {}))
    cw.update(((spec or {}).get("CloudWatchLogOptions") or {}))
    enabled = _bool(cw.get("LogEnabled", False))
    if not enabled:
        return {"CloudWatchLogOptions": {"LogEnabled": False}}
    if not cw.get("LogGroupArn"):
        raise _invalid("LogGroupArn is required when LogEnabled is true.")
    return {"CloudWatchLogOptions": {"LogEnabled": True, "LogGroupArn": cw["LogGroupArn"],
                                     "LogOutputFormat": cw.get("LogOutputFormat") or "json"}}


def _apply_spec(tunnel, spec):
    """Copies a validated specification onto a stored TunnelOption."""
    for key, value in spec.items():
        if key == "LogOptions":
            tunnel["LogOptions"] = _log_options(value, tunnel.get("LogOptions"))
        elif key in _LISTS:
            tunnel[_RESPONSE_NAME.get(key, key)] = [
                {"Value": int(v["Value"]) if isinstance(_LISTS[key][0], int) else v["Value"]} for v in value or []]
        elif key in _RANGES:
            tunnel[_RESPONSE_NAME.get(key, key)] = int(value)
        elif key == "EnableTunnelLifecycleControl":
            tunnel[key] = _bool(value)
        elif key in ("TunnelInsideCidr", "TunnelInsideIpv6Cidr", "PreSharedKey") or key in _CHOICES:
            tunnel[_RESPONSE_NAME.get(key, key)] = value


def _random():
    from moto.moto_api._internal import mock_random
    return mock_random


def _new_psk():
    rnd = _random()
    letters = string.ascii_letters + string.digits + "._"
    return rnd.choice(string.ascii_letters) + "".join(rnd.choice(letters) for _ in range(31))


def _new_inside_cidr(taken):
    rnd = _random()
    while True:
        cidr = f"169.254.{rnd.randint(6, 255)}.{rnd.randint(0, 63) * 4}/30"
        if cidr not in _RESERVED_INSIDE and cidr not in taken:
            return cidr


def _new_outside_ips(taken):
    """Two fresh public addresses, the first sorting first as strings (the
    provider orders the XML's tunnels by address)."""
    rnd = _random()
    ips = set()
    while len(ips) < 2:
        ip = f"52.{rnd.randint(0, 95)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"
        if ip not in taken:
            ips.add(ip)
    return sorted(ips)


def _used_outside_ips(backend):
    return {t["OutsideIpAddress"] for v in backend.vpn_connections.values()
            for t in getattr(v, "tunnel_options", None) or []}


def _check_unique_on_gateway(backend, vpn_gateway_id, cidrs, own=None):
    """AWS: specified inside CIDRs must be unique across the VPN connections
    of one virtual private gateway."""
    if not vpn_gateway_id:
        return
    for v in backend.vpn_connections.values():
        if v is own or v.vpn_gateway_id != vpn_gateway_id or v.state == "deleted":
            continue
        for t in getattr(v, "tunnel_options", None) or []:
            if t.get("TunnelInsideCidr") in cidrs:
                raise _invalid(f"The tunnel inside CIDR {t['TunnelInsideCidr']} is already in use "
                               f"by a VPN connection of {vpn_gateway_id}.")


def _specs_of(options):
    specs = list((options or {}).get("TunnelOptions") or [])
    if len(specs) > 2:
        raise _invalid("A VPN connection has two tunnels: at most 2 TunnelOptions are accepted.")
    specs = [dict(s or {}) for s in specs] + [{} for _ in range(2 - len(specs))]
    for spec in specs:
        _check_spec(spec)
        if "LogOptions" in spec:
            _log_options(spec["LogOptions"])
    given = [s["TunnelInsideCidr"] for s in specs if s.get("TunnelInsideCidr")]
    if len(given) == 2 and given[0] == given[1]:
        raise _invalid("The two tunnels of a VPN connection cannot use the same inside CIDR.")
    return specs


def _make_tunnels(backend, vpn, specs):
    ips = _new_outside_ips(_used_outside_ips(backend))
    tunnels = []
    for ip, spec in zip(ips, specs):
        tunnel = {"OutsideIpAddress": ip, "LogOptions": {"CloudWatchLogOptions": {"LogEnabled": False}},
                  "EnableTunnelLifecycleControl": False}
        _apply_spec(tunnel, spec)
        tunnel.setdefault("TunnelInsideCidr", _new_inside_cidr(
            {t.get("TunnelInsideCidr") for t in tunnels} | {s.get("TunnelInsideCidr") for s in specs}))
        tunnel.setdefault("PreSharedKey", _new_psk())
        tunnels.append(tunnel)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    vpn.tunnel_options = tunnels
    vpn.vgw_telemetry = [{"OutsideIpAddress": t["OutsideIpAddress"], "Status": "DOWN", "StatusMessage": "",
                          "AcceptedRouteCount": 0, "LastStatusChange": now} for t in tunnels]
    if vpn.options is None:
        vpn.options = {}
    vpn.options["TunnelOptions"] = tunnels


def _amazon_asn(backend, vpn):
    if vpn.transit_gateway_id and vpn.transit_gateway_id in backend.transit_gateways:
        asn = (backend.transit_gateways[vpn.transit_gateway_id].options or {}).get("AmazonSideAsn")
        if asn:
            return asn
    if vpn.vpn_gateway_id:
        gateway = backend.vpn_gateways.get(vpn.vpn_gateway_id)
        if gateway is not None and gateway.amazon_side_asn:
            return gateway.amazon_side_asn
    return 64512


def _tunnel_xml(tunnel, cgw_ip, cgw_asn, amazon_asn):
    net = ipaddress.ip_network(tunnel["TunnelInsideCidr"])
    vgw_inside, cgw_inside = net[1], net[2]
    return f"""\
          <ipsec_tunnel>
            <customer_gateway>
            <tunnel_outside_address>
              <ip_address>{cgw_ip}</ip_address>
            </tunnel_outside_address>
            <tunnel_inside_address>
              <ip_address>{cgw_inside}</ip_address>
              <network_mask>255.255.255.252</network_mask>
              <network_cidr>30</network_cidr>
            </tunnel_inside_address>
            <bgp>
              <asn>{cgw_asn}</asn>
              <hold_time>30</hold_time>
            </bgp>
            </customer_gateway>
            <vpn_gateway>
            <tunnel_outside_address>
              <ip_address>{tunnel["OutsideIpAddress"]}</ip_address>
            </tunnel_outside_address>
            <tunnel_inside_address>
              <ip_address>{vgw_inside}</ip_address>
              <network_mask>255.255.255.252</network_mask>
              <network_cidr>30</network_cidr>
            </tunnel_inside_address>
            <bgp>
              <asn>{amazon_asn}</asn>
              <hold_time>30</hold_time>
            </bgp>
            </vpn_gateway>
            <ike>
            <authentication_protocol>sha1</authentication_protocol>
            <encryption_protocol>aes-128-cbc</encryption_protocol>
            <lifetime>28800</lifetime>
            <perfect_forward_secrecy>group2</perfect_forward_secrecy>
            <mode>main</mode>
            <pre_shared_key>{tunnel["PreSharedKey"]}</pre_shared_key>
            </ike>
            <ipsec>
            <protocol>esp</protocol>
            <authentication_protocol>hmac-sha1-96</authentication_protocol>
            <encryption_protocol>aes-128-cbc</encryption_protocol>
            <lifetime>3600</lifetime>
            <perfect_forward_secrecy>group2</perfect_forward_secrecy>
            <mode>tunnel</mode>
            <clear_df_bit>true</clear_df_bit>
            <fragmentation_before_encryption>true</fragmentation_before_encryption>
            <tcp_mss_adjustment>1387</tcp_mss_adjustment>
            <dead_peer_detection>
              <interval>10</interval>
              <retries>3</retries>
            </dead_peer_detection>
            </ipsec>
          </ipsec_tunnel>
"""


def patch():
    global _APPLIED
    with _LOCK:
        if _APPLIED:
            return
        _APPLIED = True
    from moto.core.responses import ActionResult
    from moto.ec2.exceptions import InvalidVpnConnectionIdError, MissingParameterError
    from moto.ec2.models.vpn_connections import VPNConnection
    from moto.ec2.responses.vpn_connections import VPNConnections

    original_xml = VPNConnection.customer_gateway_configuration

    def customer_gateway_configuration(self):
        tunnels = getattr(self, "tunnel_options", None)
        if not tunnels:
            return original_xml.fget(self)
        backend = self.ec2_backend
        cgw = backend.customer_gateways.get(self.customer_gateway_id)
        cgw_ip = cgw.ip_address if cgw is not None else ""
        cgw_asn = cgw.bgp_asn if cgw is not None else ""
        amazon_asn = _amazon_asn(backend, self)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<vpn_connection id="{self.id}">\n'
                f"  <customer_gateway_id>{self.customer_gateway_id}</customer_gateway_id>\n"
                f"  <vpn_gateway_id>{self.vpn_gateway_id or ''}</vpn_gateway_id>\n"
                f"  <vpn_connection_type>{self.type}</vpn_connection_type>\n"
                + "".join(_tunnel_xml(t, cgw_ip, cgw_asn, amazon_asn) for t in tunnels)
                + "</vpn_connection>\n")

    VPNConnection.customer_gateway_configuration = property(customer_gateway_configuration)

    original_create = VPNConnections.create_vpn_connection

    def create_vpn_connection(self):
        # Validated before anything is created: a refused request leaves no
        # connection (nor attachment) behind.
        specs = _specs_of(self._get_param("Options"))
        _check_unique_on_gateway(self.ec2_backend, self._get_param("VpnGatewayId"),
                                 {s["TunnelInsideCidr"] for s in specs if s.get("TunnelInsideCidr")})
        result = original_create(self)
        _make_tunnels(self.ec2_backend, result.result["VpnConnection"], specs)
        return result

    def modify_vpn_tunnel_options(self):
        vpn_id = self._get_param("VpnConnectionId")
        address = self._get_param("VpnTunnelOutsideIpAddress")
        spec = self._get_param("TunnelOptions")
        if not vpn_id:
            raise MissingParameterError("VpnConnectionId")
        if not address:
            raise MissingParameterError("VpnTunnelOutsideIpAddress")
        if spec is None:
            raise MissingParameterError("TunnelOptions")
        vpn = self.ec2_backend.vpn_connections.get(vpn_id)
        if vpn is None:
            raise InvalidVpnConnectionIdError(vpn_id)
        if vpn.state == "deleted":
            raise _error("IncorrectState", f"The VPN connection {vpn_id} is in the deleted state.")
        tunnels = getattr(vpn, "tunnel_options", None) or []
        tunnel = next((t for t in tunnels if t["OutsideIpAddress"] == address), None)
        if tunnel is None:
            raise _invalid(f"The VPN tunnel outside IP address {address} does not belong to {vpn_id}.")
        spec = dict(spec)
        _check_spec(spec)
        cidr = spec.get("TunnelInsideCidr")
        if cidr and any(t is not tunnel and t.get("TunnelInsideCidr") == cidr for t in tunnels):
            raise _invalid("The two tunnels of a VPN connection cannot use the same inside CIDR.")
        if cidr:
            _check_unique_on_gateway(self.ec2_backend, vpn.vpn_gateway_id, {cidr}, own=vpn)
        if "LogOptions" in spec:
            _log_options(spec["LogOptions"], tunnel.get("LogOptions"))  # refuses before any change
        _apply_spec(tunnel, spec)
        return ActionResult({"VpnConnection": vpn})

    VPNConnections.create_vpn_connection = create_vpn_connection
    VPNConnections.modify_vpn_tunnel_options = modify_vpn_tunnel_options
