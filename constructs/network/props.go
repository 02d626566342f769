package network

// NatMode says how private subnets reach the internet.
type NatMode string

const (
	// NatNone gives private subnets no internet route (the default: traffic
	// to other regions and clients goes through the Transit Gateway).
	NatNone NatMode = "none"
	// NatSingle puts one NAT gateway in the first public subnet. Cheaper, but
	// losing that AZ cuts every private subnet's internet egress.
	NatSingle NatMode = "single"
	// NatPerAz puts a NAT gateway in each AZ's public subnet.
	NatPerAz NatMode = "per-az"
)

// Props configures a Network.
type Props struct {
	// Cidr is the VPC's IPv4 CIDR, /16 to /24, in canonical form. Required.
	Cidr string

	// Name prefixes every resource's Name tag.
	// Default: the construct id.
	Name string

	// AzCount is how many Availability Zones the subnets span: 2 or 3.
	// Default: 2.
	AzCount int

	// Region is the region of the stack the network is created in (its
	// provider's region). When set it must be an AWS region, and every
	// entry of AvailabilityZones must be one of its zones; the construct
	// cannot read it from the provider, which may hold a token.
	// Default: unchecked; pinned zones must still name zones of one region.
	Region string

	// AvailabilityZones pins the zone names (for example "us-east-1a"): a
	// region name and a zone letter. Local Zones and zone IDs
	// ("use1-az1") are refused. Its length must equal AzCount. Pinning is
	// recommended in production so a new zone in the region can never
	// reorder the subnets.
	// Default: the first AzCount zones the region reports as available.
	AvailabilityZones []string

	// PrivateSubnetBits is how many bits each private subnet adds to the VPC
	// prefix (2 on a /16 gives /18 subnets of 16,384 addresses).
	// Default: 2.
	PrivateSubnetBits int

	// PublicSubnetBits is the same for public subnets (load balancers, NAT).
	// Default: 5 (a /21 in a /16).
	PublicSubnetBits int

	// DatabaseSubnetBits is the same for database subnets.
	// Default: 5 (a /21 in a /16).
	DatabaseSubnetBits int

	// NatGateways selects none, one, or one NAT gateway per AZ.
	// Default: NatNone.
	NatGateways NatMode
}

const (
	defaultAzCount      = 2
	defaultPrivateBits  = 2
	defaultPublicBits   = 5
	defaultDatabaseBits = 5
)

// withDefaults resolves every zero value to its documented default.
func (p Props) withDefaults(id string) Props {
	if p.Name == "" {
		p.Name = id
	}
	if p.AzCount == 0 {
		p.AzCount = defaultAzCount
	}
	if p.PrivateSubnetBits == 0 {
		p.PrivateSubnetBits = defaultPrivateBits
	}
	if p.PublicSubnetBits == 0 {
		p.PublicSubnetBits = defaultPublicBits
	}
	if p.DatabaseSubnetBits == 0 {
		p.DatabaseSubnetBits = defaultDatabaseBits
	}
	if p.NatGateways == "" {
		p.NatGateways = NatNone
	}
	return p
}
