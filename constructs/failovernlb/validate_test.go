package failovernlb

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// These tests need no Node.js: they call the pure-Go validation directly,
// with the path New would use.

func validProps() Props {
	return Props{VpcId: jsii.String("vpc-1"), VpcCidr: "10.0.0.0/16", PublicSubnetIds: *jsii.Strings("subnet-a", "subnet-b")}
}

func regionalProblems(p Props) []string {
	probs := validate.New("us-east-1/nlb")
	p.withDefaults("nlb").validate(probs)
	return validate.Lines(probs.Err())
}

func TestRegionalValidation(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Props)
		want []string
	}{
		{"valid", func(p *Props) {}, nil},
		{"no vpc", func(p *Props) { p.VpcId, p.VpcCidr = nil, "" }, []string{
			`us-east-1/nlb: VpcId: is required when Network is not set`,
			`us-east-1/nlb: VpcCidr: "" is not a valid IPv4 CIDR (required when Network is not set)`,
		}},
		{"one subnet", func(p *Props) { p.PublicSubnetIds = *jsii.Strings("subnet-a") }, []string{
			`us-east-1/nlb: PublicSubnetIds: at least two public subnets in different AZs are required, got 1`,
		}},
		{"empty subnet", func(p *Props) { p.PublicSubnetIds = *jsii.Strings("subnet-a", "") }, []string{
			`us-east-1/nlb: PublicSubnetIds[1]: must not be empty`,
		}},
		{"bad name", func(p *Props) { p.Name = "shop_east" }, []string{
			`us-east-1/nlb: Name: "shop_east" must be 1-29 letters, digits or hyphens, not starting or ending with a hyphen or starting with "internal-"`,
		}},
		{"name too long", func(p *Props) { p.Name = strings.Repeat("a", 30) }, []string{
			`us-east-1/nlb: Name: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" must be 1-29 letters, digits or hyphens, not starting or ending with a hyphen or starting with "internal-"`,
		}},
		{"ports out of range and duplicate", func(p *Props) { p.Ports = []int{443, 0, 70000, 443} }, []string{
			`us-east-1/nlb: Ports[1]: must be 1-65535, got 0`,
			`us-east-1/nlb: Ports[2]: must be 1-65535, got 70000`,
			`us-east-1/nlb: Ports[3]: 443 is already listed at Ports[0]`,
		}},
		{"tls without certificate", func(p *Props) { p.Protocol = ProtocolTLS }, []string{
			`us-east-1/nlb: CertificateArn: is required when Protocol is TLS`,
		}},
		{"tls with a non-arn certificate", func(p *Props) { p.Protocol, p.CertificateArn = ProtocolTLS, "my-cert" }, []string{
			`us-east-1/nlb: CertificateArn: "my-cert" is not an ARN`,
		}},
		{"certificate on tcp", func(p *Props) { p.CertificateArn = "arn:aws:acm:us-east-1:1:certificate/x" }, []string{
			`us-east-1/nlb: CertificateArn: is set but Protocol is TCP; set Protocol to TLS or remove the certificate`,
		}},
		{"bad protocol", func(p *Props) { p.Protocol = "UDP" }, []string{
			`us-east-1/nlb: Protocol: must be "TCP" or "TLS", got "UDP"`,
		}},
		{"bad target port", func(p *Props) { p.TargetPort = -1 }, []string{
			`us-east-1/nlb: TargetPort: must be 1-65535, got -1`,
		}},
		{"health check out of range", func(p *Props) {
			p.HealthCheck = HealthCheck{Protocol: "UDP", Port: 65536, IntervalSeconds: 4, HealthyThreshold: 11, UnhealthyThreshold: 1}
		}, []string{
			`us-east-1/nlb: HealthCheck.Protocol: must be "TCP", "HTTP" or "HTTPS", got "UDP"`,
			`us-east-1/nlb: HealthCheck.Port: must be 1-65535, got 65536`,
			`us-east-1/nlb: HealthCheck.IntervalSeconds: must be 5-300, got 4`,
			`us-east-1/nlb: HealthCheck.HealthyThreshold: must be 2-10, got 11`,
			`us-east-1/nlb: HealthCheck.UnhealthyThreshold: must be 2-10, got 1`,
		}},
		{"path on tcp check", func(p *Props) { p.HealthCheck.Path = "/health" }, []string{
			`us-east-1/nlb: HealthCheck.Path: applies only to HTTP and HTTPS checks, but Protocol is TCP`,
		}},
		{"relative http path", func(p *Props) { p.HealthCheck = HealthCheck{Protocol: "HTTP", Path: "health"} }, []string{
			`us-east-1/nlb: HealthCheck.Path: "health" must start with /`,
		}},
		{"bad allowed cidr", func(p *Props) { p.AllowedCidrs = []string{"0.0.0.0/0", "10.0.0.1/8"} }, []string{
			`us-east-1/nlb: AllowedCidrs[1]: "10.0.0.1/8" has host bits set; use "10.0.0.0/8"`,
		}},
		{"access logs need tls", func(p *Props) { p.AccessLogs = true }, []string{
			`us-east-1/nlb: AccessLogs: NLBs write access logs only for TLS listeners; set Protocol to TLS or turn access logs off`,
		}},
		{"access logs prefix", func(p *Props) {
			p.Protocol, p.CertificateArn, p.AccessLogs, p.AccessLogsPrefix = ProtocolTLS, "arn:aws:acm:us-east-1:1:certificate/x", true, "x/AWSLogs"
		}, []string{
			`us-east-1/nlb: AccessLogsPrefix: "x/AWSLogs" must not contain "AWSLogs" (ELB appends it)`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validProps()
			c.edit(&p)
			got := regionalProblems(p)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}

// balancer is a regional part as NewGlobal sees it, without synthesizing.
func balancer(ports ...int) *Regional {
	p := validProps()
	p.Ports = ports
	return &Regional{Props: p.withDefaults("nlb")}
}

func validGlobal() GlobalProps {
	return GlobalProps{ZoneName: "shop.example.com", Endpoints: []Endpoint{
		{Region: "us-east-1", Role: RolePrimary, Balancer: balancer()},
		{Region: "us-west-2", Role: RoleSecondary, Balancer: balancer()},
	}}
}

func globalProblems(p GlobalProps) []string {
	probs := validate.New("global/failover")
	p = p.withDefaults("failover")
	p.validate(probs)
	checkSamePorts(p.Endpoints, probs)
	return validate.Lines(probs.Err())
}

func TestGlobalValidation(t *testing.T) {
	tls := balancer()
	tls.Props.Protocol = ProtocolTLS
	cases := []struct {
		name string
		edit func(*GlobalProps)
		want []string
	}{
		{"valid", func(p *GlobalProps) {}, nil},
		{"bad zone, zone id and record", func(p *GlobalProps) { p.ZoneName, p.ZoneId, p.RecordName = "shop", "abc", "API" }, []string{
			`global/failover: ZoneName: "shop" is not a domain name (lowercase labels of letters, digits and hyphens, e.g. example.com)`,
			`global/failover: ZoneId: "abc" is not a Route 53 hosted zone ID (e.g. Z0123456789ABCDEFGHIJ)`,
			`global/failover: RecordName: "API" is not a DNS label (1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen)`,
		}},
		{"interval and threshold", func(p *GlobalProps) { p.HealthCheckIntervalSeconds, p.HealthCheckFailureThreshold = 20, 11 }, []string{
			`global/failover: HealthCheckIntervalSeconds: Route 53 supports only 10 or 30, got 20`,
			`global/failover: HealthCheckFailureThreshold: must be 1-10, got 11`,
		}},
		{"two primaries", func(p *GlobalProps) { p.Endpoints[1].Role = RolePrimary }, []string{
			`global/failover: Endpoints: exactly one endpoint must have role PRIMARY, got 2`,
			`global/failover: Endpoints: at least one endpoint must have role SECONDARY`,
		}},
		{"no primary", func(p *GlobalProps) { p.Endpoints[0].Role = RoleSecondary }, []string{
			`global/failover: Endpoints: exactly one endpoint must have role PRIMARY, got 0`,
		}},
		{"bad role, missing region and balancer", func(p *GlobalProps) {
			p.Endpoints = append(p.Endpoints, Endpoint{Role: "STANDBY"})
		}, []string{
			`global/failover: Endpoints[2].Region: is required (an AWS region such as us-east-1)`,
			`global/failover: Endpoints[2].Role: must be "PRIMARY" or "SECONDARY", got "STANDBY"`,
			`global/failover: Endpoints[2].Balancer: is required`,
		}},
		{"duplicate region", func(p *GlobalProps) { p.Endpoints[1].Region = "us-east-1" }, []string{
			`global/failover: Endpoints[1].Region: "us-east-1" is already used by Endpoints[0]`,
		}},
		{"different ports", func(p *GlobalProps) { p.Endpoints[1].Balancer = balancer(443, 8443) }, []string{
			`global/failover: Endpoints[1].Balancer: listens on [443 8443] but the first endpoint on [443]; every region must use the same ports`,
		}},
		{"accelerator name", func(p *GlobalProps) { p.Accelerator = Accelerator{Enabled: true, Name: "-ga"} }, []string{
			`global/failover: Accelerator.Name: "-ga" must be 1-64 letters, digits or hyphens, not starting or ending with a hyphen`,
		}},
		{"client ip preservation with tls", func(p *GlobalProps) {
			p.Accelerator.Enabled = true
			p.Endpoints[0].Balancer = tls
		}, []string{
			`global/failover: Endpoints[0].Balancer: has TLS listeners, for which Global Accelerator cannot preserve client IPs; set Accelerator.DisableClientIPPreservation`,
		}},
		{"tls without preservation is fine", func(p *GlobalProps) {
			p.Accelerator = Accelerator{Enabled: true, DisableClientIPPreservation: true}
			p.Endpoints[0].Balancer = tls
		}, nil},
		{"routing control", func(p *GlobalProps) { p.RoutingControl = RoutingControl{Enabled: true} }, nil},
		{"routing control on an existing cluster", func(p *GlobalProps) {
			p.RoutingControl = RoutingControl{Enabled: true, ClusterArn: "arn:aws:route53-recovery-control::123456789012:cluster/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"}
		}, nil},
		{"routing control names and cluster", func(p *GlobalProps) {
			p.RoutingControl = RoutingControl{Enabled: true, Name: "shop prod", ClusterArn: "arn:aws:route53:::cluster/x"}
		}, []string{
			`global/failover: RoutingControl.Name: "shop prod" must be 1-48 characters without whitespace (ARC names are at most 64 with the suffixes added)`,
			`global/failover: RoutingControl.ClusterArn: "arn:aws:route53:::cluster/x" is not an ARC cluster ARN (arn:aws:route53-recovery-control::<account>:cluster/<id>)`,
		}},
		{"routing control name too long", func(p *GlobalProps) { p.RoutingControl = RoutingControl{Enabled: true, Name: strings.Repeat("n", 49)} }, []string{
			`global/failover: RoutingControl.Name: "` + strings.Repeat("n", 49) + `" must be 1-48 characters without whitespace (ARC names are at most 64 with the suffixes added)`,
		}},
		{"cluster without routing control", func(p *GlobalProps) {
			p.RoutingControl.ClusterArn = "arn:aws:route53-recovery-control::123456789012:cluster/0a1b"
		}, []string{`global/failover: RoutingControl.ClusterArn: is set but RoutingControl.Enabled is false`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validGlobal()
			c.edit(&p)
			got := globalProblems(p)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}

func TestTiming(t *testing.T) {
	hc := HealthCheck{}.withDefaults()
	cases := []struct {
		name string
		p    GlobalProps
		want Timing
		text string
	}{
		{"defaults, no accelerator", GlobalProps{}.withDefaults("x"),
			Timing{Route53Detection: 30 * time.Second, Route53: 90 * time.Second, TargetDetection: 20 * time.Second},
			"Route 53: about 90s (health check 30s + resolver cache 60s)"},
		{"slow checks with accelerator", GlobalProps{HealthCheckIntervalSeconds: 30, HealthCheckFailureThreshold: 5, Accelerator: Accelerator{Enabled: true}}.withDefaults("x"),
			Timing{Route53Detection: 150 * time.Second, Route53: 210 * time.Second, TargetDetection: 20 * time.Second, Accelerator: 20 * time.Second},
			"Route 53: about 210s (health check 150s + resolver cache 60s); Global Accelerator: about 20s (target group health 20s, no DNS caching)"},
	}
	for _, c := range cases {
		got := ComputeTiming(c.p, hc)
		if got != c.want {
			t.Errorf("%s: timing %+v, want %+v", c.name, got, c.want)
		}
		if got.String() != c.text {
			t.Errorf("%s: text %q, want %q", c.name, got.String(), c.text)
		}
	}
}
