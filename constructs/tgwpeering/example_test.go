package tgwpeering_test

import (
	"fmt"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
	"github.com/multiregion-iac/multiregion/stacks"
)

// Two regions, one stack each, peered, with a client site on VPN in the
// first region.
func ExampleNew() {
	app := cdktf.NewApp(nil)
	// How every stack talks to AWS: its region's provider (constraints, no
	// account lookup) and a state file whose path every stack resolves
	// alike (a peering's stack reads the two hubs' IDs from it).
	props := func(region string) stacks.StackProps {
		return stacks.StackProps{Region: region, AccountId: "123456789012"}
	}
	var regions []tgwpeering.Region
	for _, r := range []struct{ name, cidr string }{{"us-east-1", "10.10.0.0/16"}, {"us-west-2", "10.20.0.0/16"}} {
		s, err := stacks.NewStack(app, r.name, props(r.name))
		if err != nil {
			panic(err)
		}
		net, err := network.New(s.Stack, "network", network.Props{Cidr: r.cidr})
		if err != nil {
			panic(err)
		}
		regions = append(regions, tgwpeering.Region{Name: r.name, Stack: s.Stack, Network: net})
	}
	mesh, err := tgwpeering.New(app, "mesh", tgwpeering.Props{
		Name:      "shop",
		AccountId: "123456789012",
		Regions:   regions,
		// each peering in its own stack, "peering-<requester>-<accepter>"
		PairStack: stacks.PeeringStacks(app, props),
		Clients: []tgwpeering.Client{{
			Name: "acme", Region: "us-east-1", CustomerGatewayIP: "203.0.113.10",
			Cidrs: []string{"172.16.0.0/20"},
		}},
	})
	if err != nil {
		panic(err)
	}
	for _, p := range mesh.Peerings {
		fmt.Println(p.Requester, "requests, accepted by", p.Accepter, "in stack", *p.Stack.Node().Id())
	}
	fmt.Println(len(mesh.Hub("us-east-1").Clients), "client in us-east-1")
	// Output:
	// us-west-2 requests, accepted by us-east-1 in stack peering-us-west-2-us-east-1
	// 1 client in us-east-1
}
