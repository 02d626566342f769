package monitoring_test

import (
	"fmt"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/monitoring"
)

func ExampleNew() {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("us-west-2"))
	mon, err := monitoring.New(stack, "monitoring", monitoring.Props{
		Region: "us-west-2",
		Name:   "shop-us-west-2",
		Alarms: []monitoring.Alarm{
			// The replica's lag is published in the replica's region: here.
			monitoring.ReplicaLagAlarm("replica-lag", monitoring.ReplicaLag("us-west-2", "shop-replica"), 60),
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(mon.TopicName, mon.AlarmNames)
	// Output: shop-us-west-2-alarms [shop-us-west-2-replica-lag]
}
