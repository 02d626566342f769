package tgwpeering

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// fakeStack stands in for a stack in pure-Go validation tests: validation
// only checks that one is given and never calls it (no Node.js needed).
type fakeStack struct{ cdktf.TerraformStack }

func validProps() Props {
	var regions []Region
	for _, r := range testRegions {
		regions = append(regions, Region{Name: r.name, Stack: fakeStack{}, Network: &network.Network{Cidr: r.cidr}})
	}
	// deep copy: cases edit the clients' CIDR lists
	var clients []Client
	for _, c := range testClients {
		c.Cidrs = append([]string(nil), c.Cidrs...)
		clients = append(clients, c)
	}
	// validate never calls PairStack (New does, once the props are sound)
	noPair := func(string, string) (PairStack, error) { return PairStack{}, nil }
	return Props{Regions: regions, Clients: clients, AccountId: testAccount, PairStack: noPair}
}

func problems(p Props) []string {
	probs := validate.New("mesh")
	p.withDefaults("mesh").validate(probs)
	return validate.Lines(probs.Err())
}

func TestValidProps(t *testing.T) {
	if got := problems(validProps()); len(got) != 0 {
		t.Fatalf("valid props reported problems: %q", got)
	}
	p := validProps().withDefaults("mesh")
	for i, r := range p.Regions {
		if r.AmazonSideAsn != DefaultAsnBase+i {
			t.Errorf("Regions[%d].AmazonSideAsn defaulted to %d, want %d", i, r.AmazonSideAsn, DefaultAsnBase+i)
		}
	}
	if p.Name != "mesh" {
		t.Errorf("Name defaulted to %q, want the id", p.Name)
	}
	if *p.TunnelLogRetentionDays != DefaultTunnelLogRetentionDays || p.DisableTunnelLogs {
		t.Errorf("tunnel logs defaulted to retention %d, disabled %v; want %d days, on", *p.TunnelLogRetentionDays, p.DisableTunnelLogs, DefaultTunnelLogRetentionDays)
	}
	// A thousand client networks fit once summarized.
	p = validProps()
	for i := range 1000 {
		p.Clients[0].Cidrs = append(p.Clients[0].Cidrs, fmt.Sprintf("100.%d.%d.0/24", 64+i/256, i%256))
	}
	p.ClientSummaries = []string{"172.16.0.0/16", "192.168.0.0/16", "100.64.0.0/10"}
	if got := problems(p); len(got) != 0 {
		t.Errorf("1,000 summarized client networks reported problems: %q", got)
	}
}

func TestInvalidProps(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *Props)
		want []string
	}{
		{"no account", func(p *Props) { p.AccountId = "" },
			[]string{`mesh: AccountId: "" is not a 12-digit AWS account ID`}},
		{"account not 12 digits", func(p *Props) { p.AccountId = "12345678901x" },
			[]string{`mesh: AccountId: "12345678901x" is not a 12-digit AWS account ID`}},
		{"no pair stacks", func(p *Props) { p.PairStack = nil },
			[]string{"mesh: PairStack: is required with two regions or more: each peering lives in its own stack, with a provider per side"}},
		{"one region needs no pair stacks", func(p *Props) { p.Regions, p.Clients, p.PairStack = p.Regions[:1], p.Clients[:1], nil }, nil},
		{"no regions", func(p *Props) { p.Regions, p.Clients = nil, nil },
			[]string{"mesh: Regions: at least one region is required"}},
		{"same region twice", func(p *Props) { p.Regions[2].Name = "us-east-1" },
			[]string{`mesh: Regions[2].Name: "us-east-1" is already used by Regions[0]`}},
		{"bad region name", func(p *Props) { p.Regions[2].Name = "europe" },
			[]string{`mesh: Regions[2].Name: "europe" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)`}},
		{"missing stack and network", func(p *Props) { p.Regions[2].Stack, p.Regions[2].Network = nil, nil },
			[]string{"mesh: Regions[2].Stack: is required", "mesh: Regions[2].Network: is required"}},
		{"overlapping regions", func(p *Props) { p.Regions[2].Network = &network.Network{Cidr: "10.20.128.0/17"} },
			[]string{"mesh: Regions[2].Network: 10.20.128.0/17 overlaps Regions[1].Network 10.20.0.0/16"}},
		{"tgw asn out of range", func(p *Props) { p.Regions[0].AmazonSideAsn = 65535 },
			[]string{"mesh: Regions[0].AmazonSideAsn: 65535 is outside the private ASN ranges 64512-65534 and 4200000000-4294967294"}},
		{"tgw asn public", func(p *Props) { p.Regions[1].AmazonSideAsn = 4199999999 },
			[]string{"mesh: Regions[1].AmazonSideAsn: 4199999999 is outside the private ASN ranges 64512-65534 and 4200000000-4294967294"}},
		{"duplicate tgw asn", func(p *Props) { p.Regions[2].AmazonSideAsn = 64513 },
			[]string{"mesh: Regions[2].AmazonSideAsn: 64513 is already used by Regions[1].AmazonSideAsn"}},
		{"client asn equals a tgw asn", func(p *Props) { p.Clients[1].BgpAsn = 64512 },
			[]string{"mesh: Clients[1].BgpAsn: 64512 is already used by Regions[0].AmazonSideAsn"}},
		{"duplicate client asn", func(p *Props) {
			p.Clients = append(p.Clients, Client{Name: "initech", Region: "eu-west-1", CustomerGatewayIP: "192.0.2.77", BgpAsn: 65100, Cidrs: []string{"192.168.8.0/24"}})
		}, []string{"mesh: Clients[2].BgpAsn: 65100 is already used by Clients[1].BgpAsn"}},
		{"client asn out of range", func(p *Props) { p.Clients[1].BgpAsn = 4294967295 },
			[]string{"mesh: Clients[1].BgpAsn: 4294967295 is outside 1-4294967294 (use 0 for static routing)"}},
		{"client asn reserved", func(p *Props) { p.Clients[1].BgpAsn = 7224 },
			[]string{"mesh: Clients[1].BgpAsn: 7224 is reserved by AWS"}},
		{"client in unknown region", func(p *Props) { p.Clients[0].Region = "ap-south-1" },
			[]string{`mesh: Clients[0].Region: "ap-south-1" is not one of the mesh's regions (us-east-1, us-west-2, eu-west-1)`}},
		{"client in a badly named region", func(p *Props) { p.Regions[1].Name, p.Clients[1].Region = "oregon", "oregon" },
			[]string{`mesh: Regions[1].Name: "oregon" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)`}},
		{"duplicate client name", func(p *Props) { p.Clients[1].Name = "acme" },
			[]string{`mesh: Clients[1].Name: "acme" is already used by Clients[0]`}},
		{"bad client name", func(p *Props) { p.Clients[0].Name = "Acme Corp" },
			[]string{`mesh: Clients[0].Name: "Acme Corp" must be 1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen`}},
		{"private gateway ip", func(p *Props) { p.Clients[0].CustomerGatewayIP = "10.1.2.3" },
			[]string{`mesh: Clients[0].CustomerGatewayIP: "10.1.2.3" must be a public IPv4 address`}},
		{"gateway ip not an address", func(p *Props) { p.Clients[0].CustomerGatewayIP = "vpn.acme.example" },
			[]string{`mesh: Clients[0].CustomerGatewayIP: "vpn.acme.example" is not an IPv4 address`}},
		{"client without cidrs", func(p *Props) { p.Clients[0].Cidrs = nil },
			[]string{"mesh: Clients[0].Cidrs: at least one CIDR is required"}},
		{"client cidr invalid", func(p *Props) { p.Clients[0].Cidrs[1] = "172.16.32.1/24" },
			[]string{`mesh: Clients[0].Cidrs[1]: "172.16.32.1/24" has host bits set; use "172.16.32.0/24"`}},
		{"client overlaps a region", func(p *Props) { p.Clients[0].Cidrs[1] = "10.30.5.0/24" },
			[]string{"mesh: Clients[0].Cidrs[1]: 10.30.5.0/24 overlaps Regions[2].Network 10.30.0.0/16"}},
		{"client overlaps another client", func(p *Props) { p.Clients[1].Cidrs[0] = "172.16.0.0/12" },
			[]string{
				"mesh: Clients[1].Cidrs[0]: 172.16.0.0/12 overlaps Clients[0].Cidrs[0] 172.16.0.0/20",
				"mesh: Clients[1].Cidrs[0]: 172.16.0.0/12 overlaps Clients[0].Cidrs[1] 172.16.32.0/24",
			}},
		{"client outside the summaries", func(p *Props) { p.ClientSummaries = []string{"172.16.0.0/16"} },
			[]string{"mesh: Clients[1].Cidrs[0]: 192.168.0.0/22 is outside every ClientSummaries entry (172.16.0.0/16)"}},
		{"summaries invalid or overlapping", func(p *Props) {
			p.ClientSummaries = []string{"172.16.0.0/12", "192.168.0.0/16", "172.16.0.0/16", "10.0.0.0/8", "192.168.1.1/16"}
		}, []string{
			"mesh: ClientSummaries[2]: 172.16.0.0/16 overlaps ClientSummaries[0] 172.16.0.0/12",
			"mesh: ClientSummaries[3]: 10.0.0.0/8 overlaps Regions[0].Network 10.10.0.0/16",
			"mesh: ClientSummaries[3]: 10.0.0.0/8 overlaps Regions[1].Network 10.20.0.0/16",
			"mesh: ClientSummaries[3]: 10.0.0.0/8 overlaps Regions[2].Network 10.30.0.0/16",
			`mesh: ClientSummaries[4]: "192.168.1.1/16" has host bits set; use "192.168.0.0/16"`,
		}},
		{"more client routes than a route table holds", func(p *Props) {
			p.Clients[0].Cidrs = nil
			for i := range 998 {
				p.Clients[0].Cidrs = append(p.Clients[0].Cidrs, fmt.Sprintf("100.%d.%d.0/24", 64+i/256, i%256))
			}
		}, []string{"mesh: ClientSummaries: each private route table would need 1002 routes, more than the 1000 AWS allows (50 by default): summarize the 999 client networks in a few pools"}},
		{"tunnel log retention CloudWatch refuses", func(p *Props) { p.TunnelLogRetentionDays = new(45) },
			[]string{"mesh: TunnelLogRetentionDays: 45 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 0 to never expire)"}},
		{"tunnel log retention unused without tunnel logs", func(p *Props) { p.TunnelLogRetentionDays, p.DisableTunnelLogs = new(45), true }, nil},
		{"tunnel logs kept forever", func(p *Props) { p.TunnelLogRetentionDays = new(0) }, nil},
		{"bad mesh name", func(p *Props) { p.Name = "1 mesh" },
			[]string{`mesh: Name: "1 mesh" must be 1-40 letters, digits, hyphens or underscores, starting with a letter`}},
		{"several problems at once", func(p *Props) {
			p.Regions[1].Name = "us-east-1"
			p.Clients[0].Region = "mars-1"
			p.Clients[1].CustomerGatewayIP = "127.0.0.1"
		}, []string{
			`mesh: Regions[1].Name: "us-east-1" is already used by Regions[0]`,
			`mesh: Clients[0].Region: "mars-1" is not one of the mesh's regions (us-east-1, us-east-1, eu-west-1)`,
			`mesh: Clients[1].Region: "us-west-2" is not one of the mesh's regions (us-east-1, us-east-1, eu-west-1)`,
			`mesh: Clients[1].CustomerGatewayIP: "127.0.0.1" must be a public IPv4 address`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validProps()
			c.edit(&p)
			if got := problems(p); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}

// TestPairStackProblems: what PairStack returns is checked before any
// peering is built, each problem named after the pair.
func TestPairStackProblems(t *testing.T) {
	cases := []struct {
		name string
		pair func(app cdktf.App, regions []Region) func(req, acc string) (PairStack, error)
		want []string
	}{
		{"a region's stack", func(app cdktf.App, regions []Region) func(req, acc string) (PairStack, error) {
			return func(req, acc string) (PairStack, error) {
				ps, _ := pairFixture(app)(req, acc)
				ps.Stack = regions[0].Stack
				return ps, nil
			}
		}, []string{`mesh: PairStack("us-west-2", "us-east-1"): returned a region's stack; a peering needs its own stack, so that no region's deploy calls another region's API`}},
		{"providers swapped", func(app cdktf.App, _ []Region) func(req, acc string) (PairStack, error) {
			return func(req, acc string) (PairStack, error) {
				ps, _ := pairFixture(app)(req, acc)
				ps.Requester, ps.Accepter = ps.Accepter, ps.Requester
				return ps, nil
			}
		}, []string{
			`mesh: PairStack("us-west-2", "us-east-1").Requester: is for region "us-east-1", want "us-west-2"`,
			`mesh: PairStack("us-west-2", "us-east-1").Accepter: is for region "us-west-2", want "us-east-1"`,
		}},
		{"an error", func(cdktf.App, []Region) func(req, acc string) (PairStack, error) {
			return func(string, string) (PairStack, error) { return PairStack{}, errors.New("no backend") }
		}, []string{`mesh: PairStack("us-west-2", "us-east-1"): no backend`}},
		{"nothing", func(cdktf.App, []Region) func(req, acc string) (PairStack, error) {
			return func(string, string) (PairStack, error) { return PairStack{}, nil }
		}, []string{`mesh: PairStack("us-west-2", "us-east-1"): must return a Stack and both providers`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(t.TempDir())})
			regions := stackFixture(t, app, 2)
			_, err := New(app, "mesh", Props{AccountId: testAccount, Regions: regions, PairStack: c.pair(app, regions)})
			if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}
