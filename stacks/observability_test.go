package stacks

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// observabilityYAML adds clients (one with probe addresses) and an alarm
// e-mail to the reference config.
const observabilityYAML = clientsYAML + `
observability:
  alarmEmails: [oncall@example.com]
`

func withProbes(s string) string {
	return strings.Replace(s+observabilityYAML[len(validYAML):], "    cidrs: [172.16.0.0/20]\n", "    cidrs: [172.16.0.0/20]\n    probeAddresses: [172.16.0.10, 172.16.1.10]\n", 1)
}

func TestObservabilityInReferenceApp(t *testing.T) {
	stacks := synthReference(t, testConfig(t, withProbes))
	homes := map[string]string{"us-east-1": "acme", "us-west-2": "globex"}
	for _, region := range []string{"us-east-1", "us-west-2"} {
		s := stacks.Get(t, region)
		client := homes[region]
		synthtest.Attrs(t, region+" vpc log group", s.Resource(t, "aws_cloudwatch_log_group", "flowlogs/vpc-log-group"),
			map[string]any{"name": "/multiregion/shop-" + region + "/vpc-flow-logs", "retention_in_days": 30})
		tgwLog := s.Resource(t, "aws_flow_log", "flowlogs/tgw-flow-log")
		if id, _ := tgwLog["transit_gateway_id"].(string); !strings.HasPrefix(id, "${aws_ec2_transit_gateway.mesh_tgw_") {
			t.Errorf("%s: TGW flow log on %q, want the mesh's Transit Gateway", region, id)
		}

		// One dashboard per client homed here, filtered on its VPN attachment.
		dashboards := s.Resources("aws_cloudwatch_dashboard")
		if len(dashboards) != 1 {
			t.Errorf("%s: %d client dashboards, want 1 (%s)", region, len(dashboards), client)
		}
		db := forEachInstances(s.Resource(t, "aws_cloudwatch_dashboard", "client-dashboards/dashboards"))[client]
		synthtest.Attrs(t, region+" dashboard", db, map[string]any{"dashboard_name": "shop-client-" + client})
		body := db["dashboard_body"].(string)
		if !strings.Contains(body, "filter tgwAttachmentId = '${local.mesh_clients_") || !strings.Contains(body, ".client-"+client+".transit_gateway_attachment_id}'") {
			t.Errorf("%s: %s's dashboard does not filter on its VPN's attachment", region, client)
		}

		alarms := alarmsByName(s)
		want := []string{
			"shop-" + region + "-client-" + client + "-blackhole", "shop-" + region + "-client-" + client + "-no-route",
			"shop-" + region + "-client-" + client + "-vpn-cut-off", "shop-" + region + "-client-" + client + "-vpn-redundancy-lost",
			"shop-" + region + "-nlb-no-healthy-hosts", "shop-" + region + "-nlb-unhealthy-hosts",
			"shop-" + region + "-tgw-vpc-blackhole", "shop-" + region + "-tgw-vpc-no-route",
		}
		if got := keys(alarms); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: monitoring alarms\n  got:  %v\n  want: %v", region, got, want)
		}
		for suffix, stat := range map[string]string{"-vpn-redundancy-lost": "Minimum", "-vpn-cut-off": "Maximum"} {
			vpn := alarms["shop-"+region+"-client-"+client+suffix]
			synthtest.Attrs(t, region+" vpn alarm"+suffix, vpn, map[string]any{"namespace": "AWS/VPN", "metric_name": "TunnelState", "statistic": stat, "threshold": 1})
			if dims, _ := vpn["dimensions"].(map[string]any); !strings.HasPrefix(dims["VpnId"].(string), "${local.mesh_clients_") || !strings.HasSuffix(dims["VpnId"].(string), ".client-"+client+".vpn_connection_id}") {
				t.Errorf("%s: VPN alarm%s dimensions %v", region, suffix, dims)
			}
		}
		synthtest.Attrs(t, region+" topic", s.Resource(t, "aws_sns_topic", "monitoring/topic"), map[string]any{"name": "shop-" + region + "-alarms"})
		synthtest.Attrs(t, region+" email", s.Resource(t, "aws_sns_topic_subscription", "monitoring/email-oncall@example.com"), map[string]any{"protocol": "email"})
		for _, out := range []string{"flow_log_groups", "alarm_topic_arn", "client_dashboards"} {
			if _, ok := s.Outputs()[out]; !ok {
				t.Errorf("%s: output %q missing", region, out)
			}
		}
	}

	// Probes only where addresses are configured.
	east := stacks.Get(t, "us-east-1")
	if n := len(east.Resources("aws_networkmonitor_probe")); n != 2 {
		t.Errorf("us-east-1: %d probes, want 2", n)
	}
	if n := len(stacks.Get(t, "us-west-2").Resources("aws_networkmonitor_monitor")); n != 0 {
		t.Errorf("us-west-2: %d monitors for a client without probe addresses", n)
	}

	// The replica's own ReplicaLag alarm notifies its region's topic.
	lag := stacks.Get(t, "us-west-2").Resource(t, "aws_cloudwatch_metric_alarm", "database/replica-lag-alarm")
	if acts, _ := json.Marshal(lag["alarm_actions"]); !strings.Contains(string(acts), "${aws_sns_topic.monitoring_topic_") {
		t.Errorf("replica lag alarm actions = %s, want the us-west-2 topic", acts)
	}

	// Global: Route 53 alarms (us-east-1) and the overview.
	g := stacks.Get(t, "global")
	galarms := alarmsByName(g)
	if got := strings.Join(keys(galarms), ","); got != "shop-global-health-check-us-east-1,shop-global-health-check-us-west-2" {
		t.Errorf("global alarms = %s", got)
	}
	synthtest.Attrs(t, "health check alarm", galarms["shop-global-health-check-us-west-2"], map[string]any{"namespace": "AWS/Route53", "metric_name": "HealthCheckStatus"})
	overview := g.Resource(t, "aws_cloudwatch_dashboard", "monitoring/overview")
	var body struct {
		Widgets []struct {
			Properties struct {
				Title   string
				Metrics [][]any
			}
		}
	}
	if err := json.Unmarshal([]byte(overview["dashboard_body"].(string)), &body); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, w := range body.Widgets {
		titles = append(titles, w.Properties.Title)
		if w.Properties.Title == "NLB healthy targets" {
			var regions []string
			for _, row := range w.Properties.Metrics {
				regions = append(regions, row[len(row)-1].(map[string]any)["region"].(string))
			}
			if strings.Join(regions, ",") != "us-east-1,us-west-2" {
				t.Errorf("overview NLB lines from %v, want one per region", regions)
			}
		}
	}
	want := "Route 53 health checks (1 = healthy)|NLB healthy targets|NLB unhealthy targets|Database replica lag (seconds)|Database CPU (%)|Database free storage (bytes)|Database freeable memory (bytes)|Database connections|Transit Gateway bytes in|Transit Gateway bytes out|Transit Gateway drops on the VPC attachments (packets)"
	if got := strings.Join(titles, "|"); got != want {
		t.Errorf("overview panels:\n  got:  %s\n  want: %s", got, want)
	}
	synthtest.Validate(t, stacks)
}

func TestObservabilitySwitches(t *testing.T) {
	cfg := testConfig(t, func(s string) string {
		return withProbes(s) + "  disableProbes: true\n"
	})
	east := synthReference(t, cfg).Get(t, "us-east-1")
	if n := len(east.Resources("aws_networkmonitor_probe")); n != 0 {
		t.Errorf("disableProbes: %d probes", n)
	}
	if n := len(east.Resources("aws_cloudwatch_dashboard")); n != 1 {
		t.Errorf("disableProbes: %d dashboards, want the client's", n)
	}
	cfg = testConfig(t, func(s string) string { return withProbes(s) + "  disableClientDashboards: true\n" })
	east = synthReference(t, cfg).Get(t, "us-east-1")
	if n := len(east.Resources("aws_cloudwatch_dashboard")) + len(east.Resources("aws_networkmonitor_monitor")); n != 0 {
		t.Errorf("disableClientDashboards: %d dashboards and monitors", n)
	}
}

// alarmsByName indexes the monitoring alarms by name, one entry per
// instance of a for_each resource.
func alarmsByName(s *synthtest.Stack) map[string]map[string]any {
	out := map[string]map[string]any{}
	for path, a := range s.Resources("aws_cloudwatch_metric_alarm") {
		if !strings.HasPrefix(path, "monitoring/") {
			continue
		}
		if _, ok := a["for_each"]; !ok {
			out[a["alarm_name"].(string)] = a
			continue
		}
		for _, inst := range forEachInstances(a) {
			out[inst["alarm_name"].(string)] = inst
		}
	}
	return out
}

// forEachInstances expands a for_each resource over a literal map into one
// attribute map per key: "${each.value}" and "${each.value.<field>}" become
// the value, and inside longer strings (name and body templates) each.key
// and string fields are substituted as text. Directives are left as they
// are: enough to look for a client's references in a template.
func forEachInstances(r map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for key, v := range r["for_each"].(map[string]any) {
		inst := map[string]any{}
		for attr, val := range r {
			if attr != "for_each" {
				inst[attr] = expandEach(val, key, v)
			}
		}
		out[key] = inst
	}
	return out
}

func expandEach(val any, key string, value any) any {
	s, ok := val.(string)
	if !ok {
		return val
	}
	if s == "${each.value}" {
		return value
	}
	fields, _ := value.(map[string]any)
	if f, ok := strings.CutPrefix(s, "${each.value."); ok && strings.HasSuffix(f, "}") && !strings.Contains(f, "${") {
		return fields[strings.TrimSuffix(f, "}")]
	}
	s = strings.ReplaceAll(s, "${each.key}", key)
	for f, fv := range fields {
		if text, ok := fv.(string); ok {
			s = strings.ReplaceAll(s, "${each.value."+f+"}", text)
		}
	}
	return s
}

func keys(m map[string]map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
