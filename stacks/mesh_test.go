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
		for _, out := range []string{"transit_gateway_id", "tgw_route_table_ids", "tgw_vpc_attachment_id", "client_tgw_attachment_ids", "client_vpn_connection_ids"} {
			if _, ok := s.Outputs()[out]; !ok {
				t.Errorf("%s: output %q missing", s.Name, out)
			}
		}
	}
	// The peering, requested by the second region, in its own stack.
	pair := stacks.Get(t, "peering-us-west-2-us-east-1")
	synthtest.Attrs(t, "peering", pair.Resource(t, "aws_ec2_transit_gateway_peering_attachment", "mesh/attachment"),
		map[string]any{"peer_region": "us-east-1", "peer_account_id": "123456789012", "provider": "aws"})
	synthtest.Attrs(t, "accepter", pair.Resource(t, "aws_ec2_transit_gateway_peering_attachment_accepter", "mesh/accepter"), map[string]any{"provider": "aws.accepter"})
	if _, ok := pair.Outputs()["peering_attachment_id"]; !ok {
		t.Error("the peering stack does not output its attachment")
	}
	// The region stacks follow nothing of each other for the mesh.
	if len(east.Dependencies) != 1 || east.Dependencies[0] != "iam" {
		t.Errorf("us-east-1 deploys after %v, want iam only", east.Dependencies)
	}
	// VPC routes and client VPNs are one resource each, iterating over a
	// map keyed by table and destination, or by client.
	for _, r := range []struct {
		stack      *synthtest.Stack
		path, dest string
		cidr       string
	}{
		{east, "mesh/vpc-routes-private-0", "to-us-west-2", "10.20.0.0/16"},
		{west, "mesh/vpc-routes-private-1", "to-us-east-1", "10.10.0.0/16"},
		{west, "mesh/vpc-routes-private-0", "to-client-acme-0", "172.16.0.0/20"},
	} {
		routes, _ := r.stack.Resource(t, "aws_route", r.path)["for_each"].(map[string]any)
		if routes[r.dest] != r.cidr {
			t.Errorf("%s %s[%q] = %v, want %s", r.stack.Name, r.path, r.dest, routes[r.dest], r.cidr)
		}
	}
	// One VPN per client, in its home region (over the set of names: all
	// of a region's clients route the same way here).
	for stack, want := range map[*synthtest.Stack]string{east: `${toset(["acme"])}`, west: `${toset(["globex"])}`} {
		if got := stack.Resource(t, "aws_vpn_connection", "mesh/client-vpns")["for_each"]; got != want {
			t.Errorf("%s: VPN connections over %v, want %s", stack.Name, got, want)
		}
	}
	synthtest.Validate(t, stacks)
}
