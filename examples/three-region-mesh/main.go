// Command three-region-mesh connects three regions (us-east-1, us-west-2,
// eu-west-1) with a full Transit Gateway mesh and two client sites on
// Site-to-Site VPN, one stack per region. It uses the library's constructs
// the way an application's own module would.
//
// Settings come from the environment, so the same app deploys to AWS or to
// a local emulator:
//
//	AWS_ACCOUNT_ID     the 12-digit account (required).
//	MESH_ENDPOINT      AWS API endpoint override (emulator). Default: AWS.
//	MESH_STATE_BUCKET  S3 bucket for state (S3-native locking). Default:
//	                   local state files under ./state.
//	MESH_STATE_REGION  the bucket's region; keep it outside the three
//	                   regions. Default: eu-central-1.
//	MESH_STATE_PREFIX  key prefix. Default: three-region-mesh.
//	MESH_STATE_ENDPOINT S3 endpoint override. Default: MESH_ENDPOINT.
//
// One deploy of every stack builds it all: the three region stacks, then
// the three peering stacks (peering-<requester>-<accepter>), each with a
// provider per side (see README.md).
package main

import (
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
	"github.com/multiregion-iac/multiregion/stacks"
)

const app = "three-region-mesh"

// regions are listed primary first: later regions request the peerings.
var regions = []struct{ name, cidr string }{
	{"us-east-1", "10.10.0.0/16"},
	{"us-west-2", "10.20.0.0/16"},
	{"eu-west-1", "10.30.0.0/16"},
}

var clients = []tgwpeering.Client{
	// static routing: the TGWs route these CIDRs to the VPN
	{Name: "acme", Region: "us-east-1", CustomerGatewayIP: "203.0.113.10", Cidrs: []string{"172.16.0.0/20"}},
	// BGP: the client's routes are propagated
	{Name: "globex", Region: "eu-west-1", CustomerGatewayIP: "198.51.100.20", BgpAsn: 65100, Cidrs: []string{"192.168.0.0/22"}},
}

func main() {
	err := run()
	// Stop the jsii runtime (its Node.js process and temp folder) on every
	// path, before os.Exit skips the rest.
	jsii.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	a := cdktf.NewApp(nil)
	// Every stack, region or peering, talks to AWS the same way.
	props := func(region string) stacks.StackProps {
		return stacks.StackProps{
			Region: region, AccountId: os.Getenv("AWS_ACCOUNT_ID"), Endpoint: os.Getenv("MESH_ENDPOINT"),
			Tags: map[string]string{"app": app}, Backend: backend(),
		}
	}
	var mesh []tgwpeering.Region
	for _, r := range regions {
		s, err := stacks.NewStack(a, r.name, props(r.name))
		if err != nil {
			return err
		}
		net, err := network.New(s.Stack, "network", network.Props{Name: app + "-" + r.name, Cidr: r.cidr, Region: r.name})
		if err != nil {
			return err
		}
		mesh = append(mesh, tgwpeering.Region{Name: r.name, Stack: s.Stack, Network: net})
	}
	m, err := tgwpeering.New(a, "mesh", tgwpeering.Props{
		Name: app, AccountId: os.Getenv("AWS_ACCOUNT_ID"), Regions: mesh, Clients: clients,
		PairStack: stacks.PeeringStacks(a, props), // peering-<requester>-<accepter>, after both regions
	})
	if err != nil {
		return err
	}
	for _, h := range m.Hubs {
		// Flow logs on every VPC and Transit Gateway: what the client
		// dashboards and the security scan expect of a production mesh.
		if _, err := flowlogs.New(h.Region.Stack, "flowlogs", flowlogs.Props{
			Region:           h.Region.Name,
			Name:             app + "-" + h.Region.Name,
			VpcId:            h.Region.Network.VpcId,
			TransitGatewayId: h.TransitGatewayId,
		}); err != nil {
			return err
		}
		outputs(h)
	}
	a.Synth()
	return nil
}

// backend keeps state in S3 (S3-native locking) when MESH_STATE_BUCKET is
// set, else in local files under ./state.
func backend() stacks.Backend {
	bucket := os.Getenv("MESH_STATE_BUCKET")
	if bucket == "" {
		return stacks.Backend{}
	}
	return stacks.Backend{
		Type: "s3", Bucket: bucket, Region: env("MESH_STATE_REGION", "eu-central-1"),
		KeyPrefix: env("MESH_STATE_PREFIX", app), Endpoint: env("MESH_STATE_ENDPOINT", os.Getenv("MESH_ENDPOINT")),
	}
}

func outputs(h *tgwpeering.Hub) {
	out := func(id string, v any) {
		cdktf.NewTerraformOutput(h.Region.Stack, jsii.String(id), &cdktf.TerraformOutputConfig{Value: v})
	}
	out("transit_gateway_id", h.TransitGatewayId)
	out("tgw_route_table_ids", &map[string]*string{"vpc": h.VpcRouteTableId, "peering": h.PeeringRouteTableId})
	atts := map[string]*string{}
	for _, c := range h.Clients {
		atts[c.Client.Name] = c.TransitGatewayAttachmentId
	}
	out("client_tgw_attachment_ids", &atts)
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
