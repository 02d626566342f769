package tgwpeering

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawsec2transitgatewaypeeringattachments"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewaypeeringattachment"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewaypeeringattachmentaccepter"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/ec2transitgatewayroute"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/tfexpr"
	"github.com/multiregion-iac/multiregion/internal/tfref"
)

// A peering needs three steps that alternate between the two stacks:
// the requester creates the attachment (it needs the accepter's TGW ID),
// the accepter accepts it (it needs the attachment ID), and only then can
// either side associate it or route through it (AWS refuses both while the
// attachment is pendingAcceptance). The requester reads the accepter's TGW
// ID as an ordinary cdktf cross-stack reference, so cdktf deploys the
// accepter's stack (the region listed earlier) first. The other two values flow against that order, so
// they are published as outputs ("handshake" outputs) and read through
// terraform_remote_state with an empty default, and the resources that
// need them exist once per non-empty value (for_each over a set of zero or
// one attachment ID). The first deploy of all stacks requests every
// peering; the second accepts and routes them; a third plan is empty. No
// stack ever calls another region's API: the reads go to the state backend.

// Handshake output suffixes.
const (
	requestedSuffix = "requested"
	acceptedSuffix  = "accepted"
)

// HandshakeOutput is the name of the output a stack publishes for the
// peering between requester and accepter: what is "requested" (the
// attachment ID, in the requester's stack) or "accepted" (the same ID once
// accepted, in the accepter's stack).
func HandshakeOutput(mesh, requester, accepter, what string) string {
	return fmt.Sprintf("%s-peering-%s-%s-%s", mesh, requester, accepter, what)
}

func (m *Mesh) peer(req, acc *Hub) *Peering {
	name := m.Props.Name
	reqName, accName := req.Region.Name, acc.Region.Name
	attachment := ec2transitgatewaypeeringattachment.NewEc2TransitGatewayPeeringAttachment(req.Construct, jsii.String("peering-"+accName), &ec2transitgatewaypeeringattachment.Ec2TransitGatewayPeeringAttachmentConfig{
		TransitGatewayId:     req.TransitGatewayId,
		PeerTransitGatewayId: acc.TransitGatewayId, // cross-stack reference
		PeerRegion:           jsii.String(accName),
		PeerAccountId:        jsii.String(m.Props.AccountId), // never the provider's lookup (see Props.AccountId)
		Tags:                 nameTag(fmt.Sprintf("%s-%s-to-%s", name, reqName, accName)),
	})
	req.PeeringAttachmentIds[accName] = attachment.Id()
	requested := HandshakeOutput(name, reqName, accName, requestedSuffix)
	publish(req, "peering-"+accName+"-requested", requested, attachment.Id(),
		"Peering attachment to "+accName+", read by its stack to accept it.")

	// Accepter side, once the requester has published the attachment.
	requestedID := acc.readRequest(req, requested)
	acc.PeeringAttachmentIds[reqName] = requestedID
	accGate := newGate(requestedID)
	accepter := ec2transitgatewaypeeringattachmentaccepter.NewEc2TransitGatewayPeeringAttachmentAccepter(acc.Construct, jsii.String("peering-"+reqName+"-accepter"), &ec2transitgatewaypeeringattachmentaccepter.Ec2TransitGatewayPeeringAttachmentAccepterConfig{
		ForEach:                    accGate.forEach,
		TransitGatewayAttachmentId: accGate.attach,
		Tags:                       nameTag(fmt.Sprintf("%s-%s-from-%s", name, accName, reqName)),
	})
	accGate.dependsOn = &[]cdktf.ITerraformDependable{accepter}
	acc.associate("peering-"+reqName+"-assoc", nil, acc.PeeringRouteTableId, accGate)
	acc.routesTo(req, accGate, m.Props)
	accepted := HandshakeOutput(name, reqName, accName, acceptedSuffix)
	// The acceptance is published only after the accepter succeeded.
	out := publish(acc, "peering-"+reqName+"-accepted", accepted, requestedID,
		"Peering attachment from "+reqName+" once accepted, read by its stack to route through it.")
	// cdktf 0.20 renders an output's depends_on as "${...}", which
	// Terraform rejects; name the resource address directly.
	out.AddOverride(jsii.String("depends_on"), []string{*accepter.TerraformResourceType() + "." + *accepter.FriendlyUniqueId()})

	// Requester side, once the accepter has published the acceptance.
	reqGate := newGate(readState(req, acc, accepted).GetString(jsii.String(accepted)))
	req.associate("peering-"+accName+"-assoc", nil, req.PeeringRouteTableId, reqGate)
	req.routesTo(acc, reqGate, m.Props)
	// Already implied by the TGW reference; stated for readers of the code.
	req.Region.Stack.AddDependency(acc.Region.Stack)
	return &Peering{Requester: reqName, Accepter: accName, AttachmentId: attachment.Id()}
}

// newGate iterates over compact([id]): nothing while id is empty.
func newGate(id *string) *gate {
	it := cdktf.TerraformIterator_FromList(cdktf.Fn_Compact(&[]*string{id}))
	return &gate{forEach: it, attach: cdktf.Token_AsString(it.Value(), nil), id: id}
}

// readRequest reads the attachment ID the (later) requester published.
// terraform_remote_state fails when the requester's state does not exist
// yet, which is the case on the very first deploy (the accepter's stack
// goes first), so the read only happens once a peering attachment is
// visible in the accepter's own region: the requester has been applied,
// hence has a state. Before that the ID is "".
func (h *Hub) readRequest(req *Hub, output string) *string {
	rs := readState(h, req, output)
	guard := tfexpr.Call("length", h.incomingPeerings()+".ids") + " > 0"
	rs.AddOverride(jsii.String("count"), tfexpr.Interp(tfexpr.Cond(guard, "1", "0")))
	ref := "data.terraform_remote_state." + *rs.FriendlyUniqueId()
	// A local, because cdktf escapes a raw "${...}" nested in a function.
	value := cdktf.NewTerraformLocal(h.Construct, jsii.String("peering-"+req.Region.Name+"-requested"),
		tfexpr.Interp(tfexpr.Cond(guard, tfexpr.Attr(tfexpr.Attr(ref, "0", "outputs"), "", output), `""`)))
	return value.AsString()
}

// incomingPeerings returns the address of a lookup of the peering
// attachments visible in the hub's region (created once per hub). A plural
// lookup returns an empty list rather than failing when there are none.
func (h *Hub) incomingPeerings() string {
	if h.incoming == nil {
		h.incoming = dataawsec2transitgatewaypeeringattachments.NewDataAwsEc2TransitGatewayPeeringAttachments(h.Construct, jsii.String("incoming-peerings"), &dataawsec2transitgatewaypeeringattachments.DataAwsEc2TransitGatewayPeeringAttachmentsConfig{
			Filter: []map[string]any{{"name": "state", "values": []string{"initiatingRequest", "pendingAcceptance", "available", "modifying"}}},
		})
	}
	return "data." + *h.incoming.TerraformResourceType() + "." + *h.incoming.FriendlyUniqueId()
}

// readState reads one handshake output of peer's stack from local's stack,
// through the peer stack's own backend; an absent state or output reads "".
func readState(local, peer *Hub, output string) cdktf.TerraformRemoteState {
	stack := peer.Region.Stack
	rs := stack.EnsureBackendExists().GetRemoteStateDataSource(local.Construct, jsii.String("peering-"+peer.Region.Name+"-state"), stack.Node().Id())
	rs.AddOverride(jsii.String("defaults"), map[string]any{output: ""})
	return rs
}

func publish(h *Hub, id, name string, value *string, description string) cdktf.TerraformOutput {
	out := cdktf.NewTerraformOutput(h.Construct, jsii.String(id), &cdktf.TerraformOutputConfig{
		Value:       value,
		Description: jsii.String(description),
	})
	out.OverrideLogicalId(jsii.String(name))
	return out
}

// routesTo routes the remote region's VPC (from the VPC and client tables)
// and its clients (from the VPC table, and the client table when clients
// may reach each other) through the peering. Only the remote region's own
// networks: nothing is routed across two peerings. One resource iterates
// over a map (a local, keyed "to-<destination>/in-<table>") that is empty
// until the gate's attachment ID is known.
func (h *Hub) routesTo(remote *Hub, g *gate, p Props) {
	r := remote.Region.Name
	routes := map[string]any{}
	tables := map[string]*string{} // plain references: repeated per client (tfref)
	add := func(dest, cidr, table string) {
		if tables[table] == nil {
			tables[table] = tfref.Local(h.Construct, h.table(table))
		}
		routes[dest+"/in-"+table] = map[string]any{"cidr": cidr, "table": tables[table]}
	}
	add("to-vpc", remote.Region.Network.Cidr, "vpc")
	if h.ClientRouteTableId != nil {
		add("to-vpc", remote.Region.Network.Cidr, "clients")
	}
	for _, c := range clientsOf(p.Clients, r) {
		for k, cidr := range c.Cidrs {
			dest := fmt.Sprintf("to-client-%s-%d", c.Name, k)
			add(dest, cidr, "vpc")
			if p.ClientsReachEachOther && h.ClientRouteTableId != nil {
				add(dest, cidr, "clients")
			}
		}
	}
	all := cdktf.NewTerraformLocal(h.Construct, jsii.String("peering-"+r+"-route-map"), routes)
	it := cdktf.TerraformIterator_FromMap(cdktf.Token_AsAnyMap(cdktf.Fn_Conditional(cdktf.Op_Gte(cdktf.Fn_LengthOf(g.id), jsii.Number(1)), all.Expression(), map[string]any{}), nil))
	ec2transitgatewayroute.NewEc2TransitGatewayRoute(h.Construct, jsii.String("peering-"+r+"-routes"), &ec2transitgatewayroute.Ec2TransitGatewayRouteConfig{
		ForEach:                    it,
		DestinationCidrBlock:       it.GetString(jsii.String("cidr")),
		TransitGatewayAttachmentId: g.id,
		TransitGatewayRouteTableId: it.GetString(jsii.String("table")),
		DependsOn:                  g.dependsOn,
	})
}
