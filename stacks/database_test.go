package stacks

import (
	"slices"
	"strings"
	"testing"

	"github.com/multiregion-iac/multiregion/internal/synthtest"
)

func TestDatabaseReference(t *testing.T) {
	stacks := synthReference(t, testConfig(t, nil))
	east, west := stacks.Get(t, "us-east-1"), stacks.Get(t, "us-west-2")
	writer := east.Resource(t, "aws_db_instance", "database/instance")
	synthtest.Attrs(t, "writer", writer, map[string]any{"identifier": "shop-db-us-east-1-g1", "username": "dbadmin", "password_wo_version": 1})
	synthtest.Attrs(t, "security group", east.Resource(t, "aws_security_group", "database/security-group")["ingress"].([]any)[0].(map[string]any),
		map[string]any{"cidr_blocks": []any{"10.10.0.0/18", "10.10.64.0/18", "10.20.0.0/18", "10.20.64.0/18"}})
	synthtest.Attrs(t, "secret", east.Resource(t, "aws_secretsmanager_secret", "database/master-secret"), map[string]any{
		"name": "shop/database/master", "replica": []any{map[string]any{"region": "us-west-2"}},
	})
	replica := west.Resource(t, "aws_db_instance", "database/instance")
	// The writer by its ARN: nothing read from its stack, which deploys
	// first (one pass creates both).
	synthtest.Attrs(t, "replica", replica, map[string]any{"replicate_source_db": "arn:aws:rds:us-east-1:123456789012:db:shop-db-us-east-1-g1"})
	synthtest.Absent(t, "replica", replica, "count")
	if len(west.Data("terraform_remote_state")) != 0 {
		t.Errorf("us-west-2 reads another stack's state: %v", west.Data("terraform_remote_state"))
	}
	if !slices.Contains(west.Dependencies, "us-east-1") || slices.Contains(east.Dependencies, "us-west-2") {
		t.Errorf("dependencies: us-west-2 %v, us-east-1 %v; want the replica's stack after the writer's", west.Dependencies, east.Dependencies)
	}
	if len(west.Resources("aws_secretsmanager_secret")) != 0 {
		t.Error("only the primary region owns the secret (replicated, not re-created)")
	}
	for _, out := range []string{"database_endpoint", "database_arn", "database_identifier", "database_role", "database_secret_arn"} {
		if _, ok := east.Outputs()[out]; !ok {
			t.Errorf("us-east-1: output %q missing", out)
		}
	}
}

// TestDatabaseFailover synthesizes the runbook's failover state: the
// secondary's stack renders its instance standalone and reads nothing from
// the primary region's stack, so it deploys with that region down.
func TestDatabaseFailover(t *testing.T) {
	cfg := testConfig(t, func(s string) string {
		return s + "activeRegion: us-west-2\ndatabase:\n  retired: [us-east-1]\n"
	})
	stacks := synthReference(t, cfg)
	west := stacks.Get(t, "us-west-2")
	inst := west.Resource(t, "aws_db_instance", "database/instance")
	synthtest.Absent(t, "promoted", inst, "replicate_source_db", "password_wo", "username")
	synthtest.Attrs(t, "promoted", inst, map[string]any{"identifier": "shop-db-us-west-2-g1", "deletion_protection": true})
	if len(west.Data("terraform_remote_state")) != 0 || slices.Contains(west.Dependencies, "us-east-1") {
		t.Errorf("the promoted instance must neither read nor follow the old writer's stack (reads %v, after %v)", west.Data("terraform_remote_state"), west.Dependencies)
	}
	retired := stacks.Get(t, "us-east-1").Resource(t, "aws_db_instance", "database/instance")
	synthtest.Attrs(t, "retired", retired, map[string]any{"identifier": "shop-db-us-east-1-g1", "deletion_protection": false})
	synthtest.Absent(t, "retired", retired, "replicate_source_db")
	synthtest.Validate(t, stacks)
}

// TestDatabaseFailbackRebuild: the old writer comes back as a replica of
// the new one, under a new identifier.
func TestDatabaseFailbackRebuild(t *testing.T) {
	cfg := testConfig(t, func(s string) string {
		return s + "activeRegion: us-west-2\ndatabase:\n  generations: {us-east-1: 2}\n"
	})
	stacks := synthReference(t, cfg)
	east := stacks.Get(t, "us-east-1")
	inst := east.Resource(t, "aws_db_instance", "database/instance-g2") // a new address: replaced, not renamed
	synthtest.Attrs(t, "rebuilt", inst, map[string]any{"identifier": "shop-db-us-east-1-g2", "skip_final_snapshot": true})
	synthtest.Attrs(t, "rebuilt", inst, map[string]any{"replicate_source_db": "arn:aws:rds:us-west-2:123456789012:db:shop-db-us-west-2-g1"})
	if !slices.Contains(east.Dependencies, "us-west-2") {
		t.Errorf("us-east-1 deploys after %v, want after the new writer's us-west-2", east.Dependencies)
	}
	// The secret stays where it was created: removing it would delete the
	// credentials every region reads.
	east.Resource(t, "aws_secretsmanager_secret", "database/master-secret")
	synthtest.Absent(t, "rebuilt", inst, "password_wo")
}

// TestBackupReplicationFollowsTheWriter: the writer's automated backups go
// to the first other region, in that region's stack (which follows the
// writer's); after a failover they come from the new writer into the old
// primary's region. Rotation settings reach the primary's instance only.
func TestBackupReplicationFollowsTheWriter(t *testing.T) {
	const backups = "database:\n  credentialsVersion: 2\n  secretRecoveryWindowDays: 0\n  backupReplication:\n    retentionDays: 10\n"
	arn := func(region, gen string) string {
		return "arn:aws:rds:" + region + ":123456789012:db:shop-db-" + region + "-g" + gen
	}
	for _, c := range []struct {
		name, extra, active string
		want                map[string][]string // region -> the sources replicating into it
	}{
		{"primary active", backups, "us-east-1", map[string][]string{"us-west-2": {arn("us-east-1", "1")}}},
		// failed over: the old writer's backups keep replicating into
		// us-west-2 (stopping them would wait on us-east-1, down), and the
		// new writer's go to us-east-1
		{"failed over", "activeRegion: us-west-2\n" + strings.Replace(backups, "database:\n", "database:\n  retired: [us-east-1]\n", 1), "us-west-2",
			map[string][]string{"us-east-1": {arn("us-west-2", "1")}, "us-west-2": {arn("us-east-1", "1")}}},
		{"old writer rebuilt", "activeRegion: us-west-2\n" + strings.Replace(backups, "database:\n", "database:\n  generations: {us-east-1: 2}\n", 1), "us-west-2",
			map[string][]string{"us-east-1": {arn("us-west-2", "1")}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			stacks := synthReference(t, testConfig(t, func(s string) string { return s + c.extra }))
			for _, region := range []string{"us-east-1", "us-west-2"} {
				s := stacks.Get(t, region)
				var got []string
				for _, r := range s.Resources("aws_db_instance_automated_backups_replication") {
					synthtest.Attrs(t, region+" replication", r, map[string]any{"retention_period": 10})
					got = append(got, r["source_db_instance_arn"].(string))
				}
				slices.Sort(got)
				if !slices.Equal(got, c.want[region]) {
					t.Errorf("%s receives the backups of %v, want %v", region, got, c.want[region])
				}
				// after the active writer's stack (its source must exist); never
				// after a retired source's: the two stacks would follow each other
				for _, src := range c.want[region] {
					from := strings.Split(src, ":")[3]
					if after := slices.Contains(s.Dependencies, from); after != (from == c.active) {
						t.Errorf("%s deploys after %v; after %s (a source) = %v, want %v", region, s.Dependencies, from, after, from == c.active)
					}
				}
			}
			east := stacks.Get(t, "us-east-1")
			synthtest.Attrs(t, "secret", east.Resource(t, "aws_secretsmanager_secret", "database/master-secret"), map[string]any{"recovery_window_in_days": 0})
		})
	}
}
