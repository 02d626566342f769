package failovernlb_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/failovernlb"
	"github.com/multiregion-iac/multiregion/constructs/network"
)

// Two regions, each with an NLB on static IPs, and a global stack with
// Route 53 failover between them.
func ExampleNew() {
	app := cdktf.NewApp(nil)
	var endpoints []failovernlb.Endpoint
	for i, region := range []string{"us-east-1", "us-west-2"} {
		stack := cdktf.NewTerraformStack(app, jsii.String(region))
		provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
		net, err := network.New(stack, "network", network.Props{Cidr: fmt.Sprintf("10.%d.0.0/16", 10*(i+1))})
		if err != nil {
			panic(err)
		}
		nlb, err := failovernlb.New(stack, "entry", failovernlb.Props{Network: net})
		if err != nil {
			panic(err)
		}
		role := failovernlb.RoleSecondary
		if i == 0 {
			role = failovernlb.RolePrimary
		}
		endpoints = append(endpoints, failovernlb.Endpoint{Region: region, Role: role, Balancer: nlb})
	}
	global := cdktf.NewTerraformStack(app, jsii.String("global"))
	provider.NewAwsProvider(global, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("us-east-1")})
	failover, err := failovernlb.NewGlobal(global, "failover", failovernlb.GlobalProps{
		ZoneName:  "example.com",
		Endpoints: endpoints,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("PRIMARY:", failover.PrimaryRegion, "SECONDARY:", failover.SecondaryRegion)
	fmt.Println(failover.Timing)
	// Output:
	// PRIMARY: us-east-1 SECONDARY: us-west-2
	// Route 53: about 90s (health check 30s + resolver cache 60s)
}
