package stacks

// Observability configures flow logs (flowlogs), client dashboards
// (clientdashboards) and alarms (monitoring); defaults and rules are those
// constructs'.
type Observability struct {
	// FlowLogRetentionDays is how long the VPC and Transit Gateway flow log
	// groups keep events; a value CloudWatch Logs accepts, or 0 to keep
	// them forever. Default: flowlogs' (30).
	FlowLogRetentionDays *int `yaml:"flowLogRetentionDays"`
	// AlarmEmails are subscribed to every stack's alarm topic (each address
	// confirms once per topic). Default: no subscriptions.
	AlarmEmails []string `yaml:"alarmEmails"`
	// TgwDropThresholdPackets is how many packets an attachment may drop
	// (no route or blackhole) per 5 minutes before its alarm fires.
	// Default: 0, any drop.
	TgwDropThresholdPackets int `yaml:"tgwDropThresholdPackets" zero:"default"`
	// DisableClientDashboards skips the per-client dashboards and probes.
	// Default: false, one dashboard per client.
	DisableClientDashboards bool `yaml:"disableClientDashboards"`
	// DisableProbes skips the CloudWatch Network Monitor probes toward the
	// clients' probeAddresses (the dashboards then show no latency).
	// Default: false, probes where a client lists addresses.
	DisableProbes bool `yaml:"disableProbes"`
	// ProbeProtocol is "ICMP" or "TCP". Default: clientdashboards' ("ICMP").
	ProbeProtocol string `yaml:"probeProtocol"`
	// ProbePort is the TCP probes' destination port. Default: none (ICMP).
	ProbePort int `yaml:"probePort" zero:"default"`
}
