package auroraglobal

import (
	"fmt"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/rdscluster"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/rdsclusterinstance"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/rdsclusterparametergroup"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/dbnet"
	"github.com/multiregion-iac/multiregion/internal/mastersecret"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Cluster is one region's member of the global database.
type Cluster struct {
	// Construct holds the resources (a named field: jsii cannot use a Go
	// struct embedding a construct as a scope).
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props Props

	// Identifier is the cluster identifier (Name).
	Identifier string
	Cluster    rdscluster.RdsCluster
	Instances  rdsclusterinstance.RdsClusterInstance
	// Arn is the cluster ARN: the target of a switchover or failover to
	// this region.
	Arn *string
	// Endpoint is the cluster (writer) endpoint: it accepts writes only
	// while this region writes. ReaderEndpoint balances over the readers.
	Endpoint       *string
	ReaderEndpoint *string
	Port           int

	// KmsKeyArn encrypts storage, Performance Insights and the secret.
	KmsKeyArn       *string
	SecurityGroupId *string
	// SecretArn is the master-credentials secret (Origin only, else nil).
	SecretArn *string
	// AlarmList holds the cluster's alarms: CPU, free local storage and
	// connections with instances, and on a secondary the two lag alarms.
	AlarmList []cloudwatchmetricalarm.CloudwatchMetricAlarm

	secret *mastersecret.Secret
}

// New validates props and creates the member cluster and what it needs
// under scope. Every problem is reported at once, before anything is
// created.
func New(scope constructs.Construct, id string, props Props) (*Cluster, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	c := &Cluster{
		Construct:  constructs.NewConstruct(scope, jsii.String(id)),
		Props:      props,
		Identifier: props.Name,
		Port:       port,
	}
	c.addKey()
	subnets, params := c.addNetworkAndParameters()
	if props.Origin {
		c.addMasterSecret()
	}
	c.addCluster(subnets, params)
	c.addInstances(subnets)
	c.addAlarms()
	return c, nil
}

// Secondary reports whether the cluster replicates (its region does not
// write now).
func (c *Cluster) Secondary() bool { return c.Props.Region != c.Props.WriterRegion }

// addKey creates the region's customer key: each member encrypts its
// storage with a key of its own region.
func (c *Cluster) addKey() {
	c.KmsKeyArn = dbnet.Key(c.Construct, c.Props.Name, "Aurora storage, Performance Insights and master secret of "+c.Props.Name)
}

// addNetworkAndParameters creates the subnet group, the security group
// (PostgreSQL from the allowed sources only, no egress: storage-level
// replication does not flow through it) and the TLS-only cluster
// parameter group.
func (c *Cluster) addNetworkAndParameters() (subnetGroup, paramGroup *string) {
	p := c.Props
	subnetGroup, c.SecurityGroupId = dbnet.Network(c.Construct, dbnet.Access{
		Name: p.Name, Description: "Aurora PostgreSQL " + p.Name + ": port 5432 from the application only",
		VpcId: p.VpcId, SubnetIds: p.SubnetIds, AllowedCidrs: p.AllowedCidrs, AllowedSecurityGroupIds: p.AllowedSecurityGroupIds,
	})
	family := fmt.Sprintf("%s%d", engine, majorVersion(p.EngineVersion))
	params := rdsclusterparametergroup.NewRdsClusterParameterGroup(c.Construct, jsii.String("parameter-group"), &rdsclusterparametergroup.RdsClusterParameterGroupConfig{
		// The family is in the name so a major upgrade creates a new group
		// before the old one is deleted.
		Name:        jsii.String(p.Name + "-" + family),
		Family:      jsii.String(family),
		Description: jsii.String("TLS-only connections for " + p.Name),
		Parameter: []*rdsclusterparametergroup.RdsClusterParameterGroupParameter{
			{Name: jsii.String("rds.force_ssl"), Value: jsii.String("1")},
		},
		Lifecycle: &cdktf.TerraformResourceLifecycle{CreateBeforeDestroy: jsii.Bool(true)},
	})
	return subnetGroup, params.Name()
}

// addMasterSecret declares the ephemeral password and writes it into a
// secret encrypted with the region's key (the origin only).
func (c *Cluster) addMasterSecret() {
	p := c.Props
	replicas := slices.Sorted(slices.Values(p.SecretReplicaRegions))
	c.secret = mastersecret.New(c.Construct, mastersecret.Props{
		Name:               p.Name,
		SecretName:         p.SecretName,
		Description:        "Master credentials of the Aurora PostgreSQL global database " + *p.GlobalClusterIdentifier + " (written write-only: never in Terraform state)",
		KmsKeyArn:          c.KmsKeyArn,
		ReplicaRegions:     slices.Compact(replicas),
		RecoveryWindowDays: *p.SecretRecoveryWindowDays,
		Username:           p.MasterUsername,
		Engine:             "postgres",
		DatabaseName:       p.DatabaseName,
		Port:               port,
		CredentialsVersion: p.CredentialsVersion,
		WriteOnlyVersion:   p.CredentialsVersion,
		Writes:             !c.Secondary(),
		NotWriting:         p.Region + " does not write now (" + p.WriterRegion + " does): a secondary cluster refuses a new master password; deploy the version last deployed, and rotate after switching back.",
	})
	c.SecretArn = c.secret.Arn
}

// addCluster renders the member the same whatever its role: the roles
// are swapped by the RDS API, and the deploy that follows changes nothing
// here. Only the origin carries the master user and database it was
// created with (the provider reads them back from every member).
func (c *Cluster) addCluster(subnetGroup, paramGroup *string) {
	p := c.Props
	conf := &rdscluster.RdsClusterConfig{
		ClusterIdentifier:                jsii.String(p.Name),
		GlobalClusterIdentifier:          p.GlobalClusterIdentifier,
		Engine:                           jsii.String(engine),
		EngineVersion:                    jsii.String(p.EngineVersion),
		DbSubnetGroupName:                subnetGroup,
		VpcSecurityGroupIds:              jsii.Strings(*c.SecurityGroupId),
		DbClusterParameterGroupName:      paramGroup,
		Port:                             jsii.Number(dbnet.Port),
		StorageEncrypted:                 true,
		KmsKeyId:                         c.KmsKeyArn,
		IamDatabaseAuthenticationEnabled: true,
		BackupRetentionPeriod:            jsii.Number(float64(*p.BackupRetentionDays)),
		PreferredBackupWindow:            jsii.String(p.BackupWindow),
		PreferredMaintenanceWindow:       jsii.String(p.MaintenanceWindow),
		CopyTagsToSnapshot:               true,
		EnabledCloudwatchLogsExports:     jsii.Strings(p.LogExports...),
		DeletionProtection:               !p.DisableDeletionProtection,
		SkipFinalSnapshot:                p.SkipFinalSnapshot,
		// A secondary reports the writer's ARN as its replication source
		// (every member, once roles have moved); clearing it would detach
		// the member from the global database.
		Lifecycle: &cdktf.TerraformResourceLifecycle{IgnoreChanges: &[]*string{jsii.String("replication_source_identifier")}},
	}
	if !p.SkipFinalSnapshot {
		conf.FinalSnapshotIdentifier = jsii.String(p.Name + "-final")
	}
	if p.Origin {
		conf.MasterUsername = jsii.String(p.MasterUsername)
		conf.DatabaseName = jsii.String(p.DatabaseName)
	}
	c.Cluster = rdscluster.NewRdsCluster(c.Construct, jsii.String("cluster"), conf)
	if p.Origin {
		c.secret.SetPassword(c.Cluster, "master_password")
	}
	c.Arn, c.Endpoint, c.ReaderEndpoint = c.Cluster.Arn(), c.Cluster.Endpoint(), c.Cluster.ReaderEndpoint()
}

// addInstances creates the cluster's instances, "<Name>-1" to "<Name>-n":
// Aurora spreads them over the subnet group's AZs and promotes a reader
// when the writer's AZ fails. Minor versions are the global cluster's to
// change (auto minor version upgrade does not apply to global databases).
func (c *Cluster) addInstances(subnetGroup *string) {
	p := c.Props
	if *p.Instances == 0 {
		return
	}
	c.Instances = rdsclusterinstance.NewRdsClusterInstance(c.Construct, jsii.String("instances"), &rdsclusterinstance.RdsClusterInstanceConfig{
		Count:                              jsii.Number(float64(*p.Instances)),
		Identifier:                         jsii.String(p.Name + "-${count.index + 1}"),
		ClusterIdentifier:                  c.Cluster.Id(),
		Engine:                             jsii.String(engine),
		InstanceClass:                      jsii.String(p.InstanceClass),
		DbSubnetGroupName:                  subnetGroup,
		PubliclyAccessible:                 false,
		AutoMinorVersionUpgrade:            false,
		PerformanceInsightsEnabled:         true,
		PerformanceInsightsKmsKeyId:        c.KmsKeyArn,
		PerformanceInsightsRetentionPeriod: jsii.Number(float64(p.PerformanceInsightsRetentionDays)),
		MonitoringInterval:                 jsii.Number(float64(*p.MonitoringInterval)),
		MonitoringRoleArn:                  p.MonitoringRoleArn,
		CopyTagsToSnapshot:                 true,
	})
}
