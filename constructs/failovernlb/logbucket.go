package failovernlb

import (
	"encoding/json"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucket"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketownershipcontrols"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketpublicaccessblock"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketserversideencryptionconfiguration"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/s3bucketversioning"
)

// logBucket is a private S3 bucket that AWS log delivery
// (delivery.logs.amazonaws.com, used by NLB access logs and Global
// Accelerator flow logs) writes to, encrypted with its own KMS key.
//
// Why SSE-KMS with a customer managed key: both services accept SSE-S3 or
// SSE-KMS with a customer managed key whose policy lets the delivery
// service use it (an AWS managed key cannot carry that grant). A dedicated
// key keeps the log readers' permissions separate from every other key.
type logBucket struct {
	Name   *string
	Arn    *string
	KeyArn *string
	// Policy must exist before the service is pointed at the bucket: ELB
	// tests its write permission when access logs are enabled.
	Policy s3bucketpolicy.S3BucketPolicy
}

// newLogBucket creates the key, the bucket and its policies under scope.
// namePrefix becomes the bucket's name prefix (a random suffix keeps bucket
// names globally unique); logPrefix is the key prefix the service writes to.
func newLogBucket(scope constructs.Construct, account, namePrefix, logPrefix string, tags *map[string]*string) logBucket {
	if account == "" {
		account = *dataawscalleridentity.NewDataAwsCallerIdentity(scope, jsii.String("caller"), &dataawscalleridentity.DataAwsCallerIdentityConfig{}).AccountId()
	}
	partition := *dataawspartition.NewDataAwsPartition(scope, jsii.String("partition"), &dataawspartition.DataAwsPartitionConfig{}).Partition()

	key := kmskey.NewKmsKey(scope, jsii.String("logs-key"), &kmskey.KmsKeyConfig{
		Description:          jsii.String("Encrypts " + namePrefix + " log delivery"),
		EnableKeyRotation:    true,
		DeletionWindowInDays: jsii.Number(30),
		Policy:               jsii.String(keyPolicy(partition, account)),
		Tags:                 tags,
	})
	bucket := s3bucket.NewS3Bucket(scope, jsii.String("logs"), &s3bucket.S3BucketConfig{
		BucketPrefix: jsii.String(namePrefix),
		Tags:         tags,
	})
	s3bucketserversideencryptionconfiguration.NewS3BucketServerSideEncryptionConfigurationA(scope, jsii.String("logs-encryption"), &s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationAConfig{
		Bucket: bucket.Id(),
		Rule: []*s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleA{{
			ApplyServerSideEncryptionByDefault: &s3bucketserversideencryptionconfiguration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA{
				SseAlgorithm:   jsii.String("aws:kms"),
				KmsMasterKeyId: key.Arn(),
			},
			BucketKeyEnabled: true,
		}},
	})
	// Versioning keeps delivered logs from being silently overwritten.
	s3bucketversioning.NewS3BucketVersioningA(scope, jsii.String("logs-versioning"), &s3bucketversioning.S3BucketVersioningAConfig{
		Bucket:                  bucket.Id(),
		VersioningConfiguration: &s3bucketversioning.S3BucketVersioningVersioningConfiguration{Status: jsii.String("Enabled")},
	})
	s3bucketpublicaccessblock.NewS3BucketPublicAccessBlock(scope, jsii.String("logs-public-access"), &s3bucketpublicaccessblock.S3BucketPublicAccessBlockConfig{
		Bucket:                bucket.Id(),
		BlockPublicAcls:       true,
		BlockPublicPolicy:     true,
		IgnorePublicAcls:      true,
		RestrictPublicBuckets: true,
	})
	s3bucketownershipcontrols.NewS3BucketOwnershipControls(scope, jsii.String("logs-ownership"), &s3bucketownershipcontrols.S3BucketOwnershipControlsConfig{
		Bucket: bucket.Id(),
		Rule:   &s3bucketownershipcontrols.S3BucketOwnershipControlsRule{ObjectOwnership: jsii.String("BucketOwnerEnforced")},
	})
	policy := s3bucketpolicy.NewS3BucketPolicy(scope, jsii.String("logs-policy"), &s3bucketpolicy.S3BucketPolicyConfig{
		Bucket: bucket.Id(),
		Policy: jsii.String(bucketPolicy(*bucket.Arn(), logPrefix, account)),
	})
	return logBucket{Name: bucket.Bucket(), Arn: bucket.Arn(), KeyArn: key.Arn(), Policy: policy}
}

type statement struct {
	Sid       string         `json:"Sid"`
	Effect    string         `json:"Effect"`
	Principal any            `json:"Principal"`
	Action    any            `json:"Action"`
	Resource  any            `json:"Resource"`
	Condition map[string]any `json:"Condition,omitempty"`
}

func policyJSON(stmts ...statement) string {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	if err != nil {
		panic(err) // plain strings and maps always marshal
	}
	return string(b)
}

func fromAccount(account string) map[string]any {
	return map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}
}

// keyPolicy keeps the account in control of the key and lets log delivery
// encrypt with it, only on behalf of this account.
func keyPolicy(partition, account string) string {
	return policyJSON(
		statement{Sid: "AccountAdministers", Effect: "Allow",
			Principal: map[string]string{"AWS": "arn:" + partition + ":iam::" + account + ":root"},
			Action:    "kms:*", Resource: "*"},
		statement{Sid: "LogDeliveryEncrypts", Effect: "Allow",
			Principal: map[string]string{"Service": "delivery.logs.amazonaws.com"},
			Action:    []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"},
			Resource:  "*", Condition: fromAccount(account)},
	)
}

// bucketPolicy is the AWS-documented log delivery policy (ACL check plus
// writes under <prefix>/AWSLogs/<account>/), scoped to this account, plus a
// deny of plain-HTTP access.
func bucketPolicy(bucketArn, logPrefix, account string) string {
	write := fromAccount(account)
	write["StringEquals"].(map[string]any)["s3:x-amz-acl"] = "bucket-owner-full-control"
	return policyJSON(
		statement{Sid: "AWSLogDeliveryAclCheck", Effect: "Allow",
			Principal: map[string]string{"Service": "delivery.logs.amazonaws.com"},
			Action:    "s3:GetBucketAcl", Resource: bucketArn, Condition: fromAccount(account)},
		statement{Sid: "AWSLogDeliveryWrite", Effect: "Allow",
			Principal: map[string]string{"Service": "delivery.logs.amazonaws.com"},
			Action:    "s3:PutObject", Resource: bucketArn + "/" + logPrefix + "/AWSLogs/" + account + "/*", Condition: write},
		statement{Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
			Resource:  []string{bucketArn, bucketArn + "/*"},
			Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}},
	)
}
