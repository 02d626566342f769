package replicatedpostgres

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbinstanceautomatedbackupsreplication"
)

// addBackupReplication replicates the automated backups of
// ReplicateBackupsOf into this region, encrypted with this region's key.
// The resource lives here because RDS starts (and stops) the replication
// from the destination region: this region's deploy calls only its own
// region's API, and stopping it works with the source region down.
func (pg *Postgres) addBackupReplication() {
	pg.BackupReplication = dbinstanceautomatedbackupsreplication.NewDbInstanceAutomatedBackupsReplication(pg.Construct, jsii.String("backup-replication"),
		&dbinstanceautomatedbackupsreplication.DbInstanceAutomatedBackupsReplicationConfig{
			SourceDbInstanceArn: pg.Props.ReplicateBackupsOf,
			KmsKeyId:            pg.KmsKeyArn,
			RetentionPeriod:     jsii.Number(float64(*pg.Props.BackupReplicationRetentionDays)),
		})
}
