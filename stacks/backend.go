package stacks

import (
	"path/filepath"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// addBackend gives the stack its own state, named after the stack. Local
// paths are made absolute so that the stack's cdktf.out directory and the
// cross-stack remote-state reads agree wherever Terraform runs.
func addBackend(stack cdktf.TerraformStack, b Backend, name string) {
	switch b.Type {
	case "s3":
		conf := &cdktf.S3BackendConfig{
			Bucket:  jsii.String(b.Bucket),
			Key:     jsii.String(b.KeyPrefix + "/" + name + ".tfstate"),
			Region:  jsii.String(b.Region),
			Encrypt: jsii.Bool(true),
		}
		if b.KmsKeyID != "" {
			conf.KmsKeyId = jsii.String(b.KmsKeyID)
		}
		if b.Locking == "dynamodb" {
			conf.DynamodbTable = jsii.String(b.DynamoDBTable)
		}
		if b.Endpoint != "" {
			conf.Endpoints = &cdktf.S3BackendEndpointConfig{S3: jsii.String(b.Endpoint), Sts: jsii.String(b.Endpoint), Iam: jsii.String(b.Endpoint)}
			conf.UsePathStyle = jsii.Bool(true)
			conf.SkipCredentialsValidation = jsii.Bool(true)
			conf.SkipMetadataApiCheck = jsii.Bool(true)
			conf.SkipRequestingAccountId = jsii.Bool(true)
		}
		cdktf.NewS3Backend(stack, conf)
		if b.Locking == "lockfile" {
			// The 0.20 bindings predate S3-native locking (Terraform 1.10+).
			stack.AddOverride(jsii.String("terraform.backend.s3.use_lockfile"), jsii.Bool(true))
		}
	default:
		dir := b.Path
		if !filepath.IsAbs(dir) {
			if abs, err := filepath.Abs(dir); err == nil {
				dir = abs
			}
		}
		cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String(filepath.Join(dir, name+".tfstate"))})
	}
}
