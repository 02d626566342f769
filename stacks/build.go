package stacks

import (
	"errors"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/clientdashboards"
	"github.com/multiregion-iac/multiregion/constructs/failovernlb"
	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/monitoring"
	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
)

// GlobalStackName is the ID of the stack holding global resources.
const GlobalStackName = "global"

// Deployment is the composed reference architecture.
type Deployment struct {
	Config  *Config
	Regions []*RegionStack // in config order
	Global  *GlobalStack
}

// RegionStack is one region's stack and what was built in it.
type RegionStack struct {
	Stack    cdktf.TerraformStack
	Provider provider.AwsProvider
	Region   Region
	Network  *network.Network
	// Hub is the region's Transit Gateway hub (mesh.go).
	Hub *tgwpeering.Hub
	// LoadBalancer is the region's NLB entry point (loadbalancers.go).
	LoadBalancer *failovernlb.Regional
	// Database is the region's PostgreSQL instance (database.go).
	Database *replicatedpostgres.Postgres
	// FlowLogs, ClientDashboards (nil without clients) and Monitoring are
	// the region's observability (observability.go).
	FlowLogs         *flowlogs.FlowLogs
	ClientDashboards *clientdashboards.ClientDashboards
	Monitoring       *monitoring.Monitoring
}

// GlobalStack holds Route 53, Global Accelerator and cross-region dashboards.
type GlobalStack struct {
	Stack    cdktf.TerraformStack
	Provider provider.AwsProvider
	// Failover is the Route 53 failover and Global Accelerator (loadbalancers.go).
	Failover *failovernlb.Global
	// Monitoring holds the Route 53 alarms and the overview (observability.go).
	Monitoring *monitoring.Monitoring
}

// step adds one part of the design across the deployment's stacks.
type step func(d *Deployment) error

// Build composes the whole design from cfg into app: one stack per region,
// then the global stack. cfg must come from Load or Parse (defaults
// applied, validated). Construct errors from every region are collected and
// returned together before anything is synthesized.
func Build(app constructs.Construct, cfg *Config) (*Deployment, error) {
	d := &Deployment{Config: cfg}
	var errs []error
	for _, r := range cfg.Regions {
		rs, err := newRegionStack(app, cfg, r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.Regions = append(d.Regions, rs)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	d.Global = newGlobalStack(app, cfg)
	// Each step adds one part of the design across the stacks, in
	// dependency order; each lives in its own file.
	for _, s := range []step{addMesh, addLoadBalancers, addDatabase, addObservability, addRegionOutputs} {
		if err := s(d); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d, nil
}

func newRegionStack(app constructs.Construct, cfg *Config, r Region) (*RegionStack, error) {
	stack := cdktf.NewTerraformStack(app, jsii.String(r.Name))
	rs := &RegionStack{Stack: stack, Region: r}
	rs.Provider = newProvider(stack, cfg, r.Name, r.Endpoint)
	addBackend(stack, cfg.Backend, r.Name)
	net, err := network.New(stack, "network", network.Props{
		Name:              cfg.App + "-" + r.Name,
		Cidr:              r.Cidr,
		AzCount:           r.AzCount,
		AvailabilityZones: r.AvailabilityZones,
		NatGateways:       network.NatMode(r.NatGateways),
	})
	if err != nil {
		return nil, err
	}
	rs.Network = net
	return rs, nil
}

func newGlobalStack(app constructs.Construct, cfg *Config) *GlobalStack {
	stack := cdktf.NewTerraformStack(app, jsii.String(GlobalStackName))
	g := &GlobalStack{Stack: stack}
	g.Provider = newProvider(stack, cfg, cfg.Global.Region, cfg.Global.Endpoint)
	addBackend(stack, cfg.Backend, GlobalStackName)
	return g
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

// StackNames lists the stacks Build creates, in deploy order: the regions as
// configured, then the global stack.
func StackNames(cfg *Config) []string {
	names := make([]string, 0, len(cfg.Regions)+1)
	for _, r := range cfg.Regions {
		names = append(names, r.Name)
	}
	return append(names, GlobalStackName)
}
