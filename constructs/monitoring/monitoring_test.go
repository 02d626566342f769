package monitoring

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

func synth(t *testing.T, region string, props Props) *synthtest.Stack {
	t.Helper()
	stacks := synthtest.Synth(t, func(app cdktf.App) error {
		stack := cdktf.NewTerraformStack(app, jsii.String(region))
		provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
		stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
		_, err := New(stack, "monitoring", props)
		return err
	})
	synthtest.Golden(t, stacks, strings.ReplaceAll(t.Name(), "/", "-"))
	synthtest.Validate(t, stacks)
	return stacks.Get(t, region)
}

func TestRegionalAlarms(t *testing.T) {
	s := synth(t, "us-west-2", Props{
		Name: "shop-us-west-2", Region: "us-west-2", EmailAddresses: []string{"oncall@example.com"},
		Alarms: []Alarm{
			ReplicaLagAlarm("replica-lag", ReplicaLag("us-west-2", "shop-replica"), 60),
			UnhealthyHostsAlarm("nlb-unhealthy", NlbUnhealthyHosts("us-west-2", "net/shop/abc", "targetgroup/shop/def")),
			NoHealthyHostsAlarm("nlb-no-healthy", NlbHealthyHosts("us-west-2", "net/shop/abc", "targetgroup/shop/def")),
			PacketDropsAlarm("acme-no-route", TgwPacketDropsNoRoute("us-west-2", "tgw-1", "tgw-attach-1"), 0),
			VpnRedundancyLostAlarm("acme-vpn", VpnTunnelState("us-west-2", "vpn-1")),
			VpnCutOffAlarm("acme-vpn-cut-off", VpnTunnelState("us-west-2", "vpn-1")),
		},
	})
	topic := s.Resource(t, "aws_sns_topic", "monitoring/topic")
	synthtest.Attrs(t, "topic", topic, map[string]any{"name": "shop-us-west-2-alarms"})
	if k, _ := topic["kms_master_key_id"].(string); !strings.HasPrefix(k, "${aws_kms_key.monitoring_key_") {
		t.Errorf("topic kms_master_key_id = %q, want the construct's key", k)
	}
	var kp struct {
		Statement []struct{ Principal map[string]string }
	}
	if err := json.Unmarshal([]byte(s.Resource(t, "aws_kms_key", "monitoring/key")["policy"].(string)), &kp); err != nil {
		t.Fatal(err)
	}
	if kp.Statement[1].Principal["Service"] != "cloudwatch.amazonaws.com" {
		t.Errorf("key policy must let CloudWatch alarms use the key: %v", kp.Statement)
	}
	alarms := s.Resources("aws_cloudwatch_metric_alarm")
	if len(alarms) != 6 {
		t.Errorf("%d alarms, want 6", len(alarms))
	}
	synthtest.Attrs(t, "replica lag", alarms["monitoring/alarm-replica-lag"], map[string]any{
		"alarm_name": "shop-us-west-2-replica-lag", "namespace": "AWS/RDS", "metric_name": "ReplicaLag",
		"dimensions": map[string]any{"DBInstanceIdentifier": "shop-replica"}, "statistic": "Maximum",
		"comparison_operator": "GreaterThanThreshold", "threshold": 60, "evaluation_periods": 5, "datapoints_to_alarm": 5, "period": 60,
	})
	synthtest.Attrs(t, "tgw drops", alarms["monitoring/alarm-acme-no-route"], map[string]any{
		"namespace": "AWS/TransitGateway", "metric_name": "PacketDropCountNoRoute", "treat_missing_data": "notBreaching",
		"dimensions": map[string]any{"TransitGateway": "tgw-1", "TransitGatewayAttachment": "tgw-attach-1"},
	})
	synthtest.Attrs(t, "vpn", alarms["monitoring/alarm-acme-vpn"], map[string]any{
		"namespace": "AWS/VPN", "metric_name": "TunnelState", "dimensions": map[string]any{"VpnId": "vpn-1"}, "comparison_operator": "LessThanThreshold",
		"threshold": 1, "statistic": "Minimum", "period": 300, "evaluation_periods": 3, "treat_missing_data": "breaching",
	})
	synthtest.Attrs(t, "vpn cut off", alarms["monitoring/alarm-acme-vpn-cut-off"], map[string]any{
		"namespace": "AWS/VPN", "metric_name": "TunnelState", "dimensions": map[string]any{"VpnId": "vpn-1"}, "comparison_operator": "LessThanThreshold",
		"threshold": 1, "statistic": "Maximum", "period": 300, "evaluation_periods": 2, "treat_missing_data": "breaching",
	})
	synthtest.Attrs(t, "email", s.Resource(t, "aws_sns_topic_subscription", "monitoring/email-oncall@example.com"),
		map[string]any{"protocol": "email", "endpoint": "oncall@example.com"})
	if n := len(s.Resources("aws_cloudwatch_dashboard")); n != 0 {
		t.Errorf("%d dashboards without Overview", n)
	}
}

func TestAlarmGroups(t *testing.T) {
	inGroup := func(a Alarm, group, key string) Alarm { a.Group, a.Key = group, key; return a }
	bare := func(a Alarm) Alarm { a.Description = ""; return a }
	s := synth(t, "us-east-1", Props{
		Name: "shop-us-east-1", Region: "us-east-1",
		Alarms: []Alarm{
			inGroup(VpnRedundancyLostAlarm("client-acme-vpn", VpnTunnelState("us-east-1", "vpn-1")), "vpn", "acme"),
			PacketDropsAlarm("vpc-no-route", TgwPacketDropsNoRoute("us-east-1", "tgw-1", "tgw-attach-0"), 0),
			inGroup(VpnRedundancyLostAlarm("client-9lives-vpn", VpnTunnelState("us-east-1", "vpn-2")), "vpn", "9lives"),
			inGroup(PacketDropsAlarm("client-acme-drops", TgwPacketDropsNoRoute("us-east-1", "tgw-1", "tgw-attach-1"), 0), "drops", "acme"),
			inGroup(bare(PacketDropsAlarm("client-9lives-drops", TgwPacketDropsNoRoute("us-east-1", "tgw-1", "tgw-attach-2"), 0)), "drops", "9lives"),
			inGroup(VpnRedundancyLostAlarm("west-vpn", VpnTunnelState("us-east-1", "vpn-3")), "sites", "w"),
			inGroup(VpnRedundancyLostAlarm("east-vpn", VpnTunnelState("us-east-1", "vpn-4")), "sites", "e"),
		},
	})
	if n := len(s.Resources("aws_cloudwatch_metric_alarm")); n != 4 {
		t.Errorf("%d alarm resources, want 4 (one lone, one per group)", n)
	}
	vpn := s.Resource(t, "aws_cloudwatch_metric_alarm", "monitoring/alarms-vpn")
	synthtest.Attrs(t, "vpn group", vpn, map[string]any{
		// Names <prefix><Key><suffix> become a template; with nothing else
		// varying, each.value is the alarm's own dimensions.
		"alarm_name": "shop-us-east-1-client-${each.key}-vpn", "dimensions": "${each.value}", "alarm_description": "A tunnel of the client's VPN is down: the client is on its last tunnel.",
		"namespace": "AWS/VPN", "metric_name": "TunnelState", "comparison_operator": "LessThanThreshold", "threshold": 1,
		"evaluation_periods": 3, "treat_missing_data": "breaching", "period": 300,
		"for_each": map[string]any{
			"acme":   map[string]any{"VpnId": "vpn-1"},
			"9lives": map[string]any{"VpnId": "vpn-2"},
		},
	})
	// A member without a description gets none, as a lone alarm would; a
	// dimension shared by the group is set once, merged with each member's.
	synthtest.Attrs(t, "drops group", s.Resource(t, "aws_cloudwatch_metric_alarm", "monitoring/alarms-drops"), map[string]any{
		"alarm_description": `${each.value.description == "" ? null : each.value.description}`,
		"alarm_name":        "shop-us-east-1-client-${each.key}-drops",
		"dimensions":        `${merge({"TransitGateway" = "tgw-1"}, each.value.dimensions)}`,
		"for_each": map[string]any{
			"acme": map[string]any{"dimensions": map[string]any{"TransitGatewayAttachment": "tgw-attach-1"},
				"description": "The Transit Gateway attachment is dropping packets (PacketDropCountNoRoute); check its route tables."},
			"9lives": map[string]any{"dimensions": map[string]any{"TransitGatewayAttachment": "tgw-attach-2"}, "description": ""},
		},
	})
	// Ids that are not <prefix><Key><suffix> keep their names in the map.
	synthtest.Attrs(t, "sites group", s.Resource(t, "aws_cloudwatch_metric_alarm", "monitoring/alarms-sites"), map[string]any{
		"alarm_name": "${each.value.alarm_name}", "dimensions": "${each.value.dimensions}",
		"for_each": map[string]any{
			"w": map[string]any{"alarm_name": "shop-us-east-1-west-vpn", "dimensions": map[string]any{"VpnId": "vpn-3"}},
			"e": map[string]any{"alarm_name": "shop-us-east-1-east-vpn", "dimensions": map[string]any{"VpnId": "vpn-4"}},
		},
	})
	synthtest.Attrs(t, "lone alarm", s.Resource(t, "aws_cloudwatch_metric_alarm", "monitoring/alarm-vpc-no-route"),
		map[string]any{"alarm_name": "shop-us-east-1-vpc-no-route"})
}

func TestGlobalOverview(t *testing.T) {
	s := synth(t, "us-east-1", Props{
		Name: "shop-global", Region: "us-east-1",
		Alarms: []Alarm{HealthCheckFailingAlarm("hc-us-east-1", Route53HealthCheckStatus("hc-1"))},
		Overview: []Panel{
			{Title: "Healthy NLB targets", Metrics: []Metric{
				NlbHealthyHosts("us-east-1", "net/a/1", "targetgroup/a/1"), NlbHealthyHosts("us-west-2", "net/b/2", "targetgroup/b/2")}},
			{Title: "Replica lag", Metrics: []Metric{ReplicaLag("us-west-2", "shop-replica")}},
		},
	})
	synthtest.Attrs(t, "route53 alarm", s.Resource(t, "aws_cloudwatch_metric_alarm", "monitoring/alarm-hc-us-east-1"), map[string]any{
		"namespace": "AWS/Route53", "metric_name": "HealthCheckStatus", "dimensions": map[string]any{"HealthCheckId": "hc-1"},
	})
	dash := s.Resource(t, "aws_cloudwatch_dashboard", "monitoring/overview")
	synthtest.Attrs(t, "overview", dash, map[string]any{"dashboard_name": "shop-global-overview"})
	var body struct {
		Widgets []struct {
			Properties struct {
				Title   string
				Metrics [][]any
			}
		}
	}
	if err := json.Unmarshal([]byte(dash["dashboard_body"].(string)), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Widgets) != 2 {
		t.Fatalf("%d widgets, want 2", len(body.Widgets))
	}
	var regions []string
	for _, row := range body.Widgets[0].Properties.Metrics {
		regions = append(regions, row[len(row)-1].(map[string]any)["region"].(string))
	}
	if got := strings.Join(regions, ","); got != "us-east-1,us-west-2" {
		t.Errorf("healthy hosts lines come from %s, want one per region", got)
	}
}

func TestValidate(t *testing.T) {
	good := ReplicaLagAlarm("lag", ReplicaLag("us-east-1", "db"), 60)
	cases := []struct {
		name  string
		props Props
		want  []string
	}{
		{"alarm in another region than its metric", Props{Region: "us-east-1", Alarms: []Alarm{ReplicaLagAlarm("lag", ReplicaLag("us-west-2", "db"), 60)}},
			[]string{`us-east-1/monitoring: Alarms[0].Metric.Region: the metric lives in us-west-2 but this construct is in us-east-1; an alarm can only watch its own region's metrics: create it in us-west-2's stack`}},
		{"route 53 alarm outside us-east-1", Props{Region: "eu-west-1", Alarms: []Alarm{HealthCheckFailingAlarm("hc", Metric{Namespace: "AWS/Route53", Name: "HealthCheckStatus", Region: "eu-west-1", Dimensions: map[string]string{"HealthCheckId": "x"}})}},
			[]string{`us-east-1/monitoring: Alarms[0].Metric.Region: Route 53 health-check metrics exist only in us-east-1, got "eu-west-1"`}},
		{"global accelerator latency does not exist", Props{Region: "us-west-2", Alarms: []Alarm{{Id: "ga", Comparison: "GreaterThanThreshold", Metric: Metric{Namespace: "AWS/GlobalAccelerator", Name: "Latency", Region: "us-west-2"}}}},
			[]string{`us-east-1/monitoring: Alarms[0].Metric: AWS/GlobalAccelerator publishes no Latency metric; an alarm on it would never fire (use NewFlowCount or ProcessedBytesIn)`}},
		{"global accelerator metrics outside us-west-2", Props{Region: "us-east-1", Alarms: []Alarm{{Id: "ga", Comparison: "GreaterThanThreshold", Metric: Metric{Namespace: "AWS/GlobalAccelerator", Name: "NewFlowCount", Region: "us-east-1"}}}},
			[]string{`us-east-1/monitoring: Alarms[0].Metric.Region: Global Accelerator metrics exist only in us-west-2, got "us-east-1"`}},
		{"unknown region and bad alarm fields", Props{Region: "moon-1", EmailAddresses: []string{"nobody"}, Alarms: []Alarm{good, {Id: "lag", Comparison: "Above", EvaluationPeriods: 2000, TreatMissingData: "zero",
			Metric: Metric{Namespace: "AWS/RDS", Name: "ReplicaLag", Region: "moon-1", Statistic: "p99", PeriodSeconds: 45}}}},
			[]string{
				`us-east-1/monitoring: Region: "moon-1" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)`,
				`us-east-1/monitoring: Alarms[0].Metric.Region: the metric lives in us-east-1 but this construct is in moon-1; an alarm can only watch its own region's metrics: create it in us-east-1's stack`,
				`us-east-1/monitoring: Alarms[1].Id: "lag" is already used by Alarms[0]`,
				`us-east-1/monitoring: Alarms[1].Metric.Region: "moon-1" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)`,
				`us-east-1/monitoring: Alarms[1].Metric.Statistic: "p99" must be Average, Sum, Minimum, Maximum or SampleCount`,
				`us-east-1/monitoring: Alarms[1].Metric.PeriodSeconds: must be 10, 30 or a multiple of 60, got 45`,
				`us-east-1/monitoring: Alarms[1].Comparison: "Above" is not a comparison (GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold)`,
				`us-east-1/monitoring: Alarms[1].EvaluationPeriods: 2000 periods of 45 s exceed one day, the longest an alarm evaluates`,
				`us-east-1/monitoring: Alarms[1].TreatMissingData: "zero" must be missing, ignore, breaching or notBreaching`,
				`us-east-1/monitoring: EmailAddresses[0]: "nobody" is not an e-mail address`,
			}},
		{"alarm groups", Props{Region: "us-east-1", Alarms: []Alarm{
			{Id: "a", Group: "vpn", Key: "acme", Comparison: "LessThanThreshold", Threshold: 1, Metric: VpnTunnelState("us-east-1", "vpn-1")},
			{Id: "b", Group: "vpn", Key: "acme", Comparison: "LessThanThreshold", Threshold: 2, Metric: VpnTunnelState("us-east-1", "vpn-2")},
			{Id: "c", Group: "vpn!", Comparison: "LessThanThreshold", Metric: VpnTunnelState("us-east-1", "vpn-3")},
			{Id: "d", Key: "stray", Comparison: "LessThanThreshold", Metric: VpnTunnelState("us-east-1", "vpn-4")},
		}},
			[]string{
				`us-east-1/monitoring: Alarms[1].Key: "acme" is already used in Group "vpn" by Alarms[0]`,
				`us-east-1/monitoring: Alarms[1].Group: "vpn": Threshold differs from Alarms[0] in the same Group; only Id, Description and Metric.Dimensions may differ`,
				`us-east-1/monitoring: Alarms[2].Group: "vpn!" must be 1-200 letters, digits, - or _`,
				`us-east-1/monitoring: Alarms[2].Key: is required with Group "vpn!"`,
				`us-east-1/monitoring: Alarms[3].Key: "stray" is set without a Group`,
			}},
		{"overview overflow", Props{Region: "us-east-1", Overview: []Panel{{Title: "too many", Metrics: manyMetrics(501)}}},
			[]string{`us-east-1/monitoring: Overview: the dashboard widget 0 ("too many") draws 501 metrics; at most 500 per widget`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs := validate.New("us-east-1/monitoring")
			c.props.withDefaults("monitoring").validate(probs)
			if got := validate.Lines(probs.Err()); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}

func manyMetrics(n int) []Metric {
	out := make([]Metric, n)
	for i := range out {
		out[i] = VpnTunnelState("us-east-1", "vpn-"+strings.Repeat("a", i%7+1))
	}
	return out
}
