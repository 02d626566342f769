// Package logkey makes the customer managed KMS key that encrypts a
// construct's CloudWatch Logs log groups, with the key policy CloudWatch
// Logs documents for it ("Encrypt log data in CloudWatch Logs using AWS Key
// Management Service"): the account administers the key, and CloudWatch
// Logs of one region may use it only for the named log groups (the
// kms:EncryptionContext:aws:logs:arn condition). flowlogs and tgwpeering's
// VPN tunnel logs share it, so their keys cannot drift apart.
package logkey

import (
	"encoding/json"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmsalias"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
)

// Props configures a log key.
type Props struct {
	// Description is the key's description. Required.
	Description string
	// Alias is the key alias, "alias/..." (regional, unique). Required.
	Alias string
	// DeletionWindowDays is the waiting period, 7-30 days, before the key
	// is deleted once removed from the configuration. Required.
	DeletionWindowDays int
	// Partition, Region and Account make the ARNs of the policy (partition
	// and account may be Terraform references). Required.
	Partition, Region, Account string
	// LogGroups is the log-group name (or ArnLike pattern, such as
	// "/multiregion/app/*") CloudWatch Logs may encrypt with the key.
	// Required.
	LogGroups string
	// Tags are the key's tags. Default: none.
	Tags *map[string]*string
}

// New creates the key under scope as id, and its alias as id + "-alias".
func New(scope constructs.Construct, id string, p Props) kmskey.KmsKey {
	key := kmskey.NewKmsKey(scope, jsii.String(id), &kmskey.KmsKeyConfig{
		Description:          jsii.String(p.Description),
		EnableKeyRotation:    true,
		DeletionWindowInDays: jsii.Number(float64(p.DeletionWindowDays)),
		Policy:               jsii.String(Policy(p.Partition, p.Region, p.Account, p.LogGroups)),
		Tags:                 p.Tags,
	})
	kmsalias.NewKmsAlias(scope, jsii.String(id+"-alias"), &kmsalias.KmsAliasConfig{
		Name:        jsii.String(p.Alias),
		TargetKeyId: key.KeyId(),
	})
	return key
}

// LogGroupArn is the ARN of a log group name (or name pattern).
func LogGroupArn(partition, region, account, name string) string {
	return "arn:" + partition + ":logs:" + region + ":" + account + ":log-group:" + name
}

type statement struct {
	Sid       string                    `json:"Sid"`
	Effect    string                    `json:"Effect"`
	Principal map[string]string         `json:"Principal,omitempty"`
	Action    []string                  `json:"Action"`
	Resource  any                       `json:"Resource,omitempty"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}

// Policy is the key policy: the account administers the key, and
// CloudWatch Logs in region may use it only for logGroups (a name or an
// ArnLike pattern).
func Policy(partition, region, account, logGroups string) string {
	out, err := json.Marshal(struct {
		Version   string      `json:"Version"`
		Statement []statement `json:"Statement"`
	}{"2012-10-17", []statement{
		{
			Sid: "AccountAdministers", Effect: "Allow",
			Principal: map[string]string{"AWS": "arn:" + partition + ":iam::" + account + ":root"},
			Action:    []string{"kms:*"}, Resource: "*",
		},
		{
			Sid: "CloudWatchLogsEncrypts", Effect: "Allow",
			Principal: map[string]string{"Service": "logs." + region + ".amazonaws.com"},
			Action:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Resource:  "*",
			Condition: map[string]map[string]any{"ArnLike": {"kms:EncryptionContext:aws:logs:arn": LogGroupArn(partition, region, account, logGroups)}},
		},
	}})
	if err != nil {
		panic(err) // only strings and maps: always encodable
	}
	return string(out)
}
