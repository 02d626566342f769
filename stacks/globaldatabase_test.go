package stacks

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

// globalDatabaseConfig is the test config with the Aurora global database
// instead of the replicated PostgreSQL.
func globalDatabaseConfig(t *testing.T, active string, g GlobalDatabase) Config {
	t.Helper()
	cfg := testConfig(t, nil)
	cfg.Database, cfg.GlobalDatabase, cfg.ActiveRegion = nil, &g, active
	return cfg
}

func TestGlobalDatabase(t *testing.T) {
	stacks := synthReference(t, globalDatabaseConfig(t, "us-east-1", GlobalDatabase{}))
	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")
	synthtest.Attrs(t, "global cluster", east.Resource(t, "aws_rds_global_cluster", "global-database/global-cluster"),
		map[string]any{"global_cluster_identifier": "shop-global-db", "engine_version": "16.6"})
	synthtest.Attrs(t, "origin", east.Resource(t, "aws_rds_cluster", "database/cluster"), map[string]any{
		"cluster_identifier": "shop-db-us-east-1", "master_username": "dbadmin", "master_password_wo_version": 1,
	})
	synthtest.Attrs(t, "secondary", west.Resource(t, "aws_rds_cluster", "database/cluster"), map[string]any{
		"cluster_identifier": "shop-db-us-west-2", "global_cluster_identifier": "shop-global-db",
	})
	synthtest.Attrs(t, "secret", east.Resource(t, "aws_secretsmanager_secret", "database/master-secret"), map[string]any{
		"name": "shop/database/master", "replica": []any{map[string]any{"region": "us-west-2"}},
	})
	synthtest.Attrs(t, "instances", west.Resource(t, "aws_rds_cluster_instance", "database/instances"), map[string]any{
		"monitoring_role_arn": "arn:aws:iam::123456789012:role/shop-rds-monitoring", "count": 2,
	})
	if len(west.Resources("aws_db_instance")) != 0 || len(east.Resources("aws_db_instance")) != 0 {
		t.Error("the replicated PostgreSQL is built too")
	}
	if !slices.Contains(west.Dependencies, "us-east-1") {
		t.Errorf("us-west-2 dependencies %v: the secondary joins a global cluster made in us-east-1", west.Dependencies)
	}
	for _, out := range []string{"database_cluster_arn", "database_endpoint", "database_reader_endpoint", "global_cluster_identifier", "database_secret_arn"} {
		if _, ok := east.Outputs()[out]; !ok {
			t.Errorf("us-east-1: output %q missing", out)
		}
	}
	synthtest.Validate(t, stacks)
}

// After a switchover or failover to us-west-2, only alarms change, and the
// us-west-2 stack no longer waits for us-east-1.
func TestGlobalDatabaseWriterMoved(t *testing.T) {
	g := GlobalDatabase{Instances: map[string]int{"us-west-2": 1}}
	before := synthReference(t, globalDatabaseConfig(t, "us-east-1", g))
	after := synthReference(t, globalDatabaseConfig(t, "us-west-2", g))
	for _, region := range []string{"us-east-1", "us-west-2"} {
		b, a := before.Get(t, region), after.Get(t, region)
		for _, typ := range []string{"aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_global_cluster", "aws_secretsmanager_secret"} {
			if js(b.Resources(typ)) != js(a.Resources(typ)) {
				t.Errorf("%s: %s changed when the writer moved", region, typ)
			}
		}
	}
	west, east := after.Get(t, "us-west-2"), after.Get(t, "us-east-1")
	if slices.Contains(west.Dependencies, "us-east-1") {
		t.Errorf("us-west-2 still deploys after us-east-1: %v", west.Dependencies)
	}
	if _, ok := east.Resources("aws_cloudwatch_metric_alarm")["database/replication-lag-alarm"]; !ok {
		t.Error("the old primary has no replication-lag alarm")
	}
	if _, ok := west.Resources("aws_cloudwatch_metric_alarm")["database/replication-lag-alarm"]; ok {
		t.Error("the new writer kept its replication-lag alarm")
	}
}

func TestGlobalDatabaseProblems(t *testing.T) {
	zero := 0
	cfg := globalDatabaseConfig(t, "us-west-2", GlobalDatabase{
		EngineVersion: "16.0", InstanceClass: "db.t4g.medium",
		Instances:           map[string]int{"us-west-2": 0, "eu-west-9": 1},
		BackupRetentionDays: &zero,
	})
	cfg.Database = &Database{}
	_, err := New(cdktf.NewApp(nil), cfg)
	got := err.Error()
	for _, want := range []string{
		"GlobalDatabase: choose one database",
		`GlobalDatabase.Instances["eu-west-9"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	cfg.Database = nil
	_, err = New(cdktf.NewApp(nil), cfg)
	got = err.Error()
	for _, want := range []string{
		"GlobalDatabase.EngineVersion", "need 16.1 or later",
		"GlobalDatabase.InstanceClass", "burstable",
		"GlobalDatabase.BackupRetentionDays",
		"writer needs at least one instance",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
