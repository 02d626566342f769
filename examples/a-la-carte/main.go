// Command a-la-carte composes constructs by hand, without the whole design:
// a Transit Gateway mesh between two regions, and an NLB on static IPs and
// flow logs in each, on stacks made with stacks.NewStack (provider,
// version constraints, default tags, backend in one call). The team adds
// its own resources to each region's stack next to them.
package main

import (
	"log"
	"os"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/failovernlb"
	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
	"github.com/multiregion-iac/multiregion/stacks"
)

var regions = []struct{ name, cidr string }{
	{"ap-southeast-2", "10.60.0.0/16"},
	{"ap-northeast-1", "10.70.0.0/16"},
}

func main() {
	app := cdktf.NewApp(nil)
	account := os.Getenv("AWS_ACCOUNT_ID")
	props := func(region string) stacks.StackProps {
		return stacks.StackProps{Region: region, AccountId: account, Endpoint: os.Getenv("AWS_ENDPOINT_URL"), Tags: map[string]string{"team": "edge"}}
	}
	var mesh []tgwpeering.Region
	for _, r := range regions {
		s, err := stacks.NewStack(app, r.name, props(r.name))
		check(err)
		net, err := network.New(s.Stack, "network", network.Props{Name: "edge-" + r.name, Cidr: r.cidr})
		check(err)
		_, err = failovernlb.New(s.Stack, "entry", failovernlb.Props{Network: net, Name: "edge-" + r.name, Ports: []int{8443}})
		check(err)
		mesh = append(mesh, tgwpeering.Region{Name: r.name, Stack: s.Stack, Network: net})
	}
	m, err := tgwpeering.New(app, "mesh", tgwpeering.Props{Name: "edge", AccountId: account, Regions: mesh,
		PairStack: stacks.PeeringStacks(app, props)}) // each peering in its own stack, one deploy

	check(err)
	for _, h := range m.Hubs { // flow logs on every VPC and Transit Gateway (own delivery role per stack)
		_, err = flowlogs.New(h.Region.Stack, "flowlogs", flowlogs.Props{Region: h.Region.Name, Name: "edge-" + h.Region.Name,
			AccountId: account, VpcId: h.Region.Network.VpcId, TransitGatewayId: h.TransitGatewayId})
		check(err)
	}
	app.Synth()
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
