package network_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
)

func ExampleNew() {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("us-east-1"))

	net, err := network.New(stack, "network", network.Props{
		Cidr:        "10.10.0.0/16",
		AzCount:     3,
		NatGateways: network.NatPerAz,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("private:", net.Private.Cidrs)
	fmt.Println("public:", net.Public.Cidrs)
	fmt.Println("database:", net.Database.Cidrs)

	_, err = network.New(stack, "bad", network.Props{Cidr: "10.0.0.0/33", AzCount: 4})
	fmt.Println(err)
	// Output:
	// private: [10.10.0.0/18 10.10.64.0/18 10.10.128.0/18]
	// public: [10.10.192.0/21 10.10.200.0/21 10.10.208.0/21]
	// database: [10.10.216.0/21 10.10.224.0/21 10.10.232.0/21]
	// 2 problems:
	//   us-east-1/bad: AzCount: must be 2 or 3, got 4
	//   us-east-1/bad: Cidr: "10.0.0.0/33" is not a valid IPv4 CIDR
}
