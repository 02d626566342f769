package tgwpeering

import (
	"fmt"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// testRegions are the regions the tests use, in mesh order.
var testRegions = []struct{ name, cidr string }{
	{"us-east-1", "10.10.0.0/16"},
	{"us-west-2", "10.20.0.0/16"},
	{"eu-west-1", "10.30.0.0/16"},
}

// testClients has a static client in the first region and a BGP client in
// the second.
var testClients = []Client{
	{Name: "acme", Region: "us-east-1", CustomerGatewayIP: "203.0.113.10", Cidrs: []string{"172.16.0.0/20", "172.16.32.0/24"}},
	{Name: "globex", Region: "us-west-2", CustomerGatewayIP: "198.51.100.20", BgpAsn: 65100, Cidrs: []string{"192.168.0.0/22"}},
}

// testAccount is the account of every test mesh (moto's default).
const testAccount = "123456789012"

// stackFixture builds n region stacks, each with one provider pinned to
// its region, a local backend under a fixed path (goldens must not depend
// on the machine) and a two-AZ network.
func stackFixture(t testing.TB, app cdktf.App, n int) []Region {
	t.Helper()
	var regions []Region
	for _, r := range testRegions[:n] {
		stack := cdktf.NewTerraformStack(app, jsii.String(r.name))
		stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
		provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(r.name)})
		cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String(fmt.Sprintf("/tmp/tgwpeering-test-state/%s.tfstate", r.name))})
		net, err := network.New(stack, "network", network.Props{Name: "app-" + r.name, Cidr: r.cidr, AvailabilityZones: []string{r.name + "a", r.name + "b"}})
		if err != nil {
			t.Fatal(err)
		}
		regions = append(regions, Region{Name: r.name, Stack: stack, Network: net})
	}
	return regions
}

// pairFixture makes each peering's stack "peering-<requester>-<accepter>"
// with a default provider for the requester and one aliased "accepter".
func pairFixture(app cdktf.App) func(req, acc string) (PairStack, error) {
	return func(req, acc string) (PairStack, error) {
		name := "peering-" + req + "-" + acc
		stack := cdktf.NewTerraformStack(app, jsii.String(name))
		stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
		cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String("/tmp/tgwpeering-test-state/" + name + ".tfstate")})
		return PairStack{
			Stack:     stack,
			Requester: provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(req)}),
			Accepter:  provider.NewAwsProvider(stack, jsii.String("accepter"), &provider.AwsProviderConfig{Region: jsii.String(acc), Alias: jsii.String("accepter")}),
		}, nil
	}
}

// synthMesh synthesizes an n-region mesh with props (Regions filled in).
func synthMesh(t testing.TB, n int, props Props) (synthtest.Stacks, *Mesh) {
	t.Helper()
	var mesh *Mesh
	stacks := synthtest.Synth(t, func(app cdktf.App) error {
		props.Regions = stackFixture(t, app, n)
		if props.PairStack == nil {
			props.PairStack = pairFixture(app)
		}
		if props.AccountId == "" {
			props.AccountId = testAccount
		}
		var err error
		mesh, err = New(app, "mesh", props)
		return err
	})
	return stacks, mesh
}

// instance returns the for_each element key of the resource at path (a
// resource that iterates over a map built in Go), failing when absent.
func instance(t testing.TB, s *synthtest.Stack, typ, path, key string) map[string]any {
	t.Helper()
	v, ok := instances(t, s, typ, path)[key]
	if !ok {
		t.Fatalf("stack %s: %s %q has no instance %q; have %v", s.Name, typ, path, key, keys(instances(t, s, typ, path)))
	}
	return v.(map[string]any)
}

// instances returns the for_each map of the resource at path.
func instances(t testing.TB, s *synthtest.Stack, typ, path string) map[string]any {
	t.Helper()
	m, ok := s.Resource(t, typ, path)["for_each"].(map[string]any)
	if !ok {
		t.Fatalf("stack %s: %s %q does not iterate over a map", s.Name, typ, path)
	}
	return m
}

// peeringRoutes returns the routes of the pair's stack in region's tables
// (the for_each map of routes-in-<region>).
func peeringRoutes(t testing.TB, pair *synthtest.Stack, region string) map[string]any {
	t.Helper()
	return instances(t, pair, "aws_ec2_transit_gateway_route", "mesh/routes-in-"+region)
}
