package clientdashboards

import (
	"fmt"
	"strings"

	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Dashboard is one client's dashboard, shaped but not yet created.
type Dashboard struct {
	Client string
	Name   string
	Body   *dashboard.Body
}

// probeIDFunc returns the Network Monitor probe ID (or a reference to it)
// for a client's probe address.
type probeIDFunc func(client, address string) string

// placeholderProbeID has the length of a real probe ID, so size checks made
// before the probes exist measure what CloudWatch will store.
func placeholderProbeID(client, address string) string { return "probe-0000000000000000000000000" }

// Build validates props and shapes every client's dashboard without creating
// anything; path names the construct in errors. Probe IDs are placeholders.
func Build(path string, props Props) ([]Dashboard, error) {
	return build(path, props.withDefaults(lastSegment(path)), placeholderProbeID)
}

func build(path string, props Props, probeID probeIDFunc) ([]Dashboard, error) {
	probs := validate.New(path)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	out := make([]Dashboard, 0, len(props.Clients))
	for i, c := range props.Clients {
		body := props.body(c, probeID)
		for _, prob := range body.Problems() {
			probs.Addf(fmt.Sprintf("Clients[%d]", i), "dashboard %s %s", props.dashboardName(c), prob)
		}
		out = append(out, Dashboard{Client: c.Name, Name: props.dashboardName(c), Body: body})
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// body lays out one client's widgets: a header, then traffic (top talkers,
// bandwidth), then problems (rejected, dropped), then the VPN tunnels and
// the probes when the client has them.
func (p Props) body(c Client, probeID probeIDFunc) *dashboard.Body {
	b := &dashboard.Body{Start: "-PT3H"}
	b.AddText(2, p.header(c))
	filter := flowlogs.Filter{AttachmentId: c.attachment(), Cidrs: c.Cidrs}
	tgw := flowlogs.Filter{AttachmentId: c.attachment()}
	b.AddLog(12, 6, dashboard.LogProps{Title: "Top talkers through the Transit Gateway (bytes)", Region: p.Region,
		Query: flowlogs.Source(flowlogs.TopTalkersQuery(tgw), p.TgwFlowLogGroup)})
	b.AddLog(12, 6, dashboard.LogProps{Title: "Bandwidth from flow logs (bytes per 5 min)", Region: p.Region, View: "timeSeries",
		Query: flowlogs.Source(flowlogs.BandwidthQuery(tgw), p.TgwFlowLogGroup)})

	attach := map[string]string{"TransitGateway": p.tgw(), "TransitGatewayAttachment": c.attachment()}
	b.AddMetrics(12, 6, dashboard.MetricProps{Title: "Transit Gateway bytes on the attachment", Region: p.Region, Stat: "Sum", Period: p.PeriodSeconds},
		tgwMetric("BytesIn", attach, "in (from the client)"), tgwMetric("BytesOut", attach, "out (to the client)"))
	b.AddMetrics(12, 6, dashboard.MetricProps{Title: "Transit Gateway drops on the attachment (packets)", Region: p.Region, Stat: "Sum", Period: p.PeriodSeconds},
		tgwMetric("PacketDropCountNoRoute", attach, "no route"), tgwMetric("PacketDropCountBlackhole", attach, "blackhole"))

	b.AddLog(12, 6, dashboard.LogProps{Title: "Rejected by the VPC (to or from the client's networks)", Region: p.Region,
		Query: flowlogs.Source(flowlogs.RejectedQuery(flowlogs.Filter{Cidrs: filter.Cidrs}), p.VpcFlowLogGroup)})
	b.AddLog(12, 6, dashboard.LogProps{Title: "Dropped by the Transit Gateway (packets-lost-*)", Region: p.Region,
		Query: flowlogs.Source(flowlogs.DroppedQuery(tgw), p.TgwFlowLogGroup)})

	if c.vpn() != "" {
		vpn := map[string]string{"VpnId": c.vpn()}
		b.AddMetrics(12, 6, dashboard.MetricProps{Title: "VPN tunnel state (1 = all tunnels up)", Region: p.Region, Period: p.PeriodSeconds},
			dashboard.Metric{Namespace: "AWS/VPN", Name: "TunnelState", Dimensions: vpn, Stat: "Minimum", Label: "worst tunnel"},
			dashboard.Metric{Namespace: "AWS/VPN", Name: "TunnelState", Dimensions: vpn, Stat: "Maximum", Label: "best tunnel"})
		b.AddMetrics(12, 6, dashboard.MetricProps{Title: "VPN tunnel data (bytes)", Region: p.Region, Stat: "Sum", Period: p.PeriodSeconds},
			dashboard.Metric{Namespace: "AWS/VPN", Name: "TunnelDataIn", Dimensions: vpn, Label: "in (from the client)"},
			dashboard.Metric{Namespace: "AWS/VPN", Name: "TunnelDataOut", Dimensions: vpn, Label: "out (to the client)"})
	}
	if len(c.ProbeAddresses) > 0 {
		var rtt, loss []dashboard.Metric
		for _, addr := range c.ProbeAddresses {
			dims := map[string]string{"Monitor": p.dashboardName(c), "Probe": probeID(c.Name, addr)}
			rtt = append(rtt, dashboard.Metric{Namespace: "AWS/NetworkMonitor", Name: "RTT", Dimensions: dims, Label: addr})
			loss = append(loss, dashboard.Metric{Namespace: "AWS/NetworkMonitor", Name: "PacketLoss", Dimensions: dims, Label: addr})
		}
		b.AddMetrics(12, 6, dashboard.MetricProps{Title: "Round-trip time to the client site (microseconds)", Region: p.Region, Stat: "Average", Period: p.PeriodSeconds}, rtt...)
		b.AddMetrics(12, 6, dashboard.MetricProps{Title: "Packet loss to the client site (%)", Region: p.Region, Stat: "Average", Period: p.PeriodSeconds}, loss...)
	}
	return b
}

func tgwMetric(name string, dims map[string]string, label string) dashboard.Metric {
	return dashboard.Metric{Namespace: "AWS/TransitGateway", Name: name, Dimensions: dims, Label: label}
}

// header is the markdown of the first widget. The shared body template
// derives it from sentinel clients (template.go): optional parts are only
// appended, and networks is a per-client value there.
func (p Props) header(c Client) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# Client %s\n", c.Name)
	fmt.Fprintf(&sb, "Region **%s** · attachment `%s` · networks %s", p.Region, c.attachment(), networks(c))
	if c.vpn() != "" {
		fmt.Fprintf(&sb, " · VPN `%s`", c.vpn())
	}
	if len(c.ProbeAddresses) > 0 {
		fmt.Fprintf(&sb, " · probes %s", strings.Join(c.ProbeAddresses, ", "))
	}
	return sb.String()
}

// networks lists the client's CIDRs in its header.
func networks(c Client) string { return strings.Join(c.Cidrs, ", ") }

func lastSegment(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}
