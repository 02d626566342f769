package replicatedpostgres

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbinstanceautomatedbackupsreplication"
)

// addBackupReplications replicates the automated backups of each
// ReplicateBackupsOf source into this region, encrypted with this region's
// key. The resource lives here because RDS starts the replication from the
// destination region. Stopping it (removing a source) also waits on the
// source's region: keep a source listed while its region may be down (the
// stacks package keeps a retired writer's).
func (pg *Postgres) addBackupReplications() {
	for _, src := range pg.Props.ReplicateBackupsOf {
		r := dbinstanceautomatedbackupsreplication.NewDbInstanceAutomatedBackupsReplication(pg.Construct, jsii.String("backups-from-"+src.Region),
			&dbinstanceautomatedbackupsreplication.DbInstanceAutomatedBackupsReplicationConfig{
				SourceDbInstanceArn: src.InstanceArn,
				KmsKeyId:            pg.KmsKeyArn,
				RetentionPeriod:     jsii.Number(float64(*pg.Props.BackupReplicationRetentionDays)),
			})
		pg.BackupReplications = append(pg.BackupReplications, r)
	}
}
