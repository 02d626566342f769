package replicatedpostgres

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// validProps is a valid replica; cases edit a copy. Pure Go: no jsii here.
func validProps() Props {
	return Props{
		Region:       "us-west-2",
		VpcId:        jsii.String("vpc-1"),
		SubnetIds:    []*string{jsii.String("subnet-a"), jsii.String("subnet-b")},
		AllowedCidrs: []string{"10.20.0.0/18"},
		Name:         "shop-db-us-west-2",
		Role:         RoleReplica,
		SourceDBArn:  jsii.String("arn:aws:rds:us-east-1:123456789012:db:shop-db-us-east-1-g1"),
		SourceRegion: "us-east-1",
	}
}

func TestValidateRejects(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *Props)
		want []string
	}{
		{"reserved username admin", func(p *Props) { p.Role, p.SourceDBArn, p.SourceRegion, p.MasterUsername = RoleWriter, nil, "", "admin" },
			[]string{`MasterUsername: "admin" is reserved by RDS for PostgreSQL; choose another name`}},
		{"reserved username rdsadmin any case", func(p *Props) {
			p.Role, p.SourceDBArn, p.SourceRegion, p.MasterUsername = RoleWriter, nil, "", "RdsAdmin"
		},
			[]string{`MasterUsername: "RdsAdmin" is reserved by RDS for PostgreSQL; choose another name`}},
		{"username too long", func(p *Props) {
			p.Role, p.SourceDBArn, p.SourceRegion, p.MasterUsername = RoleWriter, nil, "", "a234567890123456x"
		},
			[]string{`MasterUsername: "a234567890123456x" must be 1-16 letters, digits or underscores, starting with a letter`}},
		{"username starts with digit", func(p *Props) {
			p.Role, p.SourceDBArn, p.SourceRegion, p.MasterUsername = RoleWriter, nil, "", "1admin"
		},
			[]string{`MasterUsername: "1admin" must be 1-16 letters, digits or underscores, starting with a letter`}},
		{"bad database name", func(p *Props) { p.Role, p.SourceDBArn, p.SourceRegion, p.DatabaseName = RoleWriter, nil, "", "my-app" },
			[]string{`DatabaseName: "my-app" must be 1-63 letters, digits or underscores, starting with a letter`}},
		{"monitoring interval", func(p *Props) { p.MonitoringInterval = new(20) },
			[]string{`MonitoringInterval: must be 1, 5, 10, 15, 30 or 60 seconds, got 20`}},
		{"backup retention too long", func(p *Props) { p.BackupRetentionDays = new(36) },
			[]string{`BackupRetentionDays: must be 1-35 days (a replica's source needs backups), got 36`}},
		{"backup retention negative", func(p *Props) { p.BackupRetentionDays = new(-1) },
			[]string{`BackupRetentionDays: must be 1-35 days (a replica's source needs backups), got -1`}},
		{"explicit zero backup retention", func(p *Props) { p.BackupRetentionDays = new(0) },
			[]string{`BackupRetentionDays: 0 turns automated backups off, and RDS creates no replica from a source without them: use 1-35 days`}},
		{"explicit zero monitoring interval", func(p *Props) { p.MonitoringInterval = new(0) },
			[]string{`MonitoringInterval: 0 turns enhanced monitoring off, which this construct does not offer: use 1, 5, 10, 15, 30 or 60 seconds`}},
		{"storage below gp3 minimum", func(p *Props) { p.AllocatedStorage, p.MaxAllocatedStorage = 10, new(100) },
			[]string{`AllocatedStorage: must be 20-65536 GiB for gp3, got 10`}},
		{"ceiling below allocation", func(p *Props) { p.AllocatedStorage, p.MaxAllocatedStorage = 200, new(100) },
			[]string{`MaxAllocatedStorage: must be between the allocated storage (200) and 65536 GiB, got 100`}},
		{"instance class shape", func(p *Props) { p.InstanceClass = "r6g.large" },
			[]string{`InstanceClass: "r6g.large" is not an RDS instance class (db.<family>.<size>, for example db.r6g.large)`}},
		{"engine 15", func(p *Props) { p.EngineMajorVersion = 15 },
			[]string{`EngineMajorVersion: must be 16 or 17, got 15`}},
		{"replica in its source's region", func(p *Props) { p.SourceRegion = "us-west-2" },
			[]string{`SourceRegion: "us-west-2" is the replica's own region; a replica must be in another region than its source`}},
		{"source region that does not exist", func(p *Props) { p.SourceRegion = "us-east-7" },
			[]string{`SourceRegion: "us-east-7" is not an AWS region (known: us-east-1, us-east-2, us-west-1, us-west-2)`}},
		{"secret replica region that does not exist", func(p *Props) { p.MasterSecret, p.SecretReplicaRegions = true, []string{"eu-west-1", "eu-east-1"} },
			[]string{`SecretReplicaRegions[1]: "eu-east-1" is not an AWS region (known: eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3)`}},
		{"replica without source", func(p *Props) { p.SourceDBArn, p.SourceRegion = nil, "" },
			[]string{`SourceDBArn: is required for Role "replica"`, `SourceRegion: is required for Role "replica"`}},
		{"source not an instance ARN", func(p *Props) { p.SourceDBArn = jsii.String("arn:aws:rds:us-east-1:123456789012:cluster:shop") },
			[]string{`SourceDBArn: "arn:aws:rds:us-east-1:123456789012:cluster:shop" is not a DB instance ARN (arn:<partition>:rds:<region>:<account>:db:<identifier>)`}},
		{"source ARN in another region", func(p *Props) {
			p.SourceDBArn = jsii.String("arn:aws:rds:eu-west-1:123456789012:db:shop-db-eu-west-1-g1")
		},
			[]string{`SourceDBArn: "arn:aws:rds:eu-west-1:123456789012:db:shop-db-eu-west-1-g1" is not in SourceRegion "us-east-1"`}},
		{"writer with source", func(p *Props) { p.Role = RoleWriter },
			[]string{`SourceDBArn: applies only to Role "replica" (a "writer" instance has no source)`}},
		{"unknown role", func(p *Props) { p.Role = "standby" },
			[]string{`Role: must be "writer", "replica" or "promoted", got "standby"`}},
		{"retired replica", func(p *Props) { p.Retired = true },
			[]string{`Retired: applies only to a standalone instance (Role "writer" or "promoted")`}},
		{"generation", func(p *Props) { p.Generation = -2 },
			[]string{`Generation: must be 1-999, got -2`}},
		{"open to the world", func(p *Props) { p.AllowedCidrs = []string{"0.0.0.0/0"} },
			[]string{`AllowedCidrs[0]: 0.0.0.0/0 opens the database to every address; list the application's subnets`}},
		{"bad cidr", func(p *Props) { p.AllowedCidrs = []string{"10.0.0.0/33"} },
			[]string{`AllowedCidrs[0]: "10.0.0.0/33" is not a valid IPv4 CIDR`}},
		{"nobody allowed", func(p *Props) { p.AllowedCidrs = nil },
			[]string{`AllowedCidrs: give AllowedCidrs or AllowedSecurityGroupIds: the database accepts connections only from them`}},
		{"one subnet", func(p *Props) { p.SubnetIds = p.SubnetIds[:1] },
			[]string{`SubnetIds: needs at least two subnets in different AZs (Multi-AZ and RDS subnet groups), got 1`}},
		{"bad name", func(p *Props) { p.Name = "Shop_DB" },
			[]string{`Name: "Shop_DB" must be 1-40 lowercase letters, digits and single hyphens, starting with a letter`}},
		{"secret replicas without secret", func(p *Props) { p.SecretReplicaRegions = []string{"us-east-1"} },
			[]string{`SecretReplicaRegions: needs MasterSecret (no secret is created here)`}},
		{"secret replica in own region", func(p *Props) {
			p.MasterSecret, p.SecretReplicaRegions = true, []string{"us-west-2", "eu-west-1", "eu-west-1"}
		},
			[]string{`SecretReplicaRegions[0]: "us-west-2" must be another region than "us-west-2"`, `SecretReplicaRegions[2]: "eu-west-1" is listed twice`}},
		{"windows", func(p *Props) { p.BackupWindow, p.MaintenanceWindow = "3:00-4:00", "Sun:04:30-Sun:05:30" },
			[]string{`BackupWindow: "3:00-4:00" must look like 03:00-04:00 (UTC)`, `MaintenanceWindow: "Sun:04:30-Sun:05:30" must look like sun:04:30-sun:05:30 (UTC)`}},
		{"log exports", func(p *Props) { p.LogExports = []string{"postgresql", "slowquery"} },
			[]string{`LogExports: "slowquery" is not a PostgreSQL log type (postgresql, upgrade, iam-db-auth-error)`}},
		{"performance insights retention", func(p *Props) { p.PerformanceInsightsRetentionDays = 30 },
			[]string{`PerformanceInsightsRetentionDays: must be 7, a multiple of 31 up to 713, or 731, got 30`}},
		{"monitoring role not a role ARN", func(p *Props) { p.MonitoringRoleArn = jsii.String("arn:aws:iam::123456789012:policy/x") },
			[]string{`MonitoringRoleArn: "arn:aws:iam::123456789012:policy/x" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); leave it nil for a role made by the construct`}},
		{"negative lag threshold", func(p *Props) { p.ReplicaLagThreshold = -time.Second },
			[]string{`ReplicaLagThreshold: must not be negative, got -1s`}},
		{"negative credentials version", func(p *Props) { p.CredentialsVersion = -1 },
			[]string{`CredentialsVersion: must be 1 or more, got -1`}},
		{"recovery window AWS refuses", func(p *Props) { p.SecretRecoveryWindowDays = new(5) },
			[]string{`SecretRecoveryWindowDays: must be 0 (delete at once) or 7-30 days, as Secrets Manager allows; got 5`}},
		{"recovery window too long", func(p *Props) { p.SecretRecoveryWindowDays = new(31) },
			[]string{`SecretRecoveryWindowDays: must be 0 (delete at once) or 7-30 days, as Secrets Manager allows; got 31`}},
		{"backups from own region", func(p *Props) {
			p.ReplicateBackupsOf = []BackupSource{{Region: "us-west-2", InstanceArn: jsii.String("arn:aws:rds:us-west-2:123456789012:db:shop-db-us-west-2-g1")}}
		}, []string{`ReplicateBackupsOf[0].Region: "us-west-2" is this instance's own region; backups replicate to another region`}},
		{"backups from a cluster, twice", func(p *Props) {
			p.ReplicateBackupsOf = []BackupSource{{Region: "us-east-1", InstanceArn: jsii.String("arn:aws:rds:us-east-1:123456789012:cluster:x")},
				{Region: "us-east-1", InstanceArn: jsii.String("arn:aws:rds:eu-west-1:123456789012:db:x")}}
		}, []string{`ReplicateBackupsOf[0].InstanceArn: "arn:aws:rds:us-east-1:123456789012:cluster:x" is not a DB instance ARN (arn:<partition>:rds:<region>:<account>:db:<identifier>)`,
			`ReplicateBackupsOf[1].Region: "us-east-1" is listed twice`, `ReplicateBackupsOf[1].InstanceArn: "arn:aws:rds:eu-west-1:123456789012:db:x" is not in us-east-1`}},
		{"backup retention out of range", func(p *Props) { p.BackupReplicationRetentionDays = new(36) },
			[]string{`BackupReplicationRetentionDays: must be 1-35 days, got 36`}},
		{"health thresholds", func(p *Props) { p.HealthAlarms = HealthAlarms{CPUPercent: 100, ConnectionsPercent: -5} },
			[]string{`HealthAlarms.CPUPercent: must be 1-99 (percent), got 100`, `HealthAlarms.ConnectionsPercent: must be 1-99 (percent), got -5`}},
		{"class of unknown memory", func(p *Props) { p.InstanceClass = "db.x2g.large" },
			[]string{`HealthAlarms.InstanceMemoryGiB: is required: the memory of InstanceClass "db.x2g.large" is not known to the construct`}},
		{"missing region and vpc", func(p *Props) { p.Region, p.VpcId = "", nil },
			[]string{`Region: is required (an AWS region such as us-east-1)`, `VpcId: is required`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validProps()
			c.edit(&p)
			p = p.withDefaults("db")
			probs := validate.New("us-west-2/database")
			p.validate(probs)
			got := validate.Lines(probs.Err())
			want := make([]string, len(c.want))
			for i, w := range c.want {
				want[i] = "us-west-2/database: " + w
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n  got:  %q\n  want: %q", got, want)
			}
		})
	}
}

func TestValidateAcceptsDefaults(t *testing.T) {
	for _, role := range []Role{RoleReplica, RolePromoted, RoleWriter} {
		p := validProps()
		p.Role = role
		if role != RoleReplica {
			p.SourceDBArn, p.SourceRegion = nil, ""
		}
		probs := validate.New("x")
		p.withDefaults("db").validate(probs)
		if probs.Len() != 0 {
			t.Errorf("role %s: unexpected problems %v", role, probs.List())
		}
	}
}

func TestDefaults(t *testing.T) {
	p := Props{}.withDefaults("db")
	if p.Role != RoleWriter || !p.MasterSecret || p.Generation != 1 || *p.MaxAllocatedStorage != 1000 ||
		p.SecretName != "db/master" || p.EngineMajorVersion != 16 || *p.MonitoringInterval != 60 {
		t.Errorf("defaults: %+v", p)
	}
	if got := (Props{AllocatedStorage: 10000}).withDefaults("db").MaxAllocatedStorage; *got != 65536 {
		t.Errorf("max storage default caps at 65536, got %d", *got)
	}
	// An explicit 0 keeps its RDS meaning (no storage autoscaling) and passes.
	p = validProps()
	p.MaxAllocatedStorage = new(0)
	p = p.withDefaults("db")
	if *p.MaxAllocatedStorage != 0 || *p.BackupRetentionDays != DefaultBackupRetentionDays {
		t.Errorf("explicit zero ceiling: got %d, backups %d", *p.MaxAllocatedStorage, *p.BackupRetentionDays)
	}
	probs := validate.New("db")
	p.validate(probs)
	if err := probs.Err(); err != nil {
		t.Errorf("MaxAllocatedStorage 0 (autoscaling off) must pass: %v", err)
	}
}
