package clientdashboards

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"
	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	safeName     = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	attachmentID = regexp.MustCompile(`^tgw-attach-[0-9a-z]+$`)
	vpnID        = regexp.MustCompile(`^vpn-[0-9a-z]+$`)
	// logGroupName: CloudWatch Logs group names; a quote would break SOURCE.
	logGroupName = regexp.MustCompile(`^[A-Za-z0-9._/#-]{1,512}$`)
)

// maxMonitorName is Network Monitor's limit on monitor names.
const maxMonitorName = 200

// isToken reports whether s is an unresolved Terraform reference, which can
// only be checked at apply time.
func isToken(s string) bool { return strings.Contains(s, "${") }

func (p Props) validate(probs *validate.Problems) {
	awsrules.Region(probs, "Region", p.Region)
	if p.AccountId != "" {
		awsrules.AccountID(probs, "AccountId", p.AccountId)
	}
	if p.tgw() == "" {
		probs.Addf("TransitGatewayId", "is required")
	}
	checkLogGroup(probs, "TgwFlowLogGroup", p.TgwFlowLogGroup)
	checkLogGroup(probs, "VpcFlowLogGroup", p.VpcFlowLogGroup)
	if !safeName.MatchString(p.Name) {
		probs.Addf("Name", "%q must be letters, digits, - or _", p.Name)
	}
	p.validateProbes(probs)
	seen := map[string]int{}
	for i, c := range p.Clients {
		at := fmt.Sprintf("Clients[%d]", i)
		if j, dup := seen[c.Name]; dup {
			probs.Addf(at+".Name", "%q is already used by Clients[%d]", c.Name, j)
		} else {
			seen[c.Name] = i
		}
		p.validateClient(probs, at, c)
	}
}

func checkLogGroup(probs *validate.Problems, field, name string) {
	if name == "" {
		probs.Addf(field, "is required")
	} else if !logGroupName.MatchString(name) {
		probs.Addf(field, "%q is not a CloudWatch Logs group name", name)
	}
}

func (p Props) validateProbes(probs *validate.Problems) {
	switch p.ProbeProtocol {
	case "ICMP":
		if p.ProbePort != 0 {
			probs.Addf("ProbePort", "applies only to TCP probes; remove it or set ProbeProtocol: TCP")
		}
	case "TCP":
		if p.ProbePort < 1 || p.ProbePort > 65535 {
			probs.Addf("ProbePort", "must be 1-65535 for TCP probes, got %d", p.ProbePort)
		}
	default:
		probs.Addf("ProbeProtocol", `must be "ICMP" or "TCP", got %q`, p.ProbeProtocol)
	}
	if p.ProbePacketSize < 56 || p.ProbePacketSize > 8500 {
		probs.Addf("ProbePacketSize", "must be 56-8500 bytes, got %d", p.ProbePacketSize)
	}
	if p.ProbeAggregationSeconds != 30 && p.ProbeAggregationSeconds != 60 {
		probs.Addf("ProbeAggregationSeconds", "must be 30 or 60, got %d", p.ProbeAggregationSeconds)
	}
	if p.PeriodSeconds < 60 || p.PeriodSeconds%60 != 0 {
		probs.Addf("PeriodSeconds", "must be a positive multiple of 60, got %d", p.PeriodSeconds)
	}
	if p.hasProbes() && (p.ProbeSubnetId == nil || *p.ProbeSubnetId == "") {
		probs.Addf("ProbeSubnetId", "is required: clients have probe addresses")
	}
}

func (p Props) hasProbes() bool {
	for _, c := range p.Clients {
		if len(c.ProbeAddresses) > 0 {
			return true
		}
	}
	return false
}

func (p Props) validateClient(probs *validate.Problems, at string, c Client) {
	switch {
	case !safeName.MatchString(c.Name):
		probs.Addf(at+".Name", "%q must be letters, digits, - or _ (it ends the dashboard name)", c.Name)
	case len(p.dashboardName(c)) > dashboard.MaxDashboardNameChars:
		probs.Addf(at+".Name", "dashboard name %q is longer than %d characters", p.dashboardName(c), dashboard.MaxDashboardNameChars)
	case len(c.ProbeAddresses) > 0 && len(p.dashboardName(c)) > maxMonitorName:
		probs.Addf(at+".Name", "monitor name %q is longer than %d characters", p.dashboardName(c), maxMonitorName)
	}
	if c.attachment() == "" {
		probs.Addf(at+".AttachmentId", "is required")
	} else if !isToken(c.attachment()) && !attachmentID.MatchString(c.attachment()) {
		probs.Addf(at+".AttachmentId", "%q is not a Transit Gateway attachment ID (tgw-attach-...)", c.attachment())
	}
	if c.vpn() != "" && !isToken(c.vpn()) && !vpnID.MatchString(c.vpn()) {
		probs.Addf(at+".VpnConnectionId", "%q is not a VPN connection ID (vpn-...)", c.vpn())
	}
	if len(c.Cidrs) == 0 {
		probs.Addf(at+".Cidrs", "at least one network is required")
	}
	var nets []netip.Prefix
	for j, s := range c.Cidrs {
		pre, err := cidr.Parse(s)
		if err != nil {
			probs.Addf(fmt.Sprintf("%s.Cidrs[%d]", at, j), "%v", err)
			continue
		}
		nets = append(nets, pre)
	}
	seen := map[netip.Addr]bool{}
	for j, s := range c.ProbeAddresses {
		field := fmt.Sprintf("%s.ProbeAddresses[%d]", at, j)
		addr, err := netip.ParseAddr(s)
		if err != nil || !addr.Is4() {
			probs.Addf(field, "%q is not an IPv4 address", s)
			continue
		}
		if seen[addr] {
			probs.Addf(field, "%s is listed twice", addr)
		}
		seen[addr] = true
		if len(nets) > 0 && !inAny(addr, nets) {
			probs.Addf(field, "%s is not in the client's cidrs; the probe would not reach the client site", addr)
		}
	}
}

func inAny(a netip.Addr, nets []netip.Prefix) bool {
	for _, n := range nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

func (p Props) dashboardName(c Client) string { return p.Name + "-" + c.Name }
