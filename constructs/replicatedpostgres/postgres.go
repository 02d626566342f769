package replicatedpostgres

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbinstance"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbinstanceautomatedbackupsreplication"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbparametergroup"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/dbnet"
	"github.com/multiregion-iac/multiregion/internal/mastersecret"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Postgres is one region's PostgreSQL instance and what it needs.
type Postgres struct {
	// Construct holds the resources (a named field: jsii cannot use a Go
	// struct embedding a construct as a scope).
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props Props

	// Identifier is the DB instance identifier, "<Name>-g<Generation>".
	Identifier string
	Instance   dbinstance.DbInstance
	// Arn is the instance ARN: the SourceDBArn of replicas in other regions.
	Arn *string
	// Endpoint is "host:port"; Address is the host name.
	Endpoint *string
	Address  *string
	Port     int

	// KmsKeyArn encrypts storage, Performance Insights and the secret.
	KmsKeyArn         *string
	SecurityGroupId   *string
	MonitoringRoleArn *string
	// SecretArn is the master-credentials secret (nil without MasterSecret):
	// a JSON document with username, password, engine, port and dbname.
	SecretArn *string
	// ReplicaLagAlarm is set for RoleReplica only.
	ReplicaLagAlarm cloudwatchmetricalarm.CloudwatchMetricAlarm
	// HealthAlarmList holds the CPU, free storage, freeable memory and
	// connections alarms (Props.HealthAlarms).
	HealthAlarmList []cloudwatchmetricalarm.CloudwatchMetricAlarm
	// BackupReplications receive ReplicateBackupsOf's automated backups,
	// in its order.
	BackupReplications []dbinstanceautomatedbackupsreplication.DbInstanceAutomatedBackupsReplication

	secret *mastersecret.Secret
}

// New validates props and creates the instance and its supporting resources
// under scope. Every problem is reported at once, before anything is created.
func New(scope constructs.Construct, id string, props Props) (*Postgres, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	pg := &Postgres{
		Construct:  constructs.NewConstruct(scope, jsii.String(id)),
		Props:      props,
		Identifier: Identifier(props.Name, props.Generation),
		Port:       port,
	}
	pg.addKey()
	subnets, params := pg.addNetworkAndParameters()
	pg.addMonitoringRole()
	if props.MasterSecret {
		pg.addMasterSecret()
	}
	pg.addInstance(subnets, params)
	if props.Role == RoleReplica {
		pg.addReplicaLagAlarm()
	}
	pg.addHealthAlarms()
	pg.addBackupReplications()
	return pg, nil
}

// addKey creates the region's customer key (a cross-region replica of an
// encrypted source needs a key in its own region).
func (pg *Postgres) addKey() {
	pg.KmsKeyArn = dbnet.Key(pg.Construct, pg.Props.Name, "PostgreSQL storage, Performance Insights and master secret of "+pg.Props.Name)
}

// addNetworkAndParameters creates the subnet group, the security group (the
// PostgreSQL port from the allowed sources only, no egress: RDS replication
// does not flow through it) and the TLS-only parameter group.
func (pg *Postgres) addNetworkAndParameters() (subnetGroup, paramGroup *string) {
	p := pg.Props
	subnetGroup, pg.SecurityGroupId = dbnet.Network(pg.Construct, dbnet.Access{
		Name: p.Name, Description: "PostgreSQL " + p.Name + ": port 5432 from the application only",
		VpcId: p.VpcId, SubnetIds: p.SubnetIds, AllowedCidrs: p.AllowedCidrs, AllowedSecurityGroupIds: p.AllowedSecurityGroupIds,
	})
	family := fmt.Sprintf("postgres%d", p.EngineMajorVersion)
	params := dbparametergroup.NewDbParameterGroup(pg.Construct, jsii.String("parameter-group"), &dbparametergroup.DbParameterGroupConfig{
		// The family is in the name so a major upgrade creates a new group
		// before the old one is deleted.
		Name:        jsii.String(p.Name + "-" + family),
		Family:      jsii.String(family),
		Description: jsii.String("TLS-only connections for " + p.Name),
		Parameter: []*dbparametergroup.DbParameterGroupParameter{
			{Name: jsii.String("rds.force_ssl"), Value: jsii.String("1")},
		},
		Lifecycle: &cdktf.TerraformResourceLifecycle{CreateBeforeDestroy: jsii.Bool(true)},
	})
	return subnetGroup, params.Name()
}

// addMonitoringRole creates the role enhanced monitoring needs (an interval
// above 0 without it is rejected by RDS; the interval is never 0 here),
// unless the props name one made elsewhere (NewMonitoringRole): then this
// stack holds no IAM resource and its deploys never call IAM.
func (pg *Postgres) addMonitoringRole() {
	if pg.Props.MonitoringRoleArn != nil {
		pg.MonitoringRoleArn = pg.Props.MonitoringRoleArn
		return
	}
	pg.MonitoringRoleArn = monitoringRole(pg.Construct, "monitoring-role", "monitoring-policy",
		pg.Props.Name+"-monitoring", "RDS enhanced monitoring for "+pg.Props.Name)
}

// addInstance renders the instance for its role. A replica and its promoted
// form differ only in the replication source and the final snapshot, so
// promotion is the only change the provider sees.
func (pg *Postgres) addInstance(subnetGroup, paramGroup *string) {
	p := pg.Props
	conf := &dbinstance.DbInstanceConfig{
		Identifier:                         jsii.String(pg.Identifier),
		Engine:                             jsii.String("postgres"),
		InstanceClass:                      jsii.String(p.InstanceClass),
		StorageType:                        jsii.String("gp3"),
		AllocatedStorage:                   jsii.Number(float64(p.AllocatedStorage)),
		MaxAllocatedStorage:                jsii.Number(float64(*p.MaxAllocatedStorage)),
		StorageEncrypted:                   true,
		KmsKeyId:                           pg.KmsKeyArn,
		DbSubnetGroupName:                  subnetGroup,
		VpcSecurityGroupIds:                jsii.Strings(*pg.SecurityGroupId),
		ParameterGroupName:                 paramGroup,
		Port:                               jsii.Number(port),
		MultiAz:                            !p.SingleAz,
		PubliclyAccessible:                 false,
		AutoMinorVersionUpgrade:            true,
		BackupRetentionPeriod:              jsii.Number(float64(*p.BackupRetentionDays)),
		BackupWindow:                       jsii.String(p.BackupWindow),
		MaintenanceWindow:                  jsii.String(p.MaintenanceWindow),
		CopyTagsToSnapshot:                 true,
		PerformanceInsightsEnabled:         true,
		PerformanceInsightsKmsKeyId:        pg.KmsKeyArn,
		PerformanceInsightsRetentionPeriod: jsii.Number(float64(p.PerformanceInsightsRetentionDays)),
		MonitoringInterval:                 jsii.Number(float64(*p.MonitoringInterval)),
		MonitoringRoleArn:                  pg.MonitoringRoleArn,
		EnabledCloudwatchLogsExports:       jsii.Strings(p.LogExports...),
		IamDatabaseAuthenticationEnabled:   true,
		DeletionProtection:                 !p.DisableDeletionProtection && !p.Retired,
	}
	switch p.Role {
	case RoleReplica:
		conf.ReplicateSourceDb = p.SourceDBArn
		conf.SkipFinalSnapshot = true // RDS takes no final snapshot of a replica
	default:
		conf.SkipFinalSnapshot = p.SkipFinalSnapshot
		if !p.SkipFinalSnapshot {
			conf.FinalSnapshotIdentifier = jsii.String(pg.Identifier + "-final")
		}
	}
	if p.Role != RoleWriter {
		// A replica inherits its source's storage (the provider warns and
		// ignores the value); autoscaling still applies up to the ceiling.
		conf.AllocatedStorage = nil
	}
	if p.Role == RoleWriter {
		conf.EngineVersion = jsii.String(fmt.Sprint(p.EngineMajorVersion))
		conf.Username = jsii.String(p.MasterUsername)
		conf.DbName = jsii.String(p.DatabaseName)
	}
	pg.Instance = dbinstance.NewDbInstance(pg.Construct, jsii.String(instanceID(p.Generation)), conf)
	if pg.setsPassword() {
		pg.secret.SetPassword(pg.Instance, "password")
	}
	pg.Arn, pg.Endpoint, pg.Address = pg.Instance.Arn(), pg.Instance.Endpoint(), pg.Instance.Address()
}

// instanceID gives each generation its own resource address, so raising
// the generation replaces the instance: provider 5.x renames an instance in
// place when only the identifier changes, and then refuses the new
// replication source. Generation 1 keeps the plain "instance".
func instanceID(generation int) string {
	if generation == 1 {
		return "instance"
	}
	return fmt.Sprintf("instance-g%d", generation)
}

// InstanceArn is the ARN of the DB instance identifier in region of
// account: what a replica in another region gives as SourceDBArn without
// reading the source's stack (the source must exist when the replica is
// created: deploy its stack first).
func InstanceArn(region, account, identifier string) string {
	partition, _ := awsrules.Partition(region)
	return fmt.Sprintf("arn:%s:rds:%s:%s:db:%s", partition, region, account, identifier)
}
