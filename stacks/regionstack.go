package stacks

import (
	"path/filepath"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Every stack gets the same constraints, those of the database's
// write-only password (replicatedpostgres): provider 5.100 or later 5.x,
// replacing the bindings' exact "5.84.0" pin, and Terraform 1.11 (the S3
// backend's native lock file alone needs 1.10).
const (
	ProviderVersion  = replicatedpostgres.RequiredProviderVersion
	TerraformVersion = replicatedpostgres.RequiredTerraformVersion
)

// DefaultMaxRetries bounds the AWS provider's retries of a failing call
// (its own default is 25, with back-off growing to minutes): a deploy that
// cannot reach a service fails in about a minute and says which, instead
// of hanging through an outage.
const DefaultMaxRetries = 5

// StackProps configures one stack: its AWS provider and its state.
type StackProps struct {
	// Region is the provider's AWS region. Required.
	Region string
	// AccountId is the 12-digit account. The provider is told not to look
	// it up (that lookup calls IAM, served from us-east-1) and refuses
	// nothing else. Required.
	AccountId string
	// Tags are the provider's default tags, on every resource that takes
	// tags. Default: none.
	Tags map[string]string
	// Endpoint overrides every AWS API endpoint (a local emulator) and
	// relaxes the provider's credential and metadata checks for it.
	// Default: the real AWS endpoints.
	Endpoint string
	// Backend is where the stack's state lives, under the stack's ID.
	// Default: a local file state/<id>.tfstate under the app's directory.
	Backend Backend
	// MaxRetries bounds the provider's retries of one call.
	// Default: DefaultMaxRetries.
	MaxRetries int
}

// Stack is a stack with its single AWS provider and its backend.
type Stack struct {
	Stack    cdktf.TerraformStack
	Provider provider.AwsProvider
	// Region and AccountId are the provider's.
	Region, AccountId string
}

// NewStack creates a stack named id under scope (usually the app) with
// its AWS provider (region, default tags, version constraints, no account
// lookup, bounded retries, optional endpoint) and backend. Construct the
// parts of one region into s.Stack.
func NewStack(scope constructs.Construct, id string, props StackProps) (*Stack, error) {
	if err := props.check(id); err != nil {
		return nil, err
	}
	return newStack(scope, id, props), nil
}

// newStack creates the stack from checked props.
func newStack(scope constructs.Construct, id string, props StackProps) *Stack {
	stack := cdktf.NewTerraformStack(scope, jsii.String(id))
	s := &Stack{Stack: stack, Region: props.Region, AccountId: props.AccountId}
	s.Provider = newProvider(stack, "aws", props)
	props.Backend.withDefaults("").add(stack, id)
	return s
}

// compositionStack creates one of New's stacks. A problem of the stack's
// own props (tags, backend, endpoint, account) is reported and the stack
// is still made, so that the parts built on it report their problems in
// the same run; New then fails and nothing is synthesized. Only a region
// no provider can use leaves it out (nil).
func compositionStack(scope constructs.Construct, id string, props StackProps, ps *problems, fields fieldMap) *Stack {
	if err := props.check(id); err != nil {
		ps.construct(err, fields)
		if _, ok := awsrules.Partition(props.Region); !ok {
			return nil
		}
	}
	return newStack(scope, id, props)
}

// check validates props, reporting under path, and applies the defaults.
func (p *StackProps) check(path string) error {
	probs := validate.New(path)
	p.validate(probs)
	if p.MaxRetries == 0 {
		p.MaxRetries = DefaultMaxRetries
	}
	return probs.Err()
}

// constructTags are the tags constructs set on their resources, next to a
// stack's default tags.
var constructTags = []string{"Name", "multiregion:tier"}

func (p StackProps) validate(probs *validate.Problems) {
	awsrules.Region(probs, "Region", p.Region)
	awsrules.AccountID(probs, "AccountId", p.AccountId)
	awsrules.Tags(probs, "Tags", p.Tags, constructTags...)
	checkEndpoint(probs, "Endpoint", p.Endpoint)
	if p.MaxRetries < 0 {
		probs.Addf("MaxRetries", "must be 0 (the default) or more, got %d", p.MaxRetries)
	}
	p.Backend.withDefaults("").validate(probs, "Backend")
}

// newProvider adds the AWS provider for props.Region; any id but "aws"
// makes an aliased provider, alias = id.
func newProvider(stack cdktf.TerraformStack, id string, props StackProps) provider.AwsProvider {
	tags := make(map[string]*string, len(props.Tags))
	for k, v := range props.Tags {
		tags[k] = jsii.String(v)
	}
	conf := &provider.AwsProviderConfig{
		Region:     jsii.String(props.Region),
		MaxRetries: jsii.Number(float64(props.MaxRetries)),
		// No account lookup at start (IAM GetUser, then STS): the account is
		// given, and peerings name it explicitly (tgwpeering AccountId).
		SkipRequestingAccountId: true,
	}
	if len(tags) > 0 {
		conf.DefaultTags = &[]*provider.AwsProviderDefaultTags{{Tags: &tags}}
	}
	if e := props.Endpoint; e != "" {
		ep := jsii.String(e)
		conf.Endpoints = &[]*provider.AwsProviderEndpoints{{
			Acm: ep, Cloudwatch: ep, Ec2: ep, Elbv2: ep, Globalaccelerator: ep,
			Iam: ep, Kms: ep, Logs: ep, Networkmonitor: ep, Rds: ep, Route53: ep, Route53Recoverycontrolconfig: ep, S3: ep,
			Secretsmanager: ep, Sns: ep, Sts: ep,
		}}
		conf.SkipCredentialsValidation = true
		conf.SkipMetadataApiCheck = jsii.String("true")
		conf.S3UsePathStyle = true
	}
	if id != "aws" {
		conf.Alias = jsii.String(id)
	}
	p := provider.NewAwsProvider(stack, jsii.String(id), conf)
	stack.AddOverride(jsii.String("terraform.required_providers.aws.version"), jsii.String(ProviderVersion))
	stack.AddOverride(jsii.String("terraform.required_version"), jsii.String(TerraformVersion))
	return p
}

// Backend says where each stack keeps its Terraform state.
type Backend struct {
	// Type is "local" or "s3". Default: "local".
	Type string `yaml:"type"`
	// Path is the directory for local state files, relative to the app's
	// working directory (made absolute, so every stack and every
	// cross-stack read resolves it alike). Default: "state".
	Path string `yaml:"path"`
	// Bucket is the S3 bucket (type s3). Keep it outside every app region,
	// so no region's outage takes the state of the others with it.
	Bucket string `yaml:"bucket"`
	// KeyPrefix prefixes each stack's state key (type s3). Default: the app
	// name (Config) or none (StackProps).
	KeyPrefix string `yaml:"keyPrefix"`
	// Region is the bucket's region (type s3).
	Region string `yaml:"region"`
	// Locking is "lockfile" (S3-native, Terraform 1.10+), "dynamodb" or "none".
	// Default: "lockfile".
	Locking string `yaml:"locking"`
	// DynamoDBTable is the lock table when Locking is "dynamodb".
	DynamoDBTable string `yaml:"dynamodbTable"`
	// KmsKeyID encrypts state objects with a customer key. Default: SSE-S3.
	KmsKeyID string `yaml:"kmsKeyId"`
	// Endpoint overrides the S3 endpoint (the local emulator). Default: AWS.
	Endpoint string `yaml:"endpoint"`
}

func (b Backend) withDefaults(keyPrefix string) Backend {
	if b.Type == "" {
		b.Type = "local"
	}
	if b.Type == "local" && b.Path == "" {
		b.Path = "state"
	}
	if b.Type == "s3" {
		if b.KeyPrefix == "" {
			b.KeyPrefix = keyPrefix
		}
		if b.Locking == "" {
			b.Locking = "lockfile"
		}
	}
	return b
}

func (b Backend) validate(p *validate.Problems, at string) {
	switch b.Type {
	case "local":
		if b.Bucket != "" || b.Region != "" || b.DynamoDBTable != "" {
			p.Addf(at, "Bucket, Region and DynamoDBTable apply only to Type s3")
		}
	case "s3":
		awsrules.BucketName(p, at+".Bucket", b.Bucket)
		awsrules.Region(p, at+".Region", b.Region)
		switch b.Locking {
		case "lockfile", "none":
			if b.DynamoDBTable != "" {
				p.Addf(at+".DynamoDBTable", `is set but Locking is %q; set Locking to "dynamodb"`, b.Locking)
			}
		case "dynamodb":
			if b.DynamoDBTable == "" {
				p.Addf(at+".DynamoDBTable", `is required when Locking is "dynamodb"`)
			}
		default:
			p.Addf(at+".Locking", `must be "lockfile", "dynamodb" or "none", got %q`, b.Locking)
		}
		checkEndpoint(p, at+".Endpoint", b.Endpoint)
	default:
		p.Addf(at+".Type", `must be "local" or "s3", got %q`, b.Type)
	}
}

// add gives the stack its own state, named after the stack.
func (b Backend) add(stack cdktf.TerraformStack, name string) {
	if b.Type != "s3" {
		dir := b.Path
		if !filepath.IsAbs(dir) {
			if abs, err := filepath.Abs(dir); err == nil {
				dir = abs
			}
		}
		cdktf.NewLocalBackend(stack, &cdktf.LocalBackendConfig{Path: jsii.String(filepath.Join(dir, name+".tfstate"))})
		return
	}
	key := name + ".tfstate"
	if b.KeyPrefix != "" {
		key = b.KeyPrefix + "/" + key
	}
	conf := &cdktf.S3BackendConfig{
		Bucket:  jsii.String(b.Bucket),
		Key:     jsii.String(key),
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
	}
	// The backend needs no account ID; looking it up may call IAM.
	conf.SkipRequestingAccountId = jsii.Bool(true)
	cdktf.NewS3Backend(stack, conf)
	if b.Locking == "lockfile" {
		// The 0.20 bindings predate S3-native locking (Terraform 1.10+).
		stack.AddOverride(jsii.String("terraform.backend.s3.use_lockfile"), jsii.Bool(true))
	}
}
