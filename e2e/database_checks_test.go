package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	neturl "net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/internal/e2e"
	"github.com/multiregion-iac/multiregion/stacks"
)

// dbName is the construct's name for a region's database resources.
func dbName(cfg *stacks.Config, region string) string { return cfg.App + "-db-" + region }

// describeDB returns the instance, or nil when it does not exist.
func describeDB(t *testing.T, url, region, id string) *rdstypes.DBInstance {
	t.Helper()
	out, err := rds.NewFromConfig(e2e.AWS(t, url, region)).DescribeDBInstances(context.Background(), &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
	if err != nil {
		if strings.Contains(err.Error(), "DBInstanceNotFound") {
			return nil
		}
		t.Fatalf("%s: DescribeDBInstances %s: %v", region, id, err)
	}
	return &out.DBInstances[0]
}

// dbIdentifiers lists the region's DB instance identifiers starting with
// prefix.
func dbIdentifiers(t *testing.T, url, region, prefix string) []string {
	t.Helper()
	out, err := rds.NewFromConfig(e2e.AWS(t, url, region)).DescribeDBInstances(context.Background(), &rds.DescribeDBInstancesInput{})
	if err != nil {
		t.Fatalf("%s: DescribeDBInstances: %v", region, err)
	}
	var ids []string
	for _, db := range out.DBInstances {
		if id := aws.ToString(db.DBInstanceIdentifier); strings.HasPrefix(id, prefix) {
			ids = append(ids, id)
		}
	}
	return ids
}

// checkDatabase checks every region's instance against the config's DR
// state (cfg.DatabaseMembers) and the security settings, the master
// secret, and that no state file holds the password.
func checkDatabase(t *testing.T, p *e2e.Project, url string, cfg *stacks.Config) {
	t.Helper()
	arns := map[string]string{}
	for _, m := range cfg.DatabaseMembers() {
		if db := checkInstance(t, url, cfg, m); db != nil {
			arns[m.Region] = aws.ToString(db.DBInstanceArn)
		}
	}
	for _, m := range cfg.DatabaseMembers() {
		id := replicatedpostgres.Identifier(dbName(cfg, m.Region), m.Generation)
		// Earlier generations are gone (replaced, with a final snapshot).
		if ids := dbIdentifiers(t, url, m.Region, dbName(cfg, m.Region)+"-g"); len(ids) != 1 || ids[0] != id {
			t.Errorf("%s: instances %v, want only generation %d (%s)", m.Region, ids, m.Generation, id)
		}
		db := describeDB(t, url, m.Region, id)
		if db == nil {
			continue
		}
		source := aws.ToString(db.ReadReplicaSourceDBInstanceIdentifier)
		switch {
		case m.Role == replicatedpostgres.RoleReplica && source != arns[m.Source]:
			t.Errorf("%s: replica source %q, want the %s instance %q", m.Region, source, m.Source, arns[m.Source])
		case m.Role != replicatedpostgres.RoleReplica && source != "":
			t.Errorf("%s: %s instance still replicates %q", m.Region, m.Role, source)
		}
	}
	password := checkSecret(t, url, cfg)
	if password != "" {
		for _, name := range stacks.StackNames(*cfg) {
			if bytes.Contains(p.State(t, name), []byte(password)) {
				t.Errorf("stack %s: the master password is in the Terraform state", name)
			}
		}
	}
}

func checkInstance(t *testing.T, url string, cfg *stacks.Config, m stacks.DatabaseMember) *rdstypes.DBInstance {
	t.Helper()
	name := dbName(cfg, m.Region)
	id := replicatedpostgres.Identifier(name, m.Generation)
	db := describeDB(t, url, m.Region, id)
	if db == nil {
		t.Errorf("%s: no DB instance %s", m.Region, id)
		return nil
	}
	ctx := context.Background()
	at := m.Region + " " + id
	key, err := kms.NewFromConfig(e2e.AWS(t, url, m.Region)).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/" + name)})
	if err != nil {
		t.Fatalf("%s: key alias: %v", at, err)
	}
	keyArn := aws.ToString(key.KeyMetadata.Arn)
	rot, err := kms.NewFromConfig(e2e.AWS(t, url, m.Region)).GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyArn)})
	if err != nil || !rot.KeyRotationEnabled {
		t.Errorf("%s: key rotation enabled = %v (%v)", at, rot != nil && rot.KeyRotationEnabled, err)
	}
	d := cfg.Database
	got := map[string]any{
		"engine": aws.ToString(db.Engine), "encrypted": aws.ToBool(db.StorageEncrypted), "kms": aws.ToString(db.KmsKeyId),
		"storage": aws.ToString(db.StorageType), "iamAuth": aws.ToBool(db.IAMDatabaseAuthenticationEnabled),
		"pi": aws.ToBool(db.PerformanceInsightsEnabled), "piKms": aws.ToString(db.PerformanceInsightsKMSKeyId),
		"monitoring": aws.ToInt32(db.MonitoringInterval), "backups": aws.ToInt32(db.BackupRetentionPeriod),
		"public": aws.ToBool(db.PubliclyAccessible), "autoMinor": aws.ToBool(db.AutoMinorVersionUpgrade),
		"logs": strings.Join(db.EnabledCloudwatchLogsExports, ","), "class": aws.ToString(db.DBInstanceClass),
	}
	want := map[string]any{
		"engine": "postgres", "encrypted": true, "kms": keyArn, "storage": "gp3", "iamAuth": true, "pi": true, "piKms": keyArn,
		"monitoring": int32(*d.MonitoringInterval), "backups": int32(*d.BackupRetentionDays), "public": false, "autoMinor": true,
		"logs": "postgresql,upgrade", "class": d.InstanceClass,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s = %v, want %v", at, k, got[k], w)
		}
	}
	checkMonitoringRole(t, url, at, aws.ToString(db.MonitoringRoleArn))
	if len(db.DBParameterGroups) == 1 {
		checkForceSSL(t, url, m.Region, aws.ToString(db.DBParameterGroups[0].DBParameterGroupName))
	} else {
		t.Errorf("%s: %d parameter groups, want 1", at, len(db.DBParameterGroups))
	}
	return db
}

func checkMonitoringRole(t *testing.T, url, at, arn string) {
	t.Helper()
	name := arn[strings.LastIndexByte(arn, '/')+1:]
	c := iam.NewFromConfig(e2e.AWS(t, url, "us-east-1"))
	role, err := c.GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		t.Errorf("%s: monitoring role %q: %v", at, arn, err)
		return
	}
	trust, _ := neturl.QueryUnescape(aws.ToString(role.Role.AssumeRolePolicyDocument))
	if !strings.Contains(trust, "monitoring.rds.amazonaws.com") {
		t.Errorf("%s: monitoring role trusts %s, want monitoring.rds.amazonaws.com", at, trust)
	}
	pols, err := c.ListAttachedRolePolicies(context.Background(), &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)})
	if err != nil || len(pols.AttachedPolicies) != 1 || aws.ToString(pols.AttachedPolicies[0].PolicyName) != "AmazonRDSEnhancedMonitoringRole" {
		t.Errorf("%s: monitoring role policies %+v (%v), want only AmazonRDSEnhancedMonitoringRole", at, pols, err)
	}
}

func checkForceSSL(t *testing.T, url, region, group string) {
	t.Helper()
	out, err := rds.NewFromConfig(e2e.AWS(t, url, region)).DescribeDBParameters(context.Background(), &rds.DescribeDBParametersInput{DBParameterGroupName: aws.String(group), Source: aws.String("user")})
	if err != nil {
		t.Fatalf("%s: parameters of %s: %v", region, group, err)
	}
	for _, prm := range out.Parameters {
		if aws.ToString(prm.ParameterName) == "rds.force_ssl" && aws.ToString(prm.ParameterValue) == "1" {
			return
		}
	}
	t.Errorf("%s: parameter group %s does not force TLS (rds.force_ssl=1)", region, group)
}

// checkSecret checks the master secret (the primary region's key, replicas
// in the other regions, readable where it is replicated) and returns the
// password, for the state scan.
func checkSecret(t *testing.T, url string, cfg *stacks.Config) string {
	t.Helper()
	ctx := context.Background()
	primary := cfg.PrimaryRegion().Name
	name := cfg.App + "/database/master"
	sm := secretsmanager.NewFromConfig(e2e.AWS(t, url, primary))
	desc, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		t.Errorf("%s: master secret %s: %v", primary, name, err)
		return ""
	}
	key, err := kms.NewFromConfig(e2e.AWS(t, url, primary)).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/" + dbName(cfg, primary))})
	if err == nil && aws.ToString(desc.KmsKeyId) != aws.ToString(key.KeyMetadata.Arn) {
		t.Errorf("%s: secret key %q, want the database key %q", primary, aws.ToString(desc.KmsKeyId), aws.ToString(key.KeyMetadata.Arn))
	}
	var replicas []string
	for _, r := range desc.ReplicationStatus {
		replicas = append(replicas, aws.ToString(r.Region))
	}
	for _, r := range cfg.Regions {
		if r.Name != primary && !slices.Contains(replicas, r.Name) {
			t.Errorf("master secret not replicated to %s (replicas %v)", r.Name, replicas)
		}
	}
	val, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(name)})
	if err != nil {
		t.Errorf("reading the master secret: %v", err)
		return ""
	}
	var creds struct {
		Username, Password, Engine, Dbname string
		Port                               int
	}
	if err := json.Unmarshal([]byte(aws.ToString(val.SecretString)), &creds); err != nil {
		t.Errorf("master secret is not JSON: %v", err)
		return ""
	}
	if creds.Username != cfg.Database.MasterUsername || len(creds.Password) != 32 || creds.Engine != "postgres" || creds.Port != 5432 || creds.Dbname != cfg.Database.DatabaseName {
		t.Errorf("master secret = user %q, %d-character password, engine %q, port %d, db %q", creds.Username, len(creds.Password), creds.Engine, creds.Port, creds.Dbname)
	}
	return creds.Password
}
