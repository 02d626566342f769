package stacks

import (
	"fmt"
	"regexp"

	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/monitoring"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Observability configures flow logs, client dashboards and alarms.
type Observability struct {
	// FlowLogRetentionDays is how long the VPC and Transit Gateway flow log
	// groups keep events; a value CloudWatch Logs accepts. Default: 30.
	FlowLogRetentionDays int `yaml:"flowLogRetentionDays"`
	// AlarmEmails are subscribed to every stack's alarm topic (each address
	// confirms once per topic). Default: no subscriptions.
	AlarmEmails []string `yaml:"alarmEmails"`
	// TgwDropThresholdPackets is how many packets an attachment may drop
	// (no route or blackhole) per 5 minutes before its alarm fires.
	// Default: 0, any drop.
	TgwDropThresholdPackets int `yaml:"tgwDropThresholdPackets"`
	// DisableClientDashboards skips the per-client dashboards and probes.
	// Default: false, one dashboard per client.
	DisableClientDashboards bool `yaml:"disableClientDashboards"`
	// DisableProbes skips the CloudWatch Network Monitor probes toward the
	// clients' probeAddresses (the dashboards then show no latency).
	// Default: false, probes where a client lists addresses.
	DisableProbes bool `yaml:"disableProbes"`
	// ProbeProtocol is "ICMP" or "TCP". Default: "ICMP".
	ProbeProtocol string `yaml:"probeProtocol"`
	// ProbePort is the TCP probes' destination port. Default: none (ICMP).
	ProbePort int `yaml:"probePort"`
}

const defaultFlowLogRetentionDays = 30

var emailAddress = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// validateObservability checks the observability section.
func (c *Config) validateObservability(p *validate.Problems) {
	o := c.Observability
	if !flowlogs.ValidRetention(o.FlowLogRetentionDays) {
		p.Addf("observability.flowLogRetentionDays", "%d is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)", o.FlowLogRetentionDays)
	}
	seen := map[string]bool{}
	for i, e := range o.AlarmEmails {
		at := fmt.Sprintf("observability.alarmEmails[%d]", i)
		if !emailAddress.MatchString(e) {
			p.Addf(at, "%q is not an e-mail address", e)
		} else if seen[e] {
			p.Addf(at, "%q is listed twice", e)
		}
		seen[e] = true
	}
	if o.TgwDropThresholdPackets < 0 {
		p.Addf("observability.tgwDropThresholdPackets", "must be 0 or more, got %d", o.TgwDropThresholdPackets)
	}
	switch o.ProbeProtocol {
	case "ICMP":
		if o.ProbePort != 0 {
			p.Addf("observability.probePort", "applies only to TCP probes; remove it or set probeProtocol: TCP")
		}
	case "TCP":
		if o.ProbePort < 1 || o.ProbePort > 65535 {
			p.Addf("observability.probePort", "must be 1-65535 for TCP probes, got %d", o.ProbePort)
		}
	default:
		p.Addf("observability.probeProtocol", `must be "ICMP" or "TCP", got %q`, o.ProbeProtocol)
	}
	// The global stack alarms on the Route 53 health checks, whose metrics
	// exist only in us-east-1, and an alarm sees only its own region.
	if regionName.MatchString(c.Global.Region) && c.Global.Region != monitoring.Route53MetricsRegion {
		p.Addf("global.region", "must be %s: Route 53 health-check metrics exist only there and the global stack alarms on them, got %q",
			monitoring.Route53MetricsRegion, c.Global.Region)
	}
}

func (c *Config) applyObservabilityDefaults() {
	o := &c.Observability
	if o.FlowLogRetentionDays == 0 {
		o.FlowLogRetentionDays = defaultFlowLogRetentionDays
	}
	if o.ProbeProtocol == "" {
		o.ProbeProtocol = "ICMP"
	}
}
