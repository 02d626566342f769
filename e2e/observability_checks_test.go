package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/networkmonitor"
	nmtypes "github.com/aws/aws-sdk-go-v2/service/networkmonitor/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/jsii-runtime-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"

	"github.com/multiregion-iac/multiregion/constructs/clientdashboards"
	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// checkObservability checks, through the AWS API, what addObservability
// deployed: per region the flow log groups (retention, KMS), both flow logs,
// the saved queries, each client's dashboard (its body round-trips through
// GetDashboard), the alarms (names, namespaces, dimensions, region, topic)
// and the KMS-encrypted topic; in the global stack, the Route 53 alarms and
// the overview dashboard.
func checkObservability(t *testing.T, p *e2e.Project, url string, cfg *stacks.Config) {
	t.Helper()
	for _, r := range cfg.Regions {
		out := outputs(t, p, r.Name)
		topic := checkTopic(t, url, r.Name, cfg.App+"-"+r.Name+"-alarms")
		checkFlowLogs(t, url, cfg, r.Name)
		checkClientDashboards(t, url, cfg, r.Name, out)
		checkRegionAlarms(t, url, cfg, r.Name, out, topic)
	}
	checkGlobalObservability(t, p, url, cfg)
}

// cloudWatch is a CloudWatch client speaking awsJson 1.0, which CloudWatch
// also serves: this SDK defaults to RPC v2 CBOR, which the emulator (moto
// 5.2.1) does not implement.
func cloudWatch(t *testing.T, url, region string) *cloudwatch.Client {
	t.Helper()
	return cloudwatch.NewFromConfig(e2e.AWS(t, url, region), func(o *cloudwatch.Options) {
		o.Protocol = awsjson.New10(cwschemas.GraniteServiceVersion20100801)
	})
}

// outputs reads a deployed stack's outputs.
func outputs(t *testing.T, p *e2e.Project, stack string) map[string]any {
	t.Helper()
	var raw map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(p.Terraform(t, stack, "output", "-json"), &raw); err != nil {
		t.Fatalf("%s outputs: %v", stack, err)
	}
	out := map[string]any{}
	for k, v := range raw {
		out[k] = v.Value
	}
	return out
}

func checkTopic(t *testing.T, url, region, name string) string {
	t.Helper()
	ctx := context.Background()
	c := sns.NewFromConfig(e2e.AWS(t, url, region))
	topics, err := c.ListTopics(ctx, &sns.ListTopicsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range topics.Topics {
		arn := aws.ToString(tp.TopicArn)
		if !strings.HasSuffix(arn, ":"+name) {
			continue
		}
		if !strings.Contains(arn, ":sns:"+region+":") {
			t.Errorf("topic %s is not in %s", arn, region)
		}
		attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: tp.TopicArn})
		if err != nil {
			t.Fatal(err)
		}
		if attrs.Attributes["KmsMasterKeyId"] == "" {
			t.Errorf("topic %s is not KMS-encrypted", arn)
		}
		return arn
	}
	t.Errorf("%s: no SNS topic %s", region, name)
	return ""
}

func checkFlowLogs(t *testing.T, url string, cfg *stacks.Config, region string) {
	t.Helper()
	ctx := context.Background()
	prefix := "/multiregion/" + cfg.App + "-" + region
	logs := cloudwatchlogs.NewFromConfig(e2e.AWS(t, url, region))
	groups, err := logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(prefix + "/")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range groups.LogGroups {
		names = append(names, aws.ToString(g.LogGroupName))
		if got := aws.ToInt32(g.RetentionInDays); int(got) != *cfg.Observability.FlowLogRetentionDays {
			t.Errorf("%s: retention %d days, want %d", aws.ToString(g.LogGroupName), got, *cfg.Observability.FlowLogRetentionDays)
		}
		if !strings.Contains(aws.ToString(g.KmsKeyId), ":kms:"+region+":") {
			t.Errorf("%s: KMS key %q, want a key in %s", aws.ToString(g.LogGroupName), aws.ToString(g.KmsKeyId), region)
		}
	}
	want := []string{prefix + "/tgw-flow-logs", prefix + "/vpc-flow-logs"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("%s: log groups %v, want %v", region, names, want)
	}

	fls, err := ec2.NewFromConfig(e2e.AWS(t, url, region)).DescribeFlowLogs(ctx, &ec2.DescribeFlowLogsInput{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, fl := range fls.FlowLogs {
		group := aws.ToString(fl.LogGroupName)
		if !strings.HasPrefix(group, prefix+"/") && !strings.Contains(aws.ToString(fl.LogDestination), prefix+"/") {
			continue
		}
		kind, format := "vpc", flowlogs.VpcLogFormat
		if strings.HasPrefix(aws.ToString(fl.ResourceId), "tgw-") {
			kind, format = "tgw", flowlogs.TgwLogFormat
		} else if fl.TrafficType != "ALL" {
			t.Errorf("%s: VPC flow log traffic type %q, want ALL", region, fl.TrafficType)
		}
		seen[kind] = true
		if aws.ToString(fl.LogFormat) != format {
			t.Errorf("%s %s flow log format\n  got:  %s\n  want: %s", region, kind, aws.ToString(fl.LogFormat), format)
		}
		if aws.ToInt32(fl.MaxAggregationInterval) != 60 {
			t.Errorf("%s %s flow log aggregation %d s, want 60", region, kind, aws.ToInt32(fl.MaxAggregationInterval))
		}
		// One delivery role for every region, in the iam stack.
		if !strings.HasSuffix(aws.ToString(fl.DeliverLogsPermissionArn), ":role/"+cfg.App+"-flow-logs") {
			t.Errorf("%s %s flow log role %q, want the iam stack's %s-flow-logs", region, kind, aws.ToString(fl.DeliverLogsPermissionArn), cfg.App)
		}
	}
	if !seen["vpc"] || !seen["tgw"] {
		t.Errorf("%s: flow logs found %v, want vpc and tgw", region, seen)
	}

	qs, err := logs.DescribeQueryDefinitions(ctx, &cloudwatchlogs.DescribeQueryDefinitionsInput{QueryDefinitionNamePrefix: aws.String(cfg.App + "-" + region + "/")})
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, q := range qs.QueryDefinitions {
		queries = append(queries, strings.TrimPrefix(aws.ToString(q.Name), cfg.App+"-"+region+"/"))
	}
	sort.Strings(queries)
	if got := strings.Join(queries, ","); got != "rejected,tgw-bandwidth,tgw-dropped,tgw-top-talkers,vpc-top-talkers" {
		t.Errorf("%s: saved queries %s", region, got)
	}
}

// checkClientDashboards rebuilds each client's expected body from the
// deployed IDs (stack outputs) and compares it with GetDashboard's.
func checkClientDashboards(t *testing.T, url string, cfg *stacks.Config, region string, out map[string]any) {
	t.Helper()
	attachments, _ := out["client_tgw_attachment_ids"].(map[string]any)
	vpns, _ := out["client_vpn_connection_ids"].(map[string]any)
	props := clientdashboards.Props{
		Region: region, Name: cfg.App + "-client", TransitGatewayId: jsii.String(fmt.Sprint(out["transit_gateway_id"])),
		VpcFlowLogGroup: "/multiregion/" + cfg.App + "-" + region + "/vpc-flow-logs",
		TgwFlowLogGroup: "/multiregion/" + cfg.App + "-" + region + "/tgw-flow-logs",
		ProbeProtocol:   cfg.Observability.ProbeProtocol, ProbePort: cfg.Observability.ProbePort,
		// The bodies do not name the probes' subnet; Build only requires one.
		ProbeSubnetId: jsii.String("subnet-0"),
	}
	var homed []stacks.Client
	var probeIDs []string
	for _, c := range cfg.Clients {
		if c.Region == region {
			homed = append(homed, c)
		}
	}
	sort.Slice(homed, func(i, j int) bool { return homed[i].Name < homed[j].Name })
	for _, c := range homed {
		if cfg.Observability.DisableProbes {
			c.ProbeAddresses = nil
		}
		for id := range checkProbes(t, url, cfg, region, c) {
			probeIDs = append(probeIDs, id)
		}
		props.Clients = append(props.Clients, clientdashboards.Client{Name: c.Name, AttachmentId: jsii.String(fmt.Sprint(attachments[c.Name])),
			VpnConnectionId: jsii.String(fmt.Sprint(vpns[c.Name])), Cidrs: c.Cidrs, ProbeAddresses: c.ProbeAddresses})
	}
	want, err := clientdashboards.Build(region+"/"+stacks.ClientDashboardsID, props)
	if err != nil {
		t.Fatal(err)
	}
	cw := cloudWatch(t, url, region)
	for _, db := range want {
		got, err := cw.GetDashboard(context.Background(), &cloudwatch.GetDashboardInput{DashboardName: aws.String(db.Name)})
		if err != nil {
			t.Errorf("%s: dashboard %s: %v", region, db.Name, err)
			continue
		}
		// Build shapes the body before the probes exist: it names each
		// probe by a stand-in ID, which the deployed probes' IDs replace.
		body := aws.ToString(got.DashboardBody)
		for _, id := range probeIDs {
			body = strings.ReplaceAll(body, id, "probe-0000000000000000000000000")
		}
		var g, w any
		if err := json.Unmarshal([]byte(body), &g); err != nil {
			t.Errorf("%s: dashboard %s body is not JSON: %v", region, db.Name, err)
			continue
		}
		_ = json.Unmarshal([]byte(db.Body.JSON()), &w)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: dashboard %s body differs from the one shaped for %s:\n  got:  %s\n  want: %s", region, db.Name, db.Client, aws.ToString(got.DashboardBody), db.Body.JSON())
		}
	}
}

// checkProbes: a client with probe addresses has a Network Monitor monitor
// in its region, named like its dashboard, with one active probe per
// address from the region's first private subnet; it returns the probes'
// IDs.
func checkProbes(t *testing.T, url string, cfg *stacks.Config, region string, c stacks.Client) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	name := cfg.App + "-client-" + c.Name
	nm := networkmonitor.NewFromConfig(e2e.AWS(t, url, region))
	mon, err := nm.GetMonitor(context.Background(), &networkmonitor.GetMonitorInput{MonitorName: aws.String(name)})
	if len(c.ProbeAddresses) == 0 || cfg.Observability.DisableProbes {
		if err == nil {
			t.Errorf("%s: monitor %s exists for a client without probes", region, name)
		}
		return ids
	}
	if err != nil {
		t.Errorf("%s: monitor %s: %v", region, name, err)
		return ids
	}
	if mon.State != nmtypes.MonitorStateActive || aws.ToInt64(mon.AggregationPeriod) != 60 {
		t.Errorf("%s: monitor %s is %s with aggregation %d s, want ACTIVE, 60 s", region, name, mon.State, aws.ToInt64(mon.AggregationPeriod))
	}
	var dests []string
	for _, p := range mon.Probes {
		ids[aws.ToString(p.ProbeId)] = true
		dests = append(dests, aws.ToString(p.Destination))
		if p.State != nmtypes.ProbeStateActive || string(p.Protocol) != cfg.Observability.ProbeProtocol ||
			!strings.HasPrefix(aws.ToString(p.SourceArn), "arn:aws:ec2:"+region+":"+cfg.AccountId+":subnet/subnet-") {
			t.Errorf("%s: probe %s: state %s, protocol %s, source %s; want ACTIVE, %s, a subnet of the region", region, aws.ToString(p.ProbeId), p.State, p.Protocol, aws.ToString(p.SourceArn), cfg.Observability.ProbeProtocol)
		}
	}
	if !slices.Equal(slices.Sorted(slices.Values(dests)), slices.Sorted(slices.Values(c.ProbeAddresses))) {
		t.Errorf("%s: monitor %s probes %v, want %v", region, name, dests, c.ProbeAddresses)
	}
	return ids
}

func alarmsWithPrefix(t *testing.T, url, region, prefix string) map[string]cwtypes.MetricAlarm {
	t.Helper()
	in := &cloudwatch.DescribeAlarmsInput{}
	if prefix != "" {
		in.AlarmNamePrefix = aws.String(prefix)
	}
	out := map[string]cwtypes.MetricAlarm{}
	pages := cloudwatch.NewDescribeAlarmsPaginator(cloudWatch(t, url, region), in)
	for pages.HasMorePages() {
		res, err := pages.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range res.MetricAlarms {
			out[aws.ToString(a.AlarmName)] = a
		}
	}
	return out
}

func dims(a cwtypes.MetricAlarm) map[string]string {
	out := map[string]string{}
	for _, d := range a.Dimensions {
		out[aws.ToString(d.Name)] = aws.ToString(d.Value)
	}
	return out
}

func checkRegionAlarms(t *testing.T, url string, cfg *stacks.Config, region string, out map[string]any, topic string) {
	t.Helper()
	prefix := cfg.App + "-" + region + "-"
	alarms := alarmsWithPrefix(t, url, region, prefix)
	tgw := fmt.Sprint(out["transit_gateway_id"])
	attachments, _ := out["client_tgw_attachment_ids"].(map[string]any)
	vpns, _ := out["client_vpn_connection_ids"].(map[string]any)
	type want struct {
		namespace, metric string
		dims              map[string]string
	}
	expected := map[string]want{
		"tgw-vpc-no-route":  {"AWS/TransitGateway", "PacketDropCountNoRoute", map[string]string{"TransitGateway": tgw, "TransitGatewayAttachment": fmt.Sprint(out["tgw_vpc_attachment_id"])}},
		"tgw-vpc-blackhole": {"AWS/TransitGateway", "PacketDropCountBlackhole", map[string]string{"TransitGateway": tgw, "TransitGatewayAttachment": fmt.Sprint(out["tgw_vpc_attachment_id"])}},
	}
	for _, c := range cfg.Clients {
		if c.Region != region {
			continue
		}
		att := map[string]string{"TransitGateway": tgw, "TransitGatewayAttachment": fmt.Sprint(attachments[c.Name])}
		expected["client-"+c.Name+"-no-route"] = want{"AWS/TransitGateway", "PacketDropCountNoRoute", att}
		expected["client-"+c.Name+"-blackhole"] = want{"AWS/TransitGateway", "PacketDropCountBlackhole", att}
		expected["client-"+c.Name+"-vpn-redundancy-lost"] = want{"AWS/VPN", "TunnelState", map[string]string{"VpnId": fmt.Sprint(vpns[c.Name])}}
		expected["client-"+c.Name+"-vpn-cut-off"] = want{"AWS/VPN", "TunnelState", map[string]string{"VpnId": fmt.Sprint(vpns[c.Name])}}
	}
	for id, w := range expected {
		a, ok := alarms[prefix+id]
		if !ok {
			t.Errorf("%s: alarm %s%s missing", region, prefix, id)
			continue
		}
		if aws.ToString(a.Namespace) != w.namespace || aws.ToString(a.MetricName) != w.metric || !reflect.DeepEqual(dims(a), w.dims) {
			t.Errorf("%s: alarm %s watches %s %s %v, want %s %s %v", region, id, aws.ToString(a.Namespace), aws.ToString(a.MetricName), dims(a), w.namespace, w.metric, w.dims)
		}
		if len(a.AlarmActions) != 1 || a.AlarmActions[0] != topic {
			t.Errorf("%s: alarm %s actions %v, want [%s]", region, id, a.AlarmActions, topic)
		}
	}
	for _, id := range []string{"nlb-unhealthy-hosts", "nlb-no-healthy-hosts"} {
		a, ok := alarms[prefix+id]
		if !ok {
			t.Errorf("%s: alarm %s%s missing", region, prefix, id)
			continue
		}
		// The dimension is the part of the NLB's ARN after "loadbalancer/".
		d := dims(a)
		nlb := fmt.Sprint(out["nlb_arn"])
		if aws.ToString(a.Namespace) != "AWS/NetworkELB" || !strings.HasSuffix(nlb, ":loadbalancer/"+d["LoadBalancer"]) || !strings.HasPrefix(d["TargetGroup"], "targetgroup/") {
			t.Errorf("%s: alarm %s: %s %v, want the dimensions of %s", region, id, aws.ToString(a.Namespace), d, nlb)
		}
	}
	// The replica's ReplicaLag alarm (built by the database construct, in
	// the replica's region) notifies this region's topic.
	all := alarmsWithPrefix(t, url, region, "")
	for name, a := range all {
		if aws.ToString(a.MetricName) == "ReplicaLag" && (len(a.AlarmActions) != 1 || a.AlarmActions[0] != topic) {
			t.Errorf("%s: replica lag alarm %s actions %v, want [%s]", region, name, a.AlarmActions, topic)
		}
	}
}

func checkGlobalObservability(t *testing.T, p *e2e.Project, url string, cfg *stacks.Config) {
	t.Helper()
	region := cfg.Global.Region
	topic := checkTopic(t, url, region, cfg.App+"-global-alarms")
	endpoints, _ := outputs(t, p, stacks.GlobalStackName)["failover_endpoints"].(map[string]any)
	alarms := alarmsWithPrefix(t, url, region, cfg.App+"-global-")
	for _, r := range cfg.Regions {
		name := cfg.App + "-global-health-check-" + r.Name
		a, ok := alarms[name]
		if !ok {
			t.Errorf("global: alarm %s missing", name)
			continue
		}
		hc := fmt.Sprint(endpoints[r.Name].(map[string]any)["health_check_id"])
		if aws.ToString(a.Namespace) != "AWS/Route53" || aws.ToString(a.MetricName) != "HealthCheckStatus" || dims(a)["HealthCheckId"] != hc {
			t.Errorf("global: alarm %s watches %s %s %v, want AWS/Route53 HealthCheckStatus of %s", name, aws.ToString(a.Namespace), aws.ToString(a.MetricName), dims(a), hc)
		}
		if len(a.AlarmActions) != 1 || a.AlarmActions[0] != topic {
			t.Errorf("global: alarm %s actions %v, want [%s]", name, a.AlarmActions, topic)
		}
	}
	got, err := cloudWatch(t, url, region).GetDashboard(context.Background(), &cloudwatch.GetDashboardInput{DashboardName: aws.String(cfg.App + "-global-overview")})
	if err != nil {
		t.Fatalf("global: overview dashboard: %v", err)
	}
	var body struct {
		Widgets []struct {
			Properties struct{ Metrics [][]any }
		}
	}
	if err := json.Unmarshal([]byte(aws.ToString(got.DashboardBody)), &body); err != nil {
		t.Fatalf("global: overview body: %v", err)
	}
	regions := map[string]bool{}
	for _, w := range body.Widgets {
		for _, row := range w.Properties.Metrics {
			if opts, ok := row[len(row)-1].(map[string]any); ok {
				regions[fmt.Sprint(opts["region"])] = true
			}
		}
	}
	for _, r := range cfg.Regions {
		if !regions[r.Name] {
			t.Errorf("global: the overview draws no metric from %s", r.Name)
		}
	}
}
