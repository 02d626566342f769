package replicatedpostgres

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/dbnet"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

const maxNameLen = 40 // keeps "<name>-monitoring-role" within IAM's 64 characters

// validate reports every problem of already-defaulted props.
func (p Props) validate(probs *validate.Problems) {
	awsrules.Region(probs, "Region", p.Region)
	if p.VpcId == nil {
		probs.Addf("VpcId", "is required")
	}
	if len(p.SubnetIds) < 2 {
		probs.Addf("SubnetIds", "needs at least two subnets in different AZs (Multi-AZ and RDS subnet groups), got %d", len(p.SubnetIds))
	}
	p.validateAccess(probs)
	if len(p.Name) > maxNameLen || !nameRe.MatchString(p.Name) {
		probs.Addf("Name", "%q must be 1-%d lowercase letters, digits and single hyphens, starting with a letter", p.Name, maxNameLen)
	}
	p.validateRole(probs)
	p.validateSecret(probs)
	p.validateEngine(probs)
	if a := p.MonitoringRoleArn; a != nil && !strings.Contains(*a, "${") && !awsrules.IsRoleArn(*a) {
		probs.Addf("MonitoringRoleArn", "%q is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); leave it nil for a role made by the construct", *a)
	}
	if p.ReplicaLagThreshold < 0 {
		probs.Addf("ReplicaLagThreshold", "must not be negative, got %s", p.ReplicaLagThreshold)
	}
	p.validateDayTwo(probs)
	p.HealthAlarms.validate(probs, p.InstanceClass)
}

// validateDayTwo checks rotation, the secret's recovery window and the
// backups replication.
func (p Props) validateDayTwo(probs *validate.Problems) {
	if p.CredentialsVersion < 1 {
		probs.Addf("CredentialsVersion", "must be 1 or more, got %d", p.CredentialsVersion)
	}
	if d := *p.SecretRecoveryWindowDays; d != 0 && (d < 7 || d > 30) {
		probs.Addf("SecretRecoveryWindowDays", "must be 0 (delete at once) or 7-30 days, as Secrets Manager allows; got %d", d)
	}
	seen := map[string]bool{}
	for i, src := range p.ReplicateBackupsOf {
		at := fmt.Sprintf("ReplicateBackupsOf[%d]", i)
		switch {
		case !awsrules.Region(probs, at+".Region", src.Region):
		case src.Region == p.Region:
			probs.Addf(at+".Region", "%q is this instance's own region; backups replicate to another region", src.Region)
		case seen[src.Region]:
			probs.Addf(at+".Region", "%q is listed twice", src.Region)
		}
		seen[src.Region] = true
		if a := src.InstanceArn; a == nil {
			probs.Addf(at+".InstanceArn", "is required")
		} else if !*cdktf.Token_IsUnresolved(a) {
			if !rdsInstanceArn.MatchString(*a) {
				probs.Addf(at+".InstanceArn", "%q is not a DB instance ARN (arn:<partition>:rds:<region>:<account>:db:<identifier>)", *a)
			} else if !strings.Contains(*a, ":rds:"+src.Region+":") {
				probs.Addf(at+".InstanceArn", "%q is not in %s", *a, src.Region)
			}
		}
	}
	if d := *p.BackupReplicationRetentionDays; d < 1 || d > 35 {
		probs.Addf("BackupReplicationRetentionDays", "must be 1-35 days, got %d", d)
	}
}

func (p Props) validateAccess(probs *validate.Problems) {
	dbnet.ValidateAccess(probs, p.AllowedCidrs, len(p.AllowedSecurityGroupIds))
}

var rdsInstanceArn = regexp.MustCompile(`^arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:db:[a-z][a-z0-9-]*$`)

func (p Props) validateRole(probs *validate.Problems) {
	switch p.Role {
	case RoleWriter, RolePromoted:
		if p.SourceDBArn != nil || p.SourceRegion != "" {
			probs.Addf("SourceDBArn", "applies only to Role %q (a %q instance has no source)", RoleReplica, p.Role)
		}
	case RoleReplica:
		if p.SourceDBArn == nil {
			probs.Addf("SourceDBArn", "is required for Role %q", RoleReplica)
		} else if a := *p.SourceDBArn; !*cdktf.Token_IsUnresolved(p.SourceDBArn) {
			_, known := awsrules.Partition(p.SourceRegion) // else reported below
			if !rdsInstanceArn.MatchString(a) {
				probs.Addf("SourceDBArn", "%q is not a DB instance ARN (arn:<partition>:rds:<region>:<account>:db:<identifier>)", a)
			} else if known && p.SourceRegion != p.Region && !strings.Contains(a, ":rds:"+p.SourceRegion+":") {
				probs.Addf("SourceDBArn", "%q is not in SourceRegion %q", a, p.SourceRegion)
			}
		}
		if p.SourceRegion == "" {
			probs.Addf("SourceRegion", "is required for Role %q", RoleReplica)
		} else if awsrules.Region(probs, "SourceRegion", p.SourceRegion) && p.SourceRegion == p.Region {
			probs.Addf("SourceRegion", "%q is the replica's own region; a replica must be in another region than its source", p.SourceRegion)
		}
		if p.Retired {
			probs.Addf("Retired", "applies only to a standalone instance (Role %q or %q)", RoleWriter, RolePromoted)
		}
	default:
		probs.Addf("Role", "must be %q, %q or %q, got %q", RoleWriter, RoleReplica, RolePromoted, p.Role)
	}
	if p.Generation < 1 || p.Generation > 999 {
		probs.Addf("Generation", "must be 1-999, got %d", p.Generation)
	}
}

func (p Props) validateSecret(probs *validate.Problems) {
	if !p.MasterSecret && len(p.SecretReplicaRegions) > 0 {
		probs.Addf("SecretReplicaRegions", "needs MasterSecret (no secret is created here)")
	}
	seen := map[string]bool{}
	for i, r := range p.SecretReplicaRegions {
		field := fmt.Sprintf("SecretReplicaRegions[%d]", i)
		switch {
		case r == "" || r == p.Region:
			probs.Addf(field, "%q must be another region than %q", r, p.Region)
		case !awsrules.Region(probs, field, r):
		case seen[r]:
			probs.Addf(field, "%q is listed twice", r)
		}
		seen[r] = true
	}
	if p.Role == RoleWriter {
		if msg := CheckMasterUsername(p.MasterUsername); msg != "" {
			probs.Addf("MasterUsername", "%s", msg)
		}
		if msg := CheckDatabaseName(p.DatabaseName); msg != "" {
			probs.Addf("DatabaseName", "%s", msg)
		}
	}
}

func (p Props) validateEngine(probs *validate.Problems) {
	checks := []struct{ field, msg string }{
		{"EngineMajorVersion", CheckEngineMajorVersion(p.EngineMajorVersion)},
		{"InstanceClass", CheckInstanceClass(p.InstanceClass)},
		{"BackupRetentionDays", checkExplicitZero(*p.BackupRetentionDays, CheckBackupRetention,
			"0 turns automated backups off, and RDS creates no replica from a source without them: use 1-35 days")},
		{"BackupWindow", CheckBackupWindow(p.BackupWindow)},
		{"MaintenanceWindow", CheckMaintenanceWindow(p.MaintenanceWindow)},
		{"MonitoringInterval", checkExplicitZero(*p.MonitoringInterval, CheckMonitoringInterval,
			"0 turns enhanced monitoring off, which this construct does not offer: use 1, 5, 10, 15, 30 or 60 seconds")},
		{"LogExports", CheckLogExports(p.LogExports)},
	}
	for _, c := range checks {
		if c.msg != "" {
			probs.Addf(c.field, "%s", c.msg)
		}
	}
	if which, msg := CheckStorage(p.AllocatedStorage, *p.MaxAllocatedStorage); msg != "" {
		field := map[string]string{"allocated": "AllocatedStorage", "max": "MaxAllocatedStorage"}[which]
		probs.Addf(field, "%s", msg)
	}
	if d := p.PerformanceInsightsRetentionDays; d != 7 && d != 731 && (d%31 != 0 || d < 31 || d > 713) {
		probs.Addf("PerformanceInsightsRetentionDays", "must be 7, a multiple of 31 up to 713, or 731, got %d", d)
	}
}

// checkExplicitZero explains an explicit 0 (a value RDS understands, but
// this construct refuses) and leaves every other value to check.
func checkExplicitZero(v int, check func(int) string, zero string) string {
	if v == 0 {
		return zero
	}
	return check(v)
}

// sortedUnique returns s sorted without duplicates (stable resource order).
func sortedUnique(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}
