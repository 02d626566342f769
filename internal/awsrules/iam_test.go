package awsrules

import "testing"

func TestIsRoleArn(t *testing.T) {
	for s, want := range map[string]bool{
		"arn:aws:iam::123456789012:role/shop-rds-monitoring":       true,
		"arn:aws-cn:iam::123456789012:role/service-role/flow-logs": true,
		"arn:aws:iam::12345:role/short-account":                    false,
		"arn:aws:iam::123456789012:user/not-a-role":                false,
		"monitoring":                      false,
		"arn:aws:iam::123456789012:role/": false,
	} {
		if got := IsRoleArn(s); got != want {
			t.Errorf("IsRoleArn(%q) = %v, want %v", s, got, want)
		}
	}
}
