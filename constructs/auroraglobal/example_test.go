package auroraglobal_test

import (
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/auroraglobal"
)

// A global database written in us-east-1 (the origin, which also holds the
// global cluster and the master secret) with a secondary in us-west-2,
// each in its own region's stack.
func ExampleNew() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(dir)})
	stack := func(region string) cdktf.TerraformStack {
		s := cdktf.NewTerraformStack(app, jsii.String(region))
		provider.NewAwsProvider(s, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
		return s
	}
	const writer, role = "us-east-1", "arn:aws:iam::123456789012:role/shop-rds-monitoring"
	east, west := stack("us-east-1"), stack("us-west-2")

	global, err := auroraglobal.NewGlobal(east, "global-database", auroraglobal.GlobalProps{Name: "shop"})
	if err != nil {
		panic(err)
	}
	origin, err := auroraglobal.New(east, "database", auroraglobal.Props{
		Region: "us-east-1", WriterRegion: writer, Origin: true,
		GlobalClusterIdentifier: global.Id,
		VpcId:                   jsii.String("vpc-0123"),
		SubnetIds:               []*string{jsii.String("subnet-a"), jsii.String("subnet-b")},
		AllowedCidrs:            []string{"10.10.0.0/18", "10.20.0.0/18"},
		Name:                    "shop-us-east-1",
		SecretReplicaRegions:    []string{"us-west-2"},
		MonitoringRoleArn:       jsii.String(role),
	})
	if err != nil {
		panic(err)
	}
	secondary, err := auroraglobal.New(west, "database", auroraglobal.Props{
		Region: "us-west-2", WriterRegion: writer,
		GlobalClusterIdentifier: jsii.String(global.Identifier),
		VpcId:                   jsii.String("vpc-4567"),
		SubnetIds:               []*string{jsii.String("subnet-c"), jsii.String("subnet-d")},
		AllowedCidrs:            []string{"10.10.0.0/18", "10.20.0.0/18"},
		Name:                    "shop-us-west-2",
		MonitoringRoleArn:       jsii.String(role),
	})
	if err != nil {
		panic(err)
	}
	west.AddDependency(east) // the secondary joins a global cluster that exists
	app.Synth()
	lag := secondary.MetricReplicationLag()
	fmt.Println(global.Identifier, origin.Identifier, secondary.Identifier)
	fmt.Println(lag.Region, lag.Name, lag.Dimensions["DBClusterIdentifier"], lag.Dimensions["SourceRegion"])
	// Output:
	// shop shop-us-east-1 shop-us-west-2
	// us-west-2 AuroraGlobalDBReplicationLag shop-us-west-2 us-east-1
}
