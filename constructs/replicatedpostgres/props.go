package replicatedpostgres

import (
	"fmt"
	"time"
)

// Role says how this region's instance relates to replication.
type Role string

const (
	// RoleWriter is a standalone instance created empty, with a generated
	// master password (MasterSecret is implied). Only the first instance of
	// the region that owns the credentials is created this way.
	RoleWriter Role = "writer"
	// RoleReplica is a cross-region read replica of SourceDBArn. It inherits
	// the source's data, master user and password.
	RoleReplica Role = "replica"
	// RolePromoted is a standalone instance that was created as a replica:
	// rendering a RoleReplica instance as RolePromoted promotes it. A
	// retired writer (no longer serving, waiting to be replaced by a
	// replica) is rendered this way too, with deletion protection off.
	RolePromoted Role = "promoted"
)

// Props configures one region's PostgreSQL instance.
type Props struct {
	// Region is the AWS region of the stack the construct is in. Required.
	Region string
	// VpcId is the VPC the security group belongs to. Required.
	VpcId *string
	// SubnetIds are the database subnets, at least two AZs. Required.
	SubnetIds []*string
	// AllowedCidrs may connect on the PostgreSQL port (the application's
	// subnets). At least one of AllowedCidrs and AllowedSecurityGroupIds is
	// required; 0.0.0.0/0 is refused.
	AllowedCidrs []string
	// AllowedSecurityGroupIds may connect on the PostgreSQL port (the
	// application's security groups, references allowed).
	// Default: none.
	AllowedSecurityGroupIds []*string

	// Name prefixes every resource name; lowercase letters, digits and
	// hyphens, at most 40 characters.
	// Default: the construct id.
	Name string
	// Role is this instance's part in replication.
	// Default: RoleWriter.
	Role Role
	// SourceDBArn is the ARN of the instance a RoleReplica replicates: a
	// reference to the source's Arn (a cdktf cross-stack reference, read
	// from the source stack's state), or InstanceArn(...) of its identifier,
	// which reads nothing (then order the stacks: the replica's stack
	// AddDependency on the source's). Required for RoleReplica, refused
	// otherwise.
	SourceDBArn *string
	// SourceRegion is SourceDBArn's region; it must differ from Region
	// (this construct builds cross-region replicas only). Required for
	// RoleReplica.
	SourceRegion string
	// Generation numbers the instance: the DB identifier is
	// "<Name>-g<Generation>" and, from 2 on, the construct id of the
	// instance is "instance-g<Generation>". Raising it replaces the
	// instance (a fresh replica of the current writer after a failover).
	// Default: 1.
	Generation int
	// Retired turns deletion protection off on a standalone instance that no
	// longer serves, so the next deploy (a raised Generation) can replace it
	// (a final snapshot keeps its data). Only for RolePromoted or RoleWriter.
	// Default: false.
	Retired bool

	// MasterSecret generates the master password and stores it in a Secrets
	// Manager secret. RoleWriter always does; set it on the instance that
	// replaced the writer in the region that owns the credentials, because
	// turning it off deletes the secret.
	// Default: false (true for RoleWriter).
	MasterSecret bool
	// SecretName names the master secret.
	// Default: "<Name>/master".
	SecretName string
	// CredentialsVersion versions the master password (MasterSecret only).
	// Raising it sets a fresh password on the writer and in the secret in
	// the same run, so the two never disagree; the stack remembers the
	// highest version it deployed, and a lower one fails the plan.
	// Default: 1.
	CredentialsVersion int
	// SecretRecoveryWindowDays is how long a deleted master secret can be
	// restored: 7-30, or an explicit 0 to delete it at once (preview
	// environments, the emulator: Secrets Manager refuses a new secret
	// under the name of one waiting for deletion).
	// Default: 30.
	SecretRecoveryWindowDays *int
	// SecretReplicaRegions replicate the master secret so applications in
	// those regions can read it when this region is down. Replicas are
	// encrypted with the AWS managed key aws/secretsmanager of their region
	// (see README: a customer key there would create a cycle between
	// region stacks).
	// Default: no replicas.
	SecretReplicaRegions []string
	// MasterUsername is the master user (RoleWriter only: replicas inherit
	// it): 1-16 letters, digits or underscores, starting with a letter; not
	// "admin" or "rdsadmin" (reserved by RDS for PostgreSQL).
	// Default: "dbadmin".
	MasterUsername string
	// DatabaseName is the database created on the writer (RoleWriter only).
	// Default: "app".
	DatabaseName string

	// EngineMajorVersion is 16 or 17; minor versions upgrade automatically.
	// Default: 16.
	EngineMajorVersion int
	// InstanceClass is the RDS instance class, "db.<family>.<size>".
	// Default: "db.r6g.large".
	InstanceClass string
	// AllocatedStorage is the initial gp3 storage in GiB, 20-65536.
	// Default: 100.
	AllocatedStorage int
	// MaxAllocatedStorage is the storage autoscaling ceiling in GiB, at
	// least AllocatedStorage and at most 65536; an explicit 0 turns storage
	// autoscaling off (as in RDS).
	// Default: 10 times AllocatedStorage, capped at 65536.
	MaxAllocatedStorage *int
	// SingleAz turns Multi-AZ off (tests, the emulator).
	// Default: false (Multi-AZ).
	SingleAz bool
	// BackupRetentionDays is 1-35 (a replica's source needs backups). An
	// explicit 0, which RDS reads as "no automated backups", is refused.
	// Default: 7.
	BackupRetentionDays *int
	// BackupWindow is the daily backup window, "hh:mm-hh:mm" UTC.
	// Default: "03:00-04:00".
	BackupWindow string
	// MaintenanceWindow is the weekly window, "ddd:hh:mm-ddd:hh:mm" UTC,
	// not overlapping the backup window.
	// Default: "sun:04:30-sun:05:30".
	MaintenanceWindow string
	// MonitoringInterval is the enhanced monitoring interval in seconds:
	// 1, 5, 10, 15, 30 or 60. Enhanced monitoring is always on, with its
	// role: an explicit 0, which RDS reads as "off", is refused.
	// Default: 60.
	MonitoringInterval *int
	// MonitoringRoleArn is the ARN of an existing enhanced-monitoring role,
	// for example one made with NewMonitoringRole in a stack off the
	// failover path (IAM's control plane is in us-east-1, and every deploy
	// refreshes the IAM resources of its stack). With it, the construct
	// creates no IAM resource. A Terraform reference is fine.
	// Default: the construct creates its own role in its stack.
	MonitoringRoleArn *string
	// PerformanceInsightsRetentionDays is 7 or a multiple of 31 up to 731.
	// Default: 7 (the free tier).
	PerformanceInsightsRetentionDays int
	// LogExports are the logs published to CloudWatch Logs: "postgresql",
	// "upgrade", "iam-db-auth-error".
	// Default: ["postgresql", "upgrade"].
	LogExports []string
	// DisableDeletionProtection turns deletion protection off (tests).
	// Default: false (protected; Retired turns it off on its own).
	DisableDeletionProtection bool
	// SkipFinalSnapshot deletes standalone instances without a final
	// snapshot (tests). Replicas never take one (RDS refuses it).
	// Default: false (a final snapshot "<identifier>-final").
	SkipFinalSnapshot bool

	// ReplicateBackupsOf lists DB instances in other regions whose
	// automated backups are replicated to this region (point-in-time
	// restore here, also of what a replica would have replicated: a dropped
	// table), encrypted with this region's key. A source must exist first:
	// deploy its stack first.
	// Default: none.
	ReplicateBackupsOf []BackupSource
	// BackupReplicationRetentionDays is how long the replicated backups
	// are kept, 1-35 days.
	// Default: 7.
	BackupReplicationRetentionDays *int
	// HealthAlarms sets the thresholds of the instance's CPU, storage,
	// memory and connections alarms.
	// Default: see HealthAlarms.
	HealthAlarms HealthAlarms

	// ReplicaLagThreshold raises the ReplicaLag alarm (RoleReplica only)
	// when the lag stays above it for five minutes.
	// Default: 60 seconds.
	ReplicaLagThreshold time.Duration
	// AlarmTopicArn receives the alarm's notifications (a reference is
	// fine).
	// Default: the alarm notifies no one.
	AlarmTopicArn *string
}

// BackupSource is a DB instance whose automated backups replicate to the
// construct's region.
type BackupSource struct {
	// Region is the source instance's region, another than Props.Region;
	// it names the replication ("backups-from-<Region>"). Required.
	Region string
	// InstanceArn is the source's ARN: InstanceArn(...) or a reference.
	// Required.
	InstanceArn *string
}

// Defaults, exported so documentation and callers agree with the code.
const (
	DefaultMasterUsername                 = "dbadmin"
	DefaultDatabaseName                   = "app"
	DefaultEngineMajorVersion             = 16
	DefaultInstanceClass                  = "db.r6g.large"
	DefaultAllocatedStorage               = 100
	DefaultBackupRetentionDays            = 7
	DefaultBackupWindow                   = "03:00-04:00"
	DefaultMaintenanceWindow              = "sun:04:30-sun:05:30"
	DefaultMonitoringInterval             = 60
	DefaultPIRetentionDays                = 7
	DefaultReplicaLagThreshold            = 60 * time.Second
	DefaultCredentialsVersion             = 1
	DefaultSecretRecoveryDays             = 30
	DefaultBackupReplicationRetentionDays = 7
	maxStorage                            = 65536
	minStorage                            = 20
	port                                  = 5432
)

// DefaultLogExports are the logs exported when LogExports is empty.
var DefaultLogExports = []string{"postgresql", "upgrade"}

// withDefaults resolves every zero value, and every nil pointer, to its
// documented default. A pointer field is a number whose explicit 0 means
// something else to AWS than the default does.
func (p Props) withDefaults(id string) Props {
	if p.Name == "" {
		p.Name = id
	}
	if p.Role == "" {
		p.Role = RoleWriter
	}
	if p.Role == RoleWriter {
		p.MasterSecret = true
	}
	if p.Generation == 0 {
		p.Generation = 1
	}
	if p.SecretName == "" {
		p.SecretName = p.Name + "/master"
	}
	if p.MasterUsername == "" {
		p.MasterUsername = DefaultMasterUsername
	}
	if p.DatabaseName == "" {
		p.DatabaseName = DefaultDatabaseName
	}
	if p.EngineMajorVersion == 0 {
		p.EngineMajorVersion = DefaultEngineMajorVersion
	}
	if p.InstanceClass == "" {
		p.InstanceClass = DefaultInstanceClass
	}
	if p.AllocatedStorage == 0 {
		p.AllocatedStorage = DefaultAllocatedStorage
	}
	if p.MaxAllocatedStorage == nil {
		p.MaxAllocatedStorage = new(min(10*p.AllocatedStorage, maxStorage))
	}
	if p.BackupRetentionDays == nil {
		p.BackupRetentionDays = new(DefaultBackupRetentionDays)
	}
	if p.BackupWindow == "" {
		p.BackupWindow = DefaultBackupWindow
	}
	if p.MaintenanceWindow == "" {
		p.MaintenanceWindow = DefaultMaintenanceWindow
	}
	if p.MonitoringInterval == nil {
		p.MonitoringInterval = new(DefaultMonitoringInterval)
	}
	if p.PerformanceInsightsRetentionDays == 0 {
		p.PerformanceInsightsRetentionDays = DefaultPIRetentionDays
	}
	if len(p.LogExports) == 0 {
		p.LogExports = append([]string(nil), DefaultLogExports...)
	}
	if p.ReplicaLagThreshold == 0 {
		p.ReplicaLagThreshold = DefaultReplicaLagThreshold
	}
	if p.CredentialsVersion == 0 {
		p.CredentialsVersion = DefaultCredentialsVersion
	}
	if p.SecretRecoveryWindowDays == nil {
		p.SecretRecoveryWindowDays = new(DefaultSecretRecoveryDays)
	}
	if p.BackupReplicationRetentionDays == nil {
		p.BackupReplicationRetentionDays = new(DefaultBackupReplicationRetentionDays)
	}
	p.HealthAlarms = p.HealthAlarms.withDefaults(p.InstanceClass)
	return p
}

// Identifier is the DB instance identifier for a name and generation.
func Identifier(name string, generation int) string {
	return fmt.Sprintf("%s-g%d", name, generation)
}
