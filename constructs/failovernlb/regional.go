package failovernlb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/eip"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lb"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lblistener"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/lbtargetgroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securitygroup"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Regional is one region's entry point: EIPs, NLB, target group, listeners.
type Regional struct {
	// Construct is the scope holding the resources (a named field, not
	// embedded: jsii cannot use a Go struct embedding a construct as a scope).
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props Props

	LoadBalancer lb.Lb
	// Arn, DnsName and ZoneId identify the NLB (alias records use the last two).
	Arn     *string
	DnsName *string
	ZoneId  *string
	// ArnSuffix is the NLB's CloudWatch "LoadBalancer" dimension value.
	ArnSuffix *string
	// EipAddresses are the static public IPs, one per subnet, in subnet order.
	EipAddresses []*string
	// SecurityGroupId is the NLB's security group; reference it from the
	// targets' security groups instead of opening them to the internet.
	SecurityGroupId *string

	TargetGroup lbtargetgroup.LbTargetGroup
	// TargetGroupArn is where the app registers its targets (type ip).
	TargetGroupArn *string
	// TargetGroupArnSuffix is the CloudWatch "TargetGroup" dimension value.
	TargetGroupArnSuffix *string
	// Listeners has one listener per port, in Props.Ports order.
	Listeners []lblistener.LbListener
	// AccessLogsBucket is the access log bucket's name, nil without access logs.
	AccessLogsBucket *string
}

// New validates props and creates the regional part under scope. Every
// problem is reported together, prefixed with the construct path, before
// any resource is created.
func New(scope constructs.Construct, id string, props Props) (*Regional, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	r := &Regional{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props}
	mappings := r.addEips()
	sg := r.addSecurityGroup()
	r.addTargetGroup() // first: the NLB depends on it
	r.addLoadBalancer(mappings, sg)
	r.addListeners()
	return r, nil
}

// addEips allocates one EIP per subnet. Subnet mappings cannot change on a
// live NLB (any change replaces it), so the EIPs are separate resources:
// they survive an NLB replacement and clients' allow-lists stay valid.
func (r *Regional) addEips() []*lb.LbSubnetMapping {
	var mappings []*lb.LbSubnetMapping
	for i, subnet := range r.Props.PublicSubnetIds {
		ip := eip.NewEip(r.Construct, jsii.String(fmt.Sprintf("eip-%d", i)), &eip.EipConfig{
			Domain: jsii.String("vpc"),
			Tags:   nameTag(fmt.Sprintf("%s-%d", r.Props.Name, i)),
		})
		r.EipAddresses = append(r.EipAddresses, ip.PublicIp())
		mappings = append(mappings, &lb.LbSubnetMapping{SubnetId: subnet, AllocationId: ip.AllocationId()})
	}
	return mappings
}

// addSecurityGroup creates the NLB's security group. An NLB created
// without security groups can never get one, and Global Accelerator
// preserves client IPs only for NLBs with security groups: so one is
// always attached at creation, and its rules change freely afterwards.
func (r *Regional) addSecurityGroup() securitygroup.SecurityGroup {
	p := r.Props
	var ingress []*securitygroup.SecurityGroupIngress
	for _, port := range p.Ports {
		ingress = append(ingress, sgRule(fmt.Sprintf("listener %d", port), port, p.AllowedCidrs))
	}
	egress := []*securitygroup.SecurityGroupEgress{sgEgress("targets", p.TargetPort, p.VpcCidr)}
	if hc := p.HealthCheck.Port; hc != 0 && hc != p.TargetPort {
		egress = append(egress, sgEgress("health checks", hc, p.VpcCidr))
	}
	sg := securitygroup.NewSecurityGroup(r.Construct, jsii.String("sg"), &securitygroup.SecurityGroupConfig{
		NamePrefix:  jsii.String(p.Name + "-nlb-"),
		Description: jsii.String("NLB " + p.Name + ": listeners from allowed CIDRs, targets in the VPC"),
		VpcId:       p.VpcId,
		Ingress:     ingress,
		Egress:      egress,
		Tags:        nameTag(p.Name + "-nlb"),
		// The NLB must always have a group: the new one is attached before
		// the old one goes when a change forces replacement.
		Lifecycle: &cdktf.TerraformResourceLifecycle{CreateBeforeDestroy: jsii.Bool(true)},
	})
	r.SecurityGroupId = sg.Id()
	return sg
}

func (r *Regional) addLoadBalancer(mappings []*lb.LbSubnetMapping, sg securitygroup.SecurityGroup) {
	p := r.Props
	conf := &lb.LbConfig{
		Name:                         jsii.String(p.Name),
		LoadBalancerType:             jsii.String("network"),
		Internal:                     false,
		IpAddressType:                jsii.String("ipv4"),
		SubnetMapping:                mappings,
		SecurityGroups:               &[]*string{sg.Id()},
		EnableCrossZoneLoadBalancing: true,
		EnableDeletionProtection:     !p.DisableDeletionProtection,
		EnableZonalShift:             !p.DisableZonalShift,
		Tags:                         nameTag(p.Name),
		// Zonal shift with cross-zone on needs the target group's setting
		// first (an existing NLB is updated after its target group).
		DependsOn: &[]cdktf.ITerraformDependable{r.TargetGroup},
	}
	if p.AccessLogs {
		logs := newLogBucket(r.Construct, p.AccountId, strings.ToLower(p.Name)+"-nlb-", p.AccessLogsPrefix, nameTag(p.Name+"-access-logs"))
		conf.AccessLogs = &lb.LbAccessLogs{Bucket: logs.Name, Prefix: jsii.String(p.AccessLogsPrefix), Enabled: true}
		conf.DependsOn = &[]cdktf.ITerraformDependable{r.TargetGroup, logs.Policy}
		r.AccessLogsBucket = logs.Name
	}
	r.LoadBalancer = lb.NewLb(r.Construct, jsii.String("nlb"), conf)
	r.Arn, r.DnsName, r.ZoneId = r.LoadBalancer.Arn(), r.LoadBalancer.DnsName(), r.LoadBalancer.ZoneId()
	r.ArnSuffix = r.LoadBalancer.ArnSuffix()
}

// addTargetGroup creates the ip target group. It has no fixed name and is
// created before the old one is destroyed: changing its port or protocol
// (which forces replacement) then swaps it under the listeners without an
// outage or a name clash.
func (r *Regional) addTargetGroup() {
	p, hc := r.Props, r.Props.HealthCheck
	check := &lbtargetgroup.LbTargetGroupHealthCheck{
		Enabled:            true,
		Protocol:           jsii.String(hc.Protocol),
		Port:               jsii.String("traffic-port"),
		Interval:           jsii.Number(float64(hc.IntervalSeconds)),
		HealthyThreshold:   jsii.Number(float64(hc.HealthyThreshold)),
		UnhealthyThreshold: jsii.Number(float64(hc.UnhealthyThreshold)),
	}
	if hc.Port != 0 {
		check.Port = jsii.String(strconv.Itoa(hc.Port))
	}
	if hc.Path != "" {
		check.Path = jsii.String(hc.Path)
	}
	r.TargetGroup = lbtargetgroup.NewLbTargetGroup(r.Construct, jsii.String("targets"), &lbtargetgroup.LbTargetGroupConfig{
		TargetType:  jsii.String("ip"),
		Protocol:    jsii.String("TCP"),
		Port:        jsii.Number(float64(p.TargetPort)),
		VpcId:       p.VpcId,
		HealthCheck: check,
		// Required off for zonal shift with cross-zone on; AWS's default
		// (on) otherwise.
		TargetHealthState: &[]*lbtargetgroup.LbTargetGroupTargetHealthState{{EnableUnhealthyConnectionTermination: p.DisableZonalShift}},
		Tags:              nameTag(p.Name),
		Lifecycle:         &cdktf.TerraformResourceLifecycle{CreateBeforeDestroy: jsii.Bool(true)},
	})
	r.TargetGroupArn, r.TargetGroupArnSuffix = r.TargetGroup.Arn(), r.TargetGroup.ArnSuffix()
}

func (r *Regional) addListeners() {
	p := r.Props
	for _, port := range p.Ports {
		conf := &lblistener.LbListenerConfig{
			LoadBalancerArn: r.Arn,
			Port:            jsii.Number(float64(port)),
			Protocol:        jsii.String(string(p.Protocol)),
			DefaultAction:   []*lblistener.LbListenerDefaultAction{{Type: jsii.String("forward"), TargetGroupArn: r.TargetGroupArn}},
			Tags:            nameTag(fmt.Sprintf("%s-%d", p.Name, port)),
		}
		if p.Protocol == ProtocolTLS {
			conf.CertificateArn = jsii.String(p.CertificateArn)
			conf.SslPolicy = jsii.String(p.SslPolicy)
		}
		r.Listeners = append(r.Listeners, lblistener.NewLbListener(r.Construct, jsii.String(fmt.Sprintf("listener-%d", port)), conf))
	}
}

func sgRule(description string, port int, cidrs []string) *securitygroup.SecurityGroupIngress {
	return &securitygroup.SecurityGroupIngress{
		Description: jsii.String(description), Protocol: jsii.String("tcp"),
		FromPort: jsii.Number(float64(port)), ToPort: jsii.Number(float64(port)),
		CidrBlocks: jsii.Strings(cidrs...), Ipv6CidrBlocks: &[]*string{}, PrefixListIds: &[]*string{},
		SecurityGroups: &[]*string{}, SelfAttribute: false,
	}
}

func sgEgress(description string, port int, cidr string) *securitygroup.SecurityGroupEgress {
	return &securitygroup.SecurityGroupEgress{
		Description: jsii.String(description), Protocol: jsii.String("tcp"),
		FromPort: jsii.Number(float64(port)), ToPort: jsii.Number(float64(port)),
		CidrBlocks: jsii.Strings(cidr), Ipv6CidrBlocks: &[]*string{}, PrefixListIds: &[]*string{},
		SecurityGroups: &[]*string{}, SelfAttribute: false,
	}
}

func nameTag(name string) *map[string]*string {
	return &map[string]*string{"Name": jsii.String(name)}
}
