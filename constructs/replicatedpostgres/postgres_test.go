package replicatedpostgres

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

func regionStack(app cdktf.App, region string) cdktf.TerraformStack {
	stack := cdktf.NewTerraformStack(app, jsii.String(region))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
	// A fixed state path keeps the cross-stack reference (and the golden
	// files) independent of the machine.
	cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String("/tmp/replicatedpostgres-test/" + region + ".tfstate")})
	stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
	return stack
}

func baseProps(region, cidr string) Props {
	return Props{
		Region:       region,
		VpcId:        jsii.String("vpc-" + region),
		SubnetIds:    *jsii.Strings("subnet-"+region+"-a", "subnet-"+region+"-b"),
		AllowedCidrs: []string{cidr},
		Name:         "shop-db-" + region,
	}
}

// synthPair builds the writer in us-east-1 and, in us-west-2, an instance
// with westRole (a replica reads the writer's ARN across stacks).
func synthPair(t *testing.T, westRole Role, editWest func(*Props)) synthtest.Stacks {
	t.Helper()
	return synthtest.Synth(t, func(app cdktf.App) error {
		east := baseProps("us-east-1", "10.10.0.0/18")
		east.SecretReplicaRegions = []string{"us-west-2"}
		east.AllowedSecurityGroupIds = *jsii.Strings("sg-app")
		writer, err := New(regionStack(app, "us-east-1"), "database", east)
		if err != nil {
			return err
		}
		west := baseProps("us-west-2", "10.20.0.0/18")
		west.Role = westRole
		if westRole == RoleReplica {
			west.SourceDBArn, west.SourceRegion = writer.Arn, "us-east-1"
		}
		if editWest != nil {
			editWest(&west)
		}
		_, err = New(regionStack(app, "us-west-2"), "database", west)
		return err
	})
}

func TestWriterAndReplica(t *testing.T) {
	stacks := synthPair(t, RoleReplica, nil)
	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")

	writer := east.Resource(t, "aws_db_instance", "database/instance")
	synthtest.Attrs(t, "writer", writer, map[string]any{
		"identifier": "shop-db-us-east-1-g1", "engine": "postgres", "engine_version": "16",
		"instance_class": "db.r6g.large", "storage_type": "gp3", "allocated_storage": 100, "max_allocated_storage": 1000,
		"storage_encrypted": true, "multi_az": true, "publicly_accessible": false, "auto_minor_version_upgrade": true,
		"backup_retention_period": 7, "backup_window": "03:00-04:00", "maintenance_window": "sun:04:30-sun:05:30",
		"performance_insights_enabled": true, "performance_insights_retention_period": 7, "monitoring_interval": 60,
		"enabled_cloudwatch_logs_exports": []any{"postgresql", "upgrade"}, "iam_database_authentication_enabled": true,
		"deletion_protection": true, "skip_final_snapshot": false, "final_snapshot_identifier": "shop-db-us-east-1-g1-final",
		"username": "dbadmin", "db_name": "app", "port": 5432,
		"password_wo":         "${ephemeral.aws_secretsmanager_random_password.master_password_shop_db_us_east_1.random_password}",
		"password_wo_version": 1,
	})
	synthtest.Absent(t, "writer", writer, "password", "manage_master_user_password", "replicate_source_db")
	// Write-only attributes and ephemeral resources: the stack says what it needs.
	tf, _ := east.JSON["terraform"].(map[string]any)
	if tf["required_version"] != RequiredTerraformVersion || fmt.Sprint(tf["required_providers"]) != "map[aws:map[source:aws version:"+RequiredProviderVersion+"]]" {
		t.Errorf("writer stack terraform block = %v, want Terraform %s and provider %s", tf, RequiredTerraformVersion, RequiredProviderVersion)
	}
	for _, attr := range []string{"kms_key_id", "performance_insights_kms_key_id"} {
		if !strings.Contains(writer[attr].(string), "aws_kms_key.") {
			t.Errorf("writer %s = %v, want the region's own key", attr, writer[attr])
		}
	}
	if !strings.Contains(writer["monitoring_role_arn"].(string), "aws_iam_role.") {
		t.Errorf("writer monitoring_role_arn = %v, want the construct's role", writer["monitoring_role_arn"])
	}

	eph := east.JSON["ephemeral"].(map[string]any)["aws_secretsmanager_random_password"].(map[string]any)["master_password_shop_db_us_east_1"].(map[string]any)
	synthtest.Attrs(t, "ephemeral password", eph, map[string]any{"password_length": 32, "exclude_punctuation": true})
	secret := east.Resource(t, "aws_secretsmanager_secret", "database/master-secret")
	synthtest.Attrs(t, "secret", secret, map[string]any{"name": "shop-db-us-east-1/master", "replica": []any{map[string]any{"region": "us-west-2"}}})
	version := east.Resource(t, "aws_secretsmanager_secret_version", "database/master-secret-value")
	synthtest.Attrs(t, "secret value", version, map[string]any{
		"secret_string_wo":         `${jsonencode({username = "dbadmin", password = ephemeral.aws_secretsmanager_random_password.master_password_shop_db_us_east_1.random_password, engine = "postgres", port = 5432, dbname = "app"})}`,
		"secret_string_wo_version": 1,
	})
	synthtest.Absent(t, "secret value", version, "secret_string", "secret_binary")

	synthtest.Attrs(t, "key", east.Resource(t, "aws_kms_key", "database/key"), map[string]any{"enable_key_rotation": true, "deletion_window_in_days": 30})
	synthtest.Attrs(t, "alias", east.Resource(t, "aws_kms_alias", "database/key-alias"), map[string]any{"name": "alias/shop-db-us-east-1"})
	synthtest.Attrs(t, "sg", east.Resource(t, "aws_security_group", "database/security-group"), map[string]any{"egress": []any{}})
	ingress := east.Resource(t, "aws_security_group", "database/security-group")["ingress"].([]any)
	if len(ingress) != 2 {
		t.Fatalf("ingress rules = %d, want 2 (CIDRs, security groups)", len(ingress))
	}
	synthtest.Attrs(t, "ingress cidrs", ingress[0].(map[string]any), map[string]any{"from_port": 5432, "to_port": 5432, "protocol": "tcp", "cidr_blocks": []any{"10.10.0.0/18"}})
	synthtest.Attrs(t, "ingress sgs", ingress[1].(map[string]any), map[string]any{"from_port": 5432, "to_port": 5432, "security_groups": []any{"sg-app"}})
	synthtest.Attrs(t, "params", east.Resource(t, "aws_db_parameter_group", "database/parameter-group"), map[string]any{
		"family": "postgres16", "name": "shop-db-us-east-1-postgres16",
		"parameter": []any{map[string]any{"name": "rds.force_ssl", "value": "1"}},
	})
	role := east.Resource(t, "aws_iam_role", "database/monitoring-role")
	if !strings.Contains(role["assume_role_policy"].(string), `"Service":"monitoring.rds.amazonaws.com"`) {
		t.Errorf("monitoring role trust policy = %s", role["assume_role_policy"])
	}
	attach := east.Resource(t, "aws_iam_role_policy_attachment", "database/monitoring-policy")
	if !strings.HasSuffix(attach["policy_arn"].(string), ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole") {
		t.Errorf("monitoring policy = %s", attach["policy_arn"])
	}
	if _, ok := east.Resources("aws_cloudwatch_metric_alarm")["database/replica-lag-alarm"]; ok {
		t.Error("the writer must have no ReplicaLag alarm")
	}

	replica := west.Resource(t, "aws_db_instance", "database/instance")
	synthtest.Attrs(t, "replica", replica, map[string]any{
		"identifier": "shop-db-us-west-2-g1", "skip_final_snapshot": true, "backup_retention_period": 7,
		"multi_az": true, "performance_insights_enabled": true, "deletion_protection": true,
	})
	synthtest.Absent(t, "replica", replica, "username", "db_name", "password", "password_wo", "engine_version", "final_snapshot_identifier", "allocated_storage")
	if src, _ := replica["replicate_source_db"].(string); !strings.Contains(src, "data.terraform_remote_state.") {
		t.Errorf("replica replicate_source_db = %q, want a cross-stack reference to the writer's ARN", src)
	}
	if _, ok := west.JSON["ephemeral"]; ok {
		t.Error("the replica's stack must not generate a password")
	}
	synthtest.Attrs(t, "alarm", west.Resource(t, "aws_cloudwatch_metric_alarm", "database/replica-lag-alarm"), map[string]any{
		"alarm_name": "shop-db-us-west-2-g1-replica-lag", "namespace": "AWS/RDS", "metric_name": "ReplicaLag",
		"dimensions": map[string]any{"DBInstanceIdentifier": "shop-db-us-west-2-g1"}, "threshold": 60,
		"statistic": "Maximum", "period": 60, "evaluation_periods": 5, "treat_missing_data": "breaching",
	})
	for _, s := range []*synthtest.Stack{east, west} {
		if strings.Contains(strings.ToLower(string(s.Raw)), `"password":`) {
			t.Errorf("stack %s: a plain password attribute appears in the JSON", s.Name)
		}
	}
	synthtest.Golden(t, stacks, "pair")
	synthtest.Validate(t, stacks)
}

func TestPromotedAndRetired(t *testing.T) {
	stacks := synthPair(t, RolePromoted, func(p *Props) { p.Retired, p.AlarmTopicArn = true, jsii.String("arn:aws:sns:us-west-2:123456789012:t") })
	west := stacks.Get(t, "us-west-2")
	inst := west.Resource(t, "aws_db_instance", "database/instance")
	synthtest.Attrs(t, "promoted", inst, map[string]any{
		"identifier": "shop-db-us-west-2-g1", "deletion_protection": false,
		"skip_final_snapshot": false, "final_snapshot_identifier": "shop-db-us-west-2-g1-final", "backup_retention_period": 7,
	})
	synthtest.Absent(t, "promoted", inst, "replicate_source_db", "username", "password_wo", "engine_version")
	if _, ok := west.Resources("aws_cloudwatch_metric_alarm")["database/replica-lag-alarm"]; ok {
		t.Error("a standalone instance has no ReplicaLag alarm")
	}
	if _, ok := west.JSON["data"].(map[string]any)["terraform_remote_state"]; ok {
		t.Error("a promoted instance must not read the old writer's stack (it must deploy with that region down)")
	}
	synthtest.Golden(t, stacks, "promoted")
	synthtest.Validate(t, stacks)
}

func TestReplicaAlarmTopicAndGeneration(t *testing.T) {
	stacks := synthPair(t, RoleReplica, func(p *Props) {
		p.Generation, p.AlarmTopicArn, p.ReplicaLagThreshold = 3, jsii.String("arn:aws:sns:us-west-2:123456789012:t"), 0
		p.EngineMajorVersion, p.SingleAz, p.DisableDeletionProtection = 16, true, true
	})
	west := stacks.Get(t, "us-west-2")
	// A new address per generation: a changed identifier alone is renamed
	// in place by the provider, which then refuses the new source.
	if _, ok := west.Resources("aws_db_instance")["database/instance"]; ok {
		t.Error("generation 3 must not keep the generation-1 resource address")
	}
	synthtest.Attrs(t, "replica g3", west.Resource(t, "aws_db_instance", "database/instance-g3"), map[string]any{
		"identifier": "shop-db-us-west-2-g3", "multi_az": false, "deletion_protection": false,
	})
	synthtest.Attrs(t, "alarm", west.Resource(t, "aws_cloudwatch_metric_alarm", "database/replica-lag-alarm"), map[string]any{
		"alarm_actions": []any{"arn:aws:sns:us-west-2:123456789012:t"}, "ok_actions": []any{"arn:aws:sns:us-west-2:123456789012:t"},
	})
}

func TestNewReportsPathAndAllProblems(t *testing.T) {
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(t.TempDir())})
	p := baseProps("us-west-2", "0.0.0.0/0")
	p.MasterUsername, p.MonitoringInterval = "admin", new(7)
	_, err := New(regionStack(app, "us-west-2"), "database", p)
	want := []string{
		`us-west-2/database: AllowedCidrs[0]: 0.0.0.0/0 opens the database to every address; list the application's subnets`,
		`us-west-2/database: MasterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name`,
		`us-west-2/database: MonitoringInterval: must be 1, 5, 10, 15, 30 or 60 seconds, got 7`,
	}
	if got := validate.Lines(err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  got:  %q\n  want: %q", got, want)
	}
}

func TestMetrics(t *testing.T) {
	pg := &Postgres{Props: Props{Region: "us-west-2"}, Identifier: "shop-db-us-west-2-g1"}
	m := pg.MetricReplicaLag()
	if m.Namespace != "AWS/RDS" || m.Name != "ReplicaLag" || m.Region != "us-west-2" || m.Statistic != "Maximum" ||
		m.Dimensions["DBInstanceIdentifier"] != "shop-db-us-west-2-g1" || m.PeriodSeconds != 60 {
		t.Errorf("ReplicaLag metric = %+v", m)
	}
	if m := pg.MetricFreeStorageSpace(); m.Name != "FreeStorageSpace" || m.Statistic != "Minimum" || m.PeriodSeconds != 300 {
		t.Errorf("FreeStorageSpace metric = %+v", m)
	}
	if m := pg.MetricCPUUtilization(); m.Name != "CPUUtilization" || m.Statistic != "Average" {
		t.Errorf("CPU metric = %+v", m)
	}
}

// TestSharedMonitoringRole: with MonitoringRoleArn, the instances' stacks
// hold no IAM resource; NewMonitoringRole makes the role once elsewhere.
func TestSharedMonitoringRole(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:role/shop-rds-monitoring"
	stacks := synthtest.Synth(t, func(app cdktf.App) error {
		iam := regionStack(app, "iam")
		role, err := NewMonitoringRole(iam, "rds-monitoring-role", MonitoringRoleProps{Name: "shop-rds-monitoring"})
		if err != nil {
			return err
		}
		if role.Name != "shop-rds-monitoring" {
			t.Errorf("role name %q", role.Name)
		}
		east := baseProps("us-east-1", "10.10.0.0/18")
		east.MonitoringRoleArn = jsii.String(arn)
		east.MonitoringInterval = nil // the default, 60: the role is still required and given
		writer, err := New(regionStack(app, "us-east-1"), "database", east)
		if err != nil {
			return err
		}
		west := baseProps("us-west-2", "10.20.0.0/18")
		west.Role, west.SourceDBArn, west.SourceRegion = RoleReplica, writer.Arn, "us-east-1"
		west.MonitoringRoleArn = jsii.String(arn)
		_, err = New(regionStack(app, "us-west-2"), "database", west)
		return err
	})
	for _, r := range []string{"us-east-1", "us-west-2"} {
		s := stacks.Get(t, r)
		for _, typ := range []string{"aws_iam_role", "aws_iam_role_policy_attachment"} {
			if n := len(s.Resources(typ)); n != 0 {
				t.Errorf("%s: %d %s with MonitoringRoleArn set, want none", r, n, typ)
			}
		}
		id := "database/instance"
		synthtest.Attrs(t, r+" instance", s.Resource(t, "aws_db_instance", id), map[string]any{"monitoring_role_arn": arn, "monitoring_interval": 60})
	}
	iam := stacks.Get(t, "iam")
	synthtest.Attrs(t, "role", iam.Resource(t, "aws_iam_role", "rds-monitoring-role/role"), map[string]any{"name": "shop-rds-monitoring"})
	att := iam.Resource(t, "aws_iam_role_policy_attachment", "rds-monitoring-role/policy")
	if pa, _ := att["policy_arn"].(string); !strings.HasSuffix(pa, ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole") {
		t.Errorf("policy_arn = %v", att["policy_arn"])
	}
	if !strings.Contains(synthtestJSON(iam.Resource(t, "aws_iam_role", "rds-monitoring-role/role")["assume_role_policy"]), "monitoring.rds.amazonaws.com") {
		t.Error("the role is not trusted by monitoring.rds.amazonaws.com")
	}
	synthtest.Validate(t, stacks)
}

func TestMonitoringRoleName(t *testing.T) {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("iam"))
	_, err := NewMonitoringRole(stack, "role", MonitoringRoleProps{Name: strings.Repeat("x", 65)})
	if got, want := validate.Lines(err), []string{`iam/role: Name: "` + strings.Repeat("x", 65) + `" must be 1-64 letters, digits or +=,.@_- (it names an IAM role)`}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
