package e2e

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// checkBackupReplication: the active writer's automated backups replicate
// into cfg.BackupDestination(), encrypted with that region's key.
func checkBackupReplication(t *testing.T, url string, cfg *stacks.Config) {
	t.Helper()
	dest := cfg.BackupDestination()
	if dest == "" {
		t.Fatal("the config replicates no backups")
	}
	var writer stacks.DatabaseMember
	for _, m := range cfg.DatabaseMembers() {
		if m.Region == cfg.ActiveRegion {
			writer = m
		}
	}
	source := describeDB(t, url, writer.Region, replicatedpostgres.Identifier(dbName(cfg, writer.Region), writer.Generation))
	if source == nil {
		t.Fatalf("no writer in %s", writer.Region)
	}
	ctx := context.Background()
	out, err := rds.NewFromConfig(e2e.AWS(t, url, dest)).DescribeDBInstanceAutomatedBackups(ctx, &rds.DescribeDBInstanceAutomatedBackupsInput{})
	if err != nil {
		t.Fatalf("%s: DescribeDBInstanceAutomatedBackups: %v", dest, err)
	}
	key, err := kms.NewFromConfig(e2e.AWS(t, url, dest)).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/" + dbName(cfg, dest))})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range out.DBInstanceAutomatedBackups {
		if aws.ToString(b.DBInstanceArn) != aws.ToString(source.DBInstanceArn) {
			continue // this region's own instance, or a retired writer's (kept while it exists)
		}
		got := map[string]any{"status": aws.ToString(b.Status), "key": aws.ToString(b.KmsKeyId), "retention": aws.ToInt32(b.BackupRetentionPeriod)}
		want := map[string]any{"status": "replicating", "key": aws.ToString(key.KeyMetadata.Arn), "retention": int32(*cfg.Database.BackupReplication.RetentionDays)}
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%s: replicated backups of %s: %s = %v, want %v", dest, aws.ToString(source.DBInstanceArn), k, got[k], want[k])
			}
		}
		return
	}
	t.Errorf("%s: the writer's (%s) automated backups do not replicate here", dest, aws.ToString(source.DBInstanceArn))
}

// writeOnlyVersions reads, from the primary stack's state, the writer's
// password_wo_version and the secret value's secret_string_wo_version.
func writeOnlyVersions(t *testing.T, p *e2e.Project, cfg *stacks.Config) (password, secret float64) {
	t.Helper()
	var state struct {
		Resources []struct {
			Type      string
			Instances []struct{ Attributes map[string]any }
		}
	}
	if err := json.Unmarshal(p.State(t, cfg.PrimaryRegion().Name), &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		for _, i := range r.Instances {
			switch r.Type {
			case "aws_db_instance":
				v, _ := i.Attributes["password_wo_version"].(float64)
				password = max(password, v)
			case "aws_secretsmanager_secret_version":
				secret, _ = i.Attributes["secret_string_wo_version"].(float64)
			}
		}
	}
	return password, secret
}

// checkSecretGone: after a destroy, no master secret waits for deletion
// under the app's name, so a new deployment can create it again (the
// local config's secretRecoveryWindowDays: 0).
func checkSecretGone(t *testing.T, url string, cfg *stacks.Config) {
	t.Helper()
	name := cfg.App + "/database/master"
	out, err := secretsmanager.NewFromConfig(e2e.AWS(t, url, cfg.PrimaryRegion().Name)).ListSecrets(context.Background(), &secretsmanager.ListSecretsInput{IncludePlannedDeletion: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range out.SecretList {
		if aws.ToString(s.Name) == name {
			t.Errorf("secret %s is still there after destroy (deleted %v): a redeploy would fail with ResourceExistsException", name, s.DeletedDate)
		}
	}
}
