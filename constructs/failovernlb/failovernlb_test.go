package failovernlb

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/network"
	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

var regions = []struct{ name, cidr string }{{"us-east-1", "10.10.0.0/16"}, {"us-west-2", "10.20.0.0/16"}}

func newStack(app cdktf.App, name, region string) cdktf.TerraformStack {
	s := cdktf.NewTerraformStack(app, jsii.String(name))
	provider.NewAwsProvider(s, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
	s.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
	return s
}

// build synthesizes two region stacks and a global stack; edit adjusts the
// regional and global props before creation.
func build(t *testing.T, regional func(*Props), global func(*GlobalProps)) synthtest.Stacks {
	t.Helper()
	return synthtest.Synth(t, func(app cdktf.App) error {
		gp := GlobalProps{ZoneName: "shop.example.com"}
		for i, r := range regions {
			stack := newStack(app, r.name, r.name)
			net, err := network.New(stack, "network", network.Props{Cidr: r.cidr, AvailabilityZones: []string{r.name + "a", r.name + "b"}})
			if err != nil {
				return err
			}
			p := Props{Network: net, Name: "shop-" + r.name}
			if regional != nil {
				regional(&p)
			}
			nlb, err := New(stack, "entry", p)
			if err != nil {
				return err
			}
			role := RoleSecondary
			if i == 0 {
				role = RolePrimary
			}
			gp.Endpoints = append(gp.Endpoints, Endpoint{Region: r.name, Role: role, Balancer: nlb})
		}
		if global != nil {
			global(&gp)
		}
		_, err := NewGlobal(newStack(app, "global", "us-east-1"), "failover", gp)
		return err
	})
}

func TestRegionalSynth(t *testing.T) {
	stacks := build(t, nil, nil)
	east := stacks.Get(t, "us-east-1")
	nlb := east.Resource(t, "aws_lb", "entry/nlb")
	synthtest.Attrs(t, "nlb", nlb, map[string]any{
		"name": "shop-us-east-1", "load_balancer_type": "network", "internal": false, "ip_address_type": "ipv4",
		"enable_cross_zone_load_balancing": true, "enable_deletion_protection": true, "enable_zonal_shift": true,
		"depends_on": []any{strings.TrimSuffix(strings.TrimPrefix(ref(t, east, "aws_lb_target_group", "entry/targets", "id"), "${"), ".id}")},
		"subnet_mapping": []any{
			map[string]any{"subnet_id": ref(t, east, "aws_subnet", "network/public-0", "id"), "allocation_id": ref(t, east, "aws_eip", "entry/eip-0", "allocation_id")},
			map[string]any{"subnet_id": ref(t, east, "aws_subnet", "network/public-1", "id"), "allocation_id": ref(t, east, "aws_eip", "entry/eip-1", "allocation_id")},
		},
		"security_groups": []any{ref(t, east, "aws_security_group", "entry/sg", "id")},
	})
	synthtest.Absent(t, "nlb", nlb, "access_logs", "subnets")
	if n := len(east.Resources("aws_eip")); n != 2 {
		t.Errorf("%d EIPs, want one per public subnet (2)", n)
	}
	tg := east.Resource(t, "aws_lb_target_group", "entry/targets")
	synthtest.Attrs(t, "target group", tg, map[string]any{
		"target_type": "ip", "protocol": "TCP", "port": 443,
		"health_check":        map[string]any{"enabled": true, "protocol": "TCP", "port": "traffic-port", "interval": 10, "healthy_threshold": 3, "unhealthy_threshold": 2},
		"lifecycle":           map[string]any{"create_before_destroy": true},
		"target_health_state": []any{map[string]any{"enable_unhealthy_connection_termination": false}},
	})
	synthtest.Absent(t, "target group", tg, "name")
	l := east.Resource(t, "aws_lb_listener", "entry/listener-443")
	synthtest.Attrs(t, "listener", l, map[string]any{"port": 443, "protocol": "TCP"})
	synthtest.Absent(t, "listener", l, "certificate_arn", "ssl_policy")
	sg := east.Resource(t, "aws_security_group", "entry/sg")
	synthtest.Attrs(t, "sg ingress", sg["ingress"].([]any)[0].(map[string]any), map[string]any{"from_port": 443, "to_port": 443, "cidr_blocks": []any{"0.0.0.0/0"}})
	synthtest.Attrs(t, "sg egress", sg["egress"].([]any)[0].(map[string]any), map[string]any{"from_port": 443, "to_port": 443, "cidr_blocks": []any{"10.10.0.0/16"}})
}

// TestZonalShiftOff: opting out restores AWS's defaults on both resources.
func TestZonalShiftOff(t *testing.T) {
	east := build(t, func(p *Props) { p.DisableZonalShift = true }, nil).Get(t, "us-east-1")
	synthtest.Attrs(t, "nlb", east.Resource(t, "aws_lb", "entry/nlb"), map[string]any{"enable_zonal_shift": false})
	synthtest.Attrs(t, "target group", east.Resource(t, "aws_lb_target_group", "entry/targets"), map[string]any{
		"target_health_state": []any{map[string]any{"enable_unhealthy_connection_termination": true}},
	})
}

func TestGlobalSynth(t *testing.T) {
	stacks := build(t, nil, func(p *GlobalProps) { p.Accelerator = Accelerator{Enabled: true, Name: "shop"} })
	g := stacks.Get(t, "global")
	if _, ok := g.Resources("aws_route53_zone")["failover/zone"]; !ok {
		t.Error("no hosted zone created although no ZoneId was given")
	}
	for _, r := range regions {
		synthtest.Attrs(t, "health check "+r.name, g.Resource(t, "aws_route53_health_check", "failover/health-check-"+r.name), map[string]any{
			"type": "TCP", "port": 443, "request_interval": 10, "failure_threshold": 3,
		})
	}
	for role, region := range map[string]string{"primary": "us-east-1", "secondary": "us-west-2"} {
		rec := g.Resource(t, "aws_route53_record", "failover/record-"+role)
		synthtest.Attrs(t, "record "+role, rec, map[string]any{
			"name": "api.shop.example.com", "type": "A", "set_identifier": role,
			"failover_routing_policy": map[string]any{"type": map[string]string{"primary": "PRIMARY", "secondary": "SECONDARY"}[role]},
		})
		synthtest.Absent(t, "record "+role, rec, "ttl", "records")
		alias := rec["alias"].(map[string]any)
		synthtest.Attrs(t, "alias "+role, alias, map[string]any{"evaluate_target_health": true})
		if hc := rec["health_check_id"].(string); hc != ref(t, g, "aws_route53_health_check", "failover/health-check-"+region, "id") {
			t.Errorf("record %s: health check %s, want the %s check", role, hc, region)
		}
	}
	synthtest.Attrs(t, "accelerator", g.Resource(t, "aws_globalaccelerator_accelerator", "failover/accelerator"), map[string]any{
		"name": "shop", "ip_address_type": "IPV4", "enabled": true,
	})
	synthtest.Attrs(t, "ga listener", g.Resource(t, "aws_globalaccelerator_listener", "failover/accelerator-listener"), map[string]any{
		"protocol": "TCP", "client_affinity": "NONE", "port_range": []any{map[string]any{"from_port": 443, "to_port": 443}},
	})
	for region, dial := range map[string]int{"us-east-1": 100, "us-west-2": 0} {
		eg := g.Resource(t, "aws_globalaccelerator_endpoint_group", "failover/endpoint-group-"+region)
		synthtest.Attrs(t, "endpoint group "+region, eg, map[string]any{"endpoint_group_region": region, "traffic_dial_percentage": dial})
		synthtest.Attrs(t, "endpoint "+region, eg["endpoint_configuration"].([]any)[0].(map[string]any), map[string]any{"client_ip_preservation_enabled": true, "weight": 100})
		synthtest.Absent(t, "endpoint group "+region, eg, "health_check_path", "health_check_protocol", "health_check_port", "health_check_interval_seconds", "threshold_count")
	}
	// The balancers live in the region stacks: the global stack reads them
	// from the region stacks' state.
	if n := len(g.Data("terraform_remote_state")); n != 2 {
		t.Errorf("%d remote state reads, want one per region stack", n)
	}
}

func TestRoutingControlSynth(t *testing.T) {
	g := build(t, nil, func(p *GlobalProps) { p.RoutingControl = RoutingControl{Enabled: true, Name: "shop"} }).Get(t, "global")
	synthtest.Attrs(t, "cluster", g.Resource(t, "aws_route53recoverycontrolconfig_cluster", "failover/arc-cluster"), map[string]any{"name": "shop"})
	panel := ref(t, g, "aws_route53recoverycontrolconfig_control_panel", "failover/arc-control-panel", "arn")
	synthtest.Attrs(t, "control panel", g.Resource(t, "aws_route53recoverycontrolconfig_control_panel", "failover/arc-control-panel"), map[string]any{
		"name": "shop", "cluster_arn": ref(t, g, "aws_route53recoverycontrolconfig_cluster", "failover/arc-cluster", "arn"),
	})
	var controls []any
	for role, region := range map[string]string{"primary": "us-east-1", "secondary": "us-west-2"} {
		control := ref(t, g, "aws_route53recoverycontrolconfig_routing_control", "failover/arc-routing-control-"+region, "arn")
		controls = append(controls, control)
		synthtest.Attrs(t, "routing control "+region, g.Resource(t, "aws_route53recoverycontrolconfig_routing_control", "failover/arc-routing-control-"+region), map[string]any{
			"name": "shop-" + region, "control_panel_arn": panel,
		})
		synthtest.Attrs(t, "arc health check "+region, g.Resource(t, "aws_route53_health_check", "failover/arc-health-check-"+region), map[string]any{
			"type": "RECOVERY_CONTROL", "routing_control_arn": control,
		})
		// The records follow the routing controls; the TCP checks stay for
		// the dashboards and alarms.
		if hc := g.Resource(t, "aws_route53_record", "failover/record-"+role)["health_check_id"]; hc != ref(t, g, "aws_route53_health_check", "failover/arc-health-check-"+region, "id") {
			t.Errorf("record %s follows %v, want the %s routing control's health check", role, hc, region)
		}
		synthtest.Attrs(t, "tcp health check "+region, g.Resource(t, "aws_route53_health_check", "failover/health-check-"+region), map[string]any{"type": "TCP"})
	}
	rule := g.Resource(t, "aws_route53recoverycontrolconfig_safety_rule", "failover/arc-safety-rule")
	synthtest.Attrs(t, "safety rule", rule, map[string]any{
		"name": "shop-at-least-one-on", "control_panel_arn": panel, "wait_period_ms": 5000,
		"rule_config": map[string]any{"inverted": false, "threshold": 1, "type": "ATLEAST"},
	})
	if got := rule["asserted_controls"].([]any); len(got) != 2 || !slices.Contains(got, controls[0]) || !slices.Contains(got, controls[1]) {
		t.Errorf("safety rule asserts %v, want both routing controls %v", got, controls)
	}

	// On an existing cluster: no cluster resource, the panel on the given ARN.
	const arn = "arn:aws:route53-recovery-control::123456789012:cluster/0a1b2c3d"
	g = build(t, nil, func(p *GlobalProps) { p.RoutingControl = RoutingControl{Enabled: true, ClusterArn: arn} }).Get(t, "global")
	if n := len(g.Resources("aws_route53recoverycontrolconfig_cluster")); n != 0 {
		t.Errorf("%d clusters created although ClusterArn was given", n)
	}
	synthtest.Attrs(t, "control panel", g.Resource(t, "aws_route53recoverycontrolconfig_control_panel", "failover/arc-control-panel"), map[string]any{"cluster_arn": arn, "name": "failover"})
}

// ref is the Terraform expression for attr of the resource at path.
func ref(t *testing.T, s *synthtest.Stack, typ, path, attr string) string {
	t.Helper()
	for logical, v := range s.JSON["resource"].(map[string]any)[typ].(map[string]any) {
		meta := v.(map[string]any)["//"].(map[string]any)["metadata"].(map[string]any)
		if meta["path"] == s.Name+"/"+path {
			return "${" + typ + "." + logical + "." + attr + "}"
		}
	}
	t.Fatalf("%s %s not found", typ, path)
	return ""
}

func TestTLSAccessLogsExistingZone(t *testing.T) {
	const cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
	stacks := build(t, func(p *Props) {
		p.Protocol, p.CertificateArn, p.AccessLogs, p.DisableDeletionProtection = ProtocolTLS, cert, true, true
		p.Ports = []int{443, 8443}
		p.HealthCheck = HealthCheck{Protocol: "HTTP", Port: 8080, Path: "/healthz", IntervalSeconds: 5}
	}, func(p *GlobalProps) {
		p.ZoneId, p.HealthCheckIntervalSeconds, p.HealthCheckFailureThreshold = "Z0123456789ABC", 30, 2
		p.Accelerator = Accelerator{Enabled: true, Name: "shop", FlowLogs: true, DisableClientIPPreservation: true}
	})
	east := stacks.Get(t, "us-east-1")
	nlb := east.Resource(t, "aws_lb", "entry/nlb")
	synthtest.Attrs(t, "nlb", nlb, map[string]any{"enable_deletion_protection": false})
	logs := nlb["access_logs"].(map[string]any)
	synthtest.Attrs(t, "access logs", logs, map[string]any{"enabled": true, "prefix": "shop-us-east-1"})
	synthtest.Attrs(t, "listener", east.Resource(t, "aws_lb_listener", "entry/listener-8443"), map[string]any{
		"protocol": "TLS", "certificate_arn": cert, "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
	})
	synthtest.Attrs(t, "health check", east.Resource(t, "aws_lb_target_group", "entry/targets")["health_check"].(map[string]any), map[string]any{
		"protocol": "HTTP", "port": "8080", "path": "/healthz", "interval": 5,
	})
	enc := east.Resource(t, "aws_s3_bucket_server_side_encryption_configuration", "entry/logs-encryption")["rule"].([]any)[0].(map[string]any)
	synthtest.Attrs(t, "bucket encryption", enc["apply_server_side_encryption_by_default"].(map[string]any), map[string]any{"sse_algorithm": "aws:kms"})
	synthtest.Attrs(t, "public access", east.Resource(t, "aws_s3_bucket_public_access_block", "entry/logs-public-access"), map[string]any{
		"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true,
	})
	synthtest.Attrs(t, "key", east.Resource(t, "aws_kms_key", "entry/logs-key"), map[string]any{"enable_key_rotation": true})
	sg := east.Resource(t, "aws_security_group", "entry/sg")
	if n := len(sg["egress"].([]any)); n != 2 {
		t.Errorf("%d egress rules, want targets and the separate health-check port", n)
	}
	g := stacks.Get(t, "global")
	if len(g.Resources("aws_route53_zone")) != 0 {
		t.Error("a zone was created although ZoneId was given")
	}
	synthtest.Attrs(t, "record", g.Resource(t, "aws_route53_record", "failover/record-primary"), map[string]any{"zone_id": "Z0123456789ABC"})
	synthtest.Attrs(t, "r53 check", g.Resource(t, "aws_route53_health_check", "failover/health-check-us-west-2"), map[string]any{"request_interval": 30, "failure_threshold": 2})
	attrs := g.Resource(t, "aws_globalaccelerator_accelerator", "failover/accelerator")["attributes"].(map[string]any)
	synthtest.Attrs(t, "flow logs", attrs, map[string]any{"flow_logs_enabled": true, "flow_logs_s3_prefix": "global-accelerator"})
	eg := g.Resource(t, "aws_globalaccelerator_endpoint_group", "failover/endpoint-group-us-east-1")
	synthtest.Attrs(t, "endpoint", eg["endpoint_configuration"].([]any)[0].(map[string]any), map[string]any{"client_ip_preservation_enabled": false})
}

func TestGoldenAndValidate(t *testing.T) {
	for name, stacks := range map[string]synthtest.Stacks{
		"default":         build(t, nil, func(p *GlobalProps) { p.Accelerator.Enabled = true }),
		"routing-control": build(t, nil, func(p *GlobalProps) { p.RoutingControl.Enabled = true }),
		"tls-logs": build(t, func(p *Props) {
			p.Protocol, p.CertificateArn, p.AccessLogs = ProtocolTLS, "arn:aws:acm:us-east-1:123456789012:certificate/abc", true
		}, func(p *GlobalProps) {
			p.Accelerator = Accelerator{Enabled: true, FlowLogs: true, DisableClientIPPreservation: true}
		}),
	} {
		t.Run(name, func(t *testing.T) {
			synthtest.Golden(t, stacks, name)
			synthtest.Validate(t, stacks)
		})
	}
}

func TestNewReportsAllProblemsBeforeCreating(t *testing.T) {
	synthtest.Synth(t, func(app cdktf.App) error {
		stack := newStack(app, "us-east-1", "us-east-1")
		_, err := New(stack, "entry", Props{Ports: []int{0}, Protocol: ProtocolTLS})
		want := "6 problems:\n" +
			"  us-east-1/entry: VpcId: is required when Network is not set\n" +
			"  us-east-1/entry: VpcCidr: \"\" is not a valid IPv4 CIDR (required when Network is not set)\n" +
			"  us-east-1/entry: PublicSubnetIds: at least two public subnets in different AZs are required, got 0\n" +
			"  us-east-1/entry: Ports[0]: must be 1-65535, got 0\n" +
			"  us-east-1/entry: CertificateArn: is required when Protocol is TLS\n" +
			"  us-east-1/entry: TargetPort: must be 1-65535, got 0"
		if err == nil || err.Error() != want {
			t.Errorf("error:\n%v\nwant:\n%s", err, want)
		}
		if children := len(*constructs.Node_Of(stack).Children()); children != 1 {
			t.Errorf("%d children in the stack, want only the provider: nothing may be created on invalid input", children)
		}
		return nil
	})
}
