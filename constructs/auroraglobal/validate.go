package auroraglobal

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/dbnet"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

const (
	maxNameLen       = 40 // keeps "<name>-<n>" and the alarm names short
	maxGlobalNameLen = 63
)

func (p GlobalProps) validate(probs *validate.Problems) {
	if msg := CheckIdentifier(p.Name, maxGlobalNameLen); msg != "" {
		probs.Addf("Name", "%s", msg)
	}
	if msg := CheckEngineVersion(p.EngineVersion); msg != "" {
		probs.Addf("EngineVersion", "%s", msg)
	}
}

// validate reports every problem of already-defaulted props.
func (p Props) validate(probs *validate.Problems) {
	awsrules.Region(probs, "Region", p.Region)
	if p.WriterRegion == "" {
		probs.Addf("WriterRegion", "is required: the region whose cluster writes now")
	} else {
		awsrules.Region(probs, "WriterRegion", p.WriterRegion)
	}
	if g := p.GlobalClusterIdentifier; g == nil {
		probs.Addf("GlobalClusterIdentifier", "is required: Global.Identifier of the global cluster")
	} else if !isToken(g) {
		if msg := CheckIdentifier(*g, maxGlobalNameLen); msg != "" {
			probs.Addf("GlobalClusterIdentifier", "%s", msg)
		}
	}
	if p.VpcId == nil {
		probs.Addf("VpcId", "is required")
	}
	if len(p.SubnetIds) < 2 {
		probs.Addf("SubnetIds", "needs at least two subnets in different AZs, got %d", len(p.SubnetIds))
	}
	p.validateAccess(probs)
	if msg := CheckIdentifier(p.Name, maxNameLen); msg != "" {
		probs.Addf("Name", "%s", msg)
	}
	switch n := *p.Instances; {
	case n < 0 || n > maxInstances:
		probs.Addf("Instances", "must be 0-%d, got %d", maxInstances, n)
	case n == 0 && p.Region == p.WriterRegion:
		probs.Addf("Instances", "is 0 in the writer's region %s: the writer needs at least one instance (a headless cluster can only be a secondary)", p.Region)
	}
	p.validateEngine(probs)
	p.validateOrigin(probs)
	p.Alarms.validate(probs, p.InstanceClass)
	if a := p.MonitoringRoleArn; a == nil {
		probs.Addf("MonitoringRoleArn", "is required: enhanced monitoring is always on (replicatedpostgres.NewMonitoringRole makes one role for every region)")
	} else if !isToken(a) && !awsrules.IsRoleArn(*a) {
		probs.Addf("MonitoringRoleArn", "%q is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)", *a)
	}
}

func (p Props) validateAccess(probs *validate.Problems) {
	dbnet.ValidateAccess(probs, p.AllowedCidrs, len(p.AllowedSecurityGroupIds))
}

func (p Props) validateEngine(probs *validate.Problems) {
	checks := []struct{ field, msg string }{
		{"EngineVersion", CheckEngineVersion(p.EngineVersion)},
		{"InstanceClass", CheckInstanceClass(p.InstanceClass)},
		{"BackupRetentionDays", checkBackupRetention(*p.BackupRetentionDays)},
		{"BackupWindow", replicatedpostgres.CheckBackupWindow(p.BackupWindow)},
		{"MaintenanceWindow", replicatedpostgres.CheckMaintenanceWindow(p.MaintenanceWindow)},
		{"MonitoringInterval", replicatedpostgres.CheckMonitoringInterval(*p.MonitoringInterval)},
	}
	for _, c := range checks {
		if c.msg != "" {
			probs.Addf(c.field, "%s", c.msg)
		}
	}
	for i, l := range p.LogExports {
		if l != "postgresql" {
			probs.Addf(fmt.Sprintf("LogExports[%d]", i), "%q: Aurora PostgreSQL exports only \"postgresql\" logs", l)
		}
	}
	if d := p.PerformanceInsightsRetentionDays; d != 7 && d != 731 && (d%31 != 0 || d < 31 || d > 713) {
		probs.Addf("PerformanceInsightsRetentionDays", "must be 7, a multiple of 31 up to 713, or 731, got %d", d)
	}
}

// validateOrigin checks the credentials, which only the origin has.
func (p Props) validateOrigin(probs *validate.Problems) {
	if !p.Origin {
		if len(p.SecretReplicaRegions) > 0 {
			probs.Addf("SecretReplicaRegions", "applies only to the Origin cluster (the others hold no secret)")
		}
		return
	}
	if msg := replicatedpostgres.CheckMasterUsername(p.MasterUsername); msg != "" {
		probs.Addf("MasterUsername", "%s", msg)
	}
	if msg := replicatedpostgres.CheckDatabaseName(p.DatabaseName); msg != "" {
		probs.Addf("DatabaseName", "%s", msg)
	}
	if p.CredentialsVersion < 1 {
		probs.Addf("CredentialsVersion", "must be 1 or more, got %d", p.CredentialsVersion)
	}
	if d := *p.SecretRecoveryWindowDays; d != 0 && (d < 7 || d > 30) {
		probs.Addf("SecretRecoveryWindowDays", "must be 0 (delete at once) or 7-30 days, as Secrets Manager allows; got %d", d)
	}
	seen := map[string]bool{}
	for i, r := range p.SecretReplicaRegions {
		field := fmt.Sprintf("SecretReplicaRegions[%d]", i)
		switch {
		case r == p.Region:
			probs.Addf(field, "%q must be another region than %q", r, p.Region)
		case !awsrules.Region(probs, field, r):
		case seen[r]:
			probs.Addf(field, "%q is listed twice", r)
		}
		seen[r] = true
	}
}

func (a Alarms) validate(probs *validate.Problems, class string) {
	if a.ReplicationLag < 0 {
		probs.Addf("Alarms.ReplicationLag", "must not be negative, got %s", a.ReplicationLag)
	}
	if a.RPOLag < 0 {
		probs.Addf("Alarms.RPOLag", "must not be negative, got %s", a.RPOLag)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"CPUPercent", a.CPUPercent}, {"ConnectionsPercent", a.ConnectionsPercent}} {
		if f.v < 1 || f.v > 99 {
			probs.Addf("Alarms."+f.name, "must be 1-99 (percent), got %d", f.v)
		}
	}
	if a.FreeLocalStorageGiB < 1 {
		probs.Addf("Alarms.FreeLocalStorageGiB", "must be 1 or more, got %d", a.FreeLocalStorageGiB)
	}
	switch {
	case a.InstanceMemoryGiB < 0:
		probs.Addf("Alarms.InstanceMemoryGiB", "must be positive, got %d", a.InstanceMemoryGiB)
	case a.InstanceMemoryGiB == 0 && CheckInstanceClass(class) == "":
		probs.Addf("Alarms.InstanceMemoryGiB", "is required: the memory of InstanceClass %q is not known to the construct", class)
	}
}

func isToken(s *string) bool { return *cdktf.Token_IsUnresolved(s) || strings.Contains(*s, "${") }

// checkBackupRetention: Aurora keeps 1-35 days of continuous backups (it
// cannot turn them off).
func checkBackupRetention(days int) string {
	if days < 1 || days > 35 {
		return fmt.Sprintf("must be 1-35 days (Aurora always keeps continuous backups), got %d", days)
	}
	return ""
}
