package stacks

import (
	"bytes"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

func withGA(s string) string {
	return s + "globalAccelerator:\n  enabled: true\n  flowLogs: true\n"
}

func TestLoadBalancersReference(t *testing.T) {
	stacks := synthReference(t, testConfig(t, nil))
	for _, region := range []string{"us-east-1", "us-west-2"} {
		s := stacks.Get(t, region)
		nlb := s.Resource(t, "aws_lb", "entry/nlb")
		synthtest.Attrs(t, region+" nlb", nlb, map[string]any{
			"name": "shop-" + regionCode(region), "load_balancer_type": "network", "internal": false,
			"enable_cross_zone_load_balancing": true, "enable_deletion_protection": true,
		})
		if n := len(nlb["subnet_mapping"].([]any)); n != 2 {
			t.Errorf("%s: %d subnet mappings, want one per AZ (2)", region, n)
		}
		for _, out := range []string{"nlb_arn", "nlb_dns_name", "nlb_zone_id", "nlb_static_ips", "nlb_security_group_id", "target_group_arn"} {
			if _, ok := s.Outputs()[out]; !ok {
				t.Errorf("%s: output %q missing", region, out)
			}
		}
	}
	g := stacks.Get(t, "global")
	primary := g.Resource(t, "aws_route53_record", "failover/record-primary")
	if alias := primary["alias"].(map[string]any)["name"].(string); !strings.Contains(alias, "cross-stack-reference-input-us-east-1") {
		t.Errorf("PRIMARY record aliases %s, want the us-east-1 NLB (the active region)", alias)
	}
	outs := g.Outputs()
	synthtest.Attrs(t, "timing output", outs["failover_timing"], map[string]any{
		"value": "Route 53: about 90s (health check 30s + resolver cache 60s)",
	})
	synthtest.Attrs(t, "route 53 seconds", outs["failover_route53_seconds"], map[string]any{"value": 90})
	synthtest.Attrs(t, "active region", outs["active_region"], map[string]any{"value": "us-east-1"})
	for _, out := range []string{"record_fqdn", "hosted_zone_id", "name_servers", "failover_endpoints"} {
		if _, ok := outs[out]; !ok {
			t.Errorf("global: output %q missing", out)
		}
	}
	for _, out := range []string{"accelerator_dns_name", "accelerator_static_ips"} {
		if _, ok := outs[out]; ok {
			t.Errorf("global: output %q present without accelerator", out)
		}
	}
}

// Changing activeRegion is the failover: it must swap the records and flip
// the accelerator's dials, in the global stack only.
func TestActiveRegionFlipsRecordsAndDials(t *testing.T) {
	stacks := synthReference(t, testConfig(t, func(s string) string {
		// The database section's own failover rule: the old writer is retired.
		s = strings.Replace(s, "environment: test\n", "environment: test\nactiveRegion: us-west-2\ndatabase:\n  retired: [us-east-1]\n", 1)
		return withGA(s)
	}))
	g := stacks.Get(t, "global")
	for role, region := range map[string]string{"primary": "us-west-2", "secondary": "us-east-1"} {
		rec := g.Resource(t, "aws_route53_record", "failover/record-"+role)
		if alias := rec["alias"].(map[string]any)["name"].(string); !strings.Contains(alias, "cross-stack-reference-input-"+region) {
			t.Errorf("%s record aliases %s, want the %s NLB", role, alias, region)
		}
	}
	for region, dial := range map[string]int{"us-west-2": 100, "us-east-1": 0} {
		synthtest.Attrs(t, "dial "+region, g.Resource(t, "aws_globalaccelerator_endpoint_group", "failover/endpoint-group-"+region), map[string]any{
			"traffic_dial_percentage": dial, "endpoint_group_region": region,
		})
	}
	synthtest.Attrs(t, "active region", g.Outputs()["active_region"], map[string]any{"value": "us-west-2"})
}

// Enabling the accelerator must not change any region stack: a region that
// is down cannot be deployed, and GA is most wanted exactly then.
func TestAcceleratorLeavesRegionStacksAlone(t *testing.T) {
	off := synthReference(t, testConfig(t, nil))
	on := synthReference(t, testConfig(t, withGA))
	for _, region := range []string{"us-east-1", "us-west-2"} {
		a, b := synthtest.Normalize(t, off[region].Raw), synthtest.Normalize(t, on[region].Raw)
		if !bytes.Equal(a, b) {
			t.Errorf("stack %s changes when the accelerator is enabled", region)
		}
	}
	synthtest.Validate(t, on)
}

func TestThreeRegions(t *testing.T) {
	stacks := synthReference(t, testConfig(t, func(s string) string {
		s = strings.Replace(s, "loadBalancer:\n", "  - name: eu-west-1\n    role: secondary\n    cidr: 10.30.0.0/16\n    endpoint: http://127.0.0.1:4566\nloadBalancer:\n", 1)
		return withGA(s)
	}))
	g := stacks.Get(t, "global")
	if n := len(g.Resources("aws_route53_record")); n != 2 {
		t.Errorf("%d records, want exactly one PRIMARY and one SECONDARY", n)
	}
	secondary := g.Resource(t, "aws_route53_record", "failover/record-secondary")
	if alias := secondary["alias"].(map[string]any)["name"].(string); !strings.Contains(alias, "cross-stack-reference-input-us-west-2") {
		t.Errorf("SECONDARY aliases %s, want us-west-2 (the first secondary in config order)", alias)
	}
	if n := len(g.Resources("aws_route53_health_check")); n != 3 {
		t.Errorf("%d health checks, want one per region (3)", n)
	}
	synthtest.Attrs(t, "eu-west-1 group", g.Resource(t, "aws_globalaccelerator_endpoint_group", "failover/endpoint-group-eu-west-1"), map[string]any{
		"traffic_dial_percentage": 0,
	})
}

func TestRegionCode(t *testing.T) {
	for region, want := range map[string]string{
		"us-east-1": "use1", "us-west-2": "usw2", "ap-southeast-2": "apse2", "ap-south-1": "aps1",
		"eu-central-1": "euc1", "us-gov-west-1": "usgovw1", "ca-central-1": "cac1",
	} {
		if got := regionCode(region); got != want {
			t.Errorf("regionCode(%s) = %s, want %s", region, got, want)
		}
	}
}
