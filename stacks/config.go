package stacks

// Config is the typed spec of a multi-region app: which regions, which
// parts. New composes it; Parse and LoadFile fill it from YAML. Every part
// beyond the network and the Transit Gateway mesh is optional (a nil
// section builds nothing), and every zero value means the default of the
// construct that field feeds, documented on the field.
type Config struct {
	// App names the application; it prefixes resource names. Required:
	// lowercase letters, digits and hyphens, 2-20 characters.
	App string `yaml:"app"`
	// Environment is a free label (for example "prod"), added as a tag. Required.
	Environment string `yaml:"environment"`
	// AccountId is the 12-digit AWS account every stack deploys to. Given
	// explicitly so that no stack's provider looks the account up (through
	// IAM, whose API is served from us-east-1) and peerings name their peer
	// account. Required.
	AccountId string `yaml:"accountId"`
	// ActiveRegion is the region that serves traffic and holds the writable
	// database. Changing it is how failover and failback are performed.
	// Default: the region whose role is primary.
	ActiveRegion string `yaml:"activeRegion"`
	// Regions lists every region, one stack each. Exactly one is primary.
	Regions []Region `yaml:"regions"`
	// Endpoint overrides every AWS API endpoint of every stack (a local
	// emulator such as moto). Default: the real AWS endpoints.
	Endpoint string `yaml:"endpoint"`
	// Global configures the global stack (Route 53, Global Accelerator,
	// cross-region dashboards).
	Global Global `yaml:"global"`
	// Tags are added to every resource through the providers' default tags,
	// next to app, environment and managed-by. Default: none.
	Tags map[string]string `yaml:"tags"`
	// Backend says where Terraform state lives. Default: local files.
	Backend Backend `yaml:"backend"`

	// Clients are the client sites connected by Site-to-Site VPN to a
	// region's Transit Gateway (config_clients.go). Default: none.
	Clients []Client `yaml:"clients"`
	// ClientSummaries are the pools client networks come from: the VPC
	// route tables route each pool, not each client network, to the
	// Transit Gateway (see tgwpeering.Props.ClientSummaries). Needed past
	// a few dozen client networks (AWS: 50 routes per route table by
	// default). Default: one VPC route per client network.
	ClientSummaries []string `yaml:"clientSummaries"`
	// TunnelLogRetentionDays is how long each region's VPN tunnel log group
	// keeps the client VPNs' tunnel logs: a retention CloudWatch Logs
	// accepts, or 0 to keep them forever
	// (tgwpeering.Props.TunnelLogRetentionDays). Default: 30.
	TunnelLogRetentionDays *int `yaml:"tunnelLogRetentionDays"`
	// DisableTunnelLogs turns the client VPNs' tunnel logs off
	// (tgwpeering.Props.DisableTunnelLogs). Default: false, both tunnels of
	// every client VPN log to a KMS-encrypted log group in its region.
	DisableTunnelLogs bool `yaml:"disableTunnelLogs"`
	// LoadBalancer adds an NLB on static IPs in every region
	// (config_loadbalancer.go). Default: nil, no load balancers.
	LoadBalancer *LoadBalancer `yaml:"loadBalancer"`
	// DNS adds Route 53 health checks and failover records in front of the
	// load balancers; needs LoadBalancer. Default: nil, no records.
	DNS *DNS `yaml:"dns"`
	// GlobalAccelerator adds an accelerator in front of the load balancers;
	// needs LoadBalancer. Default: off.
	GlobalAccelerator GlobalAccelerator `yaml:"globalAccelerator"`
	// Database adds the replicated PostgreSQL (config_database.go).
	// Default: nil, no database.
	Database *Database `yaml:"database"`
	// GlobalDatabase adds an Aurora PostgreSQL global database instead
	// (config_globaldatabase.go).
	GlobalDatabase *GlobalDatabase `yaml:"globalDatabase"`
	// Observability adds flow logs, client dashboards, alarms and the
	// overview (config_observability.go). Default: nil, none of them.
	Observability *Observability `yaml:"observability"`
}

// Region is one region of the app.
type Region struct {
	// Name is the AWS region, for example "eu-central-1". Required.
	Name string `yaml:"name"`
	// Role is RolePrimary or RoleSecondary. Required.
	Role string `yaml:"role"`
	// Cidr is the region's VPC CIDR; no two regions may overlap. Required.
	Cidr string `yaml:"cidr"`
	// AzCount is how many availability zones the network spans.
	// Default: network.Props.AzCount's.
	AzCount int `yaml:"azCount"`
	// AvailabilityZones pins zone names. Default: the first AzCount available.
	AvailabilityZones []string `yaml:"availabilityZones"`
	// NatGateways is "none", "single" or "per-az". Default: "none".
	NatGateways string `yaml:"natGateways"`
	// TransitGatewayAsn is the Amazon-side BGP ASN of the region's Transit
	// Gateway. Default: tgwpeering.DefaultAsnBase plus the region's index.
	TransitGatewayAsn int `yaml:"transitGatewayAsn"`
	// Endpoint overrides the AWS API endpoint for this region's provider.
	// Default: Config.Endpoint.
	Endpoint string `yaml:"endpoint"`
}

// Global configures the global stack.
type Global struct {
	// Region is the global stack's provider region. Default: us-east-1,
	// where Route 53 health-check metrics live (its alarms watch them).
	Region string `yaml:"region"`
	// Endpoint overrides the AWS API endpoint. Default: Config.Endpoint.
	Endpoint string `yaml:"endpoint"`
}

// Role values.
const (
	RolePrimary   = "primary"
	RoleSecondary = "secondary"
)

// PrimaryRegion returns the region whose role is primary, or nil.
func (c *Config) PrimaryRegion() *Region {
	for i := range c.Regions {
		if c.Regions[i].Role == RolePrimary {
			return &c.Regions[i]
		}
	}
	return nil
}

// RegionNamed returns the region called name, or nil.
func (c *Config) RegionNamed(name string) *Region {
	for i := range c.Regions {
		if c.Regions[i].Name == name {
			return &c.Regions[i]
		}
	}
	return nil
}

// withDefaults resolves the composition's own defaults; every other zero
// value is passed to the construct it feeds, which resolves it.
func (c Config) withDefaults() Config {
	if c.ActiveRegion == "" {
		if p := c.PrimaryRegion(); p != nil {
			c.ActiveRegion = p.Name
		}
	}
	c.Regions = append([]Region(nil), c.Regions...)
	for i := range c.Regions {
		if c.Regions[i].Endpoint == "" {
			c.Regions[i].Endpoint = c.Endpoint
		}
	}
	if c.Global.Region == "" {
		c.Global.Region = defaultGlobalRegion
	}
	if c.Global.Endpoint == "" {
		c.Global.Endpoint = c.Endpoint
	}
	c.Backend = c.Backend.withDefaults(c.App)
	if c.GlobalAccelerator.Name == "" {
		c.GlobalAccelerator.Name = c.App
	}
	if c.DNS != nil && c.DNS.RoutingControl.Name == "" {
		dns := *c.DNS
		dns.RoutingControl.Name = c.App
		c.DNS = &dns
	}
	return c
}
