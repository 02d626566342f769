package stacks

import (
	"time"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
)

// addDatabase adds the writer in the active region and a cross-region read
// replica in every other region (cfg.DatabaseMembers says which is which).
// A replica names the writer by its ARN, built from the writer's region,
// account and identifier: it reads nothing of the writer's stack, and its
// stack depends on the writer's, so one deploy creates the writer first.
func addDatabase(d *Deployment, ps *problems) {
	cfg := d.Config
	if cfg.Database == nil {
		return
	}
	ordered := cfg.DatabaseMembers()
	// the active region first; the rest keep config order
	for i, m := range ordered {
		if m.Region == cfg.ActiveRegion {
			ordered = append([]DatabaseMember{m}, append(ordered[:i:i], ordered[i+1:]...)...)
			break
		}
	}
	for _, m := range ordered {
		rs := d.Region(m.Region)
		if rs.Network == nil {
			continue
		}
		props := databaseProps(d, rs, m)
		if rs.Monitoring != nil {
			props.AlarmTopicArn = rs.Monitoring.TopicArn
		}
		if d.IAM != nil && d.IAM.MonitoringRole != nil {
			props.MonitoringRoleArn = d.IAM.roleArn(d.IAM.MonitoringRole.Name)
		}
		if m.Role == replicatedpostgres.RoleReplica {
			writer := d.Region(m.Source)
			if writer.Database == nil {
				continue // the writer's own problems are reported
			}
			arn := replicatedpostgres.InstanceArn(m.Source, cfg.AccountId, writer.Database.Identifier)
			props.SourceDBArn, props.SourceRegion = &arn, m.Source
			rs.Stack.AddDependency(writer.Stack)
		}
		addBackupSources(d, rs, &props)
		pg, err := replicatedpostgres.New(rs.Stack, "database", props)
		if err != nil {
			ps.construct(err, databaseFields)
			continue
		}
		rs.Database = pg
		addDatabaseOutputs(rs, m)
	}
}

// addBackupSources lists the instances whose automated backups replicate
// into rs's region: the active writer's when rs is cfg.BackupDestination(),
// and a retired ex-writer's where they went while it wrote. Keeping the
// latter through a failover is what lets the surviving region deploy alone:
// stopping a replication waits on the source's region, the one that is
// down. They go when the ex-writer is replaced (its generation raised): its
// replicated backups are then retained by RDS, and the provider reads them
// as gone. The active writer's stack deploys first.
func addBackupSources(d *Deployment, rs *RegionStack, props *replicatedpostgres.Props) {
	cfg := d.Config
	if cfg.Database.BackupReplication == nil {
		return
	}
	for _, m := range cfg.DatabaseMembers() {
		writes := m.Region == cfg.ActiveRegion && rs.Region.Name == cfg.BackupDestination()
		wrote := m.Retired && rs.Region.Name == cfg.backupDestinationOf(m.Region)
		if !writes && !wrote {
			continue
		}
		id := replicatedpostgres.Identifier(databaseName(&cfg, m.Region), m.Generation)
		arn := replicatedpostgres.InstanceArn(m.Region, cfg.AccountId, id)
		props.ReplicateBackupsOf = append(props.ReplicateBackupsOf, replicatedpostgres.BackupSource{Region: m.Region, InstanceArn: &arn})
		if writes {
			rs.Stack.AddDependency(d.Region(m.Region).Stack) // a retired source exists already
		}
	}
	if len(props.ReplicateBackupsOf) > 0 {
		props.BackupReplicationRetentionDays = cfg.Database.BackupReplication.RetentionDays
	}
}

var databaseFields = fieldMap{
	"Name": "App", "InstanceClass": "Database.InstanceClass", "EngineMajorVersion": "Database.EngineVersion",
	"AllocatedStorage": "Database.AllocatedStorage", "MaxAllocatedStorage": "Database.MaxAllocatedStorage",
	"DatabaseName": "Database.DatabaseName", "MasterUsername": "Database.MasterUsername",
	"BackupRetentionDays": "Database.BackupRetentionDays", "BackupWindow": "Database.BackupWindow",
	"MaintenanceWindow": "Database.MaintenanceWindow", "MonitoringInterval": "Database.MonitoringInterval",
	"AllowedCidrs": "Database.AllowedCidrs", "ReplicaLagThreshold": "Database.ReplicaLagAlarmSeconds",
	"CredentialsVersion": "Database.CredentialsVersion", "SecretRecoveryWindowDays": "Database.SecretRecoveryWindowDays",
	"ReplicateBackupsOf": "Database.BackupReplication", "BackupReplicationRetentionDays": "Database.BackupReplication.RetentionDays",
	"HealthAlarms": "Database.HealthAlarms",
}

func databaseProps(d *Deployment, rs *RegionStack, m DatabaseMember) replicatedpostgres.Props {
	cfg, db := d.Config, d.Config.Database
	allowed := db.AllowedCidrs
	if len(allowed) == 0 {
		for _, other := range d.Regions {
			if other.Network == nil {
				continue
			}
			allowed = append(allowed, other.Network.Private.Cidrs...)
		}
	}
	props := replicatedpostgres.Props{
		Region:                    m.Region,
		VpcId:                     rs.Network.VpcId,
		SubnetIds:                 rs.Network.Database.SubnetIds,
		AllowedCidrs:              allowed,
		Name:                      databaseName(&cfg, m.Region),
		Role:                      m.Role,
		Generation:                m.Generation,
		Retired:                   m.Retired,
		MasterUsername:            db.MasterUsername,
		DatabaseName:              db.DatabaseName,
		EngineMajorVersion:        db.EngineVersion,
		InstanceClass:             db.InstanceClass,
		AllocatedStorage:          db.AllocatedStorage,
		MaxAllocatedStorage:       db.MaxAllocatedStorage,
		SingleAz:                  db.SingleAz,
		BackupRetentionDays:       db.BackupRetentionDays,
		BackupWindow:              db.BackupWindow,
		MaintenanceWindow:         db.MaintenanceWindow,
		MonitoringInterval:        db.MonitoringInterval,
		DisableDeletionProtection: db.DisableDeletionProtection,
		SkipFinalSnapshot:         db.SkipFinalSnapshot,
		ReplicaLagThreshold:       time.Duration(db.ReplicaLagAlarmSeconds) * time.Second,
		HealthAlarms:              replicatedpostgres.HealthAlarms(db.HealthAlarms),
	}
	// The credentials belong to the primary region for good: its secret
	// (replicated everywhere else) survives every failover and rebuild.
	if m.Region == cfg.PrimaryRegion().Name {
		props.MasterSecret = true
		props.CredentialsVersion, props.SecretRecoveryWindowDays = db.CredentialsVersion, db.SecretRecoveryWindowDays
		props.SecretName = cfg.App + "/database/master"
		for _, r := range cfg.Regions {
			if r.Name != m.Region {
				props.SecretReplicaRegions = append(props.SecretReplicaRegions, r.Name)
			}
		}
	}
	return props
}

func addDatabaseOutputs(rs *RegionStack, m DatabaseMember) {
	pg := rs.Database
	output(rs.Stack, "database_identifier", jsii.String(pg.Identifier), "This region's DB instance identifier.")
	output(rs.Stack, "database_role", jsii.String(string(m.Role)), "writer, replica or promoted (see docs/runbook.md).")
	output(rs.Stack, "database_endpoint", pg.Endpoint, "This region's PostgreSQL endpoint (host:port).")
	output(rs.Stack, "database_arn", pg.Arn, "This region's DB instance ARN.")
	if pg.SecretArn != nil {
		output(rs.Stack, "database_secret_arn", pg.SecretArn, "The master-credentials secret (replicated to the other regions under the same name).")
	}
}

// databaseName is the construct's Name in a region: it prefixes the
// instance identifier (replicatedpostgres.Identifier).
func databaseName(cfg *Config, region string) string { return cfg.App + "-db-" + region }
