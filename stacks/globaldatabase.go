package stacks

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/constructs/auroraglobal"
)

// The construct IDs of the global cluster (in the primary region's stack)
// and of each region's member cluster.
const (
	globalClusterID = "global-database"
	memberClusterID = "database"
)

// addGlobalDatabase adds the global cluster and the origin member in the
// primary region's stack, and a secondary member in every other region's
// stack, which depends on the primary's while the primary writes (a member
// joins a global cluster that exists). Which region writes (ActiveRegion)
// changes only alarms and that order.
func addGlobalDatabase(d *Deployment, ps *problems) {
	cfg := d.Config
	g := cfg.GlobalDatabase
	if g == nil || cfg.Database != nil { // both: reported by validate
		return
	}
	primary := d.Region(cfg.PrimaryRegion().Name)
	global, err := auroraglobal.NewGlobal(primary.Stack, globalClusterID, auroraglobal.GlobalProps{
		Name:                      globalDatabaseName(&cfg),
		EngineVersion:             g.EngineVersion,
		DisableDeletionProtection: g.DisableDeletionProtection,
	})
	globalID := jsii.String(globalDatabaseName(&cfg))
	if err != nil {
		ps.construct(err, globalDatabaseFields) // the members still report theirs
	} else {
		primary.GlobalCluster, globalID = global, global.Id
	}
	others := slices.DeleteFunc(slices.Clone(d.Regions), func(rs *RegionStack) bool { return rs == primary })
	ordered := append([]*RegionStack{primary}, others...)
	for _, rs := range ordered {
		if rs.Network == nil {
			continue
		}
		props := globalDatabaseProps(d, rs, globalID)
		if rs != primary && cfg.ActiveRegion == primary.Region.Name {
			// Joining needs the global cluster; once another region has
			// written, every member exists and a failover deploy of this
			// stack must not wait for a region that may be down.
			rs.Stack.AddDependency(primary.Stack)
		}
		c, err := auroraglobal.New(rs.Stack, memberClusterID, props)
		if err != nil {
			fields := maps.Clone(globalDatabaseFields)
			fields["Instances"] = fmt.Sprintf("GlobalDatabase.Instances[%q]", rs.Region.Name)
			ps.construct(err, fields)
			continue
		}
		rs.GlobalDatabase = c
		addGlobalDatabaseOutputs(rs, c)
	}
}

var globalDatabaseFields = fieldMap{
	"Name": "App", "EngineVersion": "GlobalDatabase.EngineVersion", "InstanceClass": "GlobalDatabase.InstanceClass",
	"DatabaseName": "GlobalDatabase.DatabaseName", "MasterUsername": "GlobalDatabase.MasterUsername",
	"BackupRetentionDays": "GlobalDatabase.BackupRetentionDays", "BackupWindow": "GlobalDatabase.BackupWindow",
	"MaintenanceWindow": "GlobalDatabase.MaintenanceWindow", "MonitoringInterval": "GlobalDatabase.MonitoringInterval",
	"AllowedCidrs": "GlobalDatabase.AllowedCidrs", "CredentialsVersion": "GlobalDatabase.CredentialsVersion",
	"SecretRecoveryWindowDays": "GlobalDatabase.SecretRecoveryWindowDays", "WriterRegion": "ActiveRegion",
	"Alarms.ReplicationLag": "GlobalDatabase.Alarms.ReplicationLagSeconds", "Alarms.RPOLag": "GlobalDatabase.Alarms.RPOLagSeconds",
	"Alarms": "GlobalDatabase.Alarms",
}

// globalDatabaseProps are region rs's member props; globalID is the
// global cluster's ID as a reference (the origin's stack holds it).
func globalDatabaseProps(d *Deployment, rs *RegionStack, globalID *string) auroraglobal.Props {
	cfg, g := d.Config, d.Config.GlobalDatabase
	allowed := g.AllowedCidrs
	if len(allowed) == 0 {
		for _, other := range d.Regions {
			if other.Network != nil {
				allowed = append(allowed, other.Network.Private.Cidrs...)
			}
		}
	}
	region := rs.Region.Name
	props := auroraglobal.Props{
		Region:                    region,
		WriterRegion:              cfg.ActiveRegion,
		GlobalClusterIdentifier:   jsii.String(globalDatabaseName(&cfg)),
		VpcId:                     rs.Network.VpcId,
		SubnetIds:                 rs.Network.Database.SubnetIds,
		AllowedCidrs:              allowed,
		Name:                      databaseName(&cfg, region),
		EngineVersion:             g.EngineVersion,
		InstanceClass:             g.InstanceClass,
		BackupRetentionDays:       g.BackupRetentionDays,
		BackupWindow:              g.BackupWindow,
		MaintenanceWindow:         g.MaintenanceWindow,
		MonitoringInterval:        g.MonitoringInterval,
		DisableDeletionProtection: g.DisableDeletionProtection,
		SkipFinalSnapshot:         g.SkipFinalSnapshot,
		Alarms: auroraglobal.Alarms{
			ReplicationLag:      time.Duration(g.Alarms.ReplicationLagSeconds) * time.Second,
			RPOLag:              time.Duration(g.Alarms.RPOLagSeconds) * time.Second,
			CPUPercent:          g.Alarms.CPUPercent,
			FreeLocalStorageGiB: g.Alarms.FreeLocalStorageGiB,
			ConnectionsPercent:  g.Alarms.ConnectionsPercent,
			InstanceMemoryGiB:   g.Alarms.InstanceMemoryGiB,
		},
	}
	if n, ok := g.Instances[region]; ok {
		props.Instances = &n
	}
	if rs.Monitoring != nil {
		props.AlarmTopicArn = rs.Monitoring.TopicArn
	}
	if d.IAM != nil && d.IAM.MonitoringRole != nil {
		props.MonitoringRoleArn = d.IAM.roleArn(d.IAM.MonitoringRole.Name)
	}
	// The primary region's cluster created the database: it keeps the
	// credentials (its secret replicated everywhere else) for good.
	if region == cfg.PrimaryRegion().Name {
		props.Origin = true
		props.GlobalClusterIdentifier = globalID // same stack: created first, deleted last
		props.MasterUsername, props.DatabaseName = g.MasterUsername, g.DatabaseName
		props.CredentialsVersion, props.SecretRecoveryWindowDays = g.CredentialsVersion, g.SecretRecoveryWindowDays
		props.SecretName = cfg.App + "/database/master"
		for _, r := range cfg.Regions {
			if r.Name != region {
				props.SecretReplicaRegions = append(props.SecretReplicaRegions, r.Name)
			}
		}
	}
	return props
}

func addGlobalDatabaseOutputs(rs *RegionStack, c *auroraglobal.Cluster) {
	output(rs.Stack, "database_cluster_identifier", jsii.String(c.Identifier), "This region's Aurora cluster identifier.")
	output(rs.Stack, "database_cluster_arn", c.Arn, "This region's Aurora cluster ARN: the target of a switchover or failover to this region.")
	output(rs.Stack, "database_endpoint", c.Endpoint, "This region's cluster endpoint (writes only while this region writes).")
	output(rs.Stack, "database_reader_endpoint", c.ReaderEndpoint, "This region's reader endpoint.")
	if rs.GlobalCluster != nil {
		output(rs.Stack, "global_cluster_identifier", jsii.String(rs.GlobalCluster.Identifier), "The Aurora global cluster.")
	}
	if c.SecretArn != nil {
		output(rs.Stack, "database_secret_arn", c.SecretArn, "The master-credentials secret (replicated to the other regions under the same name).")
	}
}

// globalDatabaseName is the global cluster identifier.
func globalDatabaseName(cfg *Config) string { return cfg.App + "-global-db" }
