package clientdashboards_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/clientdashboards"
)

func ExampleNew() {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("us-east-1"))
	dash, err := clientdashboards.New(stack, "clients", clientdashboards.Props{
		Region:           "us-east-1",
		Name:             "shop-client",
		TransitGatewayId: jsii.String("tgw-0123456789abcdef0"),
		VpcFlowLogGroup:  "/multiregion/shop-us-east-1/vpc-flow-logs", // flowlogs.FlowLogs.VpcLogGroupName
		TgwFlowLogGroup:  "/multiregion/shop-us-east-1/tgw-flow-logs",
		ProbeSubnetId:    jsii.String("subnet-0123456789abcdef0"),
		Clients: []clientdashboards.Client{{
			Name:            "acme",
			AttachmentId:    jsii.String("tgw-attach-0123456789abcdef0"), // the VPN connection's transit_gateway_attachment_id
			VpnConnectionId: jsii.String("vpn-0123456789abcdef0"),
			Cidrs:           []string{"192.168.10.0/24"},
			ProbeAddresses:  []string{"192.168.10.10"},
		}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(dash.DashboardNames["acme"], dash.MonitorNames["acme"])
	// Output: shop-client-acme shop-client-acme
}
