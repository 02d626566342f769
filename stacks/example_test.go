package stacks_test

import (
	"fmt"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/stacks"
)

// Two regions with the database: each region's stack holds its network,
// its Transit Gateway hub and its PostgreSQL instance.
func ExampleNew() {
	app := cdktf.NewApp(nil)
	d, err := stacks.New(app, stacks.Config{
		App: "shop", Environment: "prod", AccountId: "123456789012",
		Regions: []stacks.Region{
			{Name: "eu-central-1", Role: stacks.RolePrimary, Cidr: "10.40.0.0/16"},
			{Name: "eu-west-1", Role: stacks.RoleSecondary, Cidr: "10.50.0.0/16"},
		},
		Database: &stacks.Database{},
	})
	if err != nil {
		panic(err)
	}
	for _, rs := range d.Regions {
		fmt.Println(*rs.Stack.Node().Id(), rs.Database.Identifier, rs.Database.Props.Role)
	}
	// Output:
	// eu-central-1 shop-db-eu-central-1-g1 writer
	// eu-west-1 shop-db-eu-west-1-g1 replica
}

// Every problem is reported at once, by Config field, naming the
// construct that refused the value.
func ExampleNew_invalid() {
	_, err := stacks.New(cdktf.NewApp(nil), stacks.Config{
		App: "shop", Environment: "prod", AccountId: "123456789012",
		Regions: []stacks.Region{
			{Name: "eu-central-1", Role: stacks.RolePrimary, Cidr: "10.40.0.0/16"},
			{Name: "eu-west-1", Role: stacks.RoleSecondary, Cidr: "10.40.0.0/33", AzCount: 4},
		},
		Database: &stacks.Database{MasterUsername: "admin"},
	})
	fmt.Println(err)
	// Output:
	// 3 problems:
	//   Regions[1].AzCount: must be 2 or 3, got 4 (eu-west-1/network)
	//   Regions[1].Cidr: "10.40.0.0/33" is not a valid IPv4 CIDR (eu-west-1/network)
	//   Database.MasterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name (eu-central-1/database)
}

// One stack with its provider and backend, for constructs composed by hand.
func ExampleNewStack() {
	app := cdktf.NewApp(nil)
	s, err := stacks.NewStack(app, "eu-west-1", stacks.StackProps{
		Region: "eu-west-1", AccountId: "123456789012", Tags: map[string]string{"team": "edge"},
	})
	if err != nil {
		panic(err)
	}
	net, err := network.New(s.Stack, "network", network.Props{Cidr: "10.50.0.0/16"})
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Region, net.Cidr, len(net.Private.Cidrs), "private subnets")
	// Output:
	// eu-west-1 10.50.0.0/16 2 private subnets
}
