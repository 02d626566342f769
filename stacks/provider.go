package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
)

// Every stack gets the same constraints, those of the database's
// write-only password (replicatedpostgres): provider 5.100 or later 5.x,
// replacing the bindings' exact "5.84.0" pin, and Terraform 1.11 (the S3
// backend's native lock file alone needs 1.10).
const (
	providerVersion  = replicatedpostgres.RequiredProviderVersion
	terraformVersion = replicatedpostgres.RequiredTerraformVersion
)

// newProvider configures the stack's single AWS provider: its region, the
// app's default tags, and an endpoint override when one is configured.
func newProvider(stack cdktf.TerraformStack, cfg *Config, region, endpoint string) provider.AwsProvider {
	tags := map[string]*string{
		"app":         jsii.String(cfg.App),
		"environment": jsii.String(cfg.Environment),
		"managed-by":  jsii.String("multiregion"),
	}
	for k, v := range cfg.Tags {
		tags[k] = jsii.String(v)
	}
	conf := &provider.AwsProviderConfig{
		Region:      jsii.String(region),
		DefaultTags: &[]*provider.AwsProviderDefaultTags{{Tags: &tags}},
	}
	if endpoint != "" {
		e := jsii.String(endpoint)
		conf.Endpoints = &[]*provider.AwsProviderEndpoints{{
			Acm: e, Cloudwatch: e, Ec2: e, Elbv2: e, Globalaccelerator: e,
			Iam: e, Kms: e, Logs: e, Networkmonitor: e, Rds: e, Route53: e, S3: e, Secretsmanager: e, Sns: e, Sts: e,
		}}
		conf.SkipCredentialsValidation = true
		conf.SkipMetadataApiCheck = jsii.String("true")
		conf.S3UsePathStyle = true
	}
	p := provider.NewAwsProvider(stack, jsii.String("aws"), conf)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(providerVersion))
	stack.AddOverride(jsii.String("terraform.required_version"), jsii.String(terraformVersion))
	return p
}
