package tgwpeering

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

func TestThreeRegionMesh(t *testing.T) {
	stacks, mesh := synthMesh(t, 3, Props{Name: "app", Clients: testClients})
	synthtest.Golden(t, stacks, "three-regions")
	synthtest.Validate(t, stacks)
	checkMesh(t, stacks, 3)
	if len(mesh.Peerings) != 3 || len(mesh.Hubs) != 3 {
		t.Fatalf("%d peerings and %d hubs, want 3 and 3", len(mesh.Peerings), len(mesh.Hubs))
	}
	if got := mesh.Hub("us-east-1").Clients[0].Client.Name; got != "acme" {
		t.Errorf("us-east-1 clients start with %q, want acme", got)
	}

	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")
	// Static client: routes to its CIDRs in the VPC and peering tables, none
	// in the client table (clients are isolated by default).
	for _, table := range []string{"vpc", "peering"} {
		r := east.Resource(t, "aws_ec2_transit_gateway_route", "mesh/client-acme-1-in-"+table)
		synthtest.Attrs(t, "acme route in "+table, r, map[string]any{"destination_cidr_block": "172.16.32.0/24"})
	}
	if _, ok := east.Resources("aws_ec2_transit_gateway_route")["mesh/client-acme-0-in-clients"]; ok {
		t.Error("acme is routed in the client table: clients must not reach each other by default")
	}
	synthtest.Attrs(t, "acme vpn", east.Resource(t, "aws_vpn_connection", "mesh/client-acme-vpn"), map[string]any{
		"static_routes_only": true, "type": "ipsec.1",
	})
	synthtest.Attrs(t, "acme cgw", east.Resource(t, "aws_customer_gateway", "mesh/client-acme-cgw"), map[string]any{
		"bgp_asn": "65000", "ip_address": "203.0.113.10",
	})
	// BGP client: propagation instead of static routes.
	synthtest.Attrs(t, "globex vpn", west.Resource(t, "aws_vpn_connection", "mesh/client-globex-vpn"), map[string]any{"static_routes_only": false})
	synthtest.Attrs(t, "globex cgw", west.Resource(t, "aws_customer_gateway", "mesh/client-globex-cgw"), map[string]any{"bgp_asn": "65100"})
	for _, table := range []string{"vpc", "peering"} {
		west.Resource(t, "aws_ec2_transit_gateway_route_table_propagation", "mesh/client-globex-to-"+table)
	}
	// Remote clients are reached through their home region's peering, from
	// the VPC table only.
	synthtest.Attrs(t, "route to globex from us-east-1", east.Resource(t, "aws_ec2_transit_gateway_route", "mesh/peering-us-west-2-to-client-globex-0-in-vpc"),
		map[string]any{"destination_cidr_block": "192.168.0.0/22", "transit_gateway_attachment_id": "${each.value}"})
	// Every VPC routes every client CIDR to its own TGW.
	eu := stacks.Get(t, "eu-west-1")
	synthtest.Attrs(t, "eu route to acme", eu.Resource(t, "aws_route", "mesh/private-1-to-client-acme-1"), map[string]any{
		"destination_cidr_block": "172.16.32.0/24",
	})
	if eu.Resources("aws_vpn_connection") != nil && len(eu.Resources("aws_vpn_connection")) != 0 {
		t.Error("eu-west-1 has no clients but got a VPN connection")
	}
	if _, ok := eu.Resources("aws_ec2_transit_gateway_route_table")["mesh/rt-clients"]; ok {
		t.Error("eu-west-1 has no clients but got a client route table")
	}
}

func TestTwoRegionMesh(t *testing.T) {
	stacks, mesh := synthMesh(t, 2, Props{})
	synthtest.Golden(t, stacks, "two-regions")
	synthtest.Validate(t, stacks)
	checkMesh(t, stacks, 2)
	if len(mesh.Peerings) != 1 {
		t.Fatalf("%d peerings, want 1", len(mesh.Peerings))
	}
	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")
	if got := east.Outputs()["mesh-peering-us-west-2-us-east-1-accepted"]; got == nil {
		t.Errorf("us-east-1 does not publish the acceptance; outputs: %v", keys(east.Outputs()))
	}
	if got := west.Outputs()["mesh-peering-us-west-2-us-east-1-requested"]; got == nil {
		t.Errorf("us-west-2 does not publish the request; outputs: %v", keys(west.Outputs()))
	}
}

// checkMesh asserts what every n-region mesh must have: one hub per stack,
// n(n-1)/2 peerings requested by the region listed later and accepted in
// the earlier one's stack, routes both ways and VPC routes to the TGW.
func checkMesh(t *testing.T, stacks synthtest.Stacks, n int) {
	t.Helper()
	peerings := 0
	for i, r := range testRegions[:n] {
		s := stacks.Get(t, r.name)
		if ps := s.JSON["provider"].(map[string]any)["aws"].([]any); len(ps) != 1 {
			t.Errorf("%s: %d AWS providers, want exactly its own", r.name, len(ps))
		}
		synthtest.Attrs(t, r.name+" tgw", s.Resource(t, "aws_ec2_transit_gateway", "mesh/tgw"), map[string]any{
			"amazon_side_asn": 64512 + i, "default_route_table_association": "disable",
			"default_route_table_propagation": "disable", "dns_support": "enable",
		})
		synthtest.Attrs(t, r.name+" vpc attachment", s.Resource(t, "aws_ec2_transit_gateway_vpc_attachment", "mesh/vpc-attachment"), map[string]any{
			"transit_gateway_default_route_table_association": false,
			"transit_gateway_default_route_table_propagation": false,
		})
		subnets, _ := s.Resource(t, "aws_ec2_transit_gateway_vpc_attachment", "mesh/vpc-attachment")["subnet_ids"].([]any)
		if len(subnets) != 2 || !strings.Contains(fmt.Sprint(subnets), "aws_subnet.network_private-0_") {
			t.Errorf("%s: the VPC attachment must use the private subnets, got %v", r.name, subnets)
		}
		s.Resource(t, "aws_ec2_transit_gateway_route_table_association", "mesh/vpc-attachment-assoc")
		s.Resource(t, "aws_ec2_transit_gateway_route_table_propagation", "mesh/vpc-attachment-to-peering")
		requested := s.Resources("aws_ec2_transit_gateway_peering_attachment")
		accepted := s.Resources("aws_ec2_transit_gateway_peering_attachment_accepter")
		peerings += len(requested)
		if len(requested) != i || len(accepted) != n-1-i {
			t.Errorf("%s: %d peering requests and %d accepters, want %d and %d", r.name, len(requested), len(accepted), i, n-1-i)
		}
		for j, peer := range testRegions[:n] {
			if j == i {
				continue
			}
			if j < i {
				synthtest.Attrs(t, r.name+" peering", s.Resource(t, "aws_ec2_transit_gateway_peering_attachment", "mesh/peering-"+peer.name),
					map[string]any{"peer_region": peer.name})
			} else {
				s.Resource(t, "aws_ec2_transit_gateway_peering_attachment_accepter", "mesh/peering-"+peer.name+"-accepter")
			}
			synthtest.Attrs(t, r.name+" tgw route to "+peer.name, s.Resource(t, "aws_ec2_transit_gateway_route", "mesh/peering-"+peer.name+"-to-vpc-in-vpc"),
				map[string]any{"destination_cidr_block": peer.cidr, "transit_gateway_attachment_id": "${each.value}"})
			s.Resource(t, "aws_ec2_transit_gateway_route_table_association", "mesh/peering-"+peer.name+"-assoc")
			for a := 0; a < 2; a++ {
				synthtest.Attrs(t, r.name+" vpc route", s.Resource(t, "aws_route", fmt.Sprintf("mesh/private-%d-to-%s", a, peer.name)), map[string]any{
					"destination_cidr_block": peer.cidr,
					"transit_gateway_id":     "${aws_ec2_transit_gateway.mesh_tgw_95268E37.id}",
				})
			}
		}
	}
	if want := n * (n - 1) / 2; peerings != want {
		t.Errorf("%d peering attachments, want %d", peerings, want)
	}
}

func TestNewReportsConstructPath(t *testing.T) {
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(t.TempDir())})
	p := validProps()
	p.Regions[1].AmazonSideAsn = 1
	_, err := New(app, "mesh", p)
	want := "mesh: Regions[1].AmazonSideAsn: 1 is outside the private ASN ranges 64512-65534 and 4200000000-4294967294"
	if got := strings.Join(validate.Lines(err), "\n"); got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
