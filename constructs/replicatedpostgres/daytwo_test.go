package replicatedpostgres

import (
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// TestDayTwo: rotation by version (writer and secret together, a lower
// version refused by a plan-time precondition against the version the
// stack last deployed), the secret's recovery window, backups replicated
// to the replica's region with its key, and the health alarms.
func TestDayTwo(t *testing.T) {
	stacks := synthtest.Synth(t, func(app cdktf.App) error {
		east := baseProps("us-east-1", "10.10.0.0/18")
		east.CredentialsVersion, east.SecretRecoveryWindowDays = 3, new(0)
		east.InstanceClass = "db.t4g.medium"
		east.AlarmTopicArn = jsii.String("arn:aws:sns:us-east-1:123456789012:alarms")
		if _, err := New(regionStack(app, "us-east-1"), "database", east); err != nil {
			return err
		}
		west := baseProps("us-west-2", "10.20.0.0/18")
		west.Role, west.SourceRegion = RoleReplica, "us-east-1"
		arn := InstanceArn("us-east-1", "123456789012", "shop-db-us-east-1-g1")
		west.SourceDBArn, west.BackupReplicationRetentionDays = &arn, new(14)
		west.ReplicateBackupsOf = []BackupSource{{Region: "us-east-1", InstanceArn: &arn}}
		west.AllocatedStorage = 200
		west.HealthAlarms = HealthAlarms{CPUPercent: 90, FreeStoragePercent: 5}
		_, err := New(regionStack(app, "us-west-2"), "database", west)
		return err
	})
	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")
	synthtest.Attrs(t, "writer", east.Resource(t, "aws_db_instance", "database/instance"), map[string]any{"password_wo_version": 2001}) // (3-1)*1000 + generation 1
	synthtest.Attrs(t, "secret value", east.Resource(t, "aws_secretsmanager_secret_version", "database/master-secret-value"), map[string]any{"secret_string_wo_version": 2001})
	synthtest.Attrs(t, "secret", east.Resource(t, "aws_secretsmanager_secret", "database/master-secret"), map[string]any{"recovery_window_in_days": 0})

	guard := east.JSON["resource"].(map[string]any)["terraform_data"].(map[string]any)["shop_db_us_east_1_credentials_version"].(map[string]any)
	pre := guard["lifecycle"].(map[string]any)["precondition"].([]any)[0].(map[string]any)
	if c := pre["condition"].(string); !strings.HasPrefix(c, "${3 >= try(data.terraform_remote_state.") || !strings.Contains(c, "[0].outputs.shop_db_us_east_1_credentials_version, 0)") {
		t.Errorf("guard condition %q", c)
	}
	if _, ok := east.Outputs()["shop_db_us_east_1_credentials_version"]; !ok {
		t.Error("the stack does not output the deployed credentials version")
	}
	for _, rs := range east.Data("terraform_remote_state") {
		synthtest.Attrs(t, "self read", rs, map[string]any{"backend": "local", "config": map[string]any{"path": "/tmp/replicatedpostgres-test/us-east-1.tfstate"}})
		if c, _ := rs["count"].(string); !strings.Contains(c, `contains(data.aws_secretsmanager_secrets.`) {
			t.Errorf("the self read must wait for the secret to exist, count = %q", c)
		}
	}

	synthtest.Attrs(t, "backups replication", west.Resource(t, "aws_db_instance_automated_backups_replication", "database/backups-from-us-east-1"), map[string]any{
		"source_db_instance_arn": "arn:aws:rds:us-east-1:123456789012:db:shop-db-us-east-1-g1", "retention_period": 14,
		"kms_key_id": "${aws_kms_key.database_key_444EF3EA.arn}",
	})
	if len(east.Resources("aws_db_instance_automated_backups_replication")) != 0 {
		t.Error("the source region must not hold the replication")
	}

	gib := float64(1 << 30)
	for stack, want := range map[*synthtest.Stack]map[string]float64{
		// db.t4g.medium: 4 GiB, max_connections 450; defaults
		east: {"cpu-alarm": 80, "free-storage-alarm": 0.10 * 100 * gib, "freeable-memory-alarm": 0.10 * 4 * gib, "connections-alarm": 360},
		// db.r6g.large: 16 GiB, max_connections 1802; CPU 90, storage 5% of 200 GiB
		west: {"cpu-alarm": 90, "free-storage-alarm": 0.05 * 200 * gib, "freeable-memory-alarm": 0.10 * 16 * gib, "connections-alarm": 1441},
	} {
		for id, threshold := range want {
			a := stack.Resource(t, "aws_cloudwatch_metric_alarm", "database/"+id)
			if got, _ := a["threshold"].(float64); got != threshold {
				t.Errorf("%s %s threshold = %v, want %v", stack.Name, id, a["threshold"], threshold)
			}
			synthtest.Attrs(t, stack.Name+" "+id, a, map[string]any{"namespace": "AWS/RDS", "treat_missing_data": "missing"})
		}
	}
	synthtest.Attrs(t, "east cpu", east.Resource(t, "aws_cloudwatch_metric_alarm", "database/cpu-alarm"), map[string]any{
		"alarm_name": "shop-db-us-east-1-g1-cpu", "metric_name": "CPUUtilization", "statistic": "Average", "period": 300, "evaluation_periods": 3,
		"comparison_operator": "GreaterThanThreshold", "alarm_actions": []any{"arn:aws:sns:us-east-1:123456789012:alarms"},
	})
	synthtest.Validate(t, stacks)
}

func TestClassMemoryGiB(t *testing.T) {
	for class, want := range map[string]int{
		"db.t4g.micro": 1, "db.t3.2xlarge": 32, "db.m6g.large": 8, "db.m7g.xlarge": 16, "db.r6g.large": 16,
		"db.r6i.4xlarge": 128, "db.r8g.24xlarge": 768, "db.x2g.large": 0, "db.m6g.metal": 0, "r6g.large": 0,
	} {
		if got := ClassMemoryGiB(class); got != want {
			t.Errorf("ClassMemoryGiB(%q) = %d, want %d", class, got, want)
		}
	}
}

// TestWriteOnlyVersion: the password and the secret change together when
// the credentials version goes up, and when a new generation in the
// secret's region takes over as the writer (a failback); never while that
// region's instance does not write.
func TestWriteOnlyVersion(t *testing.T) {
	for _, c := range []struct {
		name       string
		role       Role
		generation int
		retired    bool
		version    int
		want       int
		sets       bool
	}{
		{"first writer", RoleWriter, 1, false, 1, 1, true},
		{"first writer, rotated", RoleWriter, 1, false, 2, 1001, true},
		{"old writer fenced", RolePromoted, 1, true, 1, 1, false},
		{"next generation replicating", RoleReplica, 2, false, 1, 1, false},
		{"next generation writes again", RolePromoted, 2, false, 1, 2, true},
		{"and is rotated", RolePromoted, 2, false, 3, 2002, true},
	} {
		pg := &Postgres{Props: Props{MasterSecret: true, Role: c.role, Generation: c.generation, Retired: c.retired, CredentialsVersion: c.version}}
		if got := pg.writeOnlyVersion(); got != c.want || pg.setsPassword() != c.sets {
			t.Errorf("%s: version %d, sets password %v; want %d, %v", c.name, got, pg.setsPassword(), c.want, c.sets)
		}
	}
}
