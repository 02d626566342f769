package stacks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

func TestLoadBalancerDefaults(t *testing.T) {
	cfg, err := Parse([]byte(validYAML))
	if err != nil {
		t.Fatal(err)
	}
	lb := cfg.LoadBalancer
	checks := map[string][2]any{
		"ports":               {fmt.Sprint(lb.Ports), "[443]"},
		"protocol":            {lb.Protocol, "TCP"},
		"target port":         {lb.TargetPort, 443},
		"allowed cidrs":       {strings.Join(lb.AllowedCidrs, ","), "0.0.0.0/0"},
		"health check":        {lb.HealthCheck, LBHealthCheck{Protocol: "TCP", IntervalSeconds: 10, HealthyThreshold: 3, UnhealthyThreshold: 2}},
		"deletion protection": {lb.DisableDeletionProtection, false},
		"r53 interval":        {cfg.DNS.HealthCheckIntervalSeconds, 10},
		"r53 threshold":       {cfg.DNS.HealthCheckFailureThreshold, 3},
		"ga off":              {cfg.GlobalAccelerator.Enabled, false},
		"ga name":             {cfg.GlobalAccelerator.Name, "shop"},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s: got %v, want %v", what, c[0], c[1])
		}
	}
}

const certEast = "arn:aws:acm:us-east-1:123456789012:certificate/abc-1"
const certWest = "arn:aws:acm:us-west-2:123456789012:certificate/abc-2"

func TestLoadBalancerConfigInvalid(t *testing.T) {
	cases := []struct {
		name    string
		section string // appended to validYAML
		want    []string
	}{
		{"ports out of range and duplicate", "loadBalancer:\n  ports: [443, 0, 65536, 443]\n", []string{
			`loadBalancer.ports[1]: must be 1-65535, got 0`,
			`loadBalancer.ports[2]: must be 1-65535, got 65536`,
			`loadBalancer.ports[3]: 443 is already listed at loadBalancer.ports[0]`,
		}},
		{"bad target port", "loadBalancer:\n  targetPort: 70000\n", []string{
			`loadBalancer.targetPort: must be 1-65535, got 70000`,
		}},
		{"bad protocol", "loadBalancer:\n  protocol: UDP\n", []string{
			`loadBalancer.protocol: must be "TCP" or "TLS", got "UDP"`,
		}},
		{"tls without certificates", "loadBalancer:\n  protocol: TLS\n", []string{
			`loadBalancer.certificateArns.us-east-1: is required: protocol TLS needs an ACM certificate in every region`,
			`loadBalancer.certificateArns.us-west-2: is required: protocol TLS needs an ACM certificate in every region`,
		}},
		{"tls certificates wrong", "loadBalancer:\n  protocol: TLS\n  certificateArns:\n    us-east-1: " + certWest + "\n    us-west-2: cert\n    eu-west-1: " + certEast + "\n", []string{
			`loadBalancer.certificateArns.us-east-1: the certificate is in us-west-2; an NLB needs a certificate from its own region`,
			`loadBalancer.certificateArns.us-west-2: "cert" is not an ACM certificate ARN`,
			`loadBalancer.certificateArns.eu-west-1: is not one of the regions`,
		}},
		{"certificates on tcp", "loadBalancer:\n  certificateArns:\n    us-east-1: " + certEast + "\n", []string{
			`loadBalancer.certificateArns: apply only to protocol TLS`,
		}},
		{"access logs need tls", "loadBalancer:\n  accessLogs: true\n", []string{
			`loadBalancer.accessLogs: NLBs write access logs only for TLS listeners; set protocol: TLS or turn access logs off`,
		}},
		{"health check out of range", "loadBalancer:\n  healthCheck:\n    protocol: ICMP\n    port: 99999\n    intervalSeconds: 1\n    healthyThreshold: 1\n    unhealthyThreshold: 11\n", []string{
			`loadBalancer.healthCheck.protocol: must be "TCP", "HTTP" or "HTTPS", got "ICMP"`,
			`loadBalancer.healthCheck.port: must be 1-65535, got 99999`,
			`loadBalancer.healthCheck.intervalSeconds: must be 5-300, got 1`,
			`loadBalancer.healthCheck.healthyThreshold: must be 2-10, got 1`,
			`loadBalancer.healthCheck.unhealthyThreshold: must be 2-10, got 11`,
		}},
		{"path on tcp health check", "loadBalancer:\n  healthCheck:\n    path: /healthz\n", []string{
			`loadBalancer.healthCheck.path: applies only to HTTP and HTTPS checks, but protocol is TCP`,
		}},
		{"relative http path", "loadBalancer:\n  healthCheck:\n    protocol: HTTP\n    path: healthz\n", []string{
			`loadBalancer.healthCheck.path: "healthz" must start with /`,
		}},
		{"bad allowed cidr", "loadBalancer:\n  allowedCidrs: [203.0.113.7/24]\n", []string{
			`loadBalancer.allowedCidrs[0]: "203.0.113.7/24" has host bits set; use "203.0.113.0/24"`,
		}},
		{"defaults are valid", "", nil},
		{"ga name", "globalAccelerator:\n  enabled: true\n  name: -shop\n", []string{
			`globalAccelerator.name: "-shop" must be 1-64 letters, digits or hyphens, not starting or ending with a hyphen`,
		}},
		{"ga client ip with tls", "loadBalancer:\n  protocol: TLS\n  certificateArns:\n    us-east-1: " + certEast + "\n    us-west-2: " + certWest + "\nglobalAccelerator:\n  enabled: true\n", []string{
			`globalAccelerator.disableClientIpPreservation: must be true with TLS listeners: Global Accelerator cannot preserve client IPs for an NLB with TLS listeners`,
		}},
		{"ga with tls and no preservation", "loadBalancer:\n  protocol: TLS\n  certificateArns:\n    us-east-1: " + certEast + "\n    us-west-2: " + certWest + "\nglobalAccelerator:\n  enabled: true\n  disableClientIpPreservation: true\n", nil},
		{"unknown key", "loadBalancer:\n  port: 443\n", []string{
			`loadBalancer.port: unknown key (known keys: accessLogs, allowedCidrs, certificateArns, disableDeletionProtection, healthCheck, ports, protocol, targetPort)`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(validYAML + c.section))
			got := validate.Lines(err)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}

func TestDNSConfigInvalid(t *testing.T) {
	src := strings.Replace(validYAML, "  zoneName: shop.example.com\n",
		"  zoneName: shop.example.com\n  zoneId: zone-1\n  healthCheckIntervalSeconds: 15\n  healthCheckFailureThreshold: 0\n", 1)
	_, err := Parse([]byte(src))
	// A zero threshold is the default (3); 11 is out of range.
	want := []string{
		`dns.zoneId: "zone-1" is not a Route 53 hosted zone ID (Z followed by letters and digits)`,
		`dns.healthCheckIntervalSeconds: Route 53 supports only 10 or 30, got 15`,
	}
	if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  got:  %q\n  want: %q", got, want)
	}
	_, err = Parse([]byte(strings.Replace(validYAML, "  zoneName: shop.example.com\n", "  zoneName: shop.example.com\n  healthCheckFailureThreshold: 11\n", 1)))
	want = []string{`dns.healthCheckFailureThreshold: must be 1-10, got 11`}
	if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  got:  %q\n  want: %q", got, want)
	}
}
