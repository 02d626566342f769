package monitoring

import "encoding/json"

type statement struct {
	Sid       string                       `json:"Sid"`
	Effect    string                       `json:"Effect"`
	Principal map[string]string            `json:"Principal"`
	Action    []string                     `json:"Action"`
	Resource  string                       `json:"Resource"`
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

func policy(stmts ...statement) string {
	out, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	if err != nil {
		panic(err) // strings and maps only
	}
	return string(out)
}

// keyPolicy lets the account administer the topic key, and CloudWatch
// (publishing alarm notifications) and SNS (delivering them) use it. Without
// the CloudWatch statement, alarms cannot publish to an encrypted topic.
func keyPolicy(partition, account string) string {
	return policy(
		statement{Sid: "AccountAdministers", Effect: "Allow", Principal: map[string]string{"AWS": "arn:" + partition + ":iam::" + account + ":root"},
			Action: []string{"kms:*"}, Resource: "*"},
		statement{Sid: "CloudWatchAlarmsEncrypt", Effect: "Allow", Principal: map[string]string{"Service": "cloudwatch.amazonaws.com"},
			Action: []string{"kms:Decrypt", "kms:GenerateDataKey*"}, Resource: "*"},
	)
}

// topicPolicy lets the account manage the topic and only this account's
// alarms in this region publish to it.
func topicPolicy(partition, region, account, topicArn string) string {
	return policy(
		statement{Sid: "AccountManages", Effect: "Allow", Principal: map[string]string{"AWS": "arn:" + partition + ":iam::" + account + ":root"},
			Action: []string{"sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
				"sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"},
			Resource: topicArn},
		statement{Sid: "CloudWatchAlarmsPublish", Effect: "Allow", Principal: map[string]string{"Service": "cloudwatch.amazonaws.com"},
			Action: []string{"sns:Publish"}, Resource: topicArn,
			Condition: map[string]map[string]string{
				"StringEquals": {"aws:SourceAccount": account},
				"ArnLike":      {"aws:SourceArn": "arn:" + partition + ":cloudwatch:" + region + ":" + account + ":alarm:*"},
			}},
	)
}
