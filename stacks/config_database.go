package stacks

import (
	"fmt"
	"maps"
	"slices"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Database configures the replicated PostgreSQL (replicatedpostgres): the
// writer in the active region, a cross-region read replica in every other
// region. Failover and failback are changes to ActiveRegion, Generations
// and Retired, each applied with `cdktf deploy` (docs/runbook.md). The
// defaults quoted below are the construct's, which resolves them.
type Database struct {
	// InstanceClass is the RDS instance class. Default: "db.r6g.large".
	InstanceClass string `yaml:"instanceClass"`
	// EngineVersion is the PostgreSQL major version, 16 or 17; minor
	// versions upgrade automatically. Default: 16.
	EngineVersion int `yaml:"engineVersion"`
	// AllocatedStorage is the initial gp3 storage in GiB (20-65536). Default: 100.
	AllocatedStorage int `yaml:"allocatedStorage"`
	// MaxAllocatedStorage is the autoscaling ceiling in GiB; 0 turns
	// storage autoscaling off.
	// Default: 10 times allocatedStorage, at most 65536.
	MaxAllocatedStorage *int `yaml:"maxAllocatedStorage"`
	// DatabaseName is the database created on the first writer. Default: "app".
	DatabaseName string `yaml:"databaseName"`
	// MasterUsername is the master user: 1-16 letters, digits or
	// underscores, starting with a letter, not admin or rdsadmin.
	// Default: "dbadmin".
	MasterUsername string `yaml:"masterUsername"`
	// BackupRetentionDays is 1-35 (0, no backups, is refused: a replica's
	// source needs them). Default: 7.
	BackupRetentionDays *int `yaml:"backupRetentionDays"`
	// BackupWindow is "hh:mm-hh:mm" UTC. Default: "03:00-04:00".
	BackupWindow string `yaml:"backupWindow"`
	// MaintenanceWindow is "ddd:hh:mm-ddd:hh:mm" UTC. Default: "sun:04:30-sun:05:30".
	MaintenanceWindow string `yaml:"maintenanceWindow"`
	// MonitoringInterval is the enhanced monitoring interval: 1, 5, 10, 15,
	// 30 or 60 seconds (always on, with its IAM role). Default: 60.
	MonitoringInterval *int `yaml:"monitoringInterval"`
	// SingleAz turns Multi-AZ off. Default: false (Multi-AZ).
	SingleAz bool `yaml:"singleAz"`
	// DisableDeletionProtection turns deletion protection off (the emulator,
	// tests). Default: false (protected).
	DisableDeletionProtection bool `yaml:"disableDeletionProtection"`
	// SkipFinalSnapshot deletes instances without a final snapshot (the
	// emulator, tests). Default: false.
	SkipFinalSnapshot bool `yaml:"skipFinalSnapshot"`
	// AllowedCidrs may connect on port 5432 in every region.
	// Default: the private subnets of every region.
	AllowedCidrs []string `yaml:"allowedCidrs"`
	// ReplicaLagAlarmSeconds raises each replica's ReplicaLag alarm. Default: 60.
	ReplicaLagAlarmSeconds int `yaml:"replicaLagAlarmSeconds"`
	// HealthAlarms sets each instance's CPU, free storage, freeable memory
	// and connections alarm thresholds, in percent (replicatedpostgres
	// HealthAlarms). Default: 80, 10, 10 and 80.
	HealthAlarms HealthAlarms `yaml:"healthAlarms"`

	// CredentialsVersion versions the master password: raise it by one and
	// deploy the primary region's stack to rotate (docs/runbook.md); a
	// lower value than the last deployed fails the plan. Default: 1.
	CredentialsVersion int `yaml:"credentialsVersion"`
	// SecretRecoveryWindowDays is how long the deleted master secret can be
	// restored: 0 (delete at once: environments that are destroyed and
	// re-created) or 7-30. Default: 30.
	SecretRecoveryWindowDays *int `yaml:"secretRecoveryWindowDays"`
	// BackupReplication replicates the writer's automated backups to
	// another region. Default: off.
	BackupReplication *BackupReplication `yaml:"backupReplication"`

	// Generations numbers each region's instance (its identifier ends in
	// "-g<n>"); raising a region's generation replaces its instance with a
	// fresh replica of the active region's. Default: 1 for every region.
	Generations map[string]int `yaml:"generations"`
	// Retired lists regions whose standalone instance no longer serves (the
	// old writer after a failover): deletion protection comes off so that
	// raising the region's generation can replace it. Default: none.
	Retired []string `yaml:"retired"`
}

// HealthAlarms are the database health alarm thresholds, in percent.
type HealthAlarms struct {
	CPUPercent            int `yaml:"cpuPercent"`
	FreeStoragePercent    int `yaml:"freeStoragePercent"`
	FreeableMemoryPercent int `yaml:"freeableMemoryPercent"`
	ConnectionsPercent    int `yaml:"connectionsPercent"`
	// InstanceMemoryGiB is the instance class's memory. Default: known for
	// the db.t3, db.t4g, m5-m8g and r5-r8g classes; required for others.
	InstanceMemoryGiB int `yaml:"instanceMemoryGiB"`
}

// BackupReplication replicates the writer's automated backups (point-in-time
// restore) to another region, encrypted with that region's key. It follows
// the writer: after a failover the new writer's backups go to Region, or to
// the first other region when Region is the new writer's own; the old
// writer's keep replicating where they went until it is replaced (stopping
// them would call its region, which may be down).
type BackupReplication struct {
	// Region receives the backups. Default: the first region in config order
	// that is not the active one (the first secondary; the old primary
	// after a failover).
	Region string `yaml:"region"`
	// RetentionDays keeps the replicated backups 1-35 days. Default: 7.
	RetentionDays *int `yaml:"retentionDays"`
}

// BackupDestination is the region receiving the active writer's backups,
// or "" when backups are not replicated.
func (c *Config) BackupDestination() string { return c.backupDestinationOf(c.ActiveRegion) }

// backupDestinationOf is where the backups of a writer in region go.
func (c *Config) backupDestinationOf(region string) string {
	if c.Database == nil || c.Database.BackupReplication == nil {
		return ""
	}
	if r := c.Database.BackupReplication.Region; r != "" && r != region {
		return r
	}
	for _, r := range c.Regions {
		if r.Name != region {
			return r.Name
		}
	}
	return ""
}

// DatabaseMember is what one region's instance is under the config.
type DatabaseMember struct {
	Region     string
	Role       replicatedpostgres.Role
	Generation int
	Retired    bool
	// Source is the region replicated from (RoleReplica only).
	Source string
}

// DatabaseMembers derives each region's instance, in config order: the
// active region's is standalone (the writer); a retired region's is
// standalone and unprotected; every other region's replicates the active
// one. Only the primary region's first instance was created empty (with
// the generated password); every other instance began as a replica, so
// being standalone means being promoted.
func (c *Config) DatabaseMembers() []DatabaseMember {
	primary := ""
	if p := c.PrimaryRegion(); p != nil {
		primary = p.Name
	}
	if c.Database == nil {
		return nil
	}
	out := make([]DatabaseMember, 0, len(c.Regions))
	for _, r := range c.Regions {
		m := DatabaseMember{Region: r.Name, Generation: c.Database.generation(r.Name)}
		m.Retired = slices.Contains(c.Database.Retired, r.Name)
		switch {
		case r.Name != c.ActiveRegion && !m.Retired:
			m.Role, m.Source = replicatedpostgres.RoleReplica, c.ActiveRegion
		case r.Name == primary && m.Generation == 1:
			m.Role = replicatedpostgres.RoleWriter
		default:
			m.Role = replicatedpostgres.RolePromoted
		}
		out = append(out, m)
	}
	return out
}

func (d *Database) generation(region string) int {
	if g := d.Generations[region]; g > 0 {
		return g
	}
	return 1
}

// validateDatabaseDR checks the failover state: known regions, and the one
// mistake the config alone can prove (see the runbook).
func (c *Config) validateDatabaseDR(p *validate.Problems) {
	d := c.Database
	if d == nil {
		return
	}
	if b := d.BackupReplication; b != nil && b.Region != "" && c.RegionNamed(b.Region) == nil {
		p.Addf("Database.BackupReplication.Region", "%q is not one of the regions", b.Region)
	}
	if len(c.Regions) < 2 && d.BackupReplication != nil {
		p.Addf("Database.BackupReplication", "needs a second region to replicate the backups to")
	}
	for _, r := range slices.Sorted(maps.Keys(d.Generations)) {
		at := fmt.Sprintf("Database.Generations[%q]", r)
		if c.RegionNamed(r) == nil {
			p.Addf(at, "%q is not one of the regions", r)
		} else if g := d.Generations[r]; g < 1 {
			p.Addf(at, "must be 1 or more, got %d", g)
		}
	}
	seen := map[string]bool{}
	for i, r := range d.Retired {
		at := fmt.Sprintf("Database.Retired[%d]", i)
		switch {
		case c.RegionNamed(r) == nil:
			p.Addf(at, "%q is not one of the regions", r)
		case r == c.ActiveRegion:
			p.Addf(at, "%q is the active region; the writer cannot be retired", r)
		case seen[r]:
			p.Addf(at, "%q is listed twice", r)
		}
		seen[r] = true
	}
	primary := c.PrimaryRegion()
	if primary == nil || c.RegionNamed(c.ActiveRegion) == nil {
		return
	}
	for _, m := range c.DatabaseMembers() {
		if m.Region == primary.Name && m.Generation == 1 && m.Role == replicatedpostgres.RoleReplica {
			p.Addf("Database.Retired", "%s is active, so %s's first instance (created as the writer) must be listed here: RDS cannot turn a writer into a replica. Later raise Database.Generations[%q] to 2 to rebuild it as a replica (docs/runbook.md)",
				c.ActiveRegion, m.Region, m.Region)
		}
	}
}
