package flowlogs

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrole"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/iamrolepolicy"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// DeliveryRoleProps configures a DeliveryRole.
type DeliveryRoleProps struct {
	// Name is the role's name (unique in the account).
	// Default: the construct id.
	Name string

	// Targets are the flow logs the role delivers for, one per region, named
	// as they are given to flowlogs.New. Required: at least one.
	Targets []DeliveryTarget

	// AccountId is the 12-digit AWS account; the trust policy's
	// aws:SourceAccount / aws:SourceArn conditions and the log-group ARNs
	// name it.
	// Default: looked up with data.aws_caller_identity in the role's stack.
	AccountId string
}

// DeliveryTarget is the flow logs of one region: the same Region, Name and
// LogGroupPrefix as the flowlogs.Props of that region. The role may write
// to both groups under the prefix (<prefix>/vpc-flow-logs and
// <prefix>/tgw-flow-logs) and to no other.
type DeliveryTarget struct {
	// Region is the flow logs' region. Required.
	Region string
	// Name is the resolved flowlogs Props.Name (flowlogs.New defaults it to
	// its construct id; pass that id here). Required.
	Name string
	// LogGroupPrefix is the flowlogs Props.LogGroupPrefix.
	// Default: "/multiregion/" + Name, as in flowlogs.New.
	LogGroupPrefix string
}

// DeliveryRole is a flow-log delivery role shared by the flow logs of
// several regions, made once in a stack off the failover path (IAM is
// global; its control plane is in us-east-1).
type DeliveryRole struct {
	// Construct holds the resources.
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props DeliveryRoleProps
	// Name is the role's name, known at synth: other stacks build its ARN
	// from it (arn:<partition>:iam::<account>:role/<Name>) without a
	// cross-stack reference.
	Name string
	// Arn is the role's ARN (a reference within this stack).
	Arn *string
}

// iamRoleName: 1-64 of IAM's role-name characters.
var iamRoleName = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,64}$`)

// withDefaults resolves every zero value to its documented default.
func (p DeliveryRoleProps) withDefaults(id string) DeliveryRoleProps {
	if p.Name == "" {
		p.Name = id
	}
	targets := make([]DeliveryTarget, len(p.Targets))
	for i, t := range p.Targets {
		if t.LogGroupPrefix == "" && t.Name != "" {
			t.LogGroupPrefix = defaultPrefix(t.Name)
		}
		targets[i] = t
	}
	p.Targets = targets
	return p
}

func (p DeliveryRoleProps) validate(probs *validate.Problems) {
	if !iamRoleName.MatchString(p.Name) {
		probs.Addf("Name", "%q must be 1-64 letters, digits or +=,.@_- (it names an IAM role)", p.Name)
	}
	if len(p.Targets) == 0 {
		probs.Addf("Targets", "at least one target (the region and name given to flowlogs.New) is required")
	}
	seen := map[string]int{}
	for i, t := range p.Targets {
		at := fmt.Sprintf("Targets[%d]", i)
		awsrules.Region(probs, at+".Region", t.Region)
		if t.Name == "" {
			probs.Addf(at+".Name", "is required (the flowlogs Props.Name, or its construct id)")
		}
		if t.LogGroupPrefix != "" && !validPrefix(t.LogGroupPrefix) {
			probs.Addf(at+".LogGroupPrefix", "%q %s", t.LogGroupPrefix, prefixRule)
		}
		key := t.Region + " " + t.LogGroupPrefix
		if j, dup := seen[key]; dup {
			probs.Addf(at, "repeats Targets[%d] (same region and log group prefix)", j)
		}
		seen[key] = i
	}
	if p.AccountId != "" {
		awsrules.AccountID(probs, "AccountId", p.AccountId)
	}
}

// NewDeliveryRole validates props and creates one flow-log delivery role
// for the targets' log groups: trusted by vpc-flow-logs.amazonaws.com for
// this account's flow logs in the targets' regions only, allowed to write
// log streams and events to those groups only. Pass its ARN (or one built
// from Name) as Props.RoleArn of each region's flowlogs.New.
func NewDeliveryRole(scope constructs.Construct, id string, props DeliveryRoleProps) (*DeliveryRole, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	r := &DeliveryRole{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props, Name: props.Name}
	partition := *dataawspartition.NewDataAwsPartition(r.Construct, jsii.String("partition"), nil).Partition()
	account := props.AccountId
	if account == "" {
		account = *dataawscalleridentity.NewDataAwsCallerIdentity(r.Construct, jsii.String("account"), nil).AccountId()
	}
	var regions []string
	byRegion := map[string][]string{}
	for _, t := range props.Targets {
		if byRegion[t.Region] == nil {
			regions = append(regions, t.Region)
		}
		byRegion[t.Region] = append(byRegion[t.Region], groupNames(t.LogGroupPrefix, true)...)
	}
	sort.Strings(regions)
	in := make([]groupsIn, len(regions))
	for i, region := range regions {
		in[i] = groupsIn{region, byRegion[region]}
	}
	role := iamrole.NewIamRole(r.Construct, jsii.String("role"), &iamrole.IamRoleConfig{
		Name:             jsii.String(props.Name),
		Description:      jsii.String("Writes VPC and Transit Gateway flow logs to their log groups"),
		AssumeRolePolicy: jsii.String(trustPolicy(partition, account, regions)),
	})
	iamrolepolicy.NewIamRolePolicy(r.Construct, jsii.String("role-policy"), &iamrolepolicy.IamRolePolicyConfig{
		Name:   jsii.String("write-flow-logs"),
		Role:   role.Id(),
		Policy: jsii.String(writePolicy(partition, account, in)),
	})
	r.Arn = role.Arn()
	return r, nil
}
