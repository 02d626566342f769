package stacks

import (
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

func TestObservabilityDefaults(t *testing.T) {
	cfg, err := Parse([]byte(validYAML))
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.Observability
	if o.FlowLogRetentionDays != 30 || o.ProbeProtocol != "ICMP" || o.TgwDropThresholdPackets != 0 || o.DisableClientDashboards || o.DisableProbes || len(o.AlarmEmails) != 0 {
		t.Errorf("defaults = %+v", o)
	}
}

func TestObservabilityInvalid(t *testing.T) {
	cases := []struct {
		name string
		add  string // appended to validYAML
		want []string
	}{
		{name: "retention", add: "observability:\n  flowLogRetentionDays: 31\n",
			want: []string{`observability.flowLogRetentionDays: 31 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)`}},
		{name: "emails", add: "observability:\n  alarmEmails: [ops@example.com, ops, ops@example.com]\n",
			want: []string{`observability.alarmEmails[1]: "ops" is not an e-mail address`, `observability.alarmEmails[2]: "ops@example.com" is listed twice`}},
		{name: "probes", add: "observability:\n  probeProtocol: UDP\n  tgwDropThresholdPackets: -1\n",
			want: []string{`observability.tgwDropThresholdPackets: must be 0 or more, got -1`, `observability.probeProtocol: must be "ICMP" or "TCP", got "UDP"`}},
		{name: "tcp probe without port", add: "observability:\n  probeProtocol: TCP\n",
			want: []string{`observability.probePort: must be 1-65535 for TCP probes, got 0`}},
		{name: "unknown key", add: "observability:\n  retention: 30\n",
			want: []string{`observability.retention: unknown key (known keys: alarmEmails, disableClientDashboards, disableProbes, flowLogRetentionDays, probePort, probeProtocol, tgwDropThresholdPackets)`}},
		{name: "global stack outside us-east-1", add: "global:\n  region: eu-west-1\n",
			want: []string{`global.region: must be us-east-1: Route 53 health-check metrics exist only there and the global stack alarms on them, got "eu-west-1"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(validYAML + c.add))
			if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}
