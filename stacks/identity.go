package stacks

import (
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/flowlogs"
	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/internal/awsrules"
)

// IAMStackName is the ID of the stack holding the IAM roles the region
// stacks use. IAM is global and its control plane is in us-east-1, and a
// deploy refreshes every IAM resource of its stack; so no region stack
// holds one (a failover deploy must not need us-east-1). The roles are
// made here once, deployed first, and referenced from the region stacks
// by ARN strings, not cross-stack references: a region stack reads
// nothing of this stack, not even its state.
const IAMStackName = "iam"

// IAMStack holds the shared IAM roles.
type IAMStack struct {
	Stack    cdktf.TerraformStack
	Provider provider.AwsProvider
	// FlowLogsRole delivers every region's flow logs (nil without
	// Observability).
	FlowLogsRole *flowlogs.DeliveryRole
	// MonitoringRole is RDS enhanced monitoring's (nil without a database).
	MonitoringRole *replicatedpostgres.MonitoringRole

	partition, account string
}

func (c *Config) needsIAMStack() bool {
	return c.Observability != nil || c.Database != nil || c.GlobalDatabase != nil
}

// addIAM creates the iam stack with the roles the parts need, and makes
// every region stack depend on it (deploy order only).
func addIAM(app constructs.Construct, d *Deployment, ps *problems) {
	cfg := d.Config
	if !cfg.needsIAMStack() {
		return
	}
	s := compositionStack(app, IAMStackName, cfg.stackProps(cfg.Global.Region, cfg.Global.Endpoint), ps, stackFields("Global.Region", "Global.Endpoint"))
	if s == nil {
		return
	}
	partition, _ := awsrules.Partition(cfg.Global.Region) // compositionStack checked the region
	iam := &IAMStack{Stack: s.Stack, Provider: s.Provider, partition: partition, account: cfg.AccountId}
	var err error
	if cfg.Observability != nil {
		var targets []flowlogs.DeliveryTarget
		for _, rs := range d.Regions {
			targets = append(targets, flowlogs.DeliveryTarget{Region: rs.Region.Name, Name: flowLogsName(cfg, rs)})
		}
		iam.FlowLogsRole, err = flowlogs.NewDeliveryRole(s.Stack, "flow-logs-role", flowlogs.DeliveryRoleProps{
			Name: cfg.App + "-flow-logs", AccountId: cfg.AccountId, Targets: targets,
		})
		if err != nil {
			ps.construct(err, fieldMap{"Name": "App", "AccountId": "AccountId"})
		}
	}
	if cfg.Database != nil || cfg.GlobalDatabase != nil {
		iam.MonitoringRole, err = replicatedpostgres.NewMonitoringRole(s.Stack, "rds-monitoring-role", replicatedpostgres.MonitoringRoleProps{
			Name: cfg.App + "-rds-monitoring",
		})
		if err != nil {
			ps.construct(err, fieldMap{"Name": "App"})
		}
	}
	for _, rs := range d.Regions {
		rs.Stack.AddDependency(s.Stack)
	}
	d.IAM = iam
}

// roleArn is a role's ARN built from its name, for another stack: no
// cross-stack reference, so a region stack never reads the iam stack.
func (i *IAMStack) roleArn(name string) *string {
	arn := fmt.Sprintf("arn:%s:iam::%s:role/%s", i.partition, i.account, name)
	return &arn
}
