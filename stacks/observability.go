package stacks

import (
	"maps"
	"slices"
	"strconv"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/constructs/clientdashboards"
	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/monitoring"
)

// Construct IDs of the observability constructs (part of every resource
// address: never rename them).
const (
	FlowLogsID         = "flowlogs"
	ClientDashboardsID = "client-dashboards"
	MonitoringID       = "monitoring"
)

// addObservability adds, in each region stack, the flow logs, the client
// dashboards of the clients homed there and the alarms on that region's
// metrics; and in the global stack, the Route 53 health-check alarms
// (us-east-1) and the multi-region overview dashboard.
func addObservability(d *Deployment, ps *problems) {
	if d.Config.Observability == nil {
		return
	}
	for _, rs := range d.Regions {
		if rs.Network != nil {
			addRegionObservability(d.Config, d.IAM, rs, ps)
		}
	}
}

// addOverview adds the global stack's alarms and overview, once
// every region's parts exist (the overview draws them).
func addOverview(d *Deployment, ps *problems) {
	if d.Config.Observability == nil || d.Global == nil {
		return
	}
	for _, rs := range d.Regions {
		if rs.Monitoring == nil {
			return // a region's observability failed: reported already
		}
	}
	addGlobalObservability(d, ps)
}

var observabilityFields = fieldMap{
	"Name": "App", "RetentionDays": "Observability.FlowLogRetentionDays", "EmailAddresses": "Observability.AlarmEmails",
	"ProbeProtocol": "Observability.ProbeProtocol", "ProbePort": "Observability.ProbePort",
}

func flowLogsName(cfg Config, rs *RegionStack) string { return cfg.App + "-" + rs.Region.Name }

func addRegionObservability(cfg Config, iam *IAMStack, rs *RegionStack, ps *problems) {
	o := cfg.Observability
	props := flowlogs.Props{
		Region: rs.Region.Name, Name: flowLogsName(cfg, rs), AccountId: cfg.AccountId,
		VpcId: rs.Network.VpcId, RetentionDays: o.FlowLogRetentionDays,
	}
	if iam != nil && iam.FlowLogsRole != nil {
		props.RoleArn = iam.roleArn(iam.FlowLogsRole.Name)
	}
	if rs.Hub != nil {
		props.TransitGatewayId = rs.Hub.TransitGatewayId
	}
	logs, err := flowlogs.New(rs.Stack, FlowLogsID, props)
	if err != nil {
		ps.construct(err, observabilityFields)
		return
	}
	rs.FlowLogs = logs
	if rs.Hub != nil && len(rs.Hub.Clients) > 0 && !o.DisableClientDashboards {
		dprops, fields := clientDashboardProps(cfg, rs)
		if rs.ClientDashboards, err = clientdashboards.New(rs.Stack, ClientDashboardsID, dprops); err != nil {
			ps.construct(err, fields)
			return
		}
	}
	mon, err := monitoring.New(rs.Stack, MonitoringID, monitoring.Props{
		Region: rs.Region.Name, Name: cfg.App + "-" + rs.Region.Name, AccountId: cfg.AccountId,
		Alarms: regionAlarms(cfg, rs), EmailAddresses: o.AlarmEmails,
	})
	if err != nil {
		ps.construct(err, observabilityFields)
		return
	}
	rs.Monitoring = mon
	addObservabilityOutputs(rs)
}

// clientDashboardProps returns the dashboards' props and where each of
// their clients came from in the Config.
func clientDashboardProps(cfg Config, rs *RegionStack) (clientdashboards.Props, fieldMap) {
	o := cfg.Observability
	probes, index := map[string][]string{}, map[string]int{}
	for i, c := range cfg.Clients {
		probes[c.Name], index[c.Name] = c.ProbeAddresses, i
	}
	fields := fieldMap{}
	for k, v := range observabilityFields {
		fields[k] = v
	}
	var clients []clientdashboards.Client
	for k, cc := range rs.Hub.Clients {
		fields["Clients["+strconv.Itoa(k)+"]"] = "Clients[" + strconv.Itoa(index[cc.Client.Name]) + "]"
		c := clientdashboards.Client{
			Name: cc.Client.Name, AttachmentId: cc.TransitGatewayAttachmentId,
			VpnConnectionId: cc.VpnConnectionId, Cidrs: cc.Client.Cidrs,
		}
		if !o.DisableProbes {
			c.ProbeAddresses = probes[c.Name]
		}
		clients = append(clients, c)
	}
	props := clientdashboards.Props{
		Region: rs.Region.Name, Name: cfg.App + "-client", TransitGatewayId: rs.Hub.TransitGatewayId,
		VpcFlowLogGroup: rs.FlowLogs.VpcLogGroupName, TgwFlowLogGroup: rs.FlowLogs.TgwLogGroupName,
		Clients: clients, ProbeProtocol: o.ProbeProtocol, ProbePort: o.ProbePort, AccountId: cfg.AccountId,
	}
	if len(rs.Network.Private.SubnetIds) > 0 {
		// Private subnets route the client networks to the Transit Gateway.
		props.ProbeSubnetId = rs.Network.Private.SubnetIds[0]
	}
	return props, fields
}

// regionAlarms lists the alarms on this region's metrics: the NLB's
// targets, and per Transit Gateway attachment (the VPC's and each client
// VPN's) no-route and blackhole drops, and each client VPN's tunnels.
func regionAlarms(cfg Config, rs *RegionStack) []monitoring.Alarm {
	region := rs.Region.Name
	var alarms []monitoring.Alarm
	if lb := rs.LoadBalancer; lb != nil {
		alarms = append(alarms,
			monitoring.UnhealthyHostsAlarm("nlb-unhealthy-hosts", lb.MetricUnHealthyHostCount()),
			monitoring.NoHealthyHostsAlarm("nlb-no-healthy-hosts", lb.MetricHealthyHostCount()))
	}
	h := rs.Hub
	if h == nil {
		return alarms
	}
	drops := float64(cfg.Observability.TgwDropThresholdPackets)
	tgw := *h.TransitGatewayId
	alarms = append(alarms,
		monitoring.PacketDropsAlarm("tgw-vpc-no-route", monitoring.TgwPacketDropsNoRoute(region, tgw, *h.VpcAttachmentId), drops),
		monitoring.PacketDropsAlarm("tgw-vpc-blackhole", monitoring.TgwPacketDropsBlackhole(region, tgw, *h.VpcAttachmentId), drops))
	// Each kind of client alarm is one for_each resource keyed by client
	// name (alarms-client-no-route, ...): one resource block per kind at
	// synth, whatever the number of clients.
	for _, cc := range h.Clients {
		name, att := cc.Client.Name, *cc.TransitGatewayAttachmentId
		alarms = append(alarms,
			grouped(monitoring.PacketDropsAlarm("client-"+name+"-no-route", monitoring.TgwPacketDropsNoRoute(region, tgw, att), drops), "client-no-route", name),
			grouped(monitoring.PacketDropsAlarm("client-"+name+"-blackhole", monitoring.TgwPacketDropsBlackhole(region, tgw, att), drops), "client-blackhole", name),
			grouped(monitoring.VpnRedundancyLostAlarm("client-"+name+"-vpn-redundancy-lost", monitoring.VpnTunnelState(region, *cc.VpnConnectionId)), "client-vpn-redundancy-lost", name),
			grouped(monitoring.VpnCutOffAlarm("client-"+name+"-vpn-cut-off", monitoring.VpnTunnelState(region, *cc.VpnConnectionId)), "client-vpn-cut-off", name))
	}
	return alarms
}

func grouped(a monitoring.Alarm, group, key string) monitoring.Alarm {
	a.Group, a.Key = group, key
	return a
}

// addGlobalObservability alarms on each region's Route 53 health check
// (the metric exists only in us-east-1, the global stack's region) and
// draws the overview: one line per region in each panel.
func addGlobalObservability(d *Deployment, ps *problems) {
	cfg := d.Config
	var alarms []monitoring.Alarm
	if f := d.Global.Failover; f != nil {
		for _, region := range slices.Sorted(maps.Keys(f.HealthCheckIds)) {
			alarms = append(alarms, monitoring.HealthCheckFailingAlarm("health-check-"+region,
				labeled(f.MetricHealthCheckStatus(region), region)))
		}
	}
	mon, err := monitoring.New(d.Global.Stack, MonitoringID, monitoring.Props{
		Region: cfg.Global.Region, Name: cfg.App + "-global", AccountId: cfg.AccountId,
		Alarms: alarms, EmailAddresses: cfg.Observability.AlarmEmails, Overview: overviewPanels(d, alarms),
	})
	if err != nil {
		ps.construct(err, observabilityFields)
		return
	}
	d.Global.Monitoring = mon
	output(d.Global.Stack, "alarm_topic_arn", mon.TopicArn, "SNS topic of the global stack's alarms (Route 53 health checks).")
	output(d.Global.Stack, "overview_dashboard", jsii.String(mon.OverviewName), "The multi-region overview dashboard.")
}

func overviewPanels(d *Deployment, healthChecks []monitoring.Alarm) []monitoring.Panel {
	var healthy, unhealthy, lag, bytesIn, bytesOut, drops []monitoring.Metric
	var cpu, storage, memory, connections []monitoring.Metric
	for _, rs := range d.Regions {
		r := rs.Region.Name
		if lb := rs.LoadBalancer; lb != nil {
			healthy = append(healthy, labeled(lb.MetricHealthyHostCount(), r))
			unhealthy = append(unhealthy, labeled(lb.MetricUnHealthyHostCount(), r))
		}
		if db := rs.Database; db != nil {
			if db.ReplicaLagAlarm != nil {
				lag = append(lag, labeled(db.MetricReplicaLag(), r))
			}
			// each instance's health alarms' metrics (replicatedpostgres HealthAlarms)
			cpu = append(cpu, labeled(db.MetricCPUUtilization(), r))
			storage = append(storage, labeled(db.MetricFreeStorageSpace(), r))
			memory = append(memory, labeled(db.MetricFreeableMemory(), r))
			connections = append(connections, labeled(db.MetricDatabaseConnections(), r))
		}
		if h := rs.Hub; h != nil {
			bytesIn = append(bytesIn, labeled(monitoring.TgwBytes(r, *h.TransitGatewayId, "In"), r))
			bytesOut = append(bytesOut, labeled(monitoring.TgwBytes(r, *h.TransitGatewayId, "Out"), r))
			drops = append(drops,
				labeled(monitoring.TgwPacketDropsNoRoute(r, *h.TransitGatewayId, *h.VpcAttachmentId), r+" no route"),
				labeled(monitoring.TgwPacketDropsBlackhole(r, *h.TransitGatewayId, *h.VpcAttachmentId), r+" blackhole"))
		}
	}
	var checks []monitoring.Metric
	for _, a := range healthChecks {
		checks = append(checks, a.Metric)
	}
	var panels []monitoring.Panel
	for _, p := range []monitoring.Panel{
		{Title: "Route 53 health checks (1 = healthy)", Metrics: checks},
		{Title: "NLB healthy targets", Metrics: healthy},
		{Title: "NLB unhealthy targets", Metrics: unhealthy},
		{Title: "Database replica lag (seconds)", Metrics: lag},
		{Title: "Database CPU (%)", Metrics: cpu},
		{Title: "Database free storage (bytes)", Metrics: storage},
		{Title: "Database freeable memory (bytes)", Metrics: memory},
		{Title: "Database connections", Metrics: connections},
		{Title: "Transit Gateway bytes in", Metrics: bytesIn},
		{Title: "Transit Gateway bytes out", Metrics: bytesOut},
		{Title: "Transit Gateway drops on the VPC attachments (packets)", Metrics: drops},
	} {
		if len(p.Metrics) > 0 {
			panels = append(panels, p)
		}
	}
	return panels
}

func labeled(m monitoring.Metric, label string) monitoring.Metric {
	m.Label = label
	return m
}

// addObservabilityOutputs publishes where each region's logs and alerts are.
func addObservabilityOutputs(rs *RegionStack) {
	groups := map[string]*string{"vpc": jsii.String(rs.FlowLogs.VpcLogGroupName)}
	if rs.FlowLogs.TgwLogGroupName != "" {
		groups["tgw"] = jsii.String(rs.FlowLogs.TgwLogGroupName)
	}
	output(rs.Stack, "flow_log_groups", &groups, "Flow log groups (vpc, tgw).")
	output(rs.Stack, "alarm_topic_arn", rs.Monitoring.TopicArn, "SNS topic of this region's alarms.")
	if rs.ClientDashboards != nil {
		names := any(map[string]string{})
		if rs.ClientDashboards.NameMap != nil {
			names = rs.ClientDashboards.NameMap
		}
		output(rs.Stack, "client_dashboards", names, "CloudWatch dashboard name by client.")
	}
}
