package tgwpeering

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewaypeeringattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewaypeeringattachmentaccepter"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroute"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetableassociation"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// A peering lives in its own stack, with one AWS provider per side: the
// requester's provider requests it, the accepter's accepts it, and both
// associate it and route through it once it is accepted, all in one apply.
// The stack reads the two hubs' IDs through cdktf cross-stack references
// (the region stacks' state), so cdktf deploys it after both region stacks.
// No region stack holds or reads anything of a peering: a region's deploy
// never calls another region's API, and with one region down the other
// region stacks deploy alone (see README.md, "Stacks and deploy order").

// PairStack is the stack that holds one peering.
type PairStack struct {
	// Stack holds the peering; it must not be a region's stack. Required.
	Stack cdktf.TerraformStack
	// Requester and Accepter are Stack's AWS providers for the two sides'
	// regions. Required.
	Requester, Accepter cdktf.TerraformProvider
}

// Peering is one cross-region peering and the routes through it.
type Peering struct {
	// Requester and Accepter are region names; the requester is the one
	// listed later in Props.Regions.
	Requester, Accepter string
	// Stack is the pair's stack (from Props.PairStack).
	Stack cdktf.TerraformStack
	// Construct holds the peering's resources, under Stack.
	Construct constructs.Construct
	// AttachmentId is the peering attachment's ID (the same on both sides),
	// usable in Stack.
	AttachmentId *string
}

// peer builds the peering between req and acc in pair's stack.
func (m *Mesh) peer(req, acc *Hub, pair PairStack) *Peering {
	name, reqName, accName := m.Props.Name, req.Region.Name, acc.Region.Name
	scope := constructs.NewConstruct(pair.Stack, jsii.String(m.id))
	attachment := ec2transitgatewaypeeringattachment.NewEc2TransitGatewayPeeringAttachment(scope, jsii.String("attachment"), &ec2transitgatewaypeeringattachment.Ec2TransitGatewayPeeringAttachmentConfig{
		Provider:             pair.Requester,
		TransitGatewayId:     req.TransitGatewayId,
		PeerTransitGatewayId: acc.TransitGatewayId,
		PeerRegion:           jsii.String(accName),
		PeerAccountId:        jsii.String(m.Props.AccountId), // never the provider's lookup (see Props.AccountId)
		Tags:                 nameTag(fmt.Sprintf("%s-%s-to-%s", name, reqName, accName)),
	})
	accepter := ec2transitgatewaypeeringattachmentaccepter.NewEc2TransitGatewayPeeringAttachmentAccepter(scope, jsii.String("accepter"), &ec2transitgatewaypeeringattachmentaccepter.Ec2TransitGatewayPeeringAttachmentAccepterConfig{
		Provider:                   pair.Accepter,
		TransitGatewayAttachmentId: attachment.Id(),
		Tags:                       nameTag(fmt.Sprintf("%s-%s-from-%s", name, accName, reqName)),
	})
	// AWS refuses an association or a route on an attachment that is not
	// yet available: both sides wait for the accepter.
	after := &[]cdktf.ITerraformDependable{accepter}
	id := attachment.Id()
	for _, side := range []struct {
		local, remote *Hub
		provider      cdktf.TerraformProvider
	}{{req, acc, pair.Requester}, {acc, req, pair.Accepter}} {
		at := side.local.Region.Name
		ec2transitgatewayroutetableassociation.NewEc2TransitGatewayRouteTableAssociation(scope, jsii.String("association-in-"+at), &ec2transitgatewayroutetableassociation.Ec2TransitGatewayRouteTableAssociationConfig{
			Provider:                   side.provider,
			TransitGatewayAttachmentId: id,
			TransitGatewayRouteTableId: side.local.PeeringRouteTableId,
			DependsOn:                  after,
		})
		it := cdktf.TerraformIterator_FromMap(side.local.routesTo(side.remote, m.Props))
		ec2transitgatewayroute.NewEc2TransitGatewayRoute(scope, jsii.String("routes-in-"+at), &ec2transitgatewayroute.Ec2TransitGatewayRouteConfig{
			Provider:                   side.provider,
			ForEach:                    it,
			DestinationCidrBlock:       it.GetString(jsii.String("cidr")),
			TransitGatewayAttachmentId: id,
			TransitGatewayRouteTableId: it.GetString(jsii.String("table")),
			DependsOn:                  after,
		})
	}
	out := cdktf.NewTerraformOutput(scope, jsii.String("attachment-id"), &cdktf.TerraformOutputConfig{
		Value:       id,
		Description: jsii.String(fmt.Sprintf("The %s-%s peering attachment's ID (the same in both regions).", reqName, accName)),
	})
	out.OverrideLogicalId(jsii.String("peering_attachment_id"))
	return &Peering{Requester: reqName, Accepter: accName, Stack: pair.Stack, Construct: scope, AttachmentId: id}
}

// routesTo returns the routes h's tables need through a peering with
// remote, keyed "to-<destination>/in-<table>", each {cidr, table}: the
// remote region's VPC (from the VPC and client tables) and its clients
// (from the VPC table, and the client table when clients may reach each
// other). Only the remote region's own networks: nothing is routed across
// two peerings. The table IDs are the hub's own references, which cdktf
// turns into cross-stack reads in the pair's stack.
func (h *Hub) routesTo(remote *Hub, p Props) map[string]any {
	routes := map[string]any{}
	add := func(dest, cidr, table string) {
		routes[dest+"/in-"+table] = map[string]any{"cidr": cidr, "table": h.table(table)}
	}
	add("to-vpc", remote.Region.Network.Cidr, "vpc")
	if h.ClientRouteTableId != nil {
		add("to-vpc", remote.Region.Network.Cidr, "clients")
	}
	for _, c := range clientsOf(p.Clients, remote.Region.Name) {
		for k, cidr := range c.Cidrs {
			dest := fmt.Sprintf("to-client-%s-%d", c.Name, k)
			add(dest, cidr, "vpc")
			if p.ClientsReachEachOther && h.ClientRouteTableId != nil {
				add(dest, cidr, "clients")
			}
		}
	}
	return routes
}
