package flowlogs

import (
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

const sharedRoleArn = "arn:aws:iam::123456789012:role/shop-flow-logs"

// TestSharedDeliveryRole: one role in an iam stack serves two regions'
// flow logs, which reference it by ARN and hold no IAM resource.
func TestSharedDeliveryRole(t *testing.T) {
	stacks := synthtest.Synth(t, func(app cdktf.App) error {
		stack := func(name, region string) cdktf.TerraformStack {
			s := cdktf.NewTerraformStack(app, jsii.String(name))
			provider.NewAwsProvider(s, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
			s.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
			return s
		}
		iam := stack("iam", "us-east-1")
		role, err := NewDeliveryRole(iam, "flow-logs-role", DeliveryRoleProps{
			Name:      "shop-flow-logs",
			AccountId: "123456789012",
			Targets: []DeliveryTarget{
				{Region: "us-west-2", Name: "shop-us-west-2"},
				{Region: "us-east-1", Name: "shop-us-east-1", LogGroupPrefix: "/custom/east"},
			},
		})
		if err != nil {
			return err
		}
		if role.Name != "shop-flow-logs" {
			t.Errorf("role name %q", role.Name)
		}
		for _, r := range []string{"us-east-1", "us-west-2"} {
			props := Props{Region: r, Name: "shop-" + r, VpcId: jsii.String("vpc-1"), TransitGatewayId: jsii.String("tgw-1"),
				RoleArn: jsii.String(sharedRoleArn), AccountId: "123456789012"}
			if r == "us-east-1" {
				props.LogGroupPrefix = "/custom/east"
			}
			if _, err := New(stack(r, r), "flowlogs", props); err != nil {
				return err
			}
		}
		return nil
	})

	for _, r := range []string{"us-east-1", "us-west-2"} {
		s := stacks.Get(t, r)
		for _, typ := range []string{"aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment"} {
			if n := len(s.Resources(typ)); n != 0 {
				t.Errorf("%s: %d %s with RoleArn set, want none", r, n, typ)
			}
		}
		if n := len(s.Data("aws_caller_identity")); n != 0 {
			t.Errorf("%s: looks the account up although AccountId is set", r)
		}
		for _, fl := range []string{"flowlogs/vpc-flow-log", "flowlogs/tgw-flow-log"} {
			got := s.Resource(t, "aws_flow_log", fl)
			synthtest.Attrs(t, r+" "+fl, got, map[string]any{"iam_role_arn": sharedRoleArn})
			synthtest.Absent(t, r+" "+fl, got, "depends_on")
		}
	}

	iam := stacks.Get(t, "iam")
	synthtest.Attrs(t, "role", iam.Resource(t, "aws_iam_role", "flow-logs-role/role"), map[string]any{"name": "shop-flow-logs"})
	var trust struct {
		Statement []struct {
			Principal map[string]string
			Condition map[string]map[string]any
		}
	}
	mustJSON(t, iam.Resource(t, "aws_iam_role", "flow-logs-role/role")["assume_role_policy"], &trust)
	st := trust.Statement[0]
	if st.Principal["Service"] != "vpc-flow-logs.amazonaws.com" || st.Condition["StringEquals"]["aws:SourceAccount"] != "123456789012" {
		t.Errorf("trust statement = %+v", st)
	}
	if got := strings.Join(anyStrings(st.Condition["ArnLike"]["aws:SourceArn"]), " "); !strings.Contains(got, ":ec2:us-east-1:123456789012:vpc-flow-log/*") || !strings.Contains(got, ":ec2:us-west-2:123456789012:vpc-flow-log/*") {
		t.Errorf("trust SourceArn = %q, want both regions' flow logs", got)
	}
	var pol struct {
		Statement []struct {
			Action   []string
			Resource any
		}
	}
	mustJSON(t, iam.Resource(t, "aws_iam_role_policy", "flow-logs-role/role-policy")["policy"], &pol)
	want := []string{
		":logs:us-east-1:123456789012:log-group:/custom/east/vpc-flow-logs:*",
		":logs:us-east-1:123456789012:log-group:/custom/east/tgw-flow-logs:*",
		":logs:us-west-2:123456789012:log-group:/multiregion/shop-us-west-2/vpc-flow-logs:*",
		":logs:us-west-2:123456789012:log-group:/multiregion/shop-us-west-2/tgw-flow-logs:*",
	}
	got := anyStrings(pol.Statement[0].Resource)
	if len(got) != len(want) {
		t.Fatalf("write resources = %q, want %d entries", got, len(want))
	}
	for i := range want {
		if !strings.HasSuffix(got[i], want[i]) {
			t.Errorf("write resource %d = %q, want ...%s", i, got[i], want[i])
		}
	}
	synthtest.Golden(t, stacks, "shared-role")
	synthtest.Validate(t, stacks)
}

func anyStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			s, _ := e.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}

func TestValidateDeliveryRole(t *testing.T) {
	cases := []struct {
		name  string
		props DeliveryRoleProps
		want  []string
	}{
		{"no targets", DeliveryRoleProps{}, []string{`iam/role: Targets: at least one target (the region and name given to flowlogs.New) is required`}},
		{"everything wrong at once", DeliveryRoleProps{
			Name: strings.Repeat("r", 65), AccountId: "12345",
			Targets: []DeliveryTarget{{Region: "mars-1"}, {Region: "us-east-1", Name: "a", LogGroupPrefix: "x/"}, {Region: "us-east-1", Name: "b", LogGroupPrefix: "x/"}},
		}, []string{
			`iam/role: Name: "` + strings.Repeat("r", 65) + `" must be 1-64 letters, digits or +=,.@_- (it names an IAM role)`,
			`iam/role: Targets[0].Region: "mars-1" is not an AWS region (known: af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2)`,
			`iam/role: Targets[0].Name: is required (the flowlogs Props.Name, or its construct id)`,
			`iam/role: Targets[1].LogGroupPrefix: "x/" ` + prefixRule,
			`iam/role: Targets[2].LogGroupPrefix: "x/" ` + prefixRule,
			`iam/role: Targets[2]: repeats Targets[1] (same region and log group prefix)`,
			`iam/role: AccountId: "12345" is not a 12-digit AWS account ID`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs := validate.New("iam/role")
			c.props.withDefaults("role").validate(probs)
			got := validate.Lines(probs.Err())
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}
