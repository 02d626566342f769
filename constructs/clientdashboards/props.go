package clientdashboards

// Client is one client connection to the region's Transit Gateway.
type Client struct {
	// Name identifies the client; it ends the dashboard and monitor names.
	// Letters, digits, - and _. Required; unique.
	Name string

	// AttachmentId is the client's Transit Gateway attachment (for a VPN
	// client, the VPN connection's transit_gateway_attachment_id). A
	// Terraform reference is fine. Required.
	AttachmentId *string

	// VpnConnectionId adds VPN tunnel state and data widgets.
	// Default: nil, not a VPN client (no tunnel widgets).
	VpnConnectionId *string

	// Cidrs are the client's IPv4 networks; the rejected-traffic widget
	// filters on them. Required.
	Cidrs []string

	// ProbeAddresses are client-site IPv4 addresses, inside Cidrs, that
	// CloudWatch Network Monitor probes for round-trip time and loss.
	// Default: no probes and no latency widgets.
	ProbeAddresses []string
}

// Props configures the client dashboards of one region.
type Props struct {
	// Region is the region of the Transit Gateway and of every widget. Required.
	Region string

	// TransitGatewayId is the region's Transit Gateway (a Terraform
	// reference is fine). Required.
	TransitGatewayId *string

	// VpcFlowLogGroup and TgwFlowLogGroup are the flow log groups the log
	// widgets query (see package flowlogs). Required.
	VpcFlowLogGroup string
	TgwFlowLogGroup string

	// Clients get one dashboard each, in the order given. Default: none.
	Clients []Client

	// Name starts every dashboard and monitor name: <Name>-<client>.
	// Default: the construct id.
	Name string

	// ProbeSubnetId is the VPC subnet probes are sent from; its route table
	// must reach the clients through the Transit Gateway. Required when a
	// client has probe addresses.
	ProbeSubnetId *string

	// ProbeProtocol is "ICMP" or "TCP". Default: "ICMP".
	ProbeProtocol string

	// ProbePort is the destination port of TCP probes, 1-65535.
	// Default: none (ICMP).
	ProbePort int

	// ProbePacketSize is the probe packet size in bytes, 56-8500.
	// Default: 56.
	ProbePacketSize int

	// ProbeAggregationSeconds is how often probe metrics are published, 30
	// or 60. Default: 60.
	ProbeAggregationSeconds int

	// PeriodSeconds is the period of every metric widget. Default: 300.
	PeriodSeconds int

	// AccountId is the 12-digit AWS account the stack deploys into; the probes' source subnet ARN names it.
	// Default: looked up with data.aws_caller_identity (STS, in the stack's
	// own region).
	AccountId string
}

const (
	defaultProbeProtocol    = "ICMP"
	defaultProbePacketSize  = 56
	defaultProbeAggregation = 60
	defaultPeriod           = 300
)

// withDefaults resolves every zero value to its documented default.
func (p Props) withDefaults(id string) Props {
	if p.Name == "" {
		p.Name = id
	}
	if p.ProbeProtocol == "" {
		p.ProbeProtocol = defaultProbeProtocol
	}
	if p.ProbePacketSize == 0 {
		p.ProbePacketSize = defaultProbePacketSize
	}
	if p.ProbeAggregationSeconds == 0 {
		p.ProbeAggregationSeconds = defaultProbeAggregation
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = defaultPeriod
	}
	return p
}

// The IDs as the widgets write them ("" when unset).
func (p Props) tgw() string         { return deref(p.TransitGatewayId) }
func (c Client) attachment() string { return deref(c.AttachmentId) }
func (c Client) vpn() string        { return deref(c.VpnConnectionId) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
