package replicatedpostgres_test

import (
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
)

// A writer in us-east-1 and its cross-region read replica in us-west-2,
// each in its own region's stack; the replica names the writer by ARN (a
// cross-stack reference).
func ExampleNew() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(dir)})
	stack := func(region string) cdktf.TerraformStack {
		s := cdktf.NewTerraformStack(app, jsii.String(region))
		provider.NewAwsProvider(s, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
		return s
	}

	writer, err := replicatedpostgres.New(stack("us-east-1"), "database", replicatedpostgres.Props{
		Region:               "us-east-1",
		VpcId:                jsii.String("vpc-0123"),
		SubnetIds:            []*string{jsii.String("subnet-a"), jsii.String("subnet-b")},
		AllowedCidrs:         []string{"10.10.0.0/18"},
		Name:                 "shop-db-us-east-1",
		SecretReplicaRegions: []string{"us-west-2"},
	})
	if err != nil {
		panic(err)
	}
	replica, err := replicatedpostgres.New(stack("us-west-2"), "database", replicatedpostgres.Props{
		Region:       "us-west-2",
		VpcId:        jsii.String("vpc-4567"),
		SubnetIds:    []*string{jsii.String("subnet-c"), jsii.String("subnet-d")},
		AllowedCidrs: []string{"10.20.0.0/18"},
		Name:         "shop-db-us-west-2",
		Role:         replicatedpostgres.RoleReplica,
		SourceDBArn:  writer.Arn,
		SourceRegion: "us-east-1",
	})
	if err != nil {
		panic(err)
	}
	app.Synth()
	lag := replica.MetricReplicaLag()
	fmt.Println(writer.Identifier, "->", replica.Identifier)
	fmt.Println(lag.Region, lag.Namespace, lag.Name, lag.Dimensions["DBInstanceIdentifier"], lag.Statistic, lag.PeriodSeconds)
	// Output:
	// shop-db-us-east-1-g1 -> shop-db-us-west-2-g1
	// us-west-2 AWS/RDS ReplicaLag shop-db-us-west-2-g1 Maximum 60
}

// One enhanced-monitoring role for every region's instance, made off the
// failover path and passed by ARN.
func ExampleNewMonitoringRole() {
	app := cdktf.NewApp(nil)
	iam := cdktf.NewTerraformStack(app, jsii.String("iam"))
	role, err := replicatedpostgres.NewMonitoringRole(iam, "rds-monitoring-role", replicatedpostgres.MonitoringRoleProps{Name: "shop-rds-monitoring"})
	if err != nil {
		panic(err)
	}
	fmt.Println("arn:aws:iam::123456789012:role/" + role.Name)
	// Output:
	// arn:aws:iam::123456789012:role/shop-rds-monitoring
}
