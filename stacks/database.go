package stacks

import (
	"time"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
)

// addDatabase adds the writer in the active region and a cross-region read
// replica in every other region (cfg.DatabaseMembers says which is which).
// A replica's stack reads the writer's ARN from the writer stack's state
// (writerArn), never the writer region's API.
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
			props.SourceDBArn, props.SourceRegion = writerArn(rs, d.Region(m.Source)), m.Source
		}
		pg, err := replicatedpostgres.New(rs.Stack, "database", props)
		if err != nil {
			ps.construct(err, databaseFields)
			continue
		}
		rs.Database = pg
		addDatabaseOutputs(rs, m)
	}
}

var databaseFields = fieldMap{
	"Name": "App", "InstanceClass": "Database.InstanceClass", "EngineMajorVersion": "Database.EngineVersion",
	"AllocatedStorage": "Database.AllocatedStorage", "MaxAllocatedStorage": "Database.MaxAllocatedStorage",
	"DatabaseName": "Database.DatabaseName", "MasterUsername": "Database.MasterUsername",
	"BackupRetentionDays": "Database.BackupRetentionDays", "BackupWindow": "Database.BackupWindow",
	"MaintenanceWindow": "Database.MaintenanceWindow", "MonitoringInterval": "Database.MonitoringInterval",
	"AllowedCidrs": "Database.AllowedCidrs", "ReplicaLagThreshold": "Database.ReplicaLagAlarmSeconds",
}

// databaseArnOutput is the output holding a region's instance ARN; replicas
// in other regions read it from that region's state.
const databaseArnOutput = "database_arn"

// writerArn reads the writer's ARN from its stack's state, empty until that
// stack is deployed (the replica waits for it: see SourceDBArn). It is not a
// cdktf cross-stack reference on purpose: the mesh already makes the
// requester's stack depend on the accepter's, and a replica in the accepter
// region would close a dependency cycle. The first deployment of all stacks
// therefore creates replicas on its second pass, like the mesh's peerings.
func writerArn(replica, writer *RegionStack) *string {
	state := writer.Stack.EnsureBackendExists().GetRemoteStateDataSource(replica.Stack, jsii.String("database-source-state-"+writer.Region.Name), writer.Stack.Node().Id())
	state.AddOverride(jsii.String("defaults"), map[string]any{databaseArnOutput: ""})
	return state.GetString(jsii.String(databaseArnOutput))
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
		Name:                      cfg.App + "-db-" + m.Region,
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
	}
	// The credentials belong to the primary region for good: its secret
	// (replicated everywhere else) survives every failover and rebuild.
	if m.Region == cfg.PrimaryRegion().Name {
		props.MasterSecret = true
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
	output(rs.Stack, databaseArnOutput, pg.Arn, "This region's DB instance ARN.")
	if pg.SecretArn != nil {
		output(rs.Stack, "database_secret_arn", pg.SecretArn, "The master-credentials secret (replicated to the other regions under the same name).")
	}
}
