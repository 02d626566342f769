package network

import (
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

func TestLayout(t *testing.T) {
	cases := []struct {
		name  string
		props Props
		want  map[string]string
	}{
		{"two AZs in a /16", Props{Cidr: "10.0.0.0/16"}, map[string]string{
			TierPrivate:  "10.0.0.0/18 10.0.64.0/18",
			TierPublic:   "10.0.128.0/21 10.0.136.0/21",
			TierDatabase: "10.0.144.0/21 10.0.152.0/21",
		}},
		{"three AZs in a /16", Props{Cidr: "10.1.0.0/16", AzCount: 3}, map[string]string{
			TierPrivate:  "10.1.0.0/18 10.1.64.0/18 10.1.128.0/18",
			TierPublic:   "10.1.192.0/21 10.1.200.0/21 10.1.208.0/21",
			TierDatabase: "10.1.216.0/21 10.1.224.0/21 10.1.232.0/21",
		}},
		{"custom sizes in a /20", Props{Cidr: "10.2.0.0/20", PrivateSubnetBits: 3, PublicSubnetBits: 4, DatabaseSubnetBits: 4}, map[string]string{
			TierPrivate:  "10.2.0.0/23 10.2.2.0/23",
			TierPublic:   "10.2.4.0/24 10.2.5.0/24",
			TierDatabase: "10.2.6.0/24 10.2.7.0/24",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs := validate.New("net")
			layout := c.props.withDefaults("net").validate(probs)
			if err := probs.Err(); err != nil {
				t.Fatal(err)
			}
			for tier, want := range c.want {
				var got []string
				for _, p := range layout.Subnets[tier] {
					got = append(got, p.String())
				}
				if strings.Join(got, " ") != want {
					t.Errorf("%s: got %s, want %s", tier, strings.Join(got, " "), want)
				}
			}
		})
	}
}

func TestInvalidProps(t *testing.T) {
	cases := []struct {
		name  string
		props Props
		want  []string
	}{
		{"missing cidr", Props{}, []string{`stack/net: Cidr: "" is not a valid IPv4 CIDR`}},
		{"bad cidr", Props{Cidr: "10.0.0.0/33"}, []string{`stack/net: Cidr: "10.0.0.0/33" is not a valid IPv4 CIDR`}},
		{"vpc too large", Props{Cidr: "10.0.0.0/8"}, []string{`stack/net: Cidr: 10.0.0.0/8: the VPC prefix must be between /16 and /24`}},
		{"az count", Props{Cidr: "10.0.0.0/16", AzCount: 4}, []string{`stack/net: AzCount: must be 2 or 3, got 4`}},
		{"zones mismatch", Props{Cidr: "10.0.0.0/16", AvailabilityZones: []string{"us-east-1a"}}, []string{`stack/net: AvailabilityZones: has 1 zones but AzCount is 2`}},
		{"duplicate zone", Props{Cidr: "10.0.0.0/16", AvailabilityZones: []string{"us-east-1a", "us-east-1a"}}, []string{`stack/net: AvailabilityZones[1]: "us-east-1a" is listed twice`}},
		{"zone of another region", Props{Cidr: "10.0.0.0/16", Region: "eu-central-1", AvailabilityZones: []string{"eu-central-1a", "us-west-2a"}}, []string{
			`stack/net: AvailabilityZones[1]: "us-west-2a" is a zone of us-west-2, not of eu-central-1`}},
		{"zones of two regions", Props{Cidr: "10.0.0.0/16", AvailabilityZones: []string{"eu-west-1a", "eu-west-2b"}}, []string{
			`stack/net: AvailabilityZones[1]: "eu-west-2b" is in eu-west-2 but AvailabilityZones[0] is in eu-west-1: all zones must be in one region`}},
		{"zone id and local zone", Props{Cidr: "10.0.0.0/16", Region: "us-west-2", AvailabilityZones: []string{"usw2-az1", "us-west-2-lax-1a"}}, []string{
			`stack/net: AvailabilityZones[0]: "usw2-az1" is not an Availability Zone of us-west-2 (want us-west-2 followed by a zone letter, e.g. us-west-2a; Local Zones and zone IDs are not accepted)`,
			`stack/net: AvailabilityZones[1]: "us-west-2-lax-1a" is not an Availability Zone of us-west-2 (want us-west-2 followed by a zone letter, e.g. us-west-2a; Local Zones and zone IDs are not accepted)`}},
		{"unknown region", Props{Cidr: "10.0.0.0/16", Region: "xx-nowhere-9", AvailabilityZones: []string{"xx-nowhere-9a", "us-east-1a"}}, []string{
			`stack/net: Region: "xx-nowhere-9" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)`,
			`stack/net: AvailabilityZones[0]: "xx-nowhere-9a" is not an Availability Zone name (want a region followed by a zone letter, e.g. us-east-1a; Local Zones and zone IDs are not accepted)`}},
		{"nat mode", Props{Cidr: "10.0.0.0/16", NatGateways: "two"}, []string{`stack/net: NatGateways: must be "none", "single" or "per-az", got "two"`}},
		{"subnet too small", Props{Cidr: "10.0.0.0/24"}, []string{
			`stack/net: PublicSubnetBits: 5 gives /29 subnets in 10.0.0.0/24; AWS subnets must be /28 or larger`,
			`stack/net: DatabaseSubnetBits: 5 gives /29 subnets in 10.0.0.0/24; AWS subnets must be /28 or larger`,
		}},
		{"does not fit", Props{Cidr: "10.0.0.0/16", AzCount: 3, PrivateSubnetBits: 1}, []string{
			`stack/net: Cidr: 10.0.0.0/16 is too small for 3 AZs x 3 tiers with these subnet sizes (public +5, private +1, database +5 bits)`,
		}},
		{"several at once", Props{Cidr: "10.0.0.0/33", AzCount: 1, NatGateways: "x"}, []string{
			`stack/net: AzCount: must be 2 or 3, got 1`,
			`stack/net: NatGateways: must be "none", "single" or "per-az", got "x"`,
			`stack/net: Cidr: "10.0.0.0/33" is not a valid IPv4 CIDR`,
		}},
	}
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("stack"))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(stack, "net", c.props)
			got := validate.Lines(err)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}

func synthNetwork(t *testing.T, props Props) *synthtest.Stack {
	t.Helper()
	stacks := synthtest.Synth(t, func(app cdktf.App) error {
		stack := cdktf.NewTerraformStack(app, jsii.String("region"))
		cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String("/tmp/network-test.tfstate")})
		newTestProvider(stack)
		_, err := New(stack, "network", props)
		return err
	})
	return stacks.Get(t, "region")
}

func TestSynthNatPerAz(t *testing.T) {
	s := synthNetwork(t, Props{Name: "shop", Cidr: "10.0.0.0/16", AzCount: 3, NatGateways: NatPerAz,
		AvailabilityZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"}})

	if n := len(s.Resources("aws_subnet")); n != 9 {
		t.Errorf("%d subnets, want 9", n)
	}
	if n := len(s.Resources("aws_nat_gateway")); n != 3 {
		t.Errorf("%d NAT gateways, want 3", n)
	}
	if n := len(s.Data("aws_availability_zones")); n != 0 {
		t.Errorf("pinned zones must not read the zone list, found %d data sources", n)
	}
	synthtest.Attrs(t, "private-2", s.Resource(t, "aws_subnet", "network/private-2"), map[string]any{
		"cidr_block": "10.0.128.0/18", "availability_zone": "us-east-1c", "map_public_ip_on_launch": false,
		"tags": map[string]any{"Name": "shop-private-2", "multiregion:tier": "private"},
	})
	synthtest.Attrs(t, "default sg", s.Resource(t, "aws_default_security_group", "network/default-sg"), map[string]any{
		"ingress": []any{}, "egress": []any{},
	})
	synthtest.Attrs(t, "private-1 default route", s.Resource(t, "aws_route", "network/private-1-default"), map[string]any{
		"destination_cidr_block": "0.0.0.0/0",
		"nat_gateway_id":         "${aws_nat_gateway." + logicalID(t, s, "aws_nat_gateway", "network/nat-1") + ".id}",
		"route_table_id":         "${aws_route_table." + logicalID(t, s, "aws_route_table", "network/private-1-rt") + ".id}",
	})
	synthtest.Golden(t, synthtest.Stacks{"nat-per-az": s}, "")
}

func TestSynthDefaults(t *testing.T) {
	s := synthNetwork(t, Props{Cidr: "10.5.0.0/16"})
	if n := len(s.Resources("aws_nat_gateway")); n != 0 {
		t.Errorf("%d NAT gateways, want none by default", n)
	}
	if n := len(s.Resources("aws_route_table")); n != 4 {
		t.Errorf("%d route tables, want 4 (public, database, one private per AZ)", n)
	}
	synthtest.Attrs(t, "subnet AZ", s.Resource(t, "aws_subnet", "network/public-1"), map[string]any{
		"availability_zone": "${element(data.aws_availability_zones." + dataID(t, s, "network/azs") + ".names, 1)}",
	})
	synthtest.Golden(t, synthtest.Stacks{"defaults": s}, "")
	synthtest.Validate(t, synthtest.Stacks{"defaults": s})
}

func logicalID(t *testing.T, s *synthtest.Stack, typ, path string) string {
	t.Helper()
	meta := s.Resource(t, typ, path)["//"].(map[string]any)["metadata"].(map[string]any)
	return meta["uniqueId"].(string)
}

func dataID(t *testing.T, s *synthtest.Stack, path string) string {
	t.Helper()
	d, ok := s.Data("aws_availability_zones")[path]
	if !ok {
		t.Fatalf("no aws_availability_zones at %s", path)
	}
	return d["//"].(map[string]any)["metadata"].(map[string]any)["uniqueId"].(string)
}
