package network

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsavailabilityzones"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/defaultsecuritygroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/eip"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/internetgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/natgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/routetableassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/subnet"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpc"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Network is a regional VPC with three subnet tiers.
type Network struct {
	// Construct is the scope that holds the network's resources. It is a
	// named field, not embedded, because jsii cannot pass a Go struct that
	// embeds a construct back to JavaScript as a scope.
	Construct constructs.Construct

	// Props are the resolved props (defaults applied).
	Props Props
	// Layout is the computed subnet plan.
	Layout Layout

	Vpc vpc.Vpc
	// VpcId is the VPC's ID (a Terraform reference).
	VpcId *string
	// Cidr is the VPC's CIDR as given.
	Cidr string
	// AvailabilityZones holds one zone name (or reference) per AZ index.
	AvailabilityZones []*string

	Public   Tier
	Private  Tier
	Database Tier
}

// Tier is one subnet tier: a subnet per AZ and its route tables.
type Tier struct {
	Name      string
	Cidrs     []string
	SubnetIds []*string
	// RouteTableIds has one entry per AZ for the private tier and a single
	// shared table for the public and database tiers.
	RouteTableIds []*string
}

// New validates props and creates the VPC under scope. All problems are
// reported together, prefixed with the construct path, before any resource
// is created.
func New(scope constructs.Construct, id string, props Props) (*Network, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	layout := props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}

	n := &Network{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props, Layout: layout, Cidr: props.Cidr}
	n.Vpc = vpc.NewVpc(n.Construct, jsii.String("vpc"), &vpc.VpcConfig{
		CidrBlock:          jsii.String(props.Cidr),
		EnableDnsSupport:   true,
		EnableDnsHostnames: true,
		Tags:               nameTag(props.Name),
	})
	n.VpcId = n.Vpc.Id()
	n.AvailabilityZones = n.zones()

	// No rules at all: resources get their own security groups.
	defaultsecuritygroup.NewDefaultSecurityGroup(n.Construct, jsii.String("default-sg"), &defaultsecuritygroup.DefaultSecurityGroupConfig{
		VpcId:   n.VpcId,
		Ingress: []any{},
		Egress:  []any{},
		Tags:    nameTag(props.Name + "-default-locked"),
	})

	igw := internetgateway.NewInternetGateway(n.Construct, jsii.String("igw"), &internetgateway.InternetGatewayConfig{
		VpcId: n.VpcId,
		Tags:  nameTag(props.Name),
	})

	n.Public = n.tier(TierPublic, 1)
	route.NewRoute(n.Construct, jsii.String("public-default"), &route.RouteConfig{
		RouteTableId:         n.Public.RouteTableIds[0],
		DestinationCidrBlock: jsii.String("0.0.0.0/0"),
		GatewayId:            igw.Id(),
	})
	n.Private = n.tier(TierPrivate, props.AzCount)
	n.Database = n.tier(TierDatabase, 1)
	n.addNat()
	return n, nil
}

// zones returns pinned zone names, or references into the region's list of
// available zones.
func (n *Network) zones() []*string {
	out := make([]*string, n.Props.AzCount)
	if len(n.Props.AvailabilityZones) > 0 {
		for i, az := range n.Props.AvailabilityZones {
			out[i] = jsii.String(az)
		}
		return out
	}
	azs := dataawsavailabilityzones.NewDataAwsAvailabilityZones(n.Construct, jsii.String("azs"), &dataawsavailabilityzones.DataAwsAvailabilityZonesConfig{
		State: jsii.String("available"),
	})
	for i := range out {
		out[i] = cdktf.Token_AsString(cdktf.Fn_Element(azs.Names(), jsii.Number(float64(i))), nil)
	}
	return out
}

// tier creates the subnets of one tier and its route tables (one shared,
// or one per AZ), each subnet associated with its table.
func (n *Network) tier(name string, tables int) Tier {
	t := Tier{Name: name}
	for i := 0; i < tables; i++ {
		suffix := name
		if tables > 1 {
			suffix = fmt.Sprintf("%s-%d", name, i)
		}
		rt := routetable.NewRouteTable(n.Construct, jsii.String(suffix+"-rt"), &routetable.RouteTableConfig{
			VpcId: n.VpcId,
			Tags:  nameTag(n.Props.Name + "-" + suffix),
		})
		t.RouteTableIds = append(t.RouteTableIds, rt.Id())
	}
	for az, prefix := range n.Layout.Subnets[name] {
		id := fmt.Sprintf("%s-%d", name, az)
		tags := nameTag(n.Props.Name + "-" + id)
		(*tags)["multiregion:tier"] = jsii.String(name)
		sn := subnet.NewSubnet(n.Construct, jsii.String(id), &subnet.SubnetConfig{
			VpcId:               n.VpcId,
			CidrBlock:           jsii.String(prefix.String()),
			AvailabilityZone:    n.AvailabilityZones[az],
			MapPublicIpOnLaunch: false,
			Tags:                tags,
		})
		t.Cidrs = append(t.Cidrs, prefix.String())
		t.SubnetIds = append(t.SubnetIds, sn.Id())
		routetableassociation.NewRouteTableAssociation(n.Construct, jsii.String(id+"-rta"), &routetableassociation.RouteTableAssociationConfig{
			SubnetId:     sn.Id(),
			RouteTableId: t.RouteTableIds[az%tables],
		})
	}
	return t
}

// addNat creates NAT gateways and the private tier's default routes.
func (n *Network) addNat() {
	count := 0
	switch n.Props.NatGateways {
	case NatSingle:
		count = 1
	case NatPerAz:
		count = n.Props.AzCount
	}
	var nats []*string
	for i := 0; i < count; i++ {
		id := fmt.Sprintf("nat-%d", i)
		ip := eip.NewEip(n.Construct, jsii.String(id+"-eip"), &eip.EipConfig{
			Domain: jsii.String("vpc"),
			Tags:   nameTag(n.Props.Name + "-" + id),
		})
		gw := natgateway.NewNatGateway(n.Construct, jsii.String(id), &natgateway.NatGatewayConfig{
			AllocationId: ip.AllocationId(),
			SubnetId:     n.Public.SubnetIds[i],
			Tags:         nameTag(n.Props.Name + "-" + id),
		})
		nats = append(nats, gw.Id())
	}
	if count == 0 {
		return
	}
	for i, rt := range n.Private.RouteTableIds {
		route.NewRoute(n.Construct, jsii.String(fmt.Sprintf("private-%d-default", i)), &route.RouteConfig{
			RouteTableId:         rt,
			DestinationCidrBlock: jsii.String("0.0.0.0/0"),
			NatGatewayId:         nats[i%count],
		})
	}
}

func nameTag(name string) *map[string]*string {
	return &map[string]*string{"Name": jsii.String(name)}
}
