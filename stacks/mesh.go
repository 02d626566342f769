package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
)

// MeshID is the construct ID of the Transit Gateway mesh in every region
// stack (part of every mesh resource's address: never rename it).
const MeshID = "mesh"

// addMesh adds the Transit Gateway mesh and client VPNs: a hub in each
// region stack, the clients' VPNs, and a peering between every pair in the
// pair's own stack (PeeringStackName).
func addMesh(d *Deployment, ps *problems) {
	cfg := d.Config
	if !d.allNetworks() {
		return // the mesh needs every region's network
	}
	regions := make([]tgwpeering.Region, len(d.Regions))
	fields := fieldMap{"Name": "App", "Clients": "Clients", "ClientSummaries": "ClientSummaries", "AccountId": "AccountId",
		"TunnelLogRetentionDays": "TunnelLogRetentionDays", "DisableTunnelLogs": "DisableTunnelLogs"}
	for i, rs := range d.Regions {
		regions[i] = tgwpeering.Region{Name: rs.Region.Name, Stack: rs.Stack, Network: rs.Network, AmazonSideAsn: rs.Region.TransitGatewayAsn}
		at := regionPath(rs.index)
		fields[regionPath(i)+".Name"] = at + ".Name"
		fields[regionPath(i)+".AmazonSideAsn"] = at + ".TransitGatewayAsn"
		fields[regionPath(i)+".Network"] = at + ".Cidr"
	}
	// The mesh spans the region stacks, so its own node sits under the app.
	app := cdktf.App_Of(d.Regions[0].Stack)
	mesh, err := tgwpeering.New(app, MeshID, tgwpeering.Props{
		Name: cfg.App, AccountId: cfg.AccountId, Regions: regions, Clients: cfg.meshClients(), ClientSummaries: cfg.ClientSummaries,
		TunnelLogRetentionDays: cfg.TunnelLogRetentionDays, DisableTunnelLogs: cfg.DisableTunnelLogs,
		PairStack: compositionPeeringStacks(app, func(region string) StackProps { return cfg.stackProps(region, cfg.RegionNamed(region).Endpoint) }),
	})
	if err != nil {
		ps.construct(err, fields)
		return
	}
	d.Mesh = mesh
	for i, rs := range d.Regions {
		rs.Hub = mesh.Hubs[i]
		addMeshOutputs(rs)
	}
}

// addMeshOutputs publishes the hub's IDs: other tools (and `cdktf output`)
// find the TGW, its tables and every attachment here; the flow-log
// dashboards filter on the client attachment IDs.
func addMeshOutputs(rs *RegionStack) {
	h := rs.Hub
	output(rs.Stack, "transit_gateway_id", h.TransitGatewayId, "The region's Transit Gateway ID.")
	output(rs.Stack, "transit_gateway_asn", jsii.Number(float64(h.Region.AmazonSideAsn)), "The Transit Gateway's Amazon-side ASN.")
	tables := map[string]*string{"vpc": h.VpcRouteTableId, "peering": h.PeeringRouteTableId}
	if h.ClientRouteTableId != nil {
		tables["clients"] = h.ClientRouteTableId
	}
	output(rs.Stack, "tgw_route_table_ids", &tables, "Transit Gateway route table IDs by purpose (vpc, peering, clients).")
	output(rs.Stack, "tgw_vpc_attachment_id", h.VpcAttachmentId, "The VPC's Transit Gateway attachment ID.")
	// One for expression each, not a reference per client.
	attachments, vpns := any(map[string]string{}), any(map[string]string{})
	if len(h.Clients) > 0 {
		attachments, vpns = h.ClientIdMap("transit_gateway_attachment_id"), h.ClientIdMap("id")
	}
	output(rs.Stack, "client_tgw_attachment_ids", attachments, "Transit Gateway attachment ID of each client's VPN, by client name.")
	output(rs.Stack, "client_vpn_connection_ids", vpns, "Site-to-Site VPN connection ID by client name.")
}
