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

// A delivery role made once off the failover path, used by ARN.
func ExampleNewDeliveryRole() {
	app := cdktf.NewApp(nil)
	iam := cdktf.NewTerraformStack(app, jsii.String("iam"))
	role, err := flowlogs.NewDeliveryRole(iam, "flow-logs-role", flowlogs.DeliveryRoleProps{
		Name:      "shop-flow-logs",
		AccountId: "123456789012",
		Targets:   []flowlogs.DeliveryTarget{{Region: "us-west-2", Name: "shop-us-west-2"}},
	})
	if err != nil {
		panic(err)
	}
	stack := cdktf.NewTerraformStack(app, jsii.String("us-west-2"))
	logs, err := flowlogs.New(stack, "flowlogs", flowlogs.Props{
		Region:    "us-west-2",
		Name:      "shop-us-west-2",
		VpcId:     jsii.String("vpc-0123456789abcdef0"),
		AccountId: "123456789012",
		RoleArn:   jsii.String("arn:aws:iam::123456789012:role/" + role.Name),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(*logs.RoleArn)
	// Output:
	// arn:aws:iam::123456789012:role/shop-flow-logs
}
