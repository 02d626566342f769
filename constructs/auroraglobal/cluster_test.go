package auroraglobal

import (
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

const roleArn = "arn:aws:iam::123456789012:role/shop-rds-monitoring"

func regionStack(app cdktf.App, region string) cdktf.TerraformStack {
	stack := cdktf.NewTerraformStack(app, jsii.String(region))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String(region)})
	cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String("/tmp/auroraglobal-test/" + region + ".tfstate")})
	stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(synthtest.ProviderVersion))
	return stack
}

func memberProps(region, writer, cidr string) Props {
	return Props{
		Region:            region,
		WriterRegion:      writer,
		VpcId:             jsii.String("vpc-" + region),
		SubnetIds:         *jsii.Strings("subnet-"+region+"-a", "subnet-"+region+"-b"),
		AllowedCidrs:      []string{cidr},
		Name:              "shop-db-" + region,
		MonitoringRoleArn: jsii.String(roleArn),
	}
}

// synthPair builds the global cluster and its origin in us-east-1 and a
// secondary in us-west-2, with writer as the writing region.
func synthPair(t *testing.T, writer string, edit func(east, west *Props)) synthtest.Stacks {
	t.Helper()
	return synthtest.Synth(t, func(app cdktf.App) error {
		eastStack := regionStack(app, "us-east-1")
		global, err := NewGlobal(eastStack, "global-database", GlobalProps{Name: "shop-global"})
		if err != nil {
			return err
		}
		east, west := memberProps("us-east-1", writer, "10.10.0.0/18"), memberProps("us-west-2", writer, "10.20.0.0/18")
		east.GlobalClusterIdentifier, east.Origin, east.SecretReplicaRegions = global.Id, true, []string{"us-west-2"}
		west.GlobalClusterIdentifier = jsii.String(global.Identifier)
		if edit != nil {
			edit(&east, &west)
		}
		if _, err := New(eastStack, "database", east); err != nil {
			return err
		}
		_, err = New(regionStack(app, "us-west-2"), "database", west)
		return err
	})
}

func TestOriginAndSecondary(t *testing.T) {
	stacks := synthPair(t, "us-east-1", nil)
	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")

	synthtest.Attrs(t, "global cluster", east.Resource(t, "aws_rds_global_cluster", "global-database/global-cluster"), map[string]any{
		"global_cluster_identifier": "shop-global", "engine": "aurora-postgresql", "engine_version": "16.6",
		"storage_encrypted": true, "deletion_protection": true,
	})
	origin := east.Resource(t, "aws_rds_cluster", "database/cluster")
	synthtest.Attrs(t, "origin", origin, map[string]any{
		"cluster_identifier": "shop-db-us-east-1", "engine": "aurora-postgresql", "engine_version": "16.6",
		"global_cluster_identifier": "${aws_rds_global_cluster.global-database_global-cluster_2C782129.id}",
		"storage_encrypted":         true, "iam_database_authentication_enabled": true, "deletion_protection": true,
		"backup_retention_period": 7, "preferred_backup_window": "03:00-04:00", "preferred_maintenance_window": "sun:04:30-sun:05:30",
		"enabled_cloudwatch_logs_exports": []any{"postgresql"}, "port": 5432, "copy_tags_to_snapshot": true,
		"skip_final_snapshot": false, "final_snapshot_identifier": "shop-db-us-east-1-final",
		"master_username": "dbadmin", "database_name": "app",
		"master_password_wo":         "${ephemeral.aws_secretsmanager_random_password.master_password_shop_db_us_east_1.random_password}",
		"master_password_wo_version": 1,
	})
	synthtest.Absent(t, "origin", origin, "master_password", "manage_master_user_password", "replication_source_identifier")
	synthtest.Attrs(t, "origin lifecycle", origin, map[string]any{"lifecycle": map[string]any{"ignore_changes": []any{"replication_source_identifier"}}})

	secondary := west.Resource(t, "aws_rds_cluster", "database/cluster")
	synthtest.Attrs(t, "secondary", secondary, map[string]any{"global_cluster_identifier": "shop-global", "cluster_identifier": "shop-db-us-west-2"})
	synthtest.Absent(t, "secondary", secondary, "master_username", "database_name", "master_password_wo", "master_password")
	if len(west.Resources("aws_secretsmanager_secret")) != 0 {
		t.Error("the secondary holds a secret; only the origin does")
	}
	synthtest.Attrs(t, "secondary instances", west.Resource(t, "aws_rds_cluster_instance", "database/instances"), map[string]any{
		"count": 2, "identifier": "shop-db-us-west-2-${count.index + 1}", "instance_class": "db.r6g.large",
		"engine": "aurora-postgresql", "publicly_accessible": false, "auto_minor_version_upgrade": false,
		"performance_insights_enabled": true, "monitoring_interval": 60, "monitoring_role_arn": roleArn,
	})

	// Lag alarms on the secondary only, from the writer's region.
	if _, ok := east.Resources("aws_cloudwatch_metric_alarm")["database/replication-lag-alarm"]; ok {
		t.Error("the writer has a replication-lag alarm")
	}
	synthtest.Attrs(t, "lag alarm", west.Resource(t, "aws_cloudwatch_metric_alarm", "database/replication-lag-alarm"), map[string]any{
		"metric_name": "AuroraGlobalDBReplicationLag", "threshold": 5000, "treat_missing_data": "breaching",
		"dimensions": map[string]any{"DBClusterIdentifier": "shop-db-us-west-2", "SourceRegion": "us-east-1"},
	})
	synthtest.Attrs(t, "connections alarm", west.Resource(t, "aws_cloudwatch_metric_alarm", "database/connections-alarm"), map[string]any{
		"threshold": 1441, // 80% of LEAST(16 GiB / 9531392, 5000) = 1802
	})
	synthtest.Golden(t, stacks, "pair")
	synthtest.Validate(t, stacks)
}

// After a switchover to us-west-2 the config says so: the clusters render
// the same, and only the lag alarms move.
func TestSwitchedOverChangesOnlyAlarms(t *testing.T) {
	before, after := synthPair(t, "us-east-1", nil), synthPair(t, "us-west-2", nil)
	for _, region := range []string{"us-east-1", "us-west-2"} {
		b, a := before.Get(t, region), after.Get(t, region)
		for _, typ := range []string{"aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_global_cluster", "aws_secretsmanager_secret", "aws_kms_key"} {
			if synthtestJSON(b.Resources(typ)) != synthtestJSON(a.Resources(typ)) {
				t.Errorf("%s %s changed with the writer's region", region, typ)
			}
		}
	}
	west, east := after.Get(t, "us-west-2"), after.Get(t, "us-east-1")
	if _, ok := west.Resources("aws_cloudwatch_metric_alarm")["database/rpo-lag-alarm"]; ok {
		t.Error("the new writer kept its RPO-lag alarm")
	}
	synthtest.Attrs(t, "old primary's lag alarm", east.Resource(t, "aws_cloudwatch_metric_alarm", "database/rpo-lag-alarm"), map[string]any{
		"dimensions": map[string]any{"DBClusterIdentifier": "shop-db-us-east-1", "SourceRegion": "us-west-2"}, "threshold": 60000,
	})
}

func TestHeadlessSecondary(t *testing.T) {
	stacks := synthPair(t, "us-east-1", func(_, west *Props) { zero := 0; west.Instances = &zero })
	west := stacks.Get(t, "us-west-2")
	if n := len(west.Resources("aws_rds_cluster_instance")); n != 0 {
		t.Errorf("headless secondary has %d instance resources", n)
	}
	alarms := west.Resources("aws_cloudwatch_metric_alarm")
	if _, ok := alarms["database/cpu-alarm"]; ok || len(alarms) != 2 {
		t.Errorf("headless secondary alarms = %v, want the two lag alarms only", keys(alarms))
	}
	synthtest.Validate(t, stacks)
}
