package flowlogs

import (
	"regexp"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	// CloudWatch Logs group names: 1-512 of [.-_/#A-Za-z0-9].
	logGroupPrefix = regexp.MustCompile(`^/[A-Za-z0-9._/#-]*[A-Za-z0-9._#-]$`)
	// IAM role names allow 64 characters; the construct adds "-flow-logs".
	namePattern = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,54}$`)
)

// RetentionValues are the retention periods CloudWatch Logs accepts
// (awsrules.LogRetentionDays).
var RetentionValues = awsrules.LogRetentionDays

func (p Props) validate(probs *validate.Problems) {
	awsrules.Region(probs, "Region", p.Region)
	if p.VpcId == nil || *p.VpcId == "" {
		probs.Addf("VpcId", "is required")
	}
	if p.TransitGatewayId != nil && *p.TransitGatewayId == "" {
		probs.Addf("TransitGatewayId", "is empty; leave it nil for no Transit Gateway flow logs")
	}
	if !namePattern.MatchString(p.Name) {
		probs.Addf("Name", "%q must be 1-54 letters, digits or +=,.@_- (it names an IAM role)", p.Name)
	}
	if !validPrefix(p.LogGroupPrefix) {
		probs.Addf("LogGroupPrefix", "%q %s", p.LogGroupPrefix, prefixRule)
	}
	awsrules.LogRetention(probs, "RetentionDays", *p.RetentionDays)
	if p.VpcAggregationSeconds != 60 && p.VpcAggregationSeconds != 600 {
		probs.Addf("VpcAggregationSeconds", "must be 60 or 600, got %d", p.VpcAggregationSeconds)
	}
	if p.KmsDeletionWindowDays < 7 || p.KmsDeletionWindowDays > 30 {
		probs.Addf("KmsDeletionWindowDays", "must be 7-30, got %d", p.KmsDeletionWindowDays)
	}
	if p.RoleArn != nil && !isToken(*p.RoleArn) && !awsrules.IsRoleArn(*p.RoleArn) {
		probs.Addf("RoleArn", "%q is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); leave it nil for a role made by the construct", *p.RoleArn)
	}
	if p.AccountId != "" {
		awsrules.AccountID(probs, "AccountId", p.AccountId)
	}
}

// isToken reports whether s holds a Terraform reference, known only at
// apply: such a value is not validated.
func isToken(s string) bool { return strings.Contains(s, "${") }

const prefixRule = "must start with / and hold only letters, digits and ._/#- (no trailing or double /), at most 480 characters"

func validPrefix(prefix string) bool {
	return logGroupPrefix.MatchString(prefix) && !strings.Contains(prefix, "//") && len(prefix) <= 480
}

// ValidRetention reports whether CloudWatch Logs accepts days as a retention.
func ValidRetention(days int) bool { return awsrules.ValidLogRetention(days) }
