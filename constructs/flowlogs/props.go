package flowlogs

// Props configures a FlowLogs construct.
type Props struct {
	// Region is the AWS region of the stack (for example "us-east-1"). The
	// KMS key policy names CloudWatch Logs' regional principal
	// logs.<region>.amazonaws.com. Required.
	Region string

	// VpcId is the VPC whose traffic is logged (a Terraform reference is
	// fine). Required.
	VpcId *string

	// TransitGatewayId adds Transit Gateway flow logs for this TGW (a
	// Terraform reference is fine).
	// Default: no Transit Gateway flow logs (and no TGW queries).
	TransitGatewayId *string

	// Name prefixes the role, key alias and saved-query names.
	// Default: the construct id.
	Name string

	// LogGroupPrefix starts both log group names: <prefix>/vpc-flow-logs and
	// <prefix>/tgw-flow-logs. The KMS key may encrypt only log groups under it.
	// Default: "/multiregion/" + Name.
	LogGroupPrefix string

	// RetentionDays is how long the log groups keep events; one of the values
	// CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...), or an
	// explicit 0 to keep them forever (as in CloudWatch Logs).
	// Default: 30.
	RetentionDays *int

	// VpcAggregationSeconds is the VPC flow logs' aggregation interval, 60 or
	// 600. Transit Gateway flow logs always aggregate over 60 seconds.
	// Default: 60 (dashboards show traffic within about a minute).
	VpcAggregationSeconds int

	// KmsDeletionWindowDays is the waiting period, 7-30 days, before the log
	// key is deleted once removed from the configuration.
	// Default: 30.
	KmsDeletionWindowDays int

	// RoleArn is the ARN of an existing delivery role, for example one made
	// with NewDeliveryRole in a stack off the failover path (IAM's control
	// plane is in us-east-1, and every deploy refreshes the IAM resources of
	// its stack). With it, the construct creates no IAM resource. A
	// Terraform reference is fine.
	// Default: the construct creates its own role in its stack.
	RoleArn *string

	// AccountId is the 12-digit AWS account the stack deploys into; the KMS
	// key policy and the role's trust policy name it.
	// Default: looked up with data.aws_caller_identity (STS, in the stack's
	// own region).
	AccountId string
}

const (
	defaultRetentionDays     = 30
	defaultAggregation       = 60
	defaultKmsDeletionWindow = 30
	// TgwAggregationSeconds is fixed by AWS for Transit Gateway flow logs.
	TgwAggregationSeconds = 60
)

// withDefaults resolves every zero value to its documented default.
func (p Props) withDefaults(id string) Props {
	if p.Name == "" {
		p.Name = id
	}
	if p.LogGroupPrefix == "" {
		p.LogGroupPrefix = defaultPrefix(p.Name)
	}
	if p.RetentionDays == nil {
		p.RetentionDays = new(defaultRetentionDays)
	}
	if p.VpcAggregationSeconds == 0 {
		p.VpcAggregationSeconds = defaultAggregation
	}
	if p.KmsDeletionWindowDays == 0 {
		p.KmsDeletionWindowDays = defaultKmsDeletionWindow
	}
	return p
}

// defaultPrefix is the log group prefix of flow logs called name.
func defaultPrefix(name string) string { return "/multiregion/" + name }
