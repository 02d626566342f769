package auroraglobal

import "time"

// GlobalProps configures the global cluster.
type GlobalProps struct {
	// Name is the global cluster identifier: lowercase letters, digits and
	// single hyphens, starting with a letter, at most 63 characters.
	// Default: the construct id.
	Name string
	// EngineVersion is the Aurora PostgreSQL version, "<major>.<minor>",
	// one with global database support (see CheckEngineVersion). Every
	// member runs it; upgrade by raising it here and in each member's Props.
	// Default: DefaultEngineVersion.
	EngineVersion string
	// DisableDeletionProtection turns deletion protection off (tests, the
	// emulator). Default: false (protected).
	DisableDeletionProtection bool
}

// Props configures one region's member cluster.
type Props struct {
	// Region is the AWS region of the stack the construct is in. Required.
	Region string
	// GlobalClusterIdentifier names the global cluster: Global.Identifier
	// (a plain string, so members in other stacks read nothing of its
	// stack), or Global.Id in the global cluster's own stack (a reference,
	// which orders the two). Required.
	GlobalClusterIdentifier *string
	// WriterRegion is the region whose cluster writes now, as the last
	// switchover or failover left it (docs/runbook.md). The other members'
	// replication-lag alarms watch replication from it. Required.
	WriterRegion string
	// Origin marks the cluster that created the global database: it was
	// given the master user, the database and the password (every other
	// member joined as a secondary and replicates them), and it keeps the
	// master secret for good, whichever region writes later. Exactly one
	// member is the origin.
	// Default: false.
	Origin bool
	// VpcId is the VPC the security group belongs to. Required.
	VpcId *string
	// SubnetIds are the database subnets, at least two AZs. Required.
	SubnetIds []*string
	// AllowedCidrs may connect on the PostgreSQL port. At least one of
	// AllowedCidrs and AllowedSecurityGroupIds is required; 0.0.0.0/0 is
	// refused.
	AllowedCidrs []string
	// AllowedSecurityGroupIds may connect on the PostgreSQL port
	// (references allowed). Default: none.
	AllowedSecurityGroupIds []*string

	// Name is the cluster identifier and prefixes every resource name;
	// lowercase letters, digits and single hyphens, at most 40 characters.
	// Default: the construct id.
	Name string
	// EngineVersion must be the global cluster's.
	// Default: DefaultEngineVersion.
	EngineVersion string
	// Instances is the number of DB instances in the cluster, 0-15. A
	// secondary may have none (a headless secondary: storage only, cheaper,
	// but it cannot take over until instances are added); the writer needs
	// at least one.
	// Default: 2 (a writer and a reader in another AZ; on a secondary, two
	// readers).
	Instances *int
	// InstanceClass is an Aurora PostgreSQL class that global databases
	// support: the memory-optimized db.r5, r6g, r6i, r7g, r7i, r8g or
	// db.x2g families (see CheckInstanceClass).
	// Default: "db.r6g.large".
	InstanceClass string

	// MasterUsername is the master user (Origin only: the others replicate
	// it): 1-16 letters, digits or underscores, starting with a letter;
	// not "admin" or "rdsadmin".
	// Default: "dbadmin".
	MasterUsername string
	// DatabaseName is the database created with the cluster (Origin only).
	// Default: "app".
	DatabaseName string
	// SecretName names the master secret (Origin only).
	// Default: "<Name>/master".
	SecretName string
	// SecretReplicaRegions replicate the master secret (Origin only), so
	// applications elsewhere read it while the origin's region is down.
	// Default: no replicas.
	SecretReplicaRegions []string
	// SecretRecoveryWindowDays: 7-30, or an explicit 0 to delete the
	// secret at once (Origin only). Default: 30.
	SecretRecoveryWindowDays *int
	// CredentialsVersion versions the master password (Origin only).
	// Raising it sets a fresh password on the cluster and in the secret in
	// one run; only while the origin writes (a secondary refuses a new
	// password), and never lower than the last deployed version.
	// Default: 1.
	CredentialsVersion int

	// BackupRetentionDays is 1-35. Default: 7.
	BackupRetentionDays *int
	// BackupWindow is the daily backup window, "hh:mm-hh:mm" UTC.
	// Default: "03:00-04:00".
	BackupWindow string
	// MaintenanceWindow is the weekly window, "ddd:hh:mm-ddd:hh:mm" UTC.
	// Default: "sun:04:30-sun:05:30".
	MaintenanceWindow string
	// MonitoringInterval is the enhanced monitoring interval: 1, 5, 10,
	// 15, 30 or 60 seconds (always on). Default: 60.
	MonitoringInterval *int
	// MonitoringRoleArn is the enhanced-monitoring role (one for every
	// region: replicatedpostgres.NewMonitoringRole in a stack off the
	// failover path, or your own). Required.
	MonitoringRoleArn *string
	// PerformanceInsightsRetentionDays is 7, a multiple of 31 up to 713,
	// or 731.
	// Default: 7 (the free tier).
	PerformanceInsightsRetentionDays int
	// LogExports are the logs published to CloudWatch Logs: "postgresql"
	// (Aurora PostgreSQL exports no other type).
	// Default: ["postgresql"].
	LogExports []string
	// DisableDeletionProtection turns deletion protection off (tests).
	// Default: false (protected).
	DisableDeletionProtection bool
	// SkipFinalSnapshot deletes the cluster without a final snapshot
	// (tests). Default: false (a final snapshot "<Name>-final").
	SkipFinalSnapshot bool

	// Alarms sets the thresholds of the cluster's alarms.
	// Default: see Alarms.
	Alarms Alarms
	// AlarmTopicArn receives the alarms' notifications (a reference is
	// fine). Default: the alarms notify no one.
	AlarmTopicArn *string
}

// Alarms are the thresholds of the alarms each member cluster gets in its
// own region. The lag alarms are a secondary's only.
type Alarms struct {
	// ReplicationLag: AuroraGlobalDBReplicationLag (the writer's changes
	// not yet applied here) above it for five minutes.
	// Default: 5 seconds.
	ReplicationLag time.Duration
	// RPOLag: AuroraGlobalDBRPOLag (how much a failover to this region
	// would lose) above it for five minutes.
	// Default: 1 minute.
	RPOLag time.Duration
	// CPUPercent: the busiest instance's CPU above it for 15 minutes.
	// Default: 80.
	CPUPercent int
	// FreeLocalStorageGiB: an instance's free local storage (temporary
	// tables, sorts, logs; not the cluster volume, which grows on its own)
	// below it. Default: 5.
	FreeLocalStorageGiB int
	// ConnectionsPercent: connections above this share of the default
	// max_connections for the class, LEAST(memory / 9531392, 5000).
	// Default: 80.
	ConnectionsPercent int
	// InstanceMemoryGiB is the class's memory, for the connections alarm.
	// Default: known for the r5-r8g families; required for db.x2g.
	InstanceMemoryGiB int
}

// Defaults, exported so documentation and callers agree with the code.
const (
	DefaultEngineVersion       = "16.6"
	DefaultInstances           = 2
	DefaultInstanceClass       = "db.r6g.large"
	DefaultMasterUsername      = "dbadmin"
	DefaultDatabaseName        = "app"
	DefaultBackupRetentionDays = 7
	DefaultBackupWindow        = "03:00-04:00"
	DefaultMaintenanceWindow   = "sun:04:30-sun:05:30"
	DefaultMonitoringInterval  = 60
	DefaultPIRetentionDays     = 7
	DefaultCredentialsVersion  = 1
	DefaultSecretRecoveryDays  = 30
	DefaultReplicationLag      = 5 * time.Second
	DefaultRPOLag              = time.Minute
	DefaultCPUPercent          = 80
	DefaultFreeLocalStorageGiB = 5
	DefaultConnectionsPercent  = 80
	maxInstances               = 15
	port                       = 5432
)

// DefaultLogExports are the logs exported when LogExports is empty.
var DefaultLogExports = []string{"postgresql"}

func (p GlobalProps) withDefaults(id string) GlobalProps {
	if p.Name == "" {
		p.Name = id
	}
	if p.EngineVersion == "" {
		p.EngineVersion = DefaultEngineVersion
	}
	return p
}

func (p Props) withDefaults(id string) Props {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	defPtr := func(v **int, d int) {
		if *v == nil {
			*v = &d
		}
	}
	def(&p.Name, id)
	def(&p.EngineVersion, DefaultEngineVersion)
	def(&p.InstanceClass, DefaultInstanceClass)
	def(&p.MasterUsername, DefaultMasterUsername)
	def(&p.DatabaseName, DefaultDatabaseName)
	def(&p.SecretName, p.Name+"/master")
	def(&p.BackupWindow, DefaultBackupWindow)
	def(&p.MaintenanceWindow, DefaultMaintenanceWindow)
	defPtr(&p.Instances, DefaultInstances)
	defPtr(&p.SecretRecoveryWindowDays, DefaultSecretRecoveryDays)
	defPtr(&p.BackupRetentionDays, DefaultBackupRetentionDays)
	defPtr(&p.MonitoringInterval, DefaultMonitoringInterval)
	if p.CredentialsVersion == 0 {
		p.CredentialsVersion = DefaultCredentialsVersion
	}
	if p.PerformanceInsightsRetentionDays == 0 {
		p.PerformanceInsightsRetentionDays = DefaultPIRetentionDays
	}
	if len(p.LogExports) == 0 {
		p.LogExports = DefaultLogExports
	}
	p.Alarms = p.Alarms.withDefaults(p.InstanceClass)
	return p
}

func (a Alarms) withDefaults(class string) Alarms {
	if a.ReplicationLag == 0 {
		a.ReplicationLag = DefaultReplicationLag
	}
	if a.RPOLag == 0 {
		a.RPOLag = DefaultRPOLag
	}
	for _, f := range []struct {
		v   *int
		def int
	}{{&a.CPUPercent, DefaultCPUPercent}, {&a.FreeLocalStorageGiB, DefaultFreeLocalStorageGiB}, {&a.ConnectionsPercent, DefaultConnectionsPercent}} {
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if a.InstanceMemoryGiB == 0 {
		a.InstanceMemoryGiB = classMemoryGiB(class)
	}
	return a
}
