package clientdashboards

import (
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

func TestSynth(t *testing.T) {
	stacks := synthtest.Synth(t, func(app cdktf.App) error {
		stack := cdktf.NewTerraformStack(app, jsii.String("us-east-1"))
		provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("us-east-1")})
		stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
		_, err := New(stack, "clients", testProps(acme, globex))
		return err
	})
	s := stacks.Get(t, "us-east-1")
	dashboards := s.Resource(t, "aws_cloudwatch_dashboard", "clients/dashboards")["for_each"].(map[string]any)
	if len(dashboards) != 2 || len(s.Resources("aws_cloudwatch_dashboard")) != 1 {
		t.Fatalf("%d dashboards, want one per client in one for_each resource", len(dashboards))
	}
	resource := s.Resource(t, "aws_cloudwatch_dashboard", "clients/dashboards")
	// One name and one body template for all clients (template.go;
	// TestTemplateRendersTheGoBodies renders them).
	synthtest.Attrs(t, "dashboards", resource, map[string]any{"dashboard_name": "shop-client-${each.key}"})
	if body, _ := resource["dashboard_body"].(string); !strings.Contains(body, "%{ for i, probe in each.value.probes }") ||
		!strings.Contains(body, `"markdown":"# Client ${each.key}\n`) {
		t.Errorf("dashboard_body is not the shared template:\n%s", body)
	}
	acme := dashboards["acme"].(map[string]any)
	if len(acme) != 5 || acme["vpn"] != "vpn-0acme" || acme["attachment"] != "tgw-attach-0acme" || acme["networks"] != "192.168.10.0/24, 192.168.11.0/24" {
		t.Errorf("acme values = %v, want attachment, vpn, networks, cidr_filter and probes", acme)
	}
	// The probe IDs are references to the probe resources, resolved by Terraform.
	probes, _ := acme["probes"].([]any)
	if len(probes) != 2 || !strings.HasPrefix(probes[0].(map[string]any)["id"].(string), "${aws_networkmonitor_probe.clients_probe-acme-19216810") {
		t.Errorf("acme probes = %v, want references to its two probes", acme["probes"])
	}
	if globex := dashboards["globex"].(map[string]any); globex["vpn"] != "" || len(globex["probes"].([]any)) != 0 {
		t.Errorf("globex values = %v, want no VPN and no probes", globex)
	}
	synthtest.Attrs(t, "monitor", s.Resource(t, "aws_networkmonitor_monitor", "clients/monitor-acme"),
		map[string]any{"monitor_name": "shop-client-acme", "aggregation_period": 60})
	probe := s.Resource(t, "aws_networkmonitor_probe", "clients/probe-acme-192.168.11.10")
	synthtest.Attrs(t, "probe", probe, map[string]any{"destination": "192.168.11.10", "protocol": "ICMP", "packet_size": 56})
	if src, _ := probe["source_arn"].(string); !strings.HasSuffix(src, ":subnet/subnet-1") || !strings.Contains(src, ":ec2:us-east-1:") {
		t.Errorf("probe source_arn = %q, want the subnet's ARN", src)
	}
	if n := len(s.Resources("aws_networkmonitor_probe")); n != 2 {
		t.Errorf("%d probes, want 2 (globex has none)", n)
	}
	synthtest.Golden(t, stacks, "two-clients")
	synthtest.Validate(t, stacks)
}

func TestNewReportsBeforeCreating(t *testing.T) {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("us-west-2"))
	p := testProps(globex, globex)
	_, err := New(stack, "clients", p)
	want := []string{`us-west-2/clients: Clients[1].Name: "globex" is already used by Clients[0]`}
	if got := validate.Lines(err); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := len(*stack.Node().Children()); n != 0 {
		t.Errorf("stack has %d children after a failed New", n)
	}
}
