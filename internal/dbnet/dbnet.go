// Package dbnet holds what both database constructs (replicatedpostgres,
// auroraglobal) build around a PostgreSQL database in one region: the
// region's customer key, the DB subnet group and a security group that
// admits the application on the PostgreSQL port only, and the rule for who
// may be admitted.
package dbnet

import (
	"fmt"
	"slices"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbsubnetgroup"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmsalias"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/securitygroup"

	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Port is PostgreSQL's.
const Port = 5432

// Key creates a customer key with rotation and the alias "alias/<name>"
// under scope (IDs "key" and "key-alias") and returns its ARN.
func Key(scope constructs.Construct, name, description string) *string {
	key := kmskey.NewKmsKey(scope, jsii.String("key"), &kmskey.KmsKeyConfig{
		Description:          jsii.String(description),
		EnableKeyRotation:    true,
		DeletionWindowInDays: jsii.Number(30),
	})
	kmsalias.NewKmsAlias(scope, jsii.String("key-alias"), &kmsalias.KmsAliasConfig{
		Name:        jsii.String("alias/" + name),
		TargetKeyId: key.KeyId(),
	})
	return key.Arn()
}

// Access says who may connect.
type Access struct {
	Name        string // names the subnet group and, with "-db", the security group
	Description string // the security group's
	VpcId       *string
	SubnetIds   []*string
	// AllowedCidrs (sorted, deduplicated here) and AllowedSecurityGroupIds
	// may connect on Port.
	AllowedCidrs            []string
	AllowedSecurityGroupIds []*string
}

// Network creates the subnet group and the security group (Port from the
// allowed sources only, no egress: replication does not flow through it)
// under scope (IDs "subnet-group" and "security-group") and returns the
// subnet group's name and the security group's ID.
func Network(scope constructs.Construct, a Access) (subnetGroup, securityGroupID *string) {
	sng := dbsubnetgroup.NewDbSubnetGroup(scope, jsii.String("subnet-group"), &dbsubnetgroup.DbSubnetGroupConfig{
		Name:        jsii.String(a.Name),
		Description: jsii.String("Database subnets of " + a.Name),
		SubnetIds:   &a.SubnetIds,
	})
	var ingress []*securitygroup.SecurityGroupIngress
	if len(a.AllowedCidrs) > 0 {
		cidrs := slices.Compact(slices.Sorted(slices.Values(a.AllowedCidrs)))
		ingress = append(ingress, &securitygroup.SecurityGroupIngress{
			Description: jsii.String("PostgreSQL from the application subnets"),
			Protocol:    jsii.String("tcp"), FromPort: jsii.Number(Port), ToPort: jsii.Number(Port),
			CidrBlocks: jsii.Strings(cidrs...),
		})
	}
	if len(a.AllowedSecurityGroupIds) > 0 {
		ingress = append(ingress, &securitygroup.SecurityGroupIngress{
			Description: jsii.String("PostgreSQL from the application security groups"),
			Protocol:    jsii.String("tcp"), FromPort: jsii.Number(Port), ToPort: jsii.Number(Port),
			SecurityGroups: &a.AllowedSecurityGroupIds,
		})
	}
	sg := securitygroup.NewSecurityGroup(scope, jsii.String("security-group"), &securitygroup.SecurityGroupConfig{
		Name:        jsii.String(a.Name + "-db"),
		Description: jsii.String(a.Description),
		VpcId:       a.VpcId,
		Ingress:     ingress,
		Egress:      []*securitygroup.SecurityGroupEgress{},
		Tags:        &map[string]*string{"Name": jsii.String(a.Name + "-db")},
	})
	return sng.Name(), sg.Id()
}

// ValidateAccess requires at least one allowed source and refuses a CIDR
// that is not one, or that opens the database to every address.
func ValidateAccess(probs *validate.Problems, allowedCidrs []string, allowedSecurityGroups int) {
	if len(allowedCidrs) == 0 && allowedSecurityGroups == 0 {
		probs.Addf("AllowedCidrs", "give AllowedCidrs or AllowedSecurityGroupIds: the database accepts connections only from them")
	}
	for i, c := range allowedCidrs {
		field := fmt.Sprintf("AllowedCidrs[%d]", i)
		pre, err := cidr.Parse(c)
		switch {
		case err != nil:
			probs.Addf(field, "%v", err)
		case pre.Bits() == 0:
			probs.Addf(field, "%s opens the database to every address; list the application's subnets", pre)
		}
	}
}
