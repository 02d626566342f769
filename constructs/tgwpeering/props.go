package tgwpeering

import (
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
)

// Props configures a Mesh.
type Props struct {
	// Regions lists the regions to connect, one hub each. For each pair,
	// the region listed later requests the peering and the earlier one
	// accepts it. Required: at least one.
	Regions []Region

	// AccountId is the 12-digit AWS account that owns every Transit
	// Gateway of the mesh. Each peering attachment names it as its peer
	// account (peer_account_id): without it the AWS provider sends the
	// account it looked up at start, and none when the provider is
	// configured with skip_requesting_account_id (so that a region's
	// deploy never calls IAM, whose control plane is in us-east-1); the
	// accepter then fails. Required.
	AccountId string

	// PairStack returns the stack for the peering between requester and
	// accepter (called once per pair, requester listed later in Regions):
	// a stack of its own, not a region's, with an AWS provider for each
	// side's region. stacks.PeeringStacks makes one. The stack holds the
	// attachment, its acceptance, and the associations and routes through
	// it on both sides, so one deploy builds the whole peering. Required
	// with two regions or more.
	PairStack func(requester, accepter string) (PairStack, error)

	// Clients are the client sites connected by Site-to-Site VPN.
	// Default: no clients.
	Clients []Client

	// ClientSummaries are the pools client networks are allocated from.
	// When set, each VPC's private route tables send one route per summary
	// to the Transit Gateway instead of one per client network, and every
	// client network must lie inside a summary. A VPC route table holds 50
	// routes by default and 1,000 at most, so past a few dozen client
	// networks list their pools here. The Transit Gateway route tables
	// still route each client network to its own VPN (they hold 10,000).
	// Default: none, one VPC route per client network.
	ClientSummaries []string

	// Name prefixes every Name tag.
	// Default: the construct id.
	Name string

	// ClientsReachEachOther lets client sites route to each other through
	// the Transit Gateways.
	// Default: false, each client reaches the app VPCs only.
	ClientsReachEachOther bool

	// TunnelLogRetentionDays is how long each hub's VPN tunnel log group
	// (TunnelLogGroupName) keeps events: one of the values CloudWatch Logs
	// accepts (1, 3, 5, 7, 14, 30, 60, 90, ...), or an explicit 0 to keep
	// them forever. Not used with DisableTunnelLogs.
	// Default: 30 (as the flow logs).
	TunnelLogRetentionDays *int

	// DisableTunnelLogs turns the Site-to-Site VPN tunnel logs off.
	// Default: false: in each region with clients, both tunnels of every
	// client VPN log (json) to one log group, TunnelLogGroupName(Name),
	// encrypted with a customer managed KMS key of the hub's own.
	DisableTunnelLogs bool
}

// TunnelLogGroupName is the name of the VPN tunnel log group of every hub
// with clients of the mesh called name (Props.Name): the same in each
// region, as log groups are regional.
func TunnelLogGroupName(name string) string { return "/multiregion/" + name + "/vpn-tunnel-logs" }

// Region is one region of the mesh.
type Region struct {
	// Name is the AWS region, for example "us-east-1". Required.
	Name string

	// Stack is the region's stack. It must hold a single AWS provider, for
	// this region, and a backend (the peerings' stacks read the hub's IDs
	// from its state). Required.
	Stack cdktf.TerraformStack

	// Network is the region's VPC; the Transit Gateway attaches to its
	// private subnets and its private route tables get the mesh routes.
	// Required.
	Network *network.Network

	// AmazonSideAsn is the Transit Gateway's BGP ASN, in 64512-65534 or
	// 4200000000-4294967294, unique in the mesh.
	// Default: 64512 plus the region's index in Regions.
	AmazonSideAsn int
}

// Client is one client site connected by Site-to-Site VPN to the Transit
// Gateway of one region.
type Client struct {
	// Name identifies the client: 1-63 lowercase letters, digits and
	// hyphens, unique. Required.
	Name string

	// Region is the name of the region whose Transit Gateway the client
	// connects to. Required.
	Region string

	// CustomerGatewayIP is the public IPv4 address of the client's VPN
	// device. Required.
	CustomerGatewayIP string

	// BgpAsn is the client's BGP ASN (1-4294967294, not reserved by AWS,
	// unique in the mesh). With BGP the client's advertised routes are
	// propagated into the local route tables.
	// Default: 0, static routing: the TGW routes Cidrs to the VPN.
	BgpAsn int

	// Cidrs are the client's on-premises networks; they must not overlap
	// any region or any other client. Required: at least one.
	Cidrs []string

	// Accelerated makes the client's VPN an accelerated Site-to-Site VPN:
	// its tunnels enter AWS at the nearest Global Accelerator edge location
	// instead of the region's public endpoints. AWS cannot change this on a
	// connection: turning it on or off replaces the VPN (new tunnel
	// addresses and pre-shared keys; the client reconfigures its device).
	// Billed extra per hour and per GB.
	// Default: false.
	Accelerated bool
}

// DefaultAsnBase is the first default Amazon-side ASN: region i gets
// DefaultAsnBase + i.
const DefaultAsnBase = 64512

// DefaultTunnelLogRetentionDays is the default TunnelLogRetentionDays.
const DefaultTunnelLogRetentionDays = 30

// TunnelLogFormat is the output format of the VPN tunnel logs: json, so
// Logs Insights discovers the fields.
const TunnelLogFormat = "json"

// tunnelLogKeyDeletionWindowDays is the tunnel log key's waiting period
// before deletion once removed (the longest AWS allows, as the other log
// keys here).
const tunnelLogKeyDeletionWindowDays = 30

// staticCustomerGatewayAsn is what AWS itself proposes for a customer
// gateway that does not speak BGP; the value is never used on the wire.
const staticCustomerGatewayAsn = 65000

// withDefaults resolves every zero value to its documented default.
func (p Props) withDefaults(id string) Props {
	if p.Name == "" {
		p.Name = id
	}
	regions := make([]Region, len(p.Regions))
	for i, r := range p.Regions {
		if r.AmazonSideAsn == 0 {
			r.AmazonSideAsn = DefaultAsnBase + i
		}
		regions[i] = r
	}
	p.Regions = regions
	if p.TunnelLogRetentionDays == nil {
		p.TunnelLogRetentionDays = new(DefaultTunnelLogRetentionDays)
	}
	return p
}
