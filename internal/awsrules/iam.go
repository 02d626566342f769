package awsrules

import "regexp"

// roleArn matches an IAM role ARN in any partition (the name may carry a
// path).
var roleArn = regexp.MustCompile(`^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$`)

// IsRoleArn reports whether s is an IAM role ARN.
func IsRoleArn(s string) bool { return roleArn.MatchString(s) }
