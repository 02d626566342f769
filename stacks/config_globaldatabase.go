package stacks

import (
	"fmt"
	"maps"
	"slices"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// GlobalDatabase configures an Aurora PostgreSQL global database
// (auroraglobal) instead of Database: a member cluster in every region,
// the global cluster and the master credentials in the primary region's
// stack. The writer is ActiveRegion: a switchover or failover is an RDS
// API call, then ActiveRegion changes to the region that writes now, then
// `cdktf deploy` of the regions that are up (docs/runbook.md). The
// defaults quoted below are the construct's, which resolves them.
type GlobalDatabase struct {
	// EngineVersion is the Aurora PostgreSQL version, "<major>.<minor>",
	// with global database support (14.3+, 15.2+, 16.1+, 17.4+).
	// Default: "16.6".
	EngineVersion string `yaml:"engineVersion"`
	// InstanceClass is a memory-optimized class (db.r5-r8g, db.x2g).
	// Default: "db.r6g.large".
	InstanceClass string `yaml:"instanceClass"`
	// Instances is each region's number of instances, 0-15 (0: a headless
	// secondary, storage only; the active region needs one).
	// Default: 2 in every region.
	Instances map[string]int `yaml:"instances" zero:"default"` // a listed 0 is a value
	// DatabaseName is the database created with the global database.
	// Default: "app".
	DatabaseName string `yaml:"databaseName"`
	// MasterUsername is the master user. Default: "dbadmin".
	MasterUsername string `yaml:"masterUsername"`
	// BackupRetentionDays is 1-35. Default: 7.
	BackupRetentionDays *int `yaml:"backupRetentionDays"`
	// BackupWindow is "hh:mm-hh:mm" UTC. Default: "03:00-04:00".
	BackupWindow string `yaml:"backupWindow"`
	// MaintenanceWindow is "ddd:hh:mm-ddd:hh:mm" UTC. Default: "sun:04:30-sun:05:30".
	MaintenanceWindow string `yaml:"maintenanceWindow"`
	// MonitoringInterval is the enhanced monitoring interval: 1, 5, 10,
	// 15, 30 or 60 seconds. Default: 60.
	MonitoringInterval *int `yaml:"monitoringInterval"`
	// AllowedCidrs may connect on port 5432 in every region.
	// Default: the private subnets of every region.
	AllowedCidrs []string `yaml:"allowedCidrs"`
	// DisableDeletionProtection turns deletion protection off on the
	// global cluster and every member (the emulator, tests). Default: false.
	DisableDeletionProtection bool `yaml:"disableDeletionProtection"`
	// SkipFinalSnapshot deletes clusters without a final snapshot (the
	// emulator, tests). Default: false.
	SkipFinalSnapshot bool `yaml:"skipFinalSnapshot"`
	// CredentialsVersion versions the master password: raise it and deploy
	// the primary region's stack to rotate, while the primary region
	// writes. Default: 1.
	CredentialsVersion int `yaml:"credentialsVersion"`
	// SecretRecoveryWindowDays is 0 (delete at once) or 7-30. Default: 30.
	SecretRecoveryWindowDays *int `yaml:"secretRecoveryWindowDays"`
	// Alarms sets the alarm thresholds of every member.
	Alarms GlobalDatabaseAlarms `yaml:"alarms"`
}

// GlobalDatabaseAlarms are the members' alarm thresholds (auroraglobal
// Alarms).
type GlobalDatabaseAlarms struct {
	// ReplicationLagSeconds: a secondary's AuroraGlobalDBReplicationLag.
	// Default: 5.
	ReplicationLagSeconds int `yaml:"replicationLagSeconds"`
	// RPOLagSeconds: a secondary's AuroraGlobalDBRPOLag. Default: 60.
	RPOLagSeconds int `yaml:"rpoLagSeconds"`
	// CPUPercent: an instance's CPU. Default: 80.
	CPUPercent int `yaml:"cpuPercent"`
	// FreeLocalStorageGiB: an instance's free local storage. Default: 5.
	FreeLocalStorageGiB int `yaml:"freeLocalStorageGiB"`
	// ConnectionsPercent: of the class's default max_connections. Default: 80.
	ConnectionsPercent int `yaml:"connectionsPercent"`
	// InstanceMemoryGiB is the class's memory. Default: known for r5-r8g.
	InstanceMemoryGiB int `yaml:"instanceMemoryGiB"`
}

// validateGlobalDatabase checks what the config alone can prove; the
// construct checks the rest.
func (c *Config) validateGlobalDatabase(p *validate.Problems) {
	g := c.GlobalDatabase
	if g == nil {
		return
	}
	if c.Database != nil {
		p.Addf("GlobalDatabase", "choose one database: Database (RDS PostgreSQL with read replicas) or GlobalDatabase (Aurora global database), not both")
	}
	if len(c.Regions) < 2 {
		p.Addf("GlobalDatabase", "a global database needs at least two regions, got %d", len(c.Regions))
	}
	for _, r := range slices.Sorted(maps.Keys(g.Instances)) {
		if c.RegionNamed(r) == nil {
			p.Addf(fmt.Sprintf("GlobalDatabase.Instances[%q]", r), "%q is not one of the regions", r)
		}
	}
}
