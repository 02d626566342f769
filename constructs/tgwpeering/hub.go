package tgwpeering

import (
	"fmt"
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/customergateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsec2transitgatewaypeeringattachments"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroute"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetableassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetablepropagation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayvpcattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpnconnection"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// Hub is one region's Transit Gateway, its route tables, its VPC
// attachment and its client VPNs.
type Hub struct {
	// Construct holds the hub's resources, in the region's stack.
	Construct constructs.Construct
	Region    Region

	TransitGateway    ec2transitgateway.Ec2TransitGateway
	TransitGatewayId  *string
	TransitGatewayArn *string

	// VpcRouteTableId is associated with the VPC attachment: routes to the
	// other regions and to every client.
	VpcRouteTableId *string
	// PeeringRouteTableId is associated with the peering attachments:
	// routes to this region's VPC and clients only, so nothing transits.
	PeeringRouteTableId *string
	// ClientRouteTableId is associated with the client VPNs: routes to the
	// app VPCs only (unless ClientsReachEachOther). Nil without clients.
	ClientRouteTableId *string

	VpcAttachmentId *string

	// Clients are the client connections homed here, sorted by name.
	Clients []*ClientConnection

	// PeeringAttachmentIds maps each other region to the peering
	// attachment's ID (the requester's attachment, as seen from this side;
	// on the accepter side it is read from the requester's state and is
	// empty until the requester has been deployed).
	PeeringAttachmentIds map[string]*string

	name     string
	incoming dataawsec2transitgatewaypeeringattachments.DataAwsEc2TransitGatewayPeeringAttachments
}

// ClientConnection is one client's customer gateway and VPN.
type ClientConnection struct {
	Client            Client
	CustomerGatewayId *string
	VpnConnectionId   *string
	// TransitGatewayAttachmentId is the VPN's attachment: flow logs and
	// dashboards filter on it.
	TransitGatewayAttachmentId *string
}

func newHub(r Region, id string, p Props) *Hub {
	h := &Hub{
		Construct:            constructs.NewConstruct(r.Stack, jsii.String(id)),
		Region:               r,
		PeeringAttachmentIds: map[string]*string{},
		name:                 p.Name + "-" + r.Name,
	}
	h.TransitGateway = ec2transitgateway.NewEc2TransitGateway(h.Construct, jsii.String("tgw"), &ec2transitgateway.Ec2TransitGatewayConfig{
		AmazonSideAsn:                jsii.Number(float64(r.AmazonSideAsn)),
		Description:                  jsii.String(h.name + " mesh hub"),
		AutoAcceptSharedAttachments:  jsii.String("disable"),
		DefaultRouteTableAssociation: jsii.String("disable"),
		DefaultRouteTablePropagation: jsii.String("disable"),
		DnsSupport:                   jsii.String("enable"),
		VpnEcmpSupport:               jsii.String("enable"),
		Tags:                         nameTag(h.name),
	})
	h.TransitGatewayId = h.TransitGateway.Id()
	h.TransitGatewayArn = h.TransitGateway.Arn()
	h.VpcRouteTableId = h.routeTable("rt-vpc", "vpc")
	h.PeeringRouteTableId = h.routeTable("rt-peering", "peering")
	clients := clientsOf(p.Clients, r.Name)
	if len(clients) > 0 {
		h.ClientRouteTableId = h.routeTable("rt-clients", "clients")
	}

	att := ec2transitgatewayvpcattachment.NewEc2TransitGatewayVpcAttachment(h.Construct, jsii.String("vpc-attachment"), &ec2transitgatewayvpcattachment.Ec2TransitGatewayVpcAttachmentConfig{
		TransitGatewayId: h.TransitGatewayId,
		VpcId:            r.Network.VpcId,
		SubnetIds:        &r.Network.Private.SubnetIds,
		DnsSupport:       jsii.String("enable"),
		TransitGatewayDefaultRouteTableAssociation: false,
		TransitGatewayDefaultRouteTablePropagation: false,
		Tags: nameTag(h.name + "-vpc"),
	})
	h.VpcAttachmentId = att.Id()
	h.associate("vpc-attachment-assoc", h.VpcAttachmentId, h.VpcRouteTableId, nil)
	// The VPC's CIDR is learned by the tables whose traffic goes to it.
	h.propagate("vpc-attachment-to-peering", h.VpcAttachmentId, h.PeeringRouteTableId)
	if h.ClientRouteTableId != nil {
		h.propagate("vpc-attachment-to-clients", h.VpcAttachmentId, h.ClientRouteTableId)
	}
	h.addVpcRoutes(att, p)
	for _, c := range clients {
		h.Clients = append(h.Clients, h.addClient(c, p.ClientsReachEachOther))
	}
	return h
}

func (h *Hub) routeTable(id, purpose string) *string {
	return ec2transitgatewayroutetable.NewEc2TransitGatewayRouteTable(h.Construct, jsii.String(id), &ec2transitgatewayroutetable.Ec2TransitGatewayRouteTableConfig{
		TransitGatewayId: h.TransitGatewayId,
		Tags:             nameTag(h.name + "-" + purpose),
	}).Id()
}

// gate makes a resource exist once per element of a (0 or 1 element) set
// of attachment IDs: see peering.go.
type gate struct {
	forEach   cdktf.ITerraformIterator
	attach    *string
	dependsOn *[]cdktf.ITerraformDependable
}

func (h *Hub) associate(id string, attachment, table *string, g *gate) {
	conf := &ec2transitgatewayroutetableassociation.Ec2TransitGatewayRouteTableAssociationConfig{
		TransitGatewayAttachmentId: attachment,
		TransitGatewayRouteTableId: table,
	}
	if g != nil {
		conf.ForEach, conf.TransitGatewayAttachmentId, conf.DependsOn = g.forEach, g.attach, g.dependsOn
	}
	ec2transitgatewayroutetableassociation.NewEc2TransitGatewayRouteTableAssociation(h.Construct, jsii.String(id), conf)
}

func (h *Hub) propagate(id string, attachment, table *string) {
	ec2transitgatewayroutetablepropagation.NewEc2TransitGatewayRouteTablePropagation(h.Construct, jsii.String(id), &ec2transitgatewayroutetablepropagation.Ec2TransitGatewayRouteTablePropagationConfig{
		TransitGatewayAttachmentId: attachment,
		TransitGatewayRouteTableId: table,
	})
}

func (h *Hub) tgwRoute(id, dest string, attachment, table *string, g *gate) {
	conf := &ec2transitgatewayroute.Ec2TransitGatewayRouteConfig{
		DestinationCidrBlock:       jsii.String(dest),
		TransitGatewayAttachmentId: attachment,
		TransitGatewayRouteTableId: table,
	}
	if g != nil {
		conf.ForEach, conf.TransitGatewayAttachmentId, conf.DependsOn = g.forEach, g.attach, g.dependsOn
	}
	ec2transitgatewayroute.NewEc2TransitGatewayRoute(h.Construct, jsii.String(id), conf)
}

// addVpcRoutes sends every remote region's CIDR and every client's CIDR
// from each private route table to the local Transit Gateway (remote
// clients are reached through their home region's peering).
func (h *Hub) addVpcRoutes(att ec2transitgatewayvpcattachment.Ec2TransitGatewayVpcAttachment, p Props) {
	type dest struct{ id, cidr string }
	var dests []dest
	for _, r := range p.Regions {
		if r.Name != h.Region.Name {
			dests = append(dests, dest{"to-" + r.Name, r.Network.Cidr})
		}
	}
	for _, r := range p.Regions {
		for _, c := range clientsOf(p.Clients, r.Name) {
			for k, cidr := range c.Cidrs {
				dests = append(dests, dest{fmt.Sprintf("to-client-%s-%d", c.Name, k), cidr})
			}
		}
	}
	// A route to a TGW is refused until the VPC is attached to it.
	dependsOn := &[]cdktf.ITerraformDependable{att}
	for a, rt := range h.Region.Network.Private.RouteTableIds {
		for _, d := range dests {
			route.NewRoute(h.Construct, jsii.String(fmt.Sprintf("private-%d-%s", a, d.id)), &route.RouteConfig{
				RouteTableId:         rt,
				DestinationCidrBlock: jsii.String(d.cidr),
				TransitGatewayId:     h.TransitGatewayId,
				DependsOn:            dependsOn,
			})
		}
	}
}

// addClient creates the client's customer gateway and VPN, associates the
// VPN with the client table and makes the client reachable from the VPC
// and the peerings (and from the other clients when allowed).
func (h *Hub) addClient(c Client, reachEachOther bool) *ClientConnection {
	prefix := "client-" + c.Name
	cgwConf := &customergateway.CustomerGatewayConfig{
		IpAddress: jsii.String(c.CustomerGatewayIP),
		Type:      jsii.String("ipsec.1"),
		Tags:      nameTag(h.name + "-" + c.Name),
	}
	asn := c.BgpAsn
	if asn == 0 {
		asn = staticCustomerGatewayAsn
	}
	// bgp_asn holds 1-2147483647; larger 4-byte ASNs go in bgp_asn_extended.
	if asn > 2147483647 {
		cgwConf.BgpAsnExtended = jsii.String(strconv.Itoa(asn))
	} else {
		cgwConf.BgpAsn = jsii.String(strconv.Itoa(asn))
	}
	cgw := customergateway.NewCustomerGateway(h.Construct, jsii.String(prefix+"-cgw"), cgwConf)
	vpn := vpnconnection.NewVpnConnection(h.Construct, jsii.String(prefix+"-vpn"), &vpnconnection.VpnConnectionConfig{
		CustomerGatewayId: cgw.Id(),
		TransitGatewayId:  h.TransitGatewayId,
		Type:              jsii.String("ipsec.1"),
		StaticRoutesOnly:  c.BgpAsn == 0,
		Tags:              nameTag(h.name + "-" + c.Name),
	})
	conn := &ClientConnection{Client: c, CustomerGatewayId: cgw.Id(), VpnConnectionId: vpn.Id(), TransitGatewayAttachmentId: vpn.TransitGatewayAttachmentId()}
	h.associate(prefix+"-assoc", conn.TransitGatewayAttachmentId, h.ClientRouteTableId, nil)

	tables := []struct{ id, purpose string }{{"vpc", "vpc"}, {"peering", "peering"}}
	if reachEachOther {
		tables = append(tables, struct{ id, purpose string }{"clients", "clients"})
	}
	for _, t := range tables {
		table := h.table(t.purpose)
		if c.BgpAsn != 0 {
			h.propagate(prefix+"-to-"+t.id, conn.TransitGatewayAttachmentId, table)
			continue
		}
		for k, cidr := range c.Cidrs {
			h.tgwRoute(fmt.Sprintf("%s-%d-in-%s", prefix, k, t.id), cidr, conn.TransitGatewayAttachmentId, table, nil)
		}
	}
	return conn
}

func (h *Hub) table(purpose string) *string {
	switch purpose {
	case "vpc":
		return h.VpcRouteTableId
	case "peering":
		return h.PeeringRouteTableId
	}
	return h.ClientRouteTableId
}
