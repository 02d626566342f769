package stacks

import (
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestMeshInReferenceApp checks the mesh as the reference app wires it:
// a hub per region stack with the config's ASNs, the peering requested by
// the second region and accepted by the first, VPC routes both ways, the
// clients' VPNs in their home region, and the outputs other tools read.
func TestMeshInReferenceApp(t *testing.T) {
	cfg := testConfig(t, func(s string) string {
		return s + clientsYAML[len(validYAML):]
	})
	stacks := synthReference(t, cfg)
	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")
	for i, s := range []*synthtest.Stack{east, west} {
		synthtest.Attrs(t, s.Name+" tgw", s.Resource(t, "aws_ec2_transit_gateway", "mesh/tgw"), map[string]any{
			"amazon_side_asn": 64512 + i, "default_route_table_association": "disable", "default_route_table_propagation": "disable",
			"tags": map[string]any{"Name": "shop-" + s.Name},
		})
		for _, out := range []string{"transit_gateway_id", "tgw_route_table_ids", "tgw_vpc_attachment_id", "tgw_peering_attachment_ids", "client_tgw_attachment_ids", "client_vpn_connection_ids"} {
			if _, ok := s.Outputs()[out]; !ok {
				t.Errorf("%s: output %q missing", s.Name, out)
			}
		}
	}
	synthtest.Attrs(t, "peering", west.Resource(t, "aws_ec2_transit_gateway_peering_attachment", "mesh/peering-us-east-1"), map[string]any{"peer_region": "us-east-1"})
	east.Resource(t, "aws_ec2_transit_gateway_peering_attachment_accepter", "mesh/peering-us-west-2-accepter")
	synthtest.Attrs(t, "east vpc route", east.Resource(t, "aws_route", "mesh/private-0-to-us-west-2"), map[string]any{"destination_cidr_block": "10.20.0.0/16"})
	synthtest.Attrs(t, "west vpc route", west.Resource(t, "aws_route", "mesh/private-1-to-us-east-1"), map[string]any{"destination_cidr_block": "10.10.0.0/16"})
	synthtest.Attrs(t, "west route to acme", west.Resource(t, "aws_route", "mesh/private-0-to-client-acme-0"), map[string]any{"destination_cidr_block": "172.16.0.0/20"})
	east.Resource(t, "aws_vpn_connection", "mesh/client-acme-vpn")
	west.Resource(t, "aws_vpn_connection", "mesh/client-globex-vpn")
	if n := len(east.Resources("aws_vpn_connection")); n != 1 {
		t.Errorf("us-east-1: %d VPN connections, want 1 (acme)", n)
	}
	synthtest.Validate(t, stacks)
}
