package clientdashboards

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

func testProps(clients ...Client) Props {
	return Props{
		Region: "us-east-1", TransitGatewayId: new("tgw-0abc"), Name: "shop-client",
		VpcFlowLogGroup: "/multiregion/shop/vpc-flow-logs", TgwFlowLogGroup: "/multiregion/shop/tgw-flow-logs",
		Clients: clients, ProbeSubnetId: strPtr("subnet-1"),
	}
}

func strPtr(s string) *string { return &s }

var (
	acme = Client{Name: "acme", AttachmentId: new("tgw-attach-0acme"), VpnConnectionId: new("vpn-0acme"),
		Cidrs: []string{"192.168.10.0/24", "192.168.11.0/24"}, ProbeAddresses: []string{"192.168.10.10", "192.168.11.10"}}
	globex = Client{Name: "globex", AttachmentId: new("tgw-attach-0globex"), Cidrs: []string{"172.16.0.0/20"}}
)

// decoded is a dashboard body as CloudWatch reads it.
type decoded struct {
	Widgets []struct {
		Type       string         `json:"type"`
		Width      int            `json:"width"`
		Properties map[string]any `json:"properties"`
	} `json:"widgets"`
}

func decode(t *testing.T, body string) decoded {
	t.Helper()
	var d decoded
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	return d
}

func TestBodies(t *testing.T) {
	dbs, err := Build("us-east-1/clients", testProps(acme, globex))
	if err != nil {
		t.Fatal(err)
	}
	if len(dbs) != 2 || dbs[0].Name != "shop-client-acme" || dbs[1].Name != "shop-client-globex" {
		t.Fatalf("dashboards = %+v", dbs)
	}
	for _, c := range []struct {
		db          Dashboard
		client      Client
		widgets     int
		wantMetrics []string
	}{
		{dbs[0], acme, 11, []string{"BytesIn", "BytesOut", "PacketDropCountNoRoute", "PacketDropCountBlackhole", "TunnelState", "TunnelDataIn", "TunnelDataOut", "RTT", "PacketLoss"}},
		{dbs[1], globex, 7, []string{"BytesIn", "BytesOut", "PacketDropCountNoRoute", "PacketDropCountBlackhole"}},
	} {
		d := decode(t, c.db.Body.JSON())
		if len(d.Widgets) != c.widgets {
			t.Errorf("%s: %d widgets, want %d", c.client.Name, len(d.Widgets), c.widgets)
		}
		var metrics []string
		for i, w := range d.Widgets {
			p := w.Properties
			if w.Type != "text" && p["region"] != "us-east-1" {
				t.Errorf("%s widget %d: region %v, want the client's region us-east-1", c.client.Name, i, p["region"])
			}
			switch w.Type {
			case "log":
				checkLogWidget(t, c.client, p["title"].(string), p["query"].(string))
			case "metric":
				for _, row := range p["metrics"].([]any) {
					r := row.([]any)
					metrics = append(metrics, r[1].(string))
					checkMetricRow(t, c.client, r)
				}
			}
		}
		if got, want := strings.Join(metrics, ","), strings.Join(expand(c.wantMetrics, c.client), ","); got != want {
			t.Errorf("%s: metrics\n  got:  %s\n  want: %s", c.client.Name, got, want)
		}
	}
}

// expand repeats per-probe metrics once per probe address and the VPN state
// twice (worst and best tunnel).
func expand(names []string, c Client) []string {
	var out []string
	for _, n := range names {
		switch n {
		case "RTT", "PacketLoss":
			for range c.ProbeAddresses {
				out = append(out, n)
			}
		case "TunnelState":
			out = append(out, n, n)
		default:
			out = append(out, n)
		}
	}
	return out
}

func checkLogWidget(t *testing.T, c Client, title, q string) {
	t.Helper()
	switch {
	case strings.HasPrefix(title, "Rejected"):
		if !strings.HasPrefix(q, "SOURCE '/multiregion/shop/vpc-flow-logs' | parse @message") || !strings.Contains(q, "filter action = 'REJECT'") {
			t.Errorf("%s %q: query must read the VPC flow logs for REJECT:\n%s", c.Name, title, q)
		}
		for _, cidr := range c.Cidrs {
			if !strings.Contains(q, "isIpv4InSubnet(dstAddr, '"+cidr+"')") {
				t.Errorf("%s %q: no filter toward %s", c.Name, title, cidr)
			}
		}
	default:
		if !strings.HasPrefix(q, "SOURCE '/multiregion/shop/tgw-flow-logs' | parse @message") {
			t.Errorf("%s %q: query must start with SOURCE of the TGW flow logs:\n%s", c.Name, title, q)
		}
		if !strings.Contains(q, "filter tgwAttachmentId = '"+c.attachment()+"'") {
			t.Errorf("%s %q: query does not filter on the client's attachment %s", c.Name, title, c.attachment())
		}
		if strings.Contains(q, "action") {
			t.Errorf("%s %q: TGW flow logs have no action field", c.Name, title)
		}
	}
}

func checkMetricRow(t *testing.T, c Client, r []any) {
	t.Helper()
	dims := map[string]string{}
	for i := 2; i+1 < len(r); i += 2 {
		k, _ := r[i].(string)
		v, _ := r[i+1].(string)
		dims[k] = v
	}
	switch r[0] {
	case "AWS/TransitGateway":
		if dims["TransitGateway"] != "tgw-0abc" || dims["TransitGatewayAttachment"] != c.attachment() {
			t.Errorf("%s: %v dims %v, want the TGW and the client's attachment", c.Name, r[1], dims)
		}
	case "AWS/VPN":
		if dims["VpnId"] != c.vpn() {
			t.Errorf("%s: %v dims %v", c.Name, r[1], dims)
		}
	case "AWS/NetworkMonitor":
		if dims["Monitor"] != "shop-client-"+c.Name || !strings.HasPrefix(dims["Probe"], "probe-") {
			t.Errorf("%s: %v dims %v", c.Name, r[1], dims)
		}
	default:
		t.Errorf("%s: unexpected namespace %v", c.Name, r[0])
	}
}

// A thousand clients (VPN, two probes each) stay within every CloudWatch
// limit, and cost nothing but Go.
func TestThousandClients(t *testing.T) {
	var clients []Client
	for i := 0; i < 1000; i++ {
		net := fmt.Sprintf("10.%d.%d.0/24", 100+i/250, i%250)
		clients = append(clients, Client{
			Name: fmt.Sprintf("client-%04d", i), AttachmentId: new(fmt.Sprintf("tgw-attach-%017x", i)), VpnConnectionId: new(fmt.Sprintf("vpn-%017x", i)),
			Cidrs: []string{net}, ProbeAddresses: []string{strings.Replace(net, ".0/24", ".10", 1), strings.Replace(net, ".0/24", ".11", 1)},
		})
	}
	dbs, err := Build("us-east-1/clients", testProps(clients...))
	if err != nil {
		t.Fatal(err)
	}
	if len(dbs) != 1000 {
		t.Fatalf("%d dashboards, want 1000", len(dbs))
	}
	biggest := 0
	for _, db := range dbs {
		body := db.Body.JSON()
		if n := len(decode(t, body).Widgets); n > dashboard.MaxWidgets {
			t.Errorf("%s: %d widgets", db.Name, n)
		}
		if len(body) > biggest {
			biggest = len(body)
		}
		if probs := db.Body.Problems(); len(probs) > 0 {
			t.Errorf("%s: %v", db.Name, probs)
		}
	}
	if biggest > dashboard.MaxBodyBytes {
		t.Errorf("largest body %d bytes", biggest)
	}
	t.Logf("1000 dashboards; largest body %d bytes", biggest)
}

func TestValidate(t *testing.T) {
	manyNets := make([]string, 150)
	for i := range manyNets {
		manyNets[i] = fmt.Sprintf("10.9.%d.0/24", i)
	}
	cases := []struct {
		name string
		edit func(p *Props)
		want []string
	}{
		{"duplicate client names", func(p *Props) { p.Clients = []Client{acme, acme} },
			[]string{`us-east-1/clients: Clients[1].Name: "acme" is already used by Clients[0]`}},
		{"unknown region", func(p *Props) { p.Region = "mars-north-1" },
			[]string{`us-east-1/clients: Region: "mars-north-1" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)`}},
		{"bad client", func(p *Props) {
			p.Clients = []Client{{Name: "a b", AttachmentId: new("att-1"), VpnConnectionId: new("vpn_1"), Cidrs: []string{"10.0.0.1/24"}, ProbeAddresses: []string{"10.1.0.1", "x"}}}
		}, []string{
			`us-east-1/clients: Clients[0].Name: "a b" must be letters, digits, - or _ (it ends the dashboard name)`,
			`us-east-1/clients: Clients[0].AttachmentId: "att-1" is not a Transit Gateway attachment ID (tgw-attach-...)`,
			`us-east-1/clients: Clients[0].VpnConnectionId: "vpn_1" is not a VPN connection ID (vpn-...)`,
			`us-east-1/clients: Clients[0].Cidrs[0]: "10.0.0.1/24" has host bits set; use "10.0.0.0/24"`,
			`us-east-1/clients: Clients[0].ProbeAddresses[1]: "x" is not an IPv4 address`,
		}},
		{"probe outside the client's networks", func(p *Props) {
			c := globex
			c.ProbeAddresses = []string{"172.16.99.1"}
			p.Clients = []Client{c}
		}, []string{`us-east-1/clients: Clients[0].ProbeAddresses[0]: 172.16.99.1 is not in the client's cidrs; the probe would not reach the client site`}},
		{"probes without a source subnet", func(p *Props) { p.ProbeSubnetId = nil; p.Clients = []Client{acme} },
			[]string{`us-east-1/clients: ProbeSubnetId: is required: clients have probe addresses`}},
		{"tcp probe without port", func(p *Props) { p.ProbeProtocol = "TCP" },
			[]string{`us-east-1/clients: ProbePort: must be 1-65535 for TCP probes, got 0`}},
		{"dashboard overflow", func(p *Props) {
			c := globex
			c.Cidrs = manyNets
			p.Clients = []Client{c}
		}, []string{`us-east-1/clients: Clients[0]: dashboard shop-client-globex widget 5 ("Rejected by the VPC (to or from the client's networks)"): the query is 13403 characters; Logs Insights accepts at most 10000`}},
		{"too many probes for one widget", func(p *Props) {
			c := globex
			for i := 0; i < 501; i++ {
				c.ProbeAddresses = append(c.ProbeAddresses, fmt.Sprintf("172.16.%d.%d", i/200, 1+i%200))
			}
			p.Clients = []Client{c}
		}, []string{
			`us-east-1/clients: Clients[0]: dashboard shop-client-globex widget 7 ("Round-trip time to the client site (microseconds)") draws 501 metrics; at most 500 per widget`,
			`us-east-1/clients: Clients[0]: dashboard shop-client-globex widget 8 ("Packet loss to the client site (%)") draws 501 metrics; at most 500 per widget`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := testProps(globex)
			c.edit(&p)
			_, err := Build("us-east-1/clients", p)
			if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}
