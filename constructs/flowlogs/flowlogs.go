package flowlogs

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchloggroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchquerydefinition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/flowlog"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/logkey"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// FlowLogs is a region's VPC (and optionally Transit Gateway) flow logs.
type FlowLogs struct {
	// Construct is the scope holding the resources (a named field: jsii
	// cannot use a Go struct embedding a construct as a scope).
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props Props

	// VpcLogGroupName and TgwLogGroupName are plain strings, known at
	// synth, so dashboards can name them in SOURCE without references.
	// TgwLogGroupName is empty without a Transit Gateway.
	VpcLogGroupName string
	TgwLogGroupName string
	// KmsKeyArn is the key encrypting both log groups.
	KmsKeyArn *string
	// RoleArn is the role the flow logs write with.
	RoleArn *string
	// QueryNames lists the saved Logs Insights queries, in creation order.
	QueryNames []string
}

// New validates props and creates the flow logs under scope. All problems
// are reported together, prefixed with the construct path, before any
// resource is created.
func New(scope constructs.Construct, id string, props Props) (*FlowLogs, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	f := &FlowLogs{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props}
	groups := groupNames(props.LogGroupPrefix, props.TransitGatewayId != nil)
	f.VpcLogGroupName = groups[0]
	if len(groups) > 1 {
		f.TgwLogGroupName = groups[1]
	}
	a := arns{
		partition: *dataawspartition.NewDataAwsPartition(f.Construct, jsii.String("partition"), nil).Partition(),
		region:    props.Region,
		account:   props.AccountId,
	}
	if a.account == "" {
		a.account = *dataawscalleridentity.NewDataAwsCallerIdentity(f.Construct, jsii.String("account"), nil).AccountId()
	}

	key := logkey.New(f.Construct, "key", logkey.Props{
		Description:        "Encrypts the flow log groups under " + props.LogGroupPrefix,
		Alias:              "alias/" + props.Name + "-flow-logs",
		DeletionWindowDays: props.KmsDeletionWindowDays,
		Partition:          a.partition, Region: a.region, Account: a.account,
		LogGroups: props.LogGroupPrefix + "/*",
	})
	f.KmsKeyArn = key.Arn()

	// With a role made elsewhere (NewDeliveryRole), this stack holds no IAM
	// resource, so its deploys never call IAM.
	var after *[]cdktf.ITerraformDependable
	f.RoleArn = props.RoleArn
	if f.RoleArn == nil {
		role := iamrole.NewIamRole(f.Construct, jsii.String("role"), &iamrole.IamRoleConfig{
			Name:             jsii.String(props.Name + "-flow-logs"),
			Description:      jsii.String("Writes VPC and Transit Gateway flow logs to " + props.LogGroupPrefix),
			AssumeRolePolicy: jsii.String(trustPolicy(a.partition, a.account, []string{a.region})),
		})
		rolePolicy := iamrolepolicy.NewIamRolePolicy(f.Construct, jsii.String("role-policy"), &iamrolepolicy.IamRolePolicyConfig{
			Name:   jsii.String("write-flow-logs"),
			Role:   role.Id(),
			Policy: jsii.String(writePolicy(a.partition, a.account, []groupsIn{{a.region, groups}})),
		})
		f.RoleArn = role.Arn()
		// A flow log created before its role may write fails delivery until
		// the policy propagates; order them explicitly.
		after = &[]cdktf.ITerraformDependable{rolePolicy}
	}

	vpcGroup := f.logGroup("vpc-log-group", f.VpcLogGroupName, key)
	flowlog.NewFlowLog(f.Construct, jsii.String("vpc-flow-log"), &flowlog.FlowLogConfig{
		VpcId:                  props.VpcId,
		TrafficType:            jsii.String("ALL"),
		LogDestinationType:     jsii.String("cloud-watch-logs"),
		LogDestination:         vpcGroup.Arn(),
		IamRoleArn:             f.RoleArn,
		LogFormat:              jsii.String(literal(VpcLogFormat)),
		MaxAggregationInterval: jsii.Number(float64(props.VpcAggregationSeconds)),
		Tags:                   &map[string]*string{"Name": jsii.String(props.Name + "-vpc")},
		DependsOn:              after,
	})
	f.query("query-vpc-top-talkers", "vpc-top-talkers", VpcTopTalkersQuery(Filter{}), vpcGroup)
	f.query("query-rejected", "rejected", RejectedQuery(Filter{}), vpcGroup)
	if props.TransitGatewayId == nil {
		return f, nil
	}

	tgwGroup := f.logGroup("tgw-log-group", f.TgwLogGroupName, key)
	// No traffic type: Transit Gateway flow logs take none.
	flowlog.NewFlowLog(f.Construct, jsii.String("tgw-flow-log"), &flowlog.FlowLogConfig{
		TransitGatewayId:       props.TransitGatewayId,
		LogDestinationType:     jsii.String("cloud-watch-logs"),
		LogDestination:         tgwGroup.Arn(),
		IamRoleArn:             f.RoleArn,
		LogFormat:              jsii.String(literal(TgwLogFormat)),
		MaxAggregationInterval: jsii.Number(TgwAggregationSeconds),
		Tags:                   &map[string]*string{"Name": jsii.String(props.Name + "-tgw")},
		DependsOn:              after,
	})
	f.query("query-top-talkers", "tgw-top-talkers", TopTalkersQuery(Filter{}), tgwGroup)
	f.query("query-dropped", "tgw-dropped", DroppedQuery(Filter{}), tgwGroup)
	f.query("query-bandwidth", "tgw-bandwidth", BandwidthQuery(Filter{}), tgwGroup)
	return f, nil
}

func (f *FlowLogs) logGroup(id, name string, key kmskey.KmsKey) cloudwatchloggroup.CloudwatchLogGroup {
	return cloudwatchloggroup.NewCloudwatchLogGroup(f.Construct, jsii.String(id), &cloudwatchloggroup.CloudwatchLogGroupConfig{
		Name:            jsii.String(name),
		RetentionInDays: jsii.Number(float64(*f.Props.RetentionDays)),
		KmsKeyId:        key.Arn(),
	})
}

// query saves a Logs Insights query under the construct's name, so the
// console lists them in one folder. The group is referenced (not named as a
// string) so the query is created after it.
func (f *FlowLogs) query(id, name, text string, group cloudwatchloggroup.CloudwatchLogGroup) {
	full := f.Props.Name + "/" + name
	cloudwatchquerydefinition.NewCloudwatchQueryDefinition(f.Construct, jsii.String(id), &cloudwatchquerydefinition.CloudwatchQueryDefinitionConfig{
		Name:          jsii.String(full),
		QueryString:   jsii.String(text),
		LogGroupNames: &[]*string{group.Name()},
	})
	f.QueryNames = append(f.QueryNames, full)
}

// groupNames are the flow-log group names under prefix: the VPC's, then the
// Transit Gateway's when there is one.
func groupNames(prefix string, tgw bool) []string {
	names := []string{prefix + "/vpc-flow-logs"}
	if tgw {
		names = append(names, prefix+"/tgw-flow-logs")
	}
	return names
}
