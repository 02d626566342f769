package tgwpeering_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
)

// Two regions, one stack each, peered, with a client site on VPN in the
// first region.
func ExampleNew() {
	app := cdktf.NewApp(nil)
	var regions []tgwpeering.Region
	for _, r := range []struct{ name, cidr string }{{"us-east-1", "10.10.0.0/16"}, {"us-west-2", "10.20.0.0/16"}} {
		stack := cdktf.NewTerraformStack(app, jsii.String(r.name))
		provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(r.name)})
		cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String("state/" + r.name + ".tfstate")})
		net, err := network.New(stack, "network", network.Props{Cidr: r.cidr})
		if err != nil {
			panic(err)
		}
		regions = append(regions, tgwpeering.Region{Name: r.name, Stack: stack, Network: net})
	}
	mesh, err := tgwpeering.New(app, "mesh", tgwpeering.Props{
		Name:      "shop",
		AccountId: "123456789012",
		Regions:   regions,
		Clients: []tgwpeering.Client{{
			Name: "acme", Region: "us-east-1", CustomerGatewayIP: "203.0.113.10",
			Cidrs: []string{"172.16.0.0/20"},
		}},
	})
	if err != nil {
		panic(err)
	}
	for _, p := range mesh.Peerings {
		fmt.Println(p.Requester, "requests, accepted by", p.Accepter)
	}
	fmt.Println(len(mesh.Hub("us-east-1").Clients), "client in us-east-1")
	// Output:
	// us-west-2 requests, accepted by us-east-1
	// 1 client in us-east-1
}
