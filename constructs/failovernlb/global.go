package failovernlb

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/globalacceleratoraccelerator"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/globalacceleratorendpointgroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/globalacceleratorlistener"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53healthcheck"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53record"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route53zone"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Global is the global part: Route 53 failover and the optional accelerator.
type Global struct {
	// Construct is the scope holding the resources.
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props GlobalProps

	// ZoneId is the hosted zone's ID (given or created).
	ZoneId *string
	// NameServers are the new zone's name servers to delegate to; nil when
	// an existing zone was given.
	NameServers *[]*string
	// RecordFqdn is the failover record's name clients use.
	RecordFqdn *string
	// PrimaryRegion and SecondaryRegion hold the PRIMARY and SECONDARY
	// records; other regions have none.
	PrimaryRegion, SecondaryRegion string
	// HealthCheckIds maps each region to its Route 53 health check ID.
	HealthCheckIds map[string]*string

	// ClusterArn is the ARC cluster's ARN (given or created), nil unless
	// Props.RoutingControl.Enabled. ClusterEndpoints is the created
	// cluster's list of {endpoint, region}: nil when none was created.
	ClusterArn, ClusterEndpoints *string
	// RoutingControlArns and RoutingControlHealthCheckIds map each region to
	// its routing control and the RECOVERY_CONTROL health check its failover
	// record follows (empty unless Props.RoutingControl.Enabled).
	RoutingControlArns, RoutingControlHealthCheckIds map[string]*string

	// Accelerator is nil unless Props.Accelerator.Enabled.
	Accelerator globalacceleratoraccelerator.GlobalacceleratorAccelerator
	// AcceleratorDnsName and AcceleratorIps are the accelerator's DNS name
	// and its two static anycast IPv4 addresses (nil without accelerator).
	AcceleratorDnsName *string
	AcceleratorIps     *[]*string
	// TrafficDials maps each region to its endpoint group's traffic dial
	// (empty without accelerator).
	TrafficDials map[string]int

	// Timing is the expected failover time for these settings.
	Timing Timing
}

// NewGlobal validates props and creates the global part under scope. The
// endpoints' balancers may live in other stacks: cdktf turns the
// references into cross-stack outputs and remote-state reads.
func NewGlobal(scope constructs.Construct, id string, props GlobalProps) (*Global, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	checkSamePorts(props.Endpoints, probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	g := &Global{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props,
		HealthCheckIds: map[string]*string{}, TrafficDials: map[string]int{},
		RoutingControlArns: map[string]*string{}, RoutingControlHealthCheckIds: map[string]*string{}}
	g.addZone()
	g.addHealthChecks()
	if props.RoutingControl.Enabled {
		g.addRoutingControls()
	}
	g.addRecords()
	if props.Accelerator.Enabled {
		g.addAccelerator()
	}
	g.Timing = ComputeTiming(props, g.primary().Balancer.Props.HealthCheck)
	return g, nil
}

func (g *Global) primary() Endpoint {
	for _, e := range g.Props.Endpoints {
		if e.Role == RolePrimary {
			return e
		}
	}
	panic("validated props have a primary") // unreachable after validate
}

// secondary is the first endpoint with role SECONDARY: Route 53 accepts one
// SECONDARY record per name.
func (g *Global) secondary() Endpoint {
	for _, e := range g.Props.Endpoints {
		if e.Role == RoleSecondary {
			return e
		}
	}
	panic("validated props have a secondary")
}

func (g *Global) addZone() {
	if g.Props.ZoneId != "" {
		g.ZoneId = jsii.String(g.Props.ZoneId)
		return
	}
	zone := route53zone.NewRoute53Zone(g.Construct, jsii.String("zone"), &route53zone.Route53ZoneConfig{
		Name:    jsii.String(strings.TrimSuffix(g.Props.ZoneName, ".")),
		Comment: jsii.String("multiregion failover zone"),
	})
	g.ZoneId, g.NameServers = zone.ZoneId(), zone.NameServers()
}

// addHealthChecks creates one TCP health check per region against the
// NLB's first listener port. Route 53 checks from the internet, so it tests
// the whole public path (EIPs, NLB, a target accepting connections).
func (g *Global) addHealthChecks() {
	p := g.Props
	for _, e := range p.Endpoints {
		hc := route53healthcheck.NewRoute53HealthCheck(g.Construct, jsii.String("health-check-"+e.Region), &route53healthcheck.Route53HealthCheckConfig{
			Type:             jsii.String("TCP"),
			Fqdn:             e.Balancer.DnsName,
			Port:             jsii.Number(float64(e.Balancer.Props.Ports[0])),
			RequestInterval:  jsii.Number(float64(p.HealthCheckIntervalSeconds)),
			FailureThreshold: jsii.Number(float64(p.HealthCheckFailureThreshold)),
			Tags:             nameTag(p.RecordName + "-" + e.Region),
		})
		g.HealthCheckIds[e.Region] = hc.Id()
	}
}

// addRecords creates the failover pair. Construct IDs and set identifiers
// follow the role, not the region: flipping the active region is then an
// in-place update of both records (never two PRIMARY records at once, never
// a delete-and-create gap).
func (g *Global) addRecords() {
	name := g.Props.RecordName + "." + strings.TrimSuffix(g.Props.ZoneName, ".")
	for _, pair := range []struct {
		role Role
		e    Endpoint
	}{{RolePrimary, g.primary()}, {RoleSecondary, g.secondary()}} {
		lower := strings.ToLower(string(pair.role))
		rec := route53record.NewRoute53Record(g.Construct, jsii.String("record-"+lower), &route53record.Route53RecordConfig{
			ZoneId:                g.ZoneId,
			Name:                  jsii.String(name),
			Type:                  jsii.String("A"),
			SetIdentifier:         jsii.String(lower),
			FailoverRoutingPolicy: &route53record.Route53RecordFailoverRoutingPolicy{Type: jsii.String(string(pair.role))},
			HealthCheckId:         g.recordHealthCheck(pair.e.Region),
			// Alias records carry no TTL: resolvers use the NLB record's 60 s.
			Alias: &route53record.Route53RecordAlias{
				Name:                 pair.e.Balancer.DnsName,
				ZoneId:               pair.e.Balancer.ZoneId,
				EvaluateTargetHealth: true,
			},
		})
		if pair.role == RolePrimary {
			g.RecordFqdn = rec.Fqdn()
		}
	}
	g.PrimaryRegion, g.SecondaryRegion = g.primary().Region, g.secondary().Region
}

// addAccelerator creates the accelerator, one TCP listener on the
// balancers' ports and an endpoint group per region: the primary's dial at
// 100, the others at 0 (GA still fails over to them when the primary has
// no healthy endpoint: failover ignores the dial).
//
// No health-check path, protocol, port, interval or threshold is set on the
// endpoint groups: for NLB endpoints GA uses the target group's own health
// checks and ignores these fields, so setting them would only mislead.
func (g *Global) addAccelerator() {
	a := g.Props.Accelerator
	conf := &globalacceleratoraccelerator.GlobalacceleratorAcceleratorConfig{
		Name:          jsii.String(a.Name),
		IpAddressType: jsii.String("IPV4"),
		Enabled:       true,
		Tags:          nameTag(a.Name),
	}
	if a.FlowLogs {
		logs := newLogBucket(g.Construct, g.Props.AccountId, strings.ToLower(truncateName(a.Name, 30))+"-ga-", a.FlowLogsPrefix, nameTag(a.Name+"-flow-logs"))
		conf.Attributes = &globalacceleratoraccelerator.GlobalacceleratorAcceleratorAttributes{
			FlowLogsEnabled: true, FlowLogsS3Bucket: logs.Name, FlowLogsS3Prefix: jsii.String(a.FlowLogsPrefix),
		}
		// GA checks it may write to the bucket when flow logs are enabled.
		conf.DependsOn = &[]cdktf.ITerraformDependable{logs.Policy}
	}
	acc := globalacceleratoraccelerator.NewGlobalacceleratorAccelerator(g.Construct, jsii.String("accelerator"), conf)
	g.Accelerator, g.AcceleratorDnsName = acc, acc.DnsName()
	g.AcceleratorIps = acc.IpSets().Get(jsii.Number(0)).IpAddresses()

	var ranges []*globalacceleratorlistener.GlobalacceleratorListenerPortRange
	for _, port := range g.primary().Balancer.Props.Ports {
		ranges = append(ranges, &globalacceleratorlistener.GlobalacceleratorListenerPortRange{
			FromPort: jsii.Number(float64(port)), ToPort: jsii.Number(float64(port)),
		})
	}
	listener := globalacceleratorlistener.NewGlobalacceleratorListener(g.Construct, jsii.String("accelerator-listener"), &globalacceleratorlistener.GlobalacceleratorListenerConfig{
		AcceleratorArn: acc.Id(),
		Protocol:       jsii.String("TCP"),
		ClientAffinity: jsii.String("NONE"),
		PortRange:      ranges,
	})
	for _, e := range g.Props.Endpoints {
		dial := 0
		if e.Role == RolePrimary {
			dial = 100
		}
		g.TrafficDials[e.Region] = dial
		globalacceleratorendpointgroup.NewGlobalacceleratorEndpointGroup(g.Construct, jsii.String("endpoint-group-"+e.Region), &globalacceleratorendpointgroup.GlobalacceleratorEndpointGroupConfig{
			ListenerArn:           listener.Id(),
			EndpointGroupRegion:   jsii.String(e.Region),
			TrafficDialPercentage: jsii.Number(float64(dial)),
			EndpointConfiguration: []*globalacceleratorendpointgroup.GlobalacceleratorEndpointGroupEndpointConfiguration{{
				EndpointId:                  e.Balancer.Arn,
				Weight:                      jsii.Number(100),
				ClientIpPreservationEnabled: !a.DisableClientIPPreservation,
			}},
		})
	}
}

// checkSamePorts requires every region's balancer to listen on the same
// ports: one accelerator listener and one health-check port serve them all.
func checkSamePorts(endpoints []Endpoint, probs *validate.Problems) {
	var first []int
	for i, e := range endpoints {
		if e.Balancer == nil {
			continue
		}
		if first == nil {
			first = e.Balancer.Props.Ports
			continue
		}
		if !slices.Equal(first, e.Balancer.Props.Ports) {
			probs.Addf(fmt.Sprintf("Endpoints[%d].Balancer", i), "listens on %v but the first endpoint on %v; every region must use the same ports", e.Balancer.Props.Ports, first)
		}
	}
}

func truncateName(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
