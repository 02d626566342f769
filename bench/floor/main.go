// Command floor is the benchmark's floor: a cdktf app that only starts the
// jsii runtime, loads the AWS provider bindings and synthesizes one stack
// with one provider. Every real app pays at least this.
package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

func main() {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("floor"))
	provider.NewAwsProvider(stack, jsii.String("aws"), &provider.AwsProviderConfig{Region: jsii.String("us-east-1")})
	app.Synth()
	jsii.Close()
}
