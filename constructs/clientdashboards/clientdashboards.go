package clientdashboards

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchdashboard"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/networkmonitormonitor"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/networkmonitorprobe"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/tfexpr"
)

// ClientDashboards is a region's per-client dashboards and probes.
type ClientDashboards struct {
	// Construct is the scope holding the resources (a named field: jsii
	// cannot use a Go struct embedding a construct as a scope).
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props Props
	// DashboardNames maps client name to dashboard name.
	DashboardNames map[string]string
	// MonitorNames maps client name to its Network Monitor, for clients
	// with probe addresses.
	MonitorNames map[string]string
	// ProbeIds maps client name, then probe address, to the probe ID (a
	// Terraform reference), for alarms on AWS/NetworkMonitor metrics.
	ProbeIds map[string]map[string]*string
	// NameMap is a Terraform expression for the map from client name to
	// dashboard name (one expression, for outputs); nil without clients.
	NameMap *string
}

// New validates props, checks every dashboard body against the CloudWatch
// limits, and only then creates, per client, a Network Monitor with one
// probe per address (when it has any) and the dashboard. All problems are
// reported together, prefixed with the construct path.
func New(scope constructs.Construct, id string, props Props) (*ClientDashboards, error) {
	props = props.withDefaults(id)
	path := *scope.Node().Path() + "/" + id
	if _, err := build(path, props, placeholderProbeID); err != nil {
		return nil, err
	}
	d := &ClientDashboards{
		Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props,
		DashboardNames: map[string]string{}, MonitorNames: map[string]string{}, ProbeIds: map[string]map[string]*string{},
	}
	if props.hasProbes() {
		d.addProbes()
	}
	// One resource for all clients, keyed by client name, with one name and
	// one body template (template.go): only each client's values cross jsii.
	probeID := func(client, addr string) string { return *d.ProbeIds[client][addr] }
	values := make(map[string]any, len(props.Clients))
	for _, c := range props.Clients {
		values[c.Name] = props.templateValues(c, probeID)
		d.DashboardNames[c.Name] = props.dashboardName(c)
	}
	if len(values) > 0 {
		it := cdktf.TerraformIterator_FromMap(values)
		db := cloudwatchdashboard.NewCloudwatchDashboard(d.Construct, jsii.String("dashboards"), &cloudwatchdashboard.CloudwatchDashboardConfig{
			ForEach:       it,
			DashboardName: jsii.String(props.nameTemplate()),
			DashboardBody: jsii.String(props.bodyTemplate()),
		})
		d.NameMap = jsii.String(tfexpr.Interp(tfexpr.ForMap("client", "db", tfexpr.Address(db), "client", "db.dashboard_name")))
	}
	return d, nil
}

// addProbes creates one monitor per client with probes, so a client's
// latency lines share a Monitor dimension named after the client.
func (d *ClientDashboards) addProbes() {
	p := d.Props
	partition := dataawspartition.NewDataAwsPartition(d.Construct, jsii.String("partition"), nil).Partition()
	account := jsii.String(p.AccountId)
	if p.AccountId == "" {
		account = dataawscalleridentity.NewDataAwsCallerIdentity(d.Construct, jsii.String("account"), nil).AccountId()
	}
	source := "arn:" + *partition + ":ec2:" + p.Region + ":" + *account + ":subnet/" + *p.ProbeSubnetId
	for _, c := range p.Clients {
		if len(c.ProbeAddresses) == 0 {
			continue
		}
		mon := networkmonitormonitor.NewNetworkmonitorMonitor(d.Construct, jsii.String("monitor-"+c.Name), &networkmonitormonitor.NetworkmonitorMonitorConfig{
			MonitorName:       jsii.String(p.dashboardName(c)),
			AggregationPeriod: jsii.Number(float64(p.ProbeAggregationSeconds)),
		})
		d.MonitorNames[c.Name] = p.dashboardName(c)
		d.ProbeIds[c.Name] = map[string]*string{}
		for _, addr := range c.ProbeAddresses {
			conf := &networkmonitorprobe.NetworkmonitorProbeConfig{
				MonitorName: mon.MonitorName(),
				SourceArn:   jsii.String(source),
				Destination: jsii.String(addr),
				Protocol:    jsii.String(p.ProbeProtocol),
				PacketSize:  jsii.Number(float64(p.ProbePacketSize)),
			}
			if p.ProbeProtocol == "TCP" {
				conf.DestinationPort = jsii.Number(float64(p.ProbePort))
			}
			// The address, not the index, keys the probe: reordering the
			// list must not replace probes.
			probe := networkmonitorprobe.NewNetworkmonitorProbe(d.Construct, jsii.String("probe-"+c.Name+"-"+addr), conf)
			d.ProbeIds[c.Name][addr] = probe.ProbeId()
		}
	}
}
