package replicatedpostgres

import (
	"encoding/json"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicyattachment"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// MonitoringRoleProps configures a MonitoringRole.
type MonitoringRoleProps struct {
	// Name is the role's name (unique in the account).
	// Default: the construct id.
	Name string
}

// MonitoringRole is an RDS enhanced-monitoring role that instances in every
// region can share (IAM is global), made once in a stack off the failover
// path.
type MonitoringRole struct {
	// Construct holds the resources.
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props MonitoringRoleProps
	// Name is the role's name, known at synth: other stacks build its ARN
	// from it (arn:<partition>:iam::<account>:role/<Name>) without a
	// cross-stack reference.
	Name string
	// Arn is the role's ARN (a reference within this stack).
	Arn *string
}

var roleNameRe = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,64}$`)

// NewMonitoringRole validates props and creates the role RDS enhanced
// monitoring assumes (trusted by monitoring.rds.amazonaws.com, with the
// AWS managed policy AmazonRDSEnhancedMonitoringRole). Pass its ARN (or one
// built from Name) as Props.MonitoringRoleArn of each instance.
func NewMonitoringRole(scope constructs.Construct, id string, props MonitoringRoleProps) (*MonitoringRole, error) {
	if props.Name == "" {
		props.Name = id
	}
	probs := validate.New(*scope.Node().Path() + "/" + id)
	if !roleNameRe.MatchString(props.Name) {
		probs.Addf("Name", "%q must be 1-64 letters, digits or +=,.@_- (it names an IAM role)", props.Name)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	r := &MonitoringRole{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props, Name: props.Name}
	r.Arn = monitoringRole(r.Construct, "role", "policy", props.Name, "RDS enhanced monitoring")
	return r, nil
}

// monitoringRole creates the role and its managed-policy attachment under
// scope and returns the role's ARN.
func monitoringRole(scope constructs.Construct, roleID, policyID, name, description string) *string {
	partition := dataawspartition.NewDataAwsPartition(scope, jsii.String("partition"), &dataawspartition.DataAwsPartitionConfig{})
	trust, _ := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "monitoring.rds.amazonaws.com"},
			"Action":    "sts:AssumeRole",
		}},
	})
	role := iamrole.NewIamRole(scope, jsii.String(roleID), &iamrole.IamRoleConfig{
		Name:             jsii.String(name),
		Description:      jsii.String(description),
		AssumeRolePolicy: jsii.String(string(trust)),
	})
	iamrolepolicyattachment.NewIamRolePolicyAttachment(scope, jsii.String(policyID), &iamrolepolicyattachment.IamRolePolicyAttachmentConfig{
		Role:      role.Name(),
		PolicyArn: jsii.String("arn:" + *partition.Partition() + ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
	})
	return role.Arn()
}
