package stacks

import (
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/auroraglobal"
	"github.com/multiregion-iac/multiregion/constructs/clientdashboards"
	"github.com/multiregion-iac/multiregion/constructs/failovernlb"
	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/monitoring"
	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// GlobalStackName is the ID of the stack holding global resources.
const GlobalStackName = "global"

// defaultGlobalRegion is where the global stack lives: Route 53's
// health-check metrics exist only there.
const defaultGlobalRegion = monitoring.Route53MetricsRegion

// Deployment is a composed app: its stacks and every construct in them.
type Deployment struct {
	// Config is the spec with the composition's defaults resolved (each
	// construct's resolved Props are on the construct).
	Config  Config
	Regions []*RegionStack // in Config.Regions order
	// Global is nil when no part needs the global stack.
	Global *GlobalStack
	// IAM holds the roles the region stacks use (identity.go); nil when no
	// part needs one.
	IAM *IAMStack
	// Mesh is the Transit Gateway mesh: a hub in each region stack
	// (RegionStack.Hub) and each peering in its own stack.
	Mesh *tgwpeering.Mesh
}

// RegionStack is one region's stack and what was built in it. Add your
// own resources to Stack; every part is nil when the Config leaves it out.
type RegionStack struct {
	Stack    cdktf.TerraformStack
	Provider provider.AwsProvider
	Region   Region
	Network  *network.Network
	// Hub is the region's Transit Gateway hub in the mesh.
	Hub *tgwpeering.Hub
	// LoadBalancer is the region's NLB entry point.
	LoadBalancer *failovernlb.Regional
	// Database is the region's PostgreSQL instance (Config.Database).
	Database *replicatedpostgres.Postgres
	// GlobalDatabase is the region's Aurora member cluster, and
	// GlobalCluster the global cluster in the primary region's stack
	// (Config.GlobalDatabase).
	GlobalDatabase *auroraglobal.Cluster
	GlobalCluster  *auroraglobal.Global
	// FlowLogs, ClientDashboards (nil without clients) and Monitoring are
	// the region's observability.
	FlowLogs         *flowlogs.FlowLogs
	ClientDashboards *clientdashboards.ClientDashboards
	Monitoring       *monitoring.Monitoring

	index int // in Config.Regions
}

// GlobalStack holds Route 53, Global Accelerator and cross-region dashboards.
type GlobalStack struct {
	Stack    cdktf.TerraformStack
	Provider provider.AwsProvider
	// Failover is the Route 53 failover and Global Accelerator.
	Failover *failovernlb.Global
	// Monitoring holds the Route 53 alarms and the overview.
	Monitoring *monitoring.Monitoring
}

// step adds one part of the design across the deployment's stacks; it
// reports construct problems through ps and skips what cannot be built.
type step func(d *Deployment, ps *problems)

// New composes cfg into app: one stack per region (named after the
// region), then the global stack when a part needs it. Every problem — the
// composition's rules and every construct's — is returned at once as an
// *Error naming Config fields, before anything is synthesized.
func New(app constructs.Construct, cfg Config) (*Deployment, error) {
	cfg = cfg.withDefaults()
	ps := &problems{}
	probs := validate.New("")
	cfg.validate(probs)
	ps.spec(probs.Err())
	d := &Deployment{Config: cfg}
	built := map[string]bool{}
	for i, r := range cfg.Regions {
		if built[r.Name] {
			continue // a duplicate name, reported by validate; a stack ID is unique
		}
		built[r.Name] = true
		if rs := newRegionStack(app, &cfg, i, r, ps); rs != nil {
			d.Regions = append(d.Regions, rs)
		}
	}
	if len(d.Regions) != len(cfg.Regions) || ps.blocksParts() {
		// The parts need every region's stack, and names, regions and
		// roles they can trust. A region whose network failed only skips
		// the parts built on it, so their own problems still show.
		return nil, ps.err()
	}
	addIAM(app, d, ps)
	if cfg.needsGlobalStack() {
		d.Global = newGlobalStack(app, &cfg, ps)
	}
	// Each step adds one part across the stacks, in dependency order.
	// A region's monitoring comes before its database, whose ReplicaLag
	// alarm (the database's own) notifies the region's topic.
	for _, s := range []step{addMesh, addLoadBalancers, addObservability, addDatabase, addGlobalDatabase, addOverview, addRegionOutputs} {
		s(d, ps)
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return d, nil
}

func (c *Config) needsGlobalStack() bool {
	return c.LoadBalancer != nil && (c.DNS != nil || c.GlobalAccelerator.Enabled) || c.Observability != nil
}

// stackProps is the provider and backend setup every stack shares.
func (c *Config) stackProps(region, endpoint string) StackProps {
	tags := map[string]string{"app": c.App, "environment": c.Environment, "managed-by": "multiregion"}
	for k, v := range c.Tags {
		tags[k] = v
	}
	return StackProps{Region: region, AccountId: c.AccountId, Tags: tags, Endpoint: endpoint, Backend: c.Backend}
}

// stackFields maps StackProps fields back to the Config.
func stackFields(region, endpoint string) fieldMap {
	return fieldMap{"Region": region, "AccountId": "AccountId", "Tags": "Tags", "Endpoint": endpoint, "Backend": "Backend"}
}

func newRegionStack(app constructs.Construct, cfg *Config, i int, r Region, ps *problems) *RegionStack {
	at := regionPath(i)
	s := compositionStack(app, r.Name, cfg.stackProps(r.Name, r.Endpoint), ps, stackFields(at+".Name", at+".Endpoint"))
	if s == nil {
		return nil
	}
	rs := &RegionStack{Stack: s.Stack, Provider: s.Provider, Region: r, index: i}
	net, err := network.New(s.Stack, "network", network.Props{
		Name:              cfg.App + "-" + r.Name,
		Region:            r.Name,
		Cidr:              r.Cidr,
		AzCount:           r.AzCount,
		AvailabilityZones: r.AvailabilityZones,
		NatGateways:       network.NatMode(r.NatGateways),
	})
	if err != nil {
		// The subnet sizes are the construct's; the region's CIDR is what a
		// user changes when they do not fit.
		ps.construct(err, fieldMap{"Name": "App", "Region": at + ".Name", "Cidr": at + ".Cidr", "AzCount": at + ".AzCount",
			"AvailabilityZones": at + ".AvailabilityZones", "NatGateways": at + ".NatGateways",
			"PublicSubnetBits": at + ".Cidr", "PrivateSubnetBits": at + ".Cidr", "DatabaseSubnetBits": at + ".Cidr"})
		return rs // without a network: the parts that need it are skipped
	}
	rs.Network = net
	return rs
}

func newGlobalStack(app constructs.Construct, cfg *Config, ps *problems) *GlobalStack {
	s := compositionStack(app, GlobalStackName, cfg.stackProps(cfg.Global.Region, cfg.Global.Endpoint), ps, stackFields("Global.Region", "Global.Endpoint"))
	if s == nil {
		return nil
	}
	return &GlobalStack{Stack: s.Stack, Provider: s.Provider}
}

func regionPath(i int) string { return "Regions[" + strconv.Itoa(i) + "]" }

// allNetworks reports whether every region's network was built.
func (d *Deployment) allNetworks() bool {
	for _, rs := range d.Regions {
		if rs.Network == nil {
			return false
		}
	}
	return true
}

// Region returns the stack of the named region, or nil.
func (d *Deployment) Region(name string) *RegionStack {
	for _, r := range d.Regions {
		if r.Region.Name == name {
			return r
		}
	}
	return nil
}

// Primary returns the primary region's stack.
func (d *Deployment) Primary() *RegionStack { return d.Region(d.Config.PrimaryRegion().Name) }

// StackNames lists the stacks New creates from cfg, in deploy order: the
// iam stack when there is one, the active region then the others as
// configured, each peering's
// stack (for each region, its pairs with the regions before it), then the
// global stack when there is one.
func StackNames(cfg Config) []string {
	names := make([]string, 0, len(cfg.Regions)*(len(cfg.Regions)+1)/2+2)
	if cfg.needsIAMStack() {
		names = append(names, IAMStackName)
	}
	// the active region first: the other regions' replicas (and backups
	// replication) follow its stack
	cfg = cfg.withDefaults()
	for _, r := range cfg.Regions {
		if r.Name == cfg.ActiveRegion {
			names = append(names, r.Name)
		}
	}
	for _, r := range cfg.Regions {
		if r.Name != cfg.ActiveRegion {
			names = append(names, r.Name)
		}
	}
	for j, r := range cfg.Regions {
		for _, peer := range cfg.Regions[:j] {
			names = append(names, PeeringStackName(r.Name, peer.Name))
		}
	}
	if cfg.needsGlobalStack() {
		names = append(names, GlobalStackName)
	}
	return names
}
