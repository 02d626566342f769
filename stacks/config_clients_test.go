package stacks

import (
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// clientsYAML appends a valid clients section to validYAML.
const clientsYAML = validYAML + `
clients:
  - name: acme
    region: us-east-1
    customerGatewayIp: 203.0.113.10
    cidrs: [172.16.0.0/20]
  - name: globex
    region: us-west-2
    customerGatewayIp: 198.51.100.20
    bgpAsn: 65100
    cidrs: [192.168.0.0/22, 192.168.8.0/24]
`

func TestParseClientsValid(t *testing.T) {
	cfg, err := Parse([]byte(clientsYAML))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Clients) != 2 || cfg.Clients[1].BgpAsn != 65100 {
		t.Fatalf("clients = %+v", cfg.Clients)
	}
	if cfg.TransitGatewayAsn(0) != 64512 || cfg.TransitGatewayAsn(1) != 64513 {
		t.Errorf("default TGW ASNs = %d, %d; want 64512, 64513", cfg.TransitGatewayAsn(0), cfg.TransitGatewayAsn(1))
	}
}

func TestParseClientSummaries(t *testing.T) {
	cfg, err := Parse([]byte(strings.Replace(clientsYAML, "\nclients:\n", "\nclientSummaries: [172.16.0.0/16, 192.168.0.0/16]\nclients:\n", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cfg.ClientSummaries, ",") != "172.16.0.0/16,192.168.0.0/16" {
		t.Errorf("clientSummaries = %v", cfg.ClientSummaries)
	}
}

func TestParseClientsInvalid(t *testing.T) {
	cases := []struct {
		name     string
		old, new string // replaced in clientsYAML (first occurrence)
		want     []string
	}{
		{"client in a region the app lacks", "region: us-west-2", "region: eu-west-1",
			[]string{`clients[1].region: "eu-west-1" is not one of the mesh's regions (us-east-1, us-west-2)`}},
		{"duplicate client name", "name: globex", "name: acme",
			[]string{`clients[1].name: "acme" is already used by clients[0]`}},
		{"bad client name", "name: globex", "name: Globex_Corp",
			[]string{`clients[1].name: "Globex_Corp" must be 1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen`}},
		{"client overlaps a region", "cidrs: [172.16.0.0/20]", "cidrs: [10.20.4.0/22]",
			[]string{`clients[0].cidrs[0]: 10.20.4.0/22 overlaps regions[1].cidr 10.20.0.0/16`}},
		{"client overlaps another client", "192.168.8.0/24]", "172.16.8.0/24]",
			[]string{`clients[1].cidrs[1]: 172.16.8.0/24 overlaps clients[0].cidrs[0] 172.16.0.0/20`}},
		{"client cidr invalid", "cidrs: [172.16.0.0/20]", "cidrs: [172.16.0.0/40]",
			[]string{`clients[0].cidrs[0]: "172.16.0.0/40" is not a valid IPv4 CIDR`}},
		{"client without cidrs", "cidrs: [172.16.0.0/20]", "cidrs: []",
			[]string{`clients[0].cidrs: at least one CIDR is required`}},
		{"private gateway address", "customerGatewayIp: 203.0.113.10", "customerGatewayIp: 192.168.1.1",
			[]string{`clients[0].customerGatewayIp: "192.168.1.1" must be a public IPv4 address`}},
		{"client asn out of range", "bgpAsn: 65100", "bgpAsn: 4294967295",
			[]string{`clients[1].bgpAsn: 4294967295 is outside 1-4294967294 (use 0 for static routing)`}},
		{"client asn equals a tgw asn", "bgpAsn: 65100", "bgpAsn: 64513",
			[]string{`clients[1].bgpAsn: 64513 is already used by regions[1].transitGatewayAsn`}},
		{"tgw asn out of range", "    cidr: 10.20.0.0/16", "    cidr: 10.20.0.0/16\n    transitGatewayAsn: 65535",
			[]string{`regions[1].transitGatewayAsn: 65535 is outside the private ASN ranges 64512-65534 and 4200000000-4294967294`}},
		{"duplicate tgw asn", "    cidr: 10.20.0.0/16", "    cidr: 10.20.0.0/16\n    transitGatewayAsn: 64512",
			[]string{`regions[1].transitGatewayAsn: 64512 is already used by regions[0].transitGatewayAsn`}},
		{"client outside the summaries", "\nclients:\n", "\nclientSummaries: [172.16.0.0/16]\nclients:\n",
			[]string{
				`clients[1].cidrs[0]: 192.168.0.0/22 is outside every clientSummaries entry (172.16.0.0/16)`,
				`clients[1].cidrs[1]: 192.168.8.0/24 is outside every clientSummaries entry (172.16.0.0/16)`,
			}},
		{"summary overlaps a region", "\nclients:\n", "\nclientSummaries: [172.16.0.0/16, 192.168.0.0/16, 10.0.0.0/8]\nclients:\n",
			[]string{
				`clientSummaries[2]: 10.0.0.0/8 overlaps regions[0].cidr 10.10.0.0/16`,
				`clientSummaries[2]: 10.0.0.0/8 overlaps regions[1].cidr 10.20.0.0/16`,
			}},
		{"bad probe address", "cidrs: [172.16.0.0/20]", "cidrs: [172.16.0.0/20]\n    probeAddresses: [not-an-ip]",
			[]string{`clients[0].probeAddresses[0]: "not-an-ip" is not an IPv4 address`}},
		{"several problems at once", "region: us-west-2\n    customerGatewayIp: 198.51.100.20", "region: ap-south-1\n    customerGatewayIp: 10.0.0.1",
			[]string{
				`clients[1].region: "ap-south-1" is not one of the mesh's regions (us-east-1, us-west-2)`,
				`clients[1].customerGatewayIp: "10.0.0.1" must be a public IPv4 address`,
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(clientsYAML, c.old) {
				t.Fatalf("test bug: %q not in clientsYAML", c.old)
			}
			_, err := Parse([]byte(strings.Replace(clientsYAML, c.old, c.new, 1)))
			if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}
