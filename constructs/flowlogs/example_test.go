package flowlogs_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
)

func ExampleNew() {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("us-east-1"))
	logs, err := flowlogs.New(stack, "flowlogs", flowlogs.Props{
		Region:           "us-east-1",
		Name:             "shop-us-east-1",
		VpcId:            jsii.String("vpc-0123456789abcdef0"), // usually network.Network.VpcId
		TransitGatewayId: jsii.String("tgw-0123456789abcdef0"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(logs.VpcLogGroupName)
	fmt.Println(logs.TgwLogGroupName)
	fmt.Println(logs.QueryNames)
	// Output:
	// /multiregion/shop-us-east-1/vpc-flow-logs
	// /multiregion/shop-us-east-1/tgw-flow-logs
	// [shop-us-east-1/vpc-top-talkers shop-us-east-1/rejected shop-us-east-1/tgw-top-talkers shop-us-east-1/tgw-dropped shop-us-east-1/tgw-bandwidth]
}
