package stacks

// Config is the reference app's configuration. The zero value of every
// optional field means its documented default; Load applies them.
type Config struct {
	// App names the application; it prefixes resource names. Required:
	// lowercase letters, digits and hyphens, 2-20 characters.
	App string `yaml:"app"`
	// Environment is a free label (for example "prod"), added as a tag. Required.
	Environment string `yaml:"environment"`
	// ActiveRegion is the region that serves traffic and holds the writable
	// database. Changing it is how failover and failback are performed.
	// Default: the region whose role is primary.
	ActiveRegion string `yaml:"activeRegion"`
	// Regions lists every region, one stack each. Exactly one is primary.
	Regions []Region `yaml:"regions"`
	// Global configures the global stack (Route 53, Global Accelerator,
	// cross-region dashboards).
	Global Global `yaml:"global"`
	// DNS names the hosted zone and the failover record.
	DNS DNS `yaml:"dns"`
	// Tags are added to every resource through the providers' default tags.
	Tags map[string]string `yaml:"tags"`
	// Backend says where Terraform state lives. Default: local files.
	Backend Backend `yaml:"backend"`

	// Clients are the client sites connected by Site-to-Site VPN to a
	// region's Transit Gateway (config_clients.go).
	Clients []Client `yaml:"clients"`
	// ClientSummaries are the pools client networks come from: the VPC
	// route tables route each pool, not each client network, to the
	// Transit Gateway (see tgwpeering.Props.ClientSummaries). Needed past
	// a few dozen client networks (AWS: 50 routes per route table by
	// default). Default: one VPC route per client network.
	ClientSummaries []string `yaml:"clientSummaries"`
	// LoadBalancer configures the regional NLBs (config_loadbalancer.go).
	LoadBalancer LoadBalancer `yaml:"loadBalancer"`
	// GlobalAccelerator configures the optional accelerator (config_loadbalancer.go).
	GlobalAccelerator GlobalAccelerator `yaml:"globalAccelerator"`
	// Database configures the replicated PostgreSQL (config_database.go).
	Database Database `yaml:"database"`
	// Observability configures flow logs, dashboards and alarms
	// (config_observability.go).
	Observability Observability `yaml:"observability"`
}

// Region is one region of the app.
type Region struct {
	// Name is the AWS region, for example "us-east-1". Required.
	Name string `yaml:"name"`
	// Role is "primary" or "secondary". Required.
	Role string `yaml:"role"`
	// Cidr is the region's VPC CIDR; no two regions may overlap. Required.
	Cidr string `yaml:"cidr"`
	// AzCount is 2 or 3. Default: 2.
	AzCount int `yaml:"azCount"`
	// AvailabilityZones pins zone names. Default: the first AzCount available.
	AvailabilityZones []string `yaml:"availabilityZones"`
	// NatGateways is "none", "single" or "per-az". Default: "none".
	NatGateways string `yaml:"natGateways"`
	// TransitGatewayAsn is the Amazon-side BGP ASN of the region's Transit
	// Gateway. Default: 64512 plus the region's index.
	TransitGatewayAsn int `yaml:"transitGatewayAsn"`
	// Endpoint overrides the AWS API endpoint for this region's provider
	// (the local emulator). Default: the real AWS endpoints.
	Endpoint string `yaml:"endpoint"`
}

// Global configures the global stack.
type Global struct {
	// Region is the global stack's provider region. Default: "us-east-1"
	// (Route 53 health-check metrics live there).
	Region string `yaml:"region"`
	// Endpoint overrides the AWS API endpoint. Default: the real endpoints.
	Endpoint string `yaml:"endpoint"`
}

// Backend says where each stack keeps its Terraform state.
type Backend struct {
	// Type is "local" or "s3". Default: "local".
	Type string `yaml:"type"`
	// Path is the directory for local state files, relative to the working
	// directory of the app. Default: "state".
	Path string `yaml:"path"`
	// Bucket is the S3 bucket (type s3). Keep it outside every app region,
	// so no region's outage takes the state of the others with it.
	Bucket string `yaml:"bucket"`
	// KeyPrefix prefixes each stack's state key (type s3). Default: the app name.
	KeyPrefix string `yaml:"keyPrefix"`
	// Region is the bucket's region (type s3).
	Region string `yaml:"region"`
	// Locking is "lockfile" (S3-native, Terraform 1.10+), "dynamodb" or "none".
	// Default: "lockfile".
	Locking string `yaml:"locking"`
	// DynamoDBTable is the lock table when Locking is "dynamodb".
	DynamoDBTable string `yaml:"dynamodbTable"`
	// KmsKeyID encrypts state objects with a customer key. Default: SSE-S3.
	KmsKeyID string `yaml:"kmsKeyId"`
	// Endpoint overrides the S3 endpoint (the local emulator). Default: AWS.
	Endpoint string `yaml:"endpoint"`
}

// Role values.
const (
	RolePrimary   = "primary"
	RoleSecondary = "secondary"
)

// PrimaryRegion returns the region whose role is primary.
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

// applyDefaults resolves every zero value to its documented default.
func (c *Config) applyDefaults() {
	if c.ActiveRegion == "" {
		if p := c.PrimaryRegion(); p != nil {
			c.ActiveRegion = p.Name
		}
	}
	for i := range c.Regions {
		r := &c.Regions[i]
		if r.AzCount == 0 {
			r.AzCount = 2
		}
		if r.NatGateways == "" {
			r.NatGateways = "none"
		}
	}
	if c.Global.Region == "" {
		c.Global.Region = "us-east-1"
	}
	c.applyFeatureDefaults()
	b := &c.Backend
	if b.Type == "" {
		b.Type = "local"
	}
	if b.Type == "local" && b.Path == "" {
		b.Path = "state"
	}
	if b.Type == "s3" {
		if b.KeyPrefix == "" {
			b.KeyPrefix = c.App
		}
		if b.Locking == "" {
			b.Locking = "lockfile"
		}
	}
}

// applyFeatureDefaults applies each feature section's defaults.
func (c *Config) applyFeatureDefaults() {
	c.applyLoadBalancerDefaults()
	c.applyDatabaseDefaults()
	c.applyObservabilityDefaults()
}
