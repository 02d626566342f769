package stacks

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// addRegionOutputs publishes what each region stack built, so `cdktf output`
// and the deploy script can print it.
func addRegionOutputs(d *Deployment, _ *problems) {
	for _, rs := range d.Regions {
		n := rs.Network
		if n == nil {
			continue
		}
		output(rs.Stack, "vpc_id", n.VpcId, "The region's VPC ID.")
		output(rs.Stack, "vpc_cidr", jsii.String(n.Cidr), "The region's VPC CIDR.")
		output(rs.Stack, "public_subnet_ids", &n.Public.SubnetIds, "Public subnet IDs, one per AZ.")
		output(rs.Stack, "private_subnet_ids", &n.Private.SubnetIds, "Private subnet IDs, one per AZ.")
		output(rs.Stack, "database_subnet_ids", &n.Database.SubnetIds, "Database subnet IDs, one per AZ.")
	}
}

func output(stack cdktf.TerraformStack, id string, value any, description string) cdktf.TerraformOutput {
	return cdktf.NewTerraformOutput(stack, jsii.String(id), &cdktf.TerraformOutputConfig{
		Value:       value,
		Description: jsii.String(description),
	})
}
