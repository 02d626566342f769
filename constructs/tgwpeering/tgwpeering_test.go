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
	// A client's IDs are read through the hub's index of its VPNs.
	acmeAttachment := "${local.mesh_clients_8D5F6F10.client-acme.transit_gateway_attachment_id}"
	acme := mesh.Hub("us-east-1").Clients[0]
	for got, want := range map[*string]string{
		acme.TransitGatewayAttachmentId: acmeAttachment,
		acme.VpnConnectionId:            "${local.mesh_clients_8D5F6F10.client-acme.vpn_connection_id}",
		acme.CustomerGatewayId:          "${local.mesh_clients_8D5F6F10.client-acme.customer_gateway_id}",
	} {
		if *got != want {
			t.Errorf("acme reference %q, want %q", *got, want)
		}
	}
	index, _ := east.JSON["locals"].(map[string]any)["mesh_clients_8D5F6F10"].(string)
	if !strings.Contains(index, "for name, vpn in aws_vpn_connection.mesh_client-vpns_7F76DC01 :") || strings.Contains(index, "tunnel") {
		t.Errorf("client index local %q must re-key the VPNs' IDs only", index)
	}
	for _, table := range []string{"vpc", "peering"} {
		path := "mesh/client-routes-in-" + table
		synthtest.Attrs(t, "client routes in "+table, east.Resource(t, "aws_ec2_transit_gateway_route", path), map[string]any{
			"destination_cidr_block": "${each.value.cidr}", "transit_gateway_attachment_id": "${each.value.attachment}",
			"transit_gateway_route_table_id": fmt.Sprintf("${aws_ec2_transit_gateway_route_table.mesh_rt-%s_%s.id}", table, map[string]string{"vpc": "14C9C7C5", "peering": "F706288B"}[table]),
		})
		synthtest.Attrs(t, "acme route in "+table, instance(t, east, "aws_ec2_transit_gateway_route", path, "acme-1"), map[string]any{
			"cidr": "172.16.32.0/24", "attachment": acmeAttachment,
		})
		if routes := instances(t, east, "aws_ec2_transit_gateway_route", path); len(routes) != 2 {
			t.Errorf("acme routes in %s %v, want its 2 CIDRs", table, keys(routes))
		}
	}
	if _, ok := east.Resources("aws_ec2_transit_gateway_route")["mesh/client-routes-in-clients"]; ok {
		t.Error("clients must not reach each other by default, but the client table routes to them")
	}
	// All of us-east-1's clients are static: the VPNs iterate over their
	// names, and the gateways share the default ASN, each.value is the IP.
	synthtest.Attrs(t, "client vpns", east.Resource(t, "aws_vpn_connection", "mesh/client-vpns"), map[string]any{
		"for_each": `${toset(["acme"])}`, "static_routes_only": true, "type": "ipsec.1",
		"customer_gateway_id": "${aws_customer_gateway.mesh_client-cgws_6A2ADDF1[each.key].id}",
		"tags":                map[string]any{"Name": "app-us-east-1-${each.key}"},
	})
	synthtest.Attrs(t, "client cgws", east.Resource(t, "aws_customer_gateway", "mesh/client-cgws"), map[string]any{
		"bgp_asn": "65000", "ip_address": "${each.value}", "type": "ipsec.1", "for_each": map[string]any{"acme": "203.0.113.10"},
		"tags": map[string]any{"Name": "app-us-east-1-${each.key}"},
	})
	synthtest.Attrs(t, "client assocs", east.Resource(t, "aws_ec2_transit_gateway_route_table_association", "mesh/client-assocs"), map[string]any{
		"for_each": "${aws_vpn_connection.mesh_client-vpns_7F76DC01}", "transit_gateway_attachment_id": "${each.value.transit_gateway_attachment_id}",
		"transit_gateway_route_table_id": "${aws_ec2_transit_gateway_route_table.mesh_rt-clients_21CEC073.id}",
	})
	// BGP client: propagation instead of static routes.
	synthtest.Attrs(t, "globex vpn", west.Resource(t, "aws_vpn_connection", "mesh/client-vpns"), map[string]any{"static_routes_only": false})
	synthtest.Attrs(t, "globex cgw", west.Resource(t, "aws_customer_gateway", "mesh/client-cgws"), map[string]any{"bgp_asn": "65100"})
	for _, table := range []string{"vpc", "peering"} {
		path := "mesh/client-propagations-to-" + table
		synthtest.Attrs(t, "globex propagations to "+table, west.Resource(t, "aws_ec2_transit_gateway_route_table_propagation", path), map[string]any{
			"transit_gateway_attachment_id": "${each.value}",
			"for_each":                      map[string]any{"globex": "${local.mesh_clients_8D5F6F10.client-globex.transit_gateway_attachment_id}"},
		})
	}
	if _, ok := west.Resources("aws_ec2_transit_gateway_route")["mesh/client-routes-in-vpc"]; ok {
		t.Error("us-west-2 has only a BGP client but got static client routes")
	}
	// Remote clients are reached through their home region's peering, from
	// the VPC table only.
	pair := stacks.Get(t, "peering-us-west-2-us-east-1")
	if cidr := peeringRoutes(t, pair, "us-east-1")["to-client-globex-0/in-vpc"].(map[string]any)["cidr"]; cidr != "192.168.0.0/22" {
		t.Errorf("route to globex from us-east-1 = %v, want 192.168.0.0/22", cidr)
	}
	if routes := peeringRoutes(t, pair, "us-east-1"); len(routes) != 3 || routes["to-client-globex-0/in-clients"] != nil {
		t.Errorf("routes to us-west-2 %v, want its VPC in the vpc and clients tables and globex in the vpc table only", keys(routes))
	}
	// Every VPC routes every client CIDR to its own TGW.
	eu := stacks.Get(t, "eu-west-1")
	synthtest.Attrs(t, "eu routes from private-1", eu.Resource(t, "aws_route", "mesh/vpc-routes-private-1"), map[string]any{
		"route_table_id": "${aws_route_table.network_private-1-rt_64ABB613.id}", "destination_cidr_block": "${each.value}",
	})
	if cidr := instances(t, eu, "aws_route", "mesh/vpc-routes-private-1")["to-client-acme-1"]; cidr != "172.16.32.0/24" {
		t.Errorf("eu route to acme's second network = %v, want 172.16.32.0/24", cidr)
	}
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
	if p := mesh.Peerings[0]; p.Requester != "us-west-2" || p.Accepter != "us-east-1" || *p.Stack.Node().Id() != "peering-us-west-2-us-east-1" {
		t.Errorf("peering %s -> %s in %s", p.Requester, p.Accepter, *p.Stack.Node().Id())
	}
	if out := stacks.Get(t, "peering-us-west-2-us-east-1").Outputs()["peering_attachment_id"]; out == nil {
		t.Error("the pair's stack does not output the attachment ID")
	}
}

// checkPairStack asserts one peering's stack: the request by req's
// provider, the acceptance by acc's, and on both sides the association
// and the routes to the other side, after the acceptance (AWS refuses both
// on an attachment that is not available), every hub ID read from the
// region stacks' state.
func checkPairStack(t *testing.T, s *synthtest.Stack, req, acc, accCidr, reqCidr string) {
	t.Helper()
	attachment := s.Resource(t, "aws_ec2_transit_gateway_peering_attachment", "mesh/attachment")
	synthtest.Attrs(t, s.Name+" attachment", attachment, map[string]any{"peer_region": acc, "peer_account_id": testAccount})
	synthtest.Attrs(t, s.Name+" attachment provider", attachment, map[string]any{"provider": "aws"})
	for _, id := range []string{"transit_gateway_id", "peer_transit_gateway_id"} {
		if v, _ := attachment[id].(string); !strings.Contains(v, "data.terraform_remote_state.") {
			t.Errorf("%s: %s = %v, want a read of the region stack's state", s.Name, id, attachment[id])
		}
	}
	synthtest.Attrs(t, s.Name+" accepter", s.Resource(t, "aws_ec2_transit_gateway_peering_attachment_accepter", "mesh/accepter"),
		map[string]any{"provider": "aws.accepter", "transit_gateway_attachment_id": "${aws_ec2_transit_gateway_peering_attachment.mesh_attachment_6BA474C9.id}"})
	after := []any{"aws_ec2_transit_gateway_peering_attachment_accepter.mesh_accepter_C828C48A"}
	for side, want := range map[string]struct{ provider, remoteCidr string }{req: {"aws", accCidr}, acc: {"aws.accepter", reqCidr}} {
		assoc := s.Resource(t, "aws_ec2_transit_gateway_route_table_association", "mesh/association-in-"+side)
		routes := s.Resource(t, "aws_ec2_transit_gateway_route", "mesh/routes-in-"+side)
		for what, r := range map[string]map[string]any{"association": assoc, "routes": routes} {
			synthtest.Attrs(t, s.Name+" "+what+" in "+side, r, map[string]any{
				"depends_on": after, "transit_gateway_attachment_id": "${aws_ec2_transit_gateway_peering_attachment.mesh_attachment_6BA474C9.id}",
			})
			if p, _ := r["provider"].(string); p != want.provider {
				t.Errorf("%s: %s in %s use provider %q, want %q", s.Name, what, side, p, want.provider)
			}
		}
		route := peeringRoutes(t, s, side)["to-vpc/in-vpc"].(map[string]any)
		if route["cidr"] != want.remoteCidr || !strings.Contains(route["table"].(string), "data.terraform_remote_state.") {
			t.Errorf("%s: route in %s to the peer's VPC = %v, want %s through the hub's VPC table", s.Name, side, route, want.remoteCidr)
		}
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
		for a, rt := range []string{"708F33C0", "64ABB613"} {
			synthtest.Attrs(t, r.name+" vpc routes", s.Resource(t, "aws_route", fmt.Sprintf("mesh/vpc-routes-private-%d", a)), map[string]any{
				"destination_cidr_block": "${each.value}", "route_table_id": fmt.Sprintf("${aws_route_table.network_private-%d-rt_%s.id}", a, rt),
				"transit_gateway_id": "${aws_ec2_transit_gateway.mesh_tgw_95268E37.id}",
				"depends_on":         []any{"aws_ec2_transit_gateway_vpc_attachment.mesh_vpc-attachment_6554E709"},
			})
		}
		s.Resource(t, "aws_ec2_transit_gateway_route_table_propagation", "mesh/vpc-attachment-to-peering")
		// Nothing of a peering in a region's stack, and no read of
		// another stack: a region deploys alone.
		for _, typ := range []string{"aws_ec2_transit_gateway_peering_attachment", "aws_ec2_transit_gateway_peering_attachment_accepter"} {
			if len(s.Resources(typ)) != 0 {
				t.Errorf("%s: has %s resources; peerings belong in their own stacks", r.name, typ)
			}
		}
		if data, _ := s.JSON["data"].(map[string]any); data["terraform_remote_state"] != nil {
			t.Errorf("%s: reads another stack's state", r.name)
		}
		for j, peer := range testRegions[:n] {
			if j == i {
				continue
			}
			for a := 0; a < 2; a++ {
				if cidr := instances(t, s, "aws_route", fmt.Sprintf("mesh/vpc-routes-private-%d", a))["to-"+peer.name]; cidr != peer.cidr {
					t.Errorf("%s: route to %s from private-%d = %v, want %s", r.name, peer.name, a, cidr, peer.cidr)
				}
			}
			if j < i {
				peerings++
				checkPairStack(t, stacks.Get(t, "peering-"+r.name+"-"+peer.name), r.name, peer.name, peer.cidr, r.cidr)
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

// TestExtendedClientAsn: a 4-byte ASN above 2147483647 goes in
// bgp_asn_extended (bgp_asn cannot hold it), the others stay in bgp_asn.
func TestExtendedClientAsn(t *testing.T) {
	stacks, _ := synthMesh(t, 1, Props{Clients: []Client{
		{Name: "acme", Region: "us-east-1", CustomerGatewayIP: "203.0.113.10", Cidrs: []string{"172.16.0.0/20"}},
		{Name: "9lives", Region: "us-east-1", CustomerGatewayIP: "203.0.113.11", BgpAsn: 4200000100, Cidrs: []string{"172.17.0.0/20"}},
	}})
	synthtest.Validate(t, stacks)
	east := stacks.Get(t, "us-east-1")
	synthtest.Attrs(t, "client cgws", east.Resource(t, "aws_customer_gateway", "mesh/client-cgws"), map[string]any{
		"bgp_asn":          "${each.value.bgp_asn <= 2147483647 ? each.value.bgp_asn : null}",
		"bgp_asn_extended": "${each.value.bgp_asn > 2147483647 ? each.value.bgp_asn : null}",
	})
	synthtest.Attrs(t, "9lives cgw", instance(t, east, "aws_customer_gateway", "mesh/client-cgws", "9lives"), map[string]any{"bgp_asn": "4200000100"})
	synthtest.Attrs(t, "acme cgw", instance(t, east, "aws_customer_gateway", "mesh/client-cgws", "acme"), map[string]any{"bgp_asn": "65000"})
	// Static and BGP clients together: the VPNs need a map.
	synthtest.Attrs(t, "mixed vpns", east.Resource(t, "aws_vpn_connection", "mesh/client-vpns"), map[string]any{
		"static_routes_only": "${each.value.static_routes_only}",
		"for_each":           map[string]any{"9lives": map[string]any{"static_routes_only": false}, "acme": map[string]any{"static_routes_only": true}},
	})

	// One extended ASN for every gateway: set once, in bgp_asn_extended.
	stacks, _ = synthMesh(t, 1, Props{Clients: []Client{
		{Name: "9lives", Region: "us-east-1", CustomerGatewayIP: "203.0.113.11", BgpAsn: 4200000100, Cidrs: []string{"172.17.0.0/20"}},
	}})
	synthtest.Validate(t, stacks)
	cgws := stacks.Get(t, "us-east-1").Resource(t, "aws_customer_gateway", "mesh/client-cgws")
	synthtest.Attrs(t, "9lives alone", cgws, map[string]any{"bgp_asn_extended": "4200000100", "ip_address": "${each.value}"})
	synthtest.Absent(t, "9lives alone", cgws, "bgp_asn")
	// A name starting with a digit is still referenced by an HCL identifier
	// (terraform validate parses it above).
	if a := instances(t, east, "aws_ec2_transit_gateway_route_table_propagation", "mesh/client-propagations-to-vpc")["9lives"]; a != "${local.mesh_clients_8D5F6F10.client-9lives.transit_gateway_attachment_id}" {
		t.Errorf("9lives propagation attachment = %v", a)
	}
}

// TestAcceleratedVpn: an accelerated client's VPN sets enable_acceleration
// (per client when the clients differ, once when they all are); without
// one the attribute is left out, so existing VPNs see no change.
func TestAcceleratedVpn(t *testing.T) {
	acme := Client{Name: "acme", Region: "us-east-1", CustomerGatewayIP: "203.0.113.10", Cidrs: []string{"172.16.0.0/20"}, Accelerated: true}
	globex := Client{Name: "globex", Region: "us-east-1", CustomerGatewayIP: "203.0.113.11", Cidrs: []string{"172.17.0.0/20"}}
	stacks, _ := synthMesh(t, 1, Props{Clients: []Client{acme, globex}})
	synthtest.Validate(t, stacks)
	synthtest.Attrs(t, "one accelerated", stacks.Get(t, "us-east-1").Resource(t, "aws_vpn_connection", "mesh/client-vpns"), map[string]any{
		"enable_acceleration": "${each.value.enable_acceleration}",
		"for_each": map[string]any{
			"acme":   map[string]any{"static_routes_only": true, "enable_acceleration": true},
			"globex": map[string]any{"static_routes_only": true, "enable_acceleration": false},
		},
	})
	globex.Accelerated = true
	stacks, _ = synthMesh(t, 1, Props{Clients: []Client{acme, globex}})
	synthtest.Attrs(t, "all accelerated", stacks.Get(t, "us-east-1").Resource(t, "aws_vpn_connection", "mesh/client-vpns"), map[string]any{
		"enable_acceleration": true, "static_routes_only": true,
	})
	acme.Accelerated, globex.Accelerated = false, false
	stacks, _ = synthMesh(t, 1, Props{Clients: []Client{acme, globex}})
	synthtest.Absent(t, "none accelerated", stacks.Get(t, "us-east-1").Resource(t, "aws_vpn_connection", "mesh/client-vpns"), "enable_acceleration")
}

// TestClientSummaries: with summaries, the VPC route tables route each pool
// to the Transit Gateway, not each client network; the Transit Gateway
// route tables still route each client network to its VPN.
func TestClientSummaries(t *testing.T) {
	stacks, _ := synthMesh(t, 2, Props{Clients: testClients, ClientSummaries: []string{"172.16.0.0/16", "192.168.0.0/16"}})
	synthtest.Validate(t, stacks)
	east := stacks.Get(t, "us-east-1")
	for a := range 2 {
		got := instances(t, east, "aws_route", fmt.Sprintf("mesh/vpc-routes-private-%d", a))
		want := map[string]any{"to-us-west-2": "10.20.0.0/16", "to-clients-172.16.0.0/16": "172.16.0.0/16", "to-clients-192.168.0.0/16": "192.168.0.0/16"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("private-%d routes %v, want %v", a, got, want)
		}
	}
	if routes := instances(t, east, "aws_ec2_transit_gateway_route", "mesh/client-routes-in-vpc"); len(routes) != 2 {
		t.Errorf("TGW routes to acme %v, want one per network", keys(routes))
	}
}

// TestTunnelLogs: by default both tunnels of every client VPN log (json) to
// the hub's log group, set once on the for_each resource; the group keeps
// events TunnelLogRetentionDays and is encrypted with a key only this
// region's CloudWatch Logs may use, for this group only. DisableTunnelLogs
// leaves no group, no key and no log options.
func TestTunnelLogs(t *testing.T) {
	clients := []Client{testClients[0], {Name: "initech", Region: "us-east-1", CustomerGatewayIP: "203.0.113.11", Cidrs: []string{"172.17.0.0/20"}}}
	stacks, mesh := synthMesh(t, 1, Props{Name: "shop", Clients: clients})
	east, hub := stacks.Get(t, "us-east-1"), mesh.Hub("us-east-1")
	if hub.TunnelLogGroupName != "/multiregion/shop/vpn-tunnel-logs" || hub.TunnelLogGroupArn == nil || hub.TunnelLogKeyArn == nil {
		t.Errorf("hub tunnel log group %q, ARN %v, key %v", hub.TunnelLogGroupName, hub.TunnelLogGroupArn, hub.TunnelLogKeyArn)
	}
	synthtest.Attrs(t, "tunnel log group", east.Resource(t, "aws_cloudwatch_log_group", "mesh/tunnel-logs"), map[string]any{
		"name": "/multiregion/shop/vpn-tunnel-logs", "retention_in_days": float64(30),
		"kms_key_id": "${aws_kms_key.mesh_tunnel-logs-key_A9053546.arn}",
	})
	key := east.Resource(t, "aws_kms_key", "mesh/tunnel-logs-key")
	policy, _ := key["policy"].(string)
	for _, want := range []string{`"Service":"logs.us-east-1.amazonaws.com"`,
		`"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:us-east-1:123456789012:log-group:/multiregion/shop/vpn-tunnel-logs"`} {
		if !strings.Contains(policy, want) {
			t.Errorf("key policy %s lacks %s", policy, want)
		}
	}
	synthtest.Attrs(t, "tunnel log key", key, map[string]any{"enable_key_rotation": true, "deletion_window_in_days": float64(30)})
	synthtest.Attrs(t, "tunnel log key alias", east.Resource(t, "aws_kms_alias", "mesh/tunnel-logs-key-alias"), map[string]any{"name": "alias/shop-vpn-tunnel-logs"})
	logs := map[string]any{"cloudwatch_log_options": map[string]any{
		"log_enabled": true, "log_group_arn": "${aws_cloudwatch_log_group.mesh_tunnel-logs_2684E4DB.arn}", "log_output_format": "json",
	}}
	synthtest.Attrs(t, "client vpns", east.Resource(t, "aws_vpn_connection", "mesh/client-vpns"), map[string]any{
		"for_each": `${toset(["acme", "initech"])}`, "tunnel1_log_options": logs, "tunnel2_log_options": logs,
	})

	stacks, _ = synthMesh(t, 1, Props{Name: "shop", Clients: clients, TunnelLogRetentionDays: new(0)})
	synthtest.Attrs(t, "never expire", stacks.Get(t, "us-east-1").Resource(t, "aws_cloudwatch_log_group", "mesh/tunnel-logs"), map[string]any{"retention_in_days": float64(0)})

	stacks, mesh = synthMesh(t, 1, Props{Name: "shop", Clients: clients, DisableTunnelLogs: true})
	east = stacks.Get(t, "us-east-1")
	synthtest.Validate(t, stacks)
	for _, typ := range []string{"aws_cloudwatch_log_group", "aws_kms_key", "aws_kms_alias"} {
		if got := east.Resources(typ); len(got) != 0 {
			t.Errorf("DisableTunnelLogs left %s %v", typ, keys(got))
		}
	}
	synthtest.Absent(t, "no tunnel logs", east.Resource(t, "aws_vpn_connection", "mesh/client-vpns"), "tunnel1_log_options", "tunnel2_log_options")
	if h := mesh.Hub("us-east-1"); h.TunnelLogGroupName != "" || h.TunnelLogGroupArn != nil {
		t.Errorf("DisableTunnelLogs hub still names a log group %q", h.TunnelLogGroupName)
	}
}
