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
		// the bindings pin 5.84.0; the mirror holds 5.100 (as stacks/provider.go)
		stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(">= 5.84.0, < 6.0.0"))
		_, err := New(stack, "clients", testProps(acme, globex))
		return err
	})
	s := stacks.Get(t, "us-east-1")
	dashboards := s.Resource(t, "aws_cloudwatch_dashboard", "clients/dashboards")["for_each"].(map[string]any)
	if len(dashboards) != 2 || len(s.Resources("aws_cloudwatch_dashboard")) != 1 {
		t.Fatalf("%d dashboards, want one per client in one for_each resource", len(dashboards))
	}
	synthtest.Attrs(t, "dashboards", s.Resource(t, "aws_cloudwatch_dashboard", "clients/dashboards"),
		map[string]any{"dashboard_name": "${each.value.name}", "dashboard_body": "${each.value.body}"})
	acme := dashboards["acme"].(map[string]any)
	if acme["name"] != "shop-client-acme" {
		t.Errorf("acme dashboard name = %v, want shop-client-acme", acme["name"])
	}
	body := acme["body"].(string)
	d := decode(t, body)
	if len(d.Widgets) != 11 {
		t.Errorf("acme: %d widgets, want 11", len(d.Widgets))
	}
	// The probe dimension is a reference to the probe resource, resolved by Terraform.
	if !strings.Contains(body, `"Probe","${aws_networkmonitor_probe.clients_probe-acme-19216810`) {
		t.Errorf("acme body does not reference its probes:\n%s", body)
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
