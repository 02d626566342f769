package tgwpeering

import (
	"fmt"
	"strconv"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/customergateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgateway"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroute"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetable"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetableassociation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroutetablepropagation"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayvpcattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/route"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/vpnconnection"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/logkey"
	"github.com/multiregion-iac/multiregion/internal/tfexpr"
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

	// TunnelLogGroupName is the log group both tunnels of every client VPN
	// log to (TunnelLogGroupName(Props.Name)), a plain string for
	// dashboards and queries; TunnelLogGroupArn and TunnelLogKeyArn are the
	// group and its KMS key. All empty (nil) without clients or with
	// Props.DisableTunnelLogs.
	TunnelLogGroupName string
	TunnelLogGroupArn  *string
	TunnelLogKeyArn    *string

	name string
	vpns string // the client VPN resource's address, "" without clients
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
		Construct: constructs.NewConstruct(r.Stack, jsii.String(id)),
		Region:    r,
		name:      p.Name + "-" + r.Name,
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
	ec2transitgatewayroutetableassociation.NewEc2TransitGatewayRouteTableAssociation(h.Construct, jsii.String("vpc-attachment-assoc"), &ec2transitgatewayroutetableassociation.Ec2TransitGatewayRouteTableAssociationConfig{
		TransitGatewayAttachmentId: h.VpcAttachmentId,
		TransitGatewayRouteTableId: h.VpcRouteTableId,
	})
	// The VPC's CIDR is learned by the tables whose traffic goes to it.
	h.propagate("vpc-attachment-to-peering", h.VpcAttachmentId, h.PeeringRouteTableId)
	if h.ClientRouteTableId != nil {
		h.propagate("vpc-attachment-to-clients", h.VpcAttachmentId, h.ClientRouteTableId)
	}
	h.addVpcRoutes(att, p)
	h.addClients(clients, p)
	return h
}

func (h *Hub) routeTable(id, purpose string) *string {
	return ec2transitgatewayroutetable.NewEc2TransitGatewayRouteTable(h.Construct, jsii.String(id), &ec2transitgatewayroutetable.Ec2TransitGatewayRouteTableConfig{
		TransitGatewayId: h.TransitGatewayId,
		Tags:             nameTag(h.name + "-" + purpose),
	}).Id()
}

func (h *Hub) propagate(id string, attachment, table *string) {
	ec2transitgatewayroutetablepropagation.NewEc2TransitGatewayRouteTablePropagation(h.Construct, jsii.String(id), &ec2transitgatewayroutetablepropagation.Ec2TransitGatewayRouteTablePropagationConfig{
		TransitGatewayAttachmentId: attachment,
		TransitGatewayRouteTableId: table,
	})
}

// addVpcRoutes sends every remote region's CIDR and every client's CIDR
// from each private route table to the local Transit Gateway (remote
// clients are reached through their home region's peering). One resource
// per private route table, vpc-routes-private-<az>, iterates over the
// destinations: keyed "to-<region>" and "to-client-<name>-<k>" (or
// "to-clients-<summary>" with ClientSummaries), the value is the CIDR.
func (h *Hub) addVpcRoutes(att ec2transitgatewayvpcattachment.Ec2TransitGatewayVpcAttachment, p Props) {
	dests := map[string]any{}
	for _, r := range p.Regions {
		if r.Name != h.Region.Name {
			dests["to-"+r.Name] = r.Network.Cidr
		}
	}
	for _, summary := range p.ClientSummaries {
		dests["to-clients-"+summary] = summary
	}
	for _, r := range p.Regions {
		for _, c := range clientsOf(p.Clients, r.Name) {
			for k, cidr := range c.Cidrs {
				if len(p.ClientSummaries) == 0 {
					dests[fmt.Sprintf("to-client-%s-%d", c.Name, k)] = cidr
				}
			}
		}
	}
	if len(dests) == 0 {
		return
	}
	for a, rt := range h.Region.Network.Private.RouteTableIds {
		it := cdktf.TerraformIterator_FromMap(dests)
		route.NewRoute(h.Construct, jsii.String(fmt.Sprintf("vpc-routes-private-%d", a)), &route.RouteConfig{
			ForEach:              it,
			RouteTableId:         rt,
			DestinationCidrBlock: cdktf.Token_AsString(it.Value(), nil),
			TransitGatewayId:     h.TransitGatewayId,
			// A route to a TGW is refused until the VPC is attached to it.
			DependsOn: &[]cdktf.ITerraformDependable{att},
		})
	}
}

// addClients creates the clients' customer gateways and VPNs (one resource
// each, keyed by client name), associates the VPNs with the client table
// and makes each client reachable from the VPC and the peerings (and from
// the other clients when allowed): static clients by TGW routes, BGP
// clients by propagations.
func (h *Hub) addClients(clients []Client, p Props) {
	if len(clients) == 0 {
		return
	}
	if !p.DisableTunnelLogs {
		h.addTunnelLogs(p)
	}
	cgw := h.addGateways(clients)
	vpn := h.addVpns(clients, cgw)
	attIt := cdktf.TerraformIterator_FromResources(vpn)
	ec2transitgatewayroutetableassociation.NewEc2TransitGatewayRouteTableAssociation(h.Construct, jsii.String("client-assocs"), &ec2transitgatewayroutetableassociation.Ec2TransitGatewayRouteTableAssociationConfig{
		ForEach:                    attIt,
		TransitGatewayAttachmentId: attIt.GetString(jsii.String("transit_gateway_attachment_id")),
		TransitGatewayRouteTableId: h.ClientRouteTableId,
	})

	tables := []string{"vpc", "peering"}
	if p.ClientsReachEachOther {
		tables = append(tables, "clients")
	}
	h.vpns = tfexpr.Address(vpn)
	ref := h.clientIndex(vpn)
	// One resource per table: client-routes-in-<table> (static clients,
	// keyed "<client>-<cidr index>", value {cidr, attachment}) and
	// client-propagations-to-<table> (BGP clients, keyed by client, value
	// the attachment).
	routes, propagations := map[string]map[string]any{}, map[string]map[string]any{}
	for _, t := range tables {
		routes[t], propagations[t] = map[string]any{}, map[string]any{}
	}
	for _, c := range clients {
		conn := &ClientConnection{
			Client:                     c,
			CustomerGatewayId:          ref(c.Name, "customer_gateway_id"),
			VpnConnectionId:            ref(c.Name, "vpn_connection_id"),
			TransitGatewayAttachmentId: ref(c.Name, "transit_gateway_attachment_id"),
		}
		h.Clients = append(h.Clients, conn)
		for _, t := range tables {
			if c.BgpAsn != 0 {
				propagations[t][c.Name] = conn.TransitGatewayAttachmentId
				continue
			}
			for k, cidr := range c.Cidrs {
				routes[t][fmt.Sprintf("%s-%d", c.Name, k)] = map[string]any{"cidr": cidr, "attachment": conn.TransitGatewayAttachmentId}
			}
		}
	}
	for _, t := range tables {
		if len(routes[t]) > 0 {
			it := cdktf.TerraformIterator_FromMap(routes[t])
			ec2transitgatewayroute.NewEc2TransitGatewayRoute(h.Construct, jsii.String("client-routes-in-"+t), &ec2transitgatewayroute.Ec2TransitGatewayRouteConfig{
				ForEach:                    it,
				DestinationCidrBlock:       it.GetString(jsii.String("cidr")),
				TransitGatewayAttachmentId: it.GetString(jsii.String("attachment")),
				TransitGatewayRouteTableId: h.table(t),
			})
		}
		if len(propagations[t]) > 0 {
			it := cdktf.TerraformIterator_FromMap(propagations[t])
			ec2transitgatewayroutetablepropagation.NewEc2TransitGatewayRouteTablePropagation(h.Construct, jsii.String("client-propagations-to-"+t), &ec2transitgatewayroutetablepropagation.Ec2TransitGatewayRouteTablePropagationConfig{
				ForEach:                    it,
				TransitGatewayAttachmentId: cdktf.Token_AsString(it.Value(), nil),
				TransitGatewayRouteTableId: h.table(t),
			})
		}
	}
}

// gatewayAsn is the customer gateway's ASN: the client's, or the default
// for static clients (AWS requires one even without BGP).
func gatewayAsn(c Client) int {
	if c.BgpAsn == 0 {
		return staticCustomerGatewayAsn
	}
	return c.BgpAsn
}

// addGateways creates the clients' customer gateways, keyed by client
// name. With one ASN for all (the static clients' default, typically), the
// ASN is set once and each.value is just the gateway's IP.
func (h *Hub) addGateways(clients []Client) customergateway.CustomerGateway {
	asns := map[int]bool{}
	for _, c := range clients {
		asns[gatewayAsn(c)] = true
	}
	conf := &customergateway.CustomerGatewayConfig{Type: jsii.String("ipsec.1")}
	// bgp_asn holds 1-2147483647; larger 4-byte ASNs go in
	// bgp_asn_extended, and the other attribute must be null.
	if len(asns) == 1 {
		ips := map[string]any{}
		for _, c := range clients {
			ips[c.Name] = c.CustomerGatewayIP
		}
		it := cdktf.TerraformIterator_FromMap(ips)
		conf.ForEach, conf.IpAddress = it, cdktf.Token_AsString(it.Value(), nil)
		if asn := gatewayAsn(clients[0]); asn > 2147483647 {
			conf.BgpAsnExtended = jsii.String(strconv.Itoa(asn))
		} else {
			conf.BgpAsn = jsii.String(strconv.Itoa(asn))
		}
	} else {
		gateways, extended := map[string]any{}, false
		for _, c := range clients {
			gateways[c.Name] = map[string]any{"ip_address": c.CustomerGatewayIP, "bgp_asn": strconv.Itoa(gatewayAsn(c))}
			extended = extended || gatewayAsn(c) > 2147483647
		}
		it := cdktf.TerraformIterator_FromMap(gateways)
		conf.ForEach, conf.IpAddress, conf.BgpAsn = it, it.GetString(jsii.String("ip_address")), it.GetString(jsii.String("bgp_asn"))
		if extended {
			// bgp_asn takes 32-bit signed values only; larger ASNs go to bgp_asn_extended.
			conf.BgpAsn = jsii.String(tfexpr.Interp(tfexpr.Cond("each.value.bgp_asn <= 2147483647", "each.value.bgp_asn", "null")))
			conf.BgpAsnExtended = jsii.String(tfexpr.Interp(tfexpr.Cond("each.value.bgp_asn > 2147483647", "each.value.bgp_asn", "null")))
		}
	}
	conf.Tags = &map[string]*string{"Name": jsii.String(tfexpr.Literal(h.name) + "-" + tfexpr.Interp("each.key"))}
	return customergateway.NewCustomerGateway(h.Construct, jsii.String("client-cgws"), conf)
}

// addVpns creates the clients' Site-to-Site VPNs to the Transit Gateway,
// keyed by client name: over the set of names when all clients route the
// same way (static or BGP), else over a map of static_routes_only.
func (h *Hub) addVpns(clients []Client, cgw customergateway.CustomerGateway) vpnconnection.VpnConnection {
	names, perClient := make([]*string, len(clients)), map[string]any{}
	accelerated := false
	for _, c := range clients {
		accelerated = accelerated || c.Accelerated
	}
	for i, c := range clients {
		names[i] = jsii.String(c.Name)
		opts := map[string]any{"static_routes_only": c.BgpAsn == 0}
		if accelerated {
			opts["enable_acceleration"] = c.Accelerated
		}
		perClient[c.Name] = opts
	}
	conf := &vpnconnection.VpnConnectionConfig{
		CustomerGatewayId: jsii.String(tfexpr.Interp(tfexpr.Attr(tfexpr.Address(cgw), "each.key", "id"))),
		TransitGatewayId:  h.TransitGatewayId,
		Type:              jsii.String("ipsec.1"),
		Tags:              &map[string]*string{"Name": jsii.String(tfexpr.Literal(h.name) + "-" + tfexpr.Interp("each.key"))},
	}
	// What differs between clients comes from a per-client map; what all
	// share is set once.
	mixed := false
	for _, c := range clients {
		mixed = mixed || (c.BgpAsn == 0) != (clients[0].BgpAsn == 0) || c.Accelerated != clients[0].Accelerated
	}
	if mixed {
		it := cdktf.TerraformIterator_FromMap(perClient)
		conf.ForEach, conf.StaticRoutesOnly = it, it.GetBoolean(jsii.String("static_routes_only"))
		if accelerated {
			conf.EnableAcceleration = it.GetBoolean(jsii.String("enable_acceleration"))
		}
	} else {
		conf.ForEach, conf.StaticRoutesOnly = cdktf.TerraformIterator_FromList(&names), jsii.Bool(clients[0].BgpAsn == 0)
		if accelerated {
			conf.EnableAcceleration = jsii.Bool(true)
		}
	}
	if h.TunnelLogGroupArn != nil {
		// Set once on the resource, for every client: the same group and
		// format for both tunnels.
		conf.Tunnel1LogOptions = &vpnconnection.VpnConnectionTunnel1LogOptions{
			CloudwatchLogOptions: &vpnconnection.VpnConnectionTunnel1LogOptionsCloudwatchLogOptions{
				LogEnabled: true, LogGroupArn: h.TunnelLogGroupArn, LogOutputFormat: jsii.String(TunnelLogFormat),
			},
		}
		conf.Tunnel2LogOptions = &vpnconnection.VpnConnectionTunnel2LogOptions{
			CloudwatchLogOptions: &vpnconnection.VpnConnectionTunnel2LogOptionsCloudwatchLogOptions{
				LogEnabled: true, LogGroupArn: h.TunnelLogGroupArn, LogOutputFormat: jsii.String(TunnelLogFormat),
			},
		}
	}
	return vpnconnection.NewVpnConnection(h.Construct, jsii.String("client-vpns"), conf)
}

// addTunnelLogs creates the hub's VPN tunnel log group, encrypted with a
// key of its own that CloudWatch Logs of this region may use for this group
// only (logkey).
func (h *Hub) addTunnelLogs(p Props) {
	partition, _ := awsrules.Partition(h.Region.Name) // the region was validated
	h.TunnelLogGroupName = TunnelLogGroupName(p.Name)
	key := logkey.New(h.Construct, "tunnel-logs-key", logkey.Props{
		Description:        "Encrypts the VPN tunnel log group " + h.TunnelLogGroupName,
		Alias:              "alias/" + p.Name + "-vpn-tunnel-logs",
		DeletionWindowDays: tunnelLogKeyDeletionWindowDays,
		Partition:          partition, Region: h.Region.Name, Account: p.AccountId,
		LogGroups: h.TunnelLogGroupName,
		Tags:      nameTag(h.name + "-vpn-tunnel-logs"),
	})
	group := cloudwatchloggroup.NewCloudwatchLogGroup(h.Construct, jsii.String("tunnel-logs"), &cloudwatchloggroup.CloudwatchLogGroupConfig{
		Name:            jsii.String(h.TunnelLogGroupName),
		RetentionInDays: jsii.Number(float64(*p.TunnelLogRetentionDays)),
		KmsKeyId:        key.Arn(),
		Tags:            nameTag(h.name + "-vpn-tunnel-logs"),
	})
	h.TunnelLogGroupArn, h.TunnelLogKeyArn = group.Arn(), key.Arn()
}

// ClientIdMap is a Terraform expression for a map from client name to
// one ID of its VPN connection: "transit_gateway_attachment_id",
// "customer_gateway_id" or "id" (the VPN connection ID). One expression
// instead of a map with a reference per client (for outputs); nil without
// clients.
func (h *Hub) ClientIdMap(attr string) *string {
	if h.vpns == "" {
		return nil
	}
	return jsii.String(tfexpr.Interp(tfexpr.ForMap("name", "vpn", h.vpns, "name", tfexpr.Attr("vpn", "", attr))))
}

// clientIndex creates a local that re-keys the clients' VPN IDs by
// "client-<name>" (an HCL identifier even when the name starts with a
// digit) and returns how to reference one client's ID:
// ${local.<id>.client-acme.transit_gateway_attachment_id}. A reference is
// a plain string built in Go: no jsii call per client, and no quotes, so it
// stays valid inside JSON bodies shaped in Go (dashboards, queries). The
// local holds only the IDs, never the VPN's secret tunnel attributes.
func (h *Hub) clientIndex(vpn vpnconnection.VpnConnection) func(client, attr string) *string {
	ids := tfexpr.Object("vpn_connection_id", "vpn.id", "customer_gateway_id", "vpn.customer_gateway_id",
		"transit_gateway_attachment_id", "vpn.transit_gateway_attachment_id")
	index := cdktf.NewTerraformLocal(h.Construct, jsii.String("clients"),
		tfexpr.Interp(tfexpr.ForMap("name", "vpn", tfexpr.Address(vpn), `"client-${name}"`, ids)))
	local := "local." + *index.FriendlyUniqueId()
	return func(client, attr string) *string {
		return jsii.String(tfexpr.Interp(tfexpr.Attr(local+".client-"+client, "", attr)))
	}
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
