package flowlogs

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

func synth(t *testing.T, props Props) synthtest.Stacks {
	t.Helper()
	return synthtest.Synth(t, func(app cdktf.App) error {
		stack := cdktf.NewTerraformStack(app, jsii.String("us-east-1"))
		provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("us-east-1")})
		stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
		_, err := New(stack, "flowlogs", props)
		return err
	})
}

func TestFlowLogs(t *testing.T) {
	stacks := synth(t, Props{Region: "us-east-1", Name: "shop-us-east-1", VpcId: jsii.String("vpc-0123"), TransitGatewayId: jsii.String("tgw-0123")})
	s := stacks.Get(t, "us-east-1")

	for _, g := range []string{"vpc-log-group", "tgw-log-group"} {
		lg := s.Resource(t, "aws_cloudwatch_log_group", "flowlogs/"+g)
		synthtest.Attrs(t, g, lg, map[string]any{"retention_in_days": 30})
		ref(t, g+" kms_key_id", lg["kms_key_id"], "${aws_kms_key.flowlogs_key_", ".arn}")
	}
	synthtest.Attrs(t, "vpc log group", s.Resource(t, "aws_cloudwatch_log_group", "flowlogs/vpc-log-group"),
		map[string]any{"name": "/multiregion/shop-us-east-1/vpc-flow-logs"})

	vpc := s.Resource(t, "aws_flow_log", "flowlogs/vpc-flow-log")
	synthtest.Attrs(t, "vpc flow log", vpc, map[string]any{
		"vpc_id": "vpc-0123", "traffic_type": "ALL", "log_destination_type": "cloud-watch-logs",
		"max_aggregation_interval": 60, "log_format": "$${version} $${account-id} $${interface-id} $${srcaddr} $${dstaddr} $${srcport} $${dstport} $${protocol} $${packets} $${bytes} $${start} $${end} $${action} $${log-status} $${vpc-id} $${subnet-id} $${flow-direction}",
	})
	tgw := s.Resource(t, "aws_flow_log", "flowlogs/tgw-flow-log")
	synthtest.Attrs(t, "tgw flow log", tgw, map[string]any{"transit_gateway_id": "tgw-0123", "max_aggregation_interval": 60, "log_format": literal(TgwLogFormat)})
	synthtest.Absent(t, "tgw flow log", tgw, "traffic_type")
	for _, f := range []string{"${tgw-attachment-id}", "${packets-lost-no-route}", "${packets-lost-blackhole}", "${packets-lost-mtu-exceeded}", "${packets-lost-ttl-expired}"} {
		if !strings.Contains(TgwLogFormat, f) {
			t.Errorf("TGW log format lacks %s", f)
		}
	}
	if strings.Contains(TgwLogFormat, "${action}") {
		t.Error("TGW flow logs have no action field, but the format names it")
	}

	// The key lets CloudWatch Logs in this region use it, only for our groups.
	var key struct {
		Statement []struct {
			Sid       string
			Principal map[string]string
			Condition map[string]map[string]string
		}
	}
	mustJSON(t, s.Resource(t, "aws_kms_key", "flowlogs/key")["policy"], &key)
	logs := key.Statement[1]
	if logs.Principal["Service"] != "logs.us-east-1.amazonaws.com" {
		t.Errorf("key policy principal = %v, want logs.us-east-1.amazonaws.com", logs.Principal)
	}
	ctx := logs.Condition["ArnLike"]["kms:EncryptionContext:aws:logs:arn"]
	if !regexp.MustCompile(`^arn:\$\{data\.aws_partition\.flowlogs_partition_\w+\.partition\}:logs:us-east-1:\$\{data\.aws_caller_identity\.flowlogs_account_\w+\.account_id\}:log-group:/multiregion/shop-us-east-1/\*$`).MatchString(ctx) {
		t.Errorf("key policy encryption-context condition = %q", ctx)
	}

	// The role writes only to the two groups and cannot create any.
	var pol struct {
		Statement []struct {
			Action   []string
			Resource any
		}
	}
	mustJSON(t, s.Resource(t, "aws_iam_role_policy", "flowlogs/role-policy")["policy"], &pol)
	write := pol.Statement[0]
	res, _ := json.Marshal(write.Resource)
	if !strings.Contains(string(res), "/multiregion/shop-us-east-1/vpc-flow-logs:*") || !strings.Contains(string(res), "/multiregion/shop-us-east-1/tgw-flow-logs:*") || strings.Contains(string(res), `"*"`) {
		t.Errorf("write statement resources = %s", res)
	}
	for _, st := range pol.Statement {
		for _, a := range st.Action {
			if a == "logs:CreateLogGroup" || strings.HasSuffix(a, ":*") {
				t.Errorf("role may %s; it must only write to existing groups", a)
			}
		}
	}

	queries := s.Resources("aws_cloudwatch_query_definition")
	if len(queries) != 5 {
		t.Errorf("%d saved queries, want 5 (vpc top talkers, rejected, tgw top talkers, dropped, bandwidth)", len(queries))
	}
	synthtest.Attrs(t, "dropped query", queries["flowlogs/query-dropped"], map[string]any{
		"name": "shop-us-east-1/tgw-dropped", "query_string": DroppedQuery(Filter{}),
	})
	ref(t, "dropped query log group", queries["flowlogs/query-dropped"]["log_group_names"].([]any)[0], "${aws_cloudwatch_log_group.flowlogs_tgw-log-group_", ".name}")
	synthtest.Golden(t, stacks, "vpc-and-tgw")
	synthtest.Validate(t, stacks)
}

func TestFlowLogsVpcOnly(t *testing.T) {
	s := synth(t, Props{Region: "eu-west-1", VpcId: jsii.String("vpc-1"), RetentionDays: new(90)}).Get(t, "us-east-1")
	if n := len(s.Resources("aws_flow_log")); n != 1 {
		t.Errorf("%d flow logs, want only the VPC's", n)
	}
	if n := len(s.Resources("aws_cloudwatch_query_definition")); n != 2 {
		t.Errorf("%d queries, want the two VPC ones", n)
	}
	synthtest.Attrs(t, "log group", s.Resource(t, "aws_cloudwatch_log_group", "flowlogs/vpc-log-group"),
		map[string]any{"name": "/multiregion/flowlogs/vpc-flow-logs", "retention_in_days": 90})
}

// An explicit 0 keeps CloudWatch Logs' meaning (never expire) instead of
// becoming the 30-day default.
func TestFlowLogsRetentionZero(t *testing.T) {
	s := synth(t, Props{Region: "eu-west-1", VpcId: jsii.String("vpc-1"), RetentionDays: new(0)}).Get(t, "us-east-1")
	synthtest.Attrs(t, "log group", s.Resource(t, "aws_cloudwatch_log_group", "flowlogs/vpc-log-group"),
		map[string]any{"retention_in_days": 0})
}

// ref checks a Terraform reference by construct-derived prefix and
// attribute, not by the hash cdktf appends to logical IDs.
func ref(t *testing.T, what string, got any, prefix, suffix string) {
	t.Helper()
	s, _ := got.(string)
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) {
		t.Errorf("%s = %v, want %s<hash>%s", what, got, prefix, suffix)
	}
}

func mustJSON(t *testing.T, raw any, v any) {
	t.Helper()
	s, ok := raw.(string)
	if !ok {
		t.Fatalf("policy is %T, want a JSON string", raw)
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("policy is not JSON: %v\n%s", err, s)
	}
}

func TestValidate(t *testing.T) {
	vpc := jsii.String("vpc-1")
	empty := ""
	cases := []struct {
		name  string
		props Props
		want  []string
	}{
		{"unknown region", Props{Region: "us-middle-1a", VpcId: vpc},
			[]string{`us-east-1/flowlogs: Region: "us-middle-1a" is not an AWS region (known: us-east-1, us-east-2, us-west-1, us-west-2)`}},
		{"missing vpc", Props{Region: "us-east-1"},
			[]string{`us-east-1/flowlogs: VpcId: is required`}},
		{"everything wrong at once", Props{Region: "us-east-1", VpcId: vpc, TransitGatewayId: &empty, RetentionDays: new(31), VpcAggregationSeconds: 120, KmsDeletionWindowDays: 3, LogGroupPrefix: "logs/"},
			[]string{
				`us-east-1/flowlogs: TransitGatewayId: is empty; leave it nil for no Transit Gateway flow logs`,
				`us-east-1/flowlogs: LogGroupPrefix: "logs/" must start with / and hold only letters, digits and ._/#- (no trailing or double /), at most 480 characters`,
				`us-east-1/flowlogs: RetentionDays: 31 is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 0 to never expire)`,
				`us-east-1/flowlogs: VpcAggregationSeconds: must be 60 or 600, got 120`,
				`us-east-1/flowlogs: KmsDeletionWindowDays: must be 7-30, got 3`,
			}},
		{"bad role ARN and account", Props{Region: "us-east-1", VpcId: vpc, RoleArn: jsii.String("arn:aws:iam::1:user/x"), AccountId: "abc"},
			[]string{
				`us-east-1/flowlogs: RoleArn: "arn:aws:iam::1:user/x" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); leave it nil for a role made by the construct`,
				`us-east-1/flowlogs: AccountId: "abc" is not a 12-digit AWS account ID`,
			}},
		{"role ARN as a reference", Props{Region: "us-east-1", VpcId: vpc, RoleArn: jsii.String("${aws_iam_role.r.arn}"), AccountId: "123456789012"}, nil},
		{"name too long for a role", Props{Region: "us-east-1", VpcId: vpc, Name: strings.Repeat("n", 55), LogGroupPrefix: "/x"},
			[]string{`us-east-1/flowlogs: Name: "` + strings.Repeat("n", 55) + `" must be 1-54 letters, digits or +=,.@_- (it names an IAM role)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs := validate.New("us-east-1/flowlogs")
			c.props.withDefaults("flowlogs").validate(probs)
			got := validate.Lines(probs.Err())
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, c.want)
			}
		})
	}
}

func TestNewReportsBeforeCreating(t *testing.T) {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("us-west-2"))
	_, err := New(stack, "flowlogs", Props{Region: "us-west-2"})
	if got, want := validate.Lines(err), []string{"us-west-2/flowlogs: VpcId: is required"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := len(*stack.Node().Children()); n != 0 {
		t.Errorf("stack has %d children after a failed New; nothing may be created", n)
	}
}
