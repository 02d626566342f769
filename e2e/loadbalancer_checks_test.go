package e2e

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// checkLoadBalancers checks every region's NLB, target group and listeners
// and the global failover records and health checks through the AWS API.
// (The reference config leaves Global Accelerator off, so that the
// secondary-outage drill can show the global stack needing nothing of
// us-west-2, where AWS serves the accelerator's API; TestConsumerExample
// deploys and checks an accelerator.)
func checkLoadBalancers(t *testing.T, p *e2e.Project, url string, cfg *stacks.Config) {
	t.Helper()
	nlbs := map[string]elbtypes.LoadBalancer{}
	for _, r := range cfg.Regions {
		nlbs[r.Name] = checkRegionalNLB(t, url, cfg, r.Name)
	}
	checkFailoverDNS(t, url, cfg, nlbs)
	out := outputs(t, p, stacks.GlobalStackName)
	want := float64(cfg.DNS.HealthCheckIntervalSeconds*cfg.DNS.HealthCheckFailureThreshold + 60)
	if got, _ := out["failover_route53_seconds"].(float64); got != want {
		t.Errorf("output failover_route53_seconds = %v, want %v", out["failover_route53_seconds"], want)
	}
	if out["active_region"] != cfg.ActiveRegion {
		t.Errorf("output active_region = %v, want %s", out["active_region"], cfg.ActiveRegion)
	}
}

// nlbName mirrors the reference app's naming (app + short region code),
// which the stacks package tests pin down.
func nlbName(app, region string) string {
	short := map[string]string{"east": "e", "west": "w", "north": "n", "south": "s", "central": "c",
		"northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw"}
	parts := strings.Split(region, "-")
	for i := 1; i < len(parts); i++ {
		if s, ok := short[parts[i]]; ok {
			parts[i] = s
		}
	}
	return app + "-" + strings.Join(parts, "")
}

func checkRegionalNLB(t *testing.T, url string, cfg *stacks.Config, region string) elbtypes.LoadBalancer {
	t.Helper()
	ctx := context.Background()
	c := elb.NewFromConfig(e2e.AWS(t, url, region))
	name := nlbName(cfg.App, region)
	lbs, err := c.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{name}})
	if err != nil || len(lbs.LoadBalancers) != 1 {
		t.Fatalf("%s: NLB %s: %v (%d found)", region, name, err, len(lbs.LoadBalancers))
	}
	lb := lbs.LoadBalancers[0]
	if lb.Type != elbtypes.LoadBalancerTypeEnumNetwork || lb.Scheme != elbtypes.LoadBalancerSchemeEnumInternetFacing {
		t.Errorf("%s: NLB type %s scheme %s, want network internet-facing", region, lb.Type, lb.Scheme)
	}
	if len(lb.SecurityGroups) != 1 {
		t.Errorf("%s: NLB has %d security groups, want 1 (attached at creation)", region, len(lb.SecurityGroups))
	}
	checkEipMappings(t, url, region, name, lb)

	attrs, err := c.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range attrs.Attributes {
		got[aws.ToString(a.Key)] = aws.ToString(a.Value)
	}
	wantProtection := fmt.Sprint(!cfg.LoadBalancer.DisableDeletionProtection)
	zonalShift := fmt.Sprint(!cfg.LoadBalancer.DisableZonalShift)
	for k, want := range map[string]string{"load_balancing.cross_zone.enabled": "true", "deletion_protection.enabled": wantProtection, "zonal_shift.config.enabled": zonalShift} {
		if got[k] != want {
			t.Errorf("%s: NLB attribute %s = %q, want %q", region, k, got[k], want)
		}
	}

	tgs, err := c.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil || len(tgs.TargetGroups) != 1 {
		t.Fatalf("%s: target groups of the NLB: %v (%d found, want 1)", region, err, len(tgs.TargetGroups))
	}
	tg, hc := tgs.TargetGroups[0], cfg.LoadBalancer.HealthCheck
	gotTG := fmt.Sprintf("type=%s protocol=%s port=%d hc=%s interval=%d healthy=%d unhealthy=%d",
		tg.TargetType, tg.Protocol, aws.ToInt32(tg.Port), tg.HealthCheckProtocol, aws.ToInt32(tg.HealthCheckIntervalSeconds),
		aws.ToInt32(tg.HealthyThresholdCount), aws.ToInt32(tg.UnhealthyThresholdCount))
	wantTG := fmt.Sprintf("type=ip protocol=TCP port=%d hc=%s interval=%d healthy=%d unhealthy=%d",
		cfg.LoadBalancer.TargetPort, hc.Protocol, hc.IntervalSeconds, hc.HealthyThreshold, hc.UnhealthyThreshold)
	if gotTG != wantTG {
		t.Errorf("%s: target group\n   got: %s\n  want: %s", region, gotTG, wantTG)
	}
	// Zonal shift on a cross-zone NLB requires its target groups to keep
	// connections to unhealthy targets open.
	tgAttrs, err := c.DescribeTargetGroupAttributes(ctx, &elb.DescribeTargetGroupAttributesInput{TargetGroupArn: tg.TargetGroupArn})
	if err != nil {
		t.Fatal(err)
	}
	termination := ""
	for _, a := range tgAttrs.Attributes {
		if aws.ToString(a.Key) == "target_health_state.unhealthy.connection_termination.enabled" {
			termination = aws.ToString(a.Value)
		}
	}
	if want := fmt.Sprint(cfg.LoadBalancer.DisableZonalShift); termination != want {
		t.Errorf("%s: target group resets connections to unhealthy targets: %q, want %q (zonal shift %s)", region, termination, want, zonalShift)
	}

	ls, err := c.DescribeListeners(ctx, &elb.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		t.Fatal(err)
	}
	var listeners []string
	for _, l := range ls.Listeners {
		fwd := len(l.DefaultActions) == 1 && l.DefaultActions[0].Type == elbtypes.ActionTypeEnumForward &&
			aws.ToString(l.DefaultActions[0].TargetGroupArn) == aws.ToString(tg.TargetGroupArn)
		listeners = append(listeners, fmt.Sprintf("%s:%d forward=%v", l.Protocol, aws.ToInt32(l.Port), fwd))
	}
	sort.Strings(listeners)
	var want []string
	for _, port := range cfg.LoadBalancer.Ports {
		want = append(want, fmt.Sprintf("%s:%d forward=true", cfg.LoadBalancer.Protocol, port))
	}
	sort.Strings(want)
	if strings.Join(listeners, ",") != strings.Join(want, ",") {
		t.Errorf("%s: listeners %v, want %v", region, listeners, want)
	}
	return lb
}

// checkEipMappings requires one AZ mapping per public subnet, each on one
// of the EIPs the stack allocated for this NLB.
func checkEipMappings(t *testing.T, url, region, name string, lb elbtypes.LoadBalancer) {
	t.Helper()
	addrs, err := ec2.NewFromConfig(e2e.AWS(t, url, region)).DescribeAddresses(context.Background(), &ec2.DescribeAddressesInput{})
	if err != nil {
		t.Fatal(err)
	}
	ours := map[string]bool{}
	for _, a := range addrs.Addresses {
		if strings.HasPrefix(tagValue(a.Tags, "Name"), name+"-") {
			ours[aws.ToString(a.AllocationId)] = true
		}
	}
	if len(lb.AvailabilityZones) < 2 || len(ours) != len(lb.AvailabilityZones) {
		t.Errorf("%s: NLB spans %d AZs with %d EIPs allocated for it, want one EIP per AZ and at least 2 AZs", region, len(lb.AvailabilityZones), len(ours))
	}
	for _, az := range lb.AvailabilityZones {
		mapped := len(az.LoadBalancerAddresses) == 1 && ours[aws.ToString(az.LoadBalancerAddresses[0].AllocationId)]
		if !mapped {
			t.Errorf("%s: NLB subnet %s is not mapped to one of its EIPs (%+v)", region, aws.ToString(az.SubnetId), az.LoadBalancerAddresses)
		}
	}
}

func checkFailoverDNS(t *testing.T, url string, cfg *stacks.Config, nlbs map[string]elbtypes.LoadBalancer) {
	t.Helper()
	ctx := context.Background()
	c := route53.NewFromConfig(e2e.AWS(t, url, cfg.Global.Region))
	zones, err := c.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String(cfg.DNS.ZoneName)})
	if err != nil || len(zones.HostedZones) == 0 || strings.TrimSuffix(aws.ToString(zones.HostedZones[0].Name), ".") != cfg.DNS.ZoneName {
		t.Fatalf("hosted zone %s not found: %v", cfg.DNS.ZoneName, err)
	}
	fqdn := cfg.DNS.RecordName + "." + cfg.DNS.ZoneName + "."
	sets, err := c.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: zones.HostedZones[0].Id})
	if err != nil {
		t.Fatal(err)
	}
	secondary := ""
	for _, r := range cfg.Regions {
		if r.Name != cfg.ActiveRegion && secondary == "" {
			secondary = r.Name
		}
	}
	want := map[r53types.ResourceRecordSetFailover]string{r53types.ResourceRecordSetFailoverPrimary: cfg.ActiveRegion, r53types.ResourceRecordSetFailoverSecondary: secondary}
	found := 0
	for _, rs := range sets.ResourceRecordSets {
		if aws.ToString(rs.Name) != fqdn || rs.Type != r53types.RRTypeA {
			continue
		}
		found++
		region := want[rs.Failover]
		lb := nlbs[region]
		if region == "" || rs.AliasTarget == nil {
			t.Errorf("record %s (%s): not a failover alias record", fqdn, rs.Failover)
			continue
		}
		target := strings.TrimSuffix(strings.ToLower(aws.ToString(rs.AliasTarget.DNSName)), ".")
		if target != strings.ToLower(aws.ToString(lb.DNSName)) || !rs.AliasTarget.EvaluateTargetHealth || aws.ToInt64(rs.TTL) != 0 {
			t.Errorf("%s record: alias %s evaluate=%v ttl=%v, want the %s NLB %s, evaluate_target_health and no TTL",
				rs.Failover, target, rs.AliasTarget.EvaluateTargetHealth, aws.ToInt64(rs.TTL), region, aws.ToString(lb.DNSName))
		}
		checkHealthCheck(t, c, aws.ToString(rs.HealthCheckId), region, cfg, lb)
	}
	if found != 2 {
		t.Errorf("%d A records named %s, want exactly PRIMARY and SECONDARY", found, fqdn)
	}
}

func checkHealthCheck(t *testing.T, c *route53.Client, id, region string, cfg *stacks.Config, lb elbtypes.LoadBalancer) {
	t.Helper()
	if id == "" {
		t.Errorf("%s record has no health check", region)
		return
	}
	hc, err := c.GetHealthCheck(context.Background(), &route53.GetHealthCheckInput{HealthCheckId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	h := hc.HealthCheck.HealthCheckConfig
	got := fmt.Sprintf("%s %s:%d every %ds x%d", h.Type, strings.ToLower(aws.ToString(h.FullyQualifiedDomainName)), aws.ToInt32(h.Port), aws.ToInt32(h.RequestInterval), aws.ToInt32(h.FailureThreshold))
	want := fmt.Sprintf("TCP %s:%d every %ds x%d", strings.ToLower(aws.ToString(lb.DNSName)), cfg.LoadBalancer.Ports[0], cfg.DNS.HealthCheckIntervalSeconds, cfg.DNS.HealthCheckFailureThreshold)
	if got != want {
		t.Errorf("%s health check\n   got: %s\n  want: %s", region, got, want)
	}
}
